# No silent loss and no harm: special files are neither replaced nor read, foreign files are refused untouched,
# writes to a store that is down wait and arrive, and callbacks cannot hand out another client's session.
# Every special file here is made under the test's own temporary folder ($TestDrive), never the system's.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'ServiceHelpers.ps1')
    function Get-Mode { param([string] $Path) (& stat -c '%A' $Path) }
    function New-Fifo { param([string] $Path) & mkfifo $Path; $Path }
    # A character device like /dev/zero (major 1, minor 5), made in the test's folder; root only.
    function New-ZeroDevice { param([string] $Path) & mknod $Path c 1 5; & chmod 644 $Path; $Path }
}

BeforeDiscovery {
    # -Skip is decided at discovery, so this must be known then (BeforeAll runs later).
    $canMakeDevices = $IsLinux -and ((& id -u) -eq '0')
}

Describe 'Export-SslSession writes only regular files' -Tag 'CI' -Skip:(-not $IsLinux) {
    BeforeAll { $session = Import-SslSession -Path (Join-Path $SamplesPath 'tls12-session-id.pem') }

    It 'Refuses to replace a character device, even with -Force, and leaves it a device' -Skip:(-not $canMakeDevices) {
        $device = New-ZeroDevice (Join-Path $TestDrive 'zero')
        { $session | Export-SslSession -Path $device -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'NotARegularFile,PSSslSession.Commands.ExportSslSessionCommand' -ExpectedMessage '*a character device*'
        Get-Mode $device | Should -Be 'crw-r--r--'
    }

    It 'Refuses to replace a named pipe, and leaves it a pipe' {
        $fifo = New-Fifo (Join-Path $TestDrive 'pipe')
        { $session | Export-SslSession -Path $fifo -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'NotARegularFile,PSSslSession.Commands.ExportSslSessionCommand'
        (Get-Mode $fifo)[0] | Should -Be 'p'
    }

    It 'Neither follows nor replaces a symbolic link' {
        $target = Join-Path $TestDrive 'target.txt'
        Set-Content -Path $target -Value 'keep me'
        $link = Join-Path $TestDrive 'link.pem'
        New-Item -ItemType SymbolicLink -Path $link -Target $target | Out-Null
        { $session | Export-SslSession -Path $link -Force -ErrorAction Stop } |
            Should -Throw -ErrorId 'NotARegularFile,PSSslSession.Commands.ExportSslSessionCommand' -ExpectedMessage '*symbolic link*'
        (Get-Item $link).LinkType | Should -Be 'SymbolicLink'
        Get-Content $target | Should -Be 'keep me'
    }

    It 'Still replaces a regular file with -Force' {
        $file = Join-Path $TestDrive 'regular.pem'
        Set-Content -Path $file -Value 'old'
        $session | Export-SslSession -Path $file -Force
        (Import-SslSession -Path $file).SessionId | Should -Be $session.SessionId
    }
}

Describe 'New-SslSessionStore -Path refuses files that are not its own, untouched' -Tag 'CI' -Skip:(-not $IsLinux) {
    It 'Refuses a text file without changing its permissions or content (IncompatibleSchema)' {
        $file = Join-Path $TestDrive 'notes.txt'
        Set-Content -Path $file -Value 'not a database'
        & chmod 644 $file
        { New-SslSessionStore -Path $file } | Should -Throw -ErrorId 'IncompatibleSchema,PSSslSession.Commands.NewSslSessionStoreCommand'
        Get-Mode $file | Should -Be '-rw-r--r--'
        Get-Content $file | Should -Be 'not a database'
        Test-Path "$file-journal" | Should -BeFalse
        Test-Path "$file-wal" | Should -BeFalse
    }

    It 'Refuses a device node without changing it (NotARegularFile)' -Skip:(-not $canMakeDevices) {
        $device = New-ZeroDevice (Join-Path $TestDrive 'store-device')
        { New-SslSessionStore -Path $device } | Should -Throw -ErrorId 'NotARegularFile,PSSslSession.Commands.NewSslSessionStoreCommand'
        Get-Mode $device | Should -Be 'crw-r--r--'
        Test-Path "$device-journal" | Should -BeFalse
    }

    It 'Refuses a folder (NotARegularFile)' {
        { New-SslSessionStore -Path $TestDrive } | Should -Throw -ErrorId 'NotARegularFile,PSSslSession.Commands.NewSslSessionStoreCommand'
    }

    It 'Refuses a SQLite database of another application, leaving its tables and rows as they were' {
        $file = Join-Path $TestDrive 'app.db'
        $c = [Microsoft.Data.Sqlite.SqliteConnection]::new("Data Source=$file;Pooling=False")
        $c.Open()
        try {
            $cmd = $c.CreateCommand()
            $cmd.CommandText = "CREATE TABLE users(name TEXT); INSERT INTO users VALUES('alice');"
            $null = $cmd.ExecuteNonQuery()
        }
        finally { $c.Dispose() }
        & chmod 644 $file
        { New-SslSessionStore -Path $file } | Should -Throw -ErrorId 'IncompatibleSchema,PSSslSession.Commands.NewSslSessionStoreCommand' -ExpectedMessage '*another application (tables: users)*'
        Get-Mode $file | Should -Be '-rw-r--r--'
        $c = [Microsoft.Data.Sqlite.SqliteConnection]::new("Data Source=$file;Mode=ReadOnly;Pooling=False")
        $c.Open()
        try {
            $cmd = $c.CreateCommand()
            $cmd.CommandText = "SELECT group_concat(name) FROM sqlite_master WHERE type = 'table';"
            $cmd.ExecuteScalar() | Should -Be 'users'
        }
        finally { $c.Dispose() }
    }

    It 'Opens again a store it made, with its sessions' {
        $file = Join-Path $TestDrive 'ours.db'
        $name = New-TestContextName
        try {
            $null = New-SslContext -Name $name -Store (New-SslSessionStore -Path $file)
            New-TestSession | Add-SslSession -Context $name
            Remove-SslContext -Context $name -Confirm:$false
            (New-SslContext -Name $name -Store (New-SslSessionStore -Path $file)).Count | Should -Be 1
        }
        finally { Remove-TestContext $name }
    }

    It 'Makes an empty file its store, owner-only' {
        $file = Join-Path $TestDrive 'empty.db'
        New-Item -ItemType File -Path $file | Out-Null
        $null = New-SslSessionStore -Path $file
        Get-Mode $file | Should -Be '-rw-------'
    }
}

Describe 'Import-SslSession reads with bounds' -Tag 'CI' -Skip:(-not $IsLinux) {
    It 'Refuses a named pipe at once instead of blocking (NotARegularFile)' {
        $fifo = New-Fifo (Join-Path $TestDrive 'in.pipe')
        $elapsed = Measure-Command {
            Import-SslSession -LiteralPath $fifo -ErrorVariable err -ErrorAction SilentlyContinue
        }
        $err[0].FullyQualifiedErrorId | Should -Be 'NotARegularFile,PSSslSession.Commands.ImportSslSessionCommand'
        $elapsed.TotalSeconds | Should -BeLessThan 5
    }

    It 'Refuses a device that never ends, like /dev/zero (NotARegularFile)' -Skip:(-not $canMakeDevices) {
        $device = New-ZeroDevice (Join-Path $TestDrive 'zero-in')
        Import-SslSession -LiteralPath $device -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'NotARegularFile,PSSslSession.Commands.ImportSslSessionCommand'
    }

    It 'Reads a large file without line breaks in bounded memory, as one NoPemBlock error' {
        $file = Join-Path $TestDrive 'zeros.bin'
        & truncate -s 200M $file   # sparse: 200 MiB of NUL, one endless "line"
        Import-SslSession -LiteralPath $file -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        "$($err[0])" | Should -BeLike '*holds no PEM block*over 16 MiB*'
    }

    It 'Stops at once when the pipeline is stopped in the middle of a large file' {
        $file = Join-Path $TestDrive 'zeros-stop.bin'
        & truncate -s 900M $file
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddCommand('Import-Module').AddParameter('Name', (Get-Module PSSslSession).Path).AddStatement()
            $null = $shell.AddCommand('Import-SslSession').AddParameter('LiteralPath', $file)
            $running = $shell.BeginInvoke()
            Start-Sleep -Milliseconds 300
            $elapsed = Measure-Command { $shell.Stop(); $script:ended = $running.AsyncWaitHandle.WaitOne(10000) }
            $ended | Should -BeTrue
            $elapsed.TotalSeconds | Should -BeLessThan 2
        }
        finally { $shell.Dispose() }
    }

    It 'Refuses a file over -MaxFileSize without reading it (FileTooLarge)' {
        Import-SslSession -Path (Join-Path $SamplesPath 'all.pem') -MaxFileSize 100 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'FileTooLarge,PSSslSession.Commands.ImportSslSessionCommand'
        $err[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
    }

    It 'Reads a bundle a block at a time: a bad block is reported with its line, and the others are read' {
        $lines = Get-Content (Join-Path $SamplesPath 'all.pem')
        $bad = @('-----BEGIN SSL SESSION PARAMETERS-----', 'MIIB!!!notbase64', '-----END SSL SESSION PARAMETERS-----')
        $file = Join-Path $TestDrive 'mixed.pem'
        Set-Content -Path $file -Value ($bad + $lines)
        $read = Import-SslSession -LiteralPath $file -ErrorVariable err -ErrorAction SilentlyContinue
        $read.Count | Should -Be 4
        $err.Count | Should -Be 1
        "$($err[0])" | Should -BeLike '*the block from line 1*'
    }

    It 'Follows a symbolic link to a regular file when reading' {
        $link = Join-Path $TestDrive 'samples-link.pem'
        New-Item -ItemType SymbolicLink -Path $link -Target (Join-Path $SamplesPath 'all.pem') | Out-Null
        (Import-SslSession -LiteralPath $link).Count | Should -Be 4
    }
}

Describe 'A store that is down loses nothing' -Tag 'CI' -Skip:(-not (Get-Command redis-server -ErrorAction SilentlyContinue)) {
    BeforeAll {
        $port = Get-FreePort
        $folder = Join-Path $TestDrive 'redis'
        New-Item -ItemType Directory -Path $folder | Out-Null
        $redis = Start-RedisServer -Port $port -Folder $folder
        $name = New-TestContextName
        $ctx = New-SslContext -Name $name -Store (New-SslSessionStore -Redis "127.0.0.1:$port")
    }
    AfterAll {
        # Writes still waiting when the context goes are reported as lost: expected here, Redis being down.
        Get-SslContext -Name $name -ErrorAction SilentlyContinue | Remove-SslContext -Confirm:$false -ErrorAction SilentlyContinue
        Stop-RedisServer $script:redis
    }

    It 'Keeps 5,000 sessions added during an outage, says so once, and writes every one when Redis is back' {
        Stop-RedisServer $redis
        $sessions = New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 -Count 5000 -Timeout 600
        $added = $sessions | Add-SslSession -Context $name -PassThru -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable failed -ErrorAction SilentlyContinue
        $added.Count | Should -Be 5000
        $failed | Should -BeNullOrEmpty
        $warned.Count | Should -Be 1
        "$($warned[0])" | Should -BeLike "*did not answer*5000 write(s) of this command wait*"
        (Get-SslSessionStats -Context $name).StorePending | Should -Be 5000

        # An outage of 10 s, then: back-off is capped at 1 s and the backlog is retried every 0.5 s, so the recovery is
        # seen within 1.5 s (a back-off doubling from 1 s would have tried at about 0, 1.5, 3.5 and 7.5 s and wait
        # until about 15.5 s).
        Start-Sleep -Seconds 10
        $script:redis = Start-RedisServer -Port $port -Folder $folder
        $back = [Diagnostics.Stopwatch]::StartNew()
        while ((Get-SslSessionStats -Context $name).StorePending -eq 5000 -and $back.Elapsed.TotalSeconds -lt 10) { Start-Sleep -Milliseconds 20 }
        $back.Elapsed.TotalSeconds | Should -BeLessThan 3 -Because 'the replay starts within about 1.5 s of Redis answering'
        # Then 5,000 writes one by one, which takes seconds on a busy machine.
        Wait-StoreDrained -Context $name -Seconds 60 | Should -Be 0
        (Get-SslSessionStats -Context $name).StoreDropped | Should -Be 0
        [int] (& redis-cli -p $port dbsize) | Should -Be 5000
    }

    It 'Counts and reports writes that do not fit the backlog' {
        Stop-RedisServer $script:redis
        $ctx.StoreBacklogCapacity = 10
        try {
            New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 -Count 15 -Timeout 600 |
                Add-SslSession -Context $name -WarningAction SilentlyContinue -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed.Count | Should -Be 1
            $failed[0].FullyQualifiedErrorId | Should -Be 'SessionStoreWritesDropped,PSSslSession.Commands.AddSslSessionCommand'
            "$($failed[0])" | Should -BeLike '5 write(s)*were lost*its backlog was full*'
            (Get-SslSessionStats -Context $name).StoreDropped | Should -Be 5
        }
        finally { $ctx.StoreBacklogCapacity = 100000 }
    }

    It 'Reports the writes waiting for a store that is replaced as lost, and gives none to the new store' {
        $other = New-TestContextName
        try {
            $null = New-SslContext -Name $other -Store (New-SslSessionStore -Redis "127.0.0.1:$port") -WarningAction SilentlyContinue
            New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 -Count 3 -Timeout 600 | Add-SslSession -Context $other -WarningAction SilentlyContinue
            $file = Join-Path $TestDrive 'replacement.db'
            Set-SslContext -Context $other -Store (New-SslSessionStore -Path $file) -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed.Count | Should -Be 1
            $failed[0].FullyQualifiedErrorId | Should -Be 'SessionStoreWritesDropped,PSSslSession.Commands.SetSslContextCommand'
            "$($failed[0])" | Should -BeLike '3 write(s)*given another store*'
            (Get-SslSessionStats -Context $other).StorePending | Should -Be 0
            Start-Sleep -Milliseconds 700
            Get-StoreRowCount $file | Should -Be 0
        }
        finally { Remove-TestContext $other }
    }

    It 'Reports the writes still waiting when the context is removed as lost, with no warning' {
        (Get-SslSessionStats -Context $name).StorePending | Should -BeGreaterThan 0
        $pending = (Get-SslSessionStats -Context $name).StorePending
        Remove-SslContext -Context $name -Confirm:$false -WarningVariable warned -ErrorVariable failed -ErrorAction SilentlyContinue
        $warned | Should -BeNullOrEmpty
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'SessionStoreWritesDropped,PSSslSession.Commands.RemoveSslContextCommand'
        "$($failed[0])" | Should -BeLike "$pending write(s)*were lost*removed or given another store before it answered*"
    }
}

Describe 'Store writes still waiting when PowerShell exits' -Tag 'CI' -Skip:(-not (Get-Command redis-server -ErrorAction SilentlyContinue)) {
    BeforeAll {
        $modulePath = (Get-Module PSSslSession).Path
        # The child adds sessions while its Redis is down, then (when asked) brings Redis back and exits at once.
        $child = Join-Path $TestDrive 'exit-child.ps1'
        Set-Content -Path $child -Value @'
param([string] $ModulePath, [int] $Port, [string] $Folder, [switch] $Restart)
Import-Module $ModulePath
$null = New-SslContext -Name exit-child -Store (New-SslSessionStore -Redis "127.0.0.1:$Port")
$null = & redis-cli -p $Port shutdown nosave 2>$null
New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 -Count 100 -Timeout 600 | Add-SslSession -Context exit-child -WarningAction SilentlyContinue
if ((Get-SslSessionStats -Context exit-child).StorePending -ne 100) { throw 'the writes did not wait' }
if ($Restart) {
    $null = Start-Process redis-server -ArgumentList '--port', $Port, '--bind', '127.0.0.1', '--save', '""', '--appendonly', 'no', '--dir', $Folder -RedirectStandardOutput (Join-Path $Folder 'redis-again.log') -RedirectStandardError (Join-Path $Folder 'redis-again.err')
    while ((& redis-cli -p $Port ping 2>$null) -ne 'PONG') { Start-Sleep -Milliseconds 20 }
}
exit 0
'@
    }

    It 'Writes them before the process ends when the store answers again' {
        $port = Get-FreePort
        $folder = Join-Path $TestDrive 'exit-replay'
        New-Item -ItemType Directory -Path $folder | Out-Null
        $null = Start-RedisServer -Port $port -Folder $folder
        try {
            $errors = Invoke-FreshPwsh -NoProfile -File $child -ModulePath $modulePath -Port $port -Folder $folder -Restart 2>&1 |
                Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }
            $LASTEXITCODE | Should -Be 0
            $errors | Should -BeNullOrEmpty
            [int] (& redis-cli -p $port dbsize) | Should -Be 100
        }
        finally { $null = & redis-cli -p $port shutdown nosave 2>$null }
    }

    It 'Says on standard error how many were lost when the store never answers' {
        $port = Get-FreePort
        $folder = Join-Path $TestDrive 'exit-lost'
        New-Item -ItemType Directory -Path $folder | Out-Null
        $null = Start-RedisServer -Port $port -Folder $folder
        $stderr = Join-Path $folder 'stderr.txt'
        Invoke-FreshPwsh -NoProfile -File $child -ModulePath $modulePath -Port $port -Folder $folder 2>$stderr | Out-Null
        $LASTEXITCODE | Should -Be 0
        Get-Content -Raw $stderr | Should -BeLike "*100 write(s) to the session store Redis 127.0.0.1:$port*of context 'exit-child' were lost: the store did not answer before the process exited*"
    }
}

Describe 'A locked SQLite store loses nothing' -Tag 'CI' {
    It 'Queues the writes made while another connection holds the lock, says so once, and writes them all after' {
        $file = Join-Path $TestDrive 'locked.db'
        $name = New-TestContextName
        $lock = $null
        try {
            $null = New-SslContext -Name $name -Store (New-SslSessionStore -Path $file)
            $lock = [Microsoft.Data.Sqlite.SqliteConnection]::new("Data Source=$file;Pooling=False")
            $lock.Open()
            $begin = $lock.CreateCommand()
            $begin.CommandText = 'BEGIN EXCLUSIVE;'
            $null = $begin.ExecuteNonQuery()

            # The first write waits out the store's busy timeout (10 s); the rest queue behind it without waiting.
            $added = New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 -Count 1000 -Timeout 600 |
                Add-SslSession -Context $name -PassThru -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable failed -ErrorAction SilentlyContinue
            $added.Count | Should -Be 1000
            $failed | Should -BeNullOrEmpty
            $warned.Count | Should -Be 1
            "$($warned[0])" | Should -BeLike '*database is locked*1000 write(s) of this command wait*'

            $lock.Dispose(); $lock = $null
            Wait-StoreDrained -Context $name -Seconds 10 | Should -Be 0
            Get-StoreRowCount $file | Should -Be 1000
        }
        finally {
            if ($lock) { $lock.Dispose() }
            Remove-TestContext $name
        }
    }
}

Describe 'Callbacks cannot hand out another client''s session' -Tag 'CI' {
    BeforeEach {
        $name = New-TestContextName
        $ctx = New-SslContext -Name $name
    }
    AfterEach { Remove-TestContext $name }

    It 'Treats a Get callback''s session of another id as a miss, names the callback, and caches nothing' {
        $other = New-TestSession
        Register-SslSessionCallback -Context $name -Event Get -ScriptBlock { $other }.GetNewClosure()
        $asked = New-TestSessionIdHex
        $result = Resolve-SslSession -Context $name -SessionId $asked -ErrorVariable err -ErrorAction SilentlyContinue
        $result.Outcome | Should -Be 'Miss'
        $err[0].FullyQualifiedErrorId | Should -Be 'CallbackSessionMismatch,PSSslSession.Commands.ResolveSslSessionCommand'
        "$($err[0])" | Should -BeLike "The Get callback of context '$name' failed: it returned session $($other.SessionId) for a lookup of $asked*"
        $ctx.Count | Should -Be 0
    }

    It 'Stops a callback unregistered by another at once, for the rest of the batch' {
        $calls = [System.Collections.Generic.List[string]]::new()
        $registrations = @{}
        Register-SslSessionCallback -Context $name -Event Remove -ScriptBlock {
            $calls.Add('first')
            if ($registrations.second) { Unregister-SslSessionCallback -Context $name -Registration $registrations.second -Confirm:$false; $registrations.Remove('second') }
        }.GetNewClosure()
        $registrations.second = Register-SslSessionCallback -Context $name -Event Remove -ScriptBlock { $calls.Add('second') }.GetNewClosure() -PassThru
        1..3 | ForEach-Object { New-TestSession } | Add-SslSession -Context $name
        Clear-SslSessionCache -Context $name -All -Force
        $calls | Should -Be @('first', 'first', 'first')
    }
}

Describe 'Small safety checks' -Tag 'CI' {
    It 'Refuses a session id prefix that leaves no random byte' {
        $name = New-TestContextName
        try {
            $null = New-SslContext -Name $name
            { Set-SslContext -Context $name -SessionIdPrefix ('x' * 32) } |
                Should -Throw -ErrorId 'ParameterArgumentValidationError,PSSslSession.Commands.SetSslContextCommand'
        }
        finally { Remove-TestContext $name }
    }

    It 'Refuses a named pipe as -PeerCertificate at once instead of blocking' -Skip:(-not $IsLinux) {
        $fifo = New-Fifo (Join-Path $TestDrive 'cert.pipe')
        { New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 -PeerCertificate $fifo } |
            Should -Throw -ErrorId 'ParameterArgumentTransformationError,PSSslSession.Commands.NewSslSessionCommand' -ExpectedMessage '*named pipe*'
    }

    It 'Reads -PeerCertificate from a certificate file' {
        $der = (Import-SslSession -Path (Join-Path $SamplesPath 'tls12-session-id.pem')).GetPeerCertificateBytes()
        $file = Join-Path $TestDrive 'peer.der'
        [IO.File]::WriteAllBytes($file, $der)
        (New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 -PeerCertificate $file).PeerCertificate.Subject | Should -Be 'CN=localhost'
    }
}
