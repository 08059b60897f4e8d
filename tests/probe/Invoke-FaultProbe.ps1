<#
.SYNOPSIS
    Fault probe (issue 17): re-measures, through the cmdlets, the data-loss and safety figures of the fault probe.

.DESCRIPTION
    Run from the repository root after ./build.sh (Linux; device nodes need root, else those rows are skipped):

        dotnet tool run pwsh -NoProfile -File tests/probe/Invoke-FaultProbe.ps1            # full run, about 2.5 minutes
        dotnet tool run pwsh -NoProfile -File tests/probe/Invoke-FaultProbe.ps1 -Quick     # smaller counts, under 1 minute
        dotnet tool run pwsh -NoProfile -File tests/probe/Invoke-FaultProbe.ps1 -Only 3,4  # some scenarios

    Needs redis-server, redis-cli, mkfifo, mknod, truncate and stat. Everything it writes (databases, FIFOs, device
    nodes, sparse files, Redis logs) is under one new folder below [IO.Path]::GetTempPath(), removed at the end unless
    -KeepTemp. Redis servers run only on 127.0.0.1 on free ports with --save "" --appendonly no; every process the
    probe starts is ended in a finally block. Each scenario prints one summary line; the run ends with a table of all,
    whose Check column compares the figures with what about_PSSslSession promises ('ok', or 'CHECK: ...').

      1  kill -9 during SQLite writes          6  bounded reads (devices, FIFO, sparse file, -MaxFileSize, Stop)
      2  two processes on one SQLite file      7  Get callback returning another session; unregister mid-batch
      3  Redis outage and recovery             8  -SessionIdPrefix of 32 and 31 bytes, ids made under it
      4  locked SQLite (BEGIN EXCLUSIVE)       9  process exit with writes waiting for Redis
      5  special files for Export-SslSession and New-SslSessionStore -Path
#>
[CmdletBinding()]
param(
    # Scenario 1: child processes killed with kill -9.
    [int] $KillRuns = 20,
    # Scenario 1: the child is killed this many milliseconds (random in the range) after its store is open.
    [int] $KillMinMs = 1000,
    [int] $KillMaxMs = 4000,
    # Scenario 2: sessions each of the two processes adds.
    [int] $SessionsPerProcess = 40000,
    # Scenario 3: sessions added while Redis is down, how long it stays down, single adds in the second outage.
    [int] $OutageSessions = 5000,
    [int] $OutageSeconds = 10,
    [int] $SingleAdds = 36,
    # Scenario 4: sessions added while another connection holds the SQLite lock.
    [int] $LockedSessions = 1000,
    # Scenario 6: size of the sparse file (truncate -s syntax).
    [string] $SparseSize = '900M',
    # Scenario 8: ids made by New-SslSessionId under a prefix.
    [int] $IdCount = 100,
    # Scenario 9: sessions the exiting child adds while Redis is down.
    [int] $ExitSessions = 100,
    # Smaller counts for a quick look (explicit parameters win).
    [switch] $Quick,
    # Run only these scenarios (1-9); '3,4' also works through pwsh -File.
    [string[]] $Only = @('1-9'),
    # The module manifest; by default the laid-out build, out/PSSslSession.
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/PSSslSession/PSSslSession.psd1'),
    # Keep the temporary folder (its path is printed).
    [switch] $KeepTemp,
    # Also output the result rows as objects.
    [switch] $PassThru
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

if ($Quick) {
    $quickValues = @{ KillRuns = 5; SessionsPerProcess = 5000; OutageSessions = 1000; OutageSeconds = 3; SingleAdds = 12; LockedSessions = 200; SparseSize = '200M' }
    foreach ($key in $quickValues.Keys) {
        if (-not $PSBoundParameters.ContainsKey($key)) { Set-Variable -Name $key -Value $quickValues[$key] }
    }
}
$Selected = @(foreach ($part in ($Only -join ',') -split ',') {
        if ($part -match '^\s*(\d)\s*-\s*(\d)\s*$') { [int] $Matches[1]..[int] $Matches[2] } elseif ($part.Trim()) { [int] $part }
    })
if (-not $IsLinux) { throw 'The fault probe runs on Linux (FIFOs, device nodes, kill -9, redis-server).' }
foreach ($tool in 'redis-server', 'redis-cli', 'mkfifo', 'mknod', 'truncate', 'stat', 'kill') {
    if (-not (Get-Command $tool -CommandType Application -ErrorAction SilentlyContinue)) { throw "The probe needs '$tool' on PATH." }
}

$ModuleManifest = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
Import-Module $ModuleManifest -Force
$KillCommand = (Get-Command kill -CommandType Application | Select-Object -First 1).Source
$IsRoot = (& id -u) -eq '0'
$ProbeStart = [Diagnostics.Stopwatch]::StartNew()

# One folder for everything the probe writes.
$TempRoot = Join-Path ([IO.Path]::GetTempPath()) ("pssslsession-faultprobe-" + [guid]::NewGuid().ToString('N').Substring(0, 12))
$null = New-Item -ItemType Directory -Path $TempRoot
# A first store loads Microsoft.Data.Sqlite (and the native library), which the probe then uses to read databases.
$null = New-SslSessionStore -Path (Join-Path $TempRoot 'warm-up.db')
Write-Host "Fault probe: module $ModuleManifest; temporary folder $TempRoot"

$Started = [System.Collections.Generic.List[System.Diagnostics.Process]]::new()   # every process started here
$RedisPorts = [System.Collections.Generic.List[int]]::new()                      # ports of Redis servers (children start some)
$Contexts = [System.Collections.Generic.List[string]]::new()                     # contexts made in this process
$Results = [System.Collections.Generic.List[object]]::new()

#region helpers
. (Join-Path $PSScriptRoot '../ServiceHelpers.ps1')

function New-ProbeFolder { param([string] $Name) $path = Join-Path $TempRoot $Name; $null = New-Item -ItemType Directory -Path $path; $path }

function New-ProbeContextName { param([string] $Tag) $name = "probe-$Tag-$([guid]::NewGuid().ToString('N').Substring(0, 8))"; $Contexts.Add($name); $name }

function Get-ShortErrorId { param($ErrorRecord) if ($null -eq $ErrorRecord) { '-' } else { ($ErrorRecord.FullyQualifiedErrorId -split ',')[0] } }

function Get-ErrorIds { param($Errors) $ids = @($Errors | Where-Object { $_ } | ForEach-Object { Get-ShortErrorId $_ }); if ($ids.Count) { ($ids | Select-Object -Unique) -join '+' } else { 'none' } }

function Get-FileKind { param([string] $Path) if (Test-Path -LiteralPath $Path) { (& stat -c '%F %A' -- $Path) -join '' } else { 'missing' } }

function Get-FileHashText { param([string] $Path) (Get-FileHash -LiteralPath $Path -Algorithm SHA256).Hash.Substring(0, 16) }

function Get-Sidecars { param([string] $Path) $left = @('-journal', '-wal', '-shm' | Where-Object { Test-Path -LiteralPath "$Path$_" }); if ($left.Count) { $left -join ',' } else { 'none' } }

function Start-Redis {
    # Start-RedisServer, remembered so that the probe ends it (and its port) whatever happens.
    param([int] $Port, [string] $Folder)
    $process = Start-RedisServer -Port $Port -Folder $Folder
    $Started.Add($process)
    if (-not $RedisPorts.Contains($Port)) { $RedisPorts.Add($Port) }
    $process
}

function Get-RedisDbSize { param([int] $Port) $n = & redis-cli -p $Port dbsize 2>$null; if ($n -match '^\d+$') { [int] $n } else { "n/a($n)" } }

function Start-ChildPwsh {
    # A new PowerShell of the same build (dotnet + pwsh.dll when this one is the .NET tool), both outputs read
    # asynchronously to the end so that the child never blocks on a full pipe.
    param([string] $File, [string[]] $Arguments)
    $psi = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
    if ([IO.Path]::GetFileNameWithoutExtension($psi.FileName) -eq 'dotnet') { $psi.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
    foreach ($a in @('-NoProfile', '-NonInteractive', '-File', $File) + $Arguments) { $psi.ArgumentList.Add([string] $a) }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.WorkingDirectory = $TempRoot
    $process = [System.Diagnostics.Process]::Start($psi)
    $Started.Add($process)
    [pscustomobject]@{
        Process = $process
        Out     = $process.StandardOutput.ReadToEndAsync()
        Err     = $process.StandardError.ReadToEndAsync()
        Clock   = [Diagnostics.Stopwatch]::StartNew()
    }
}

function Wait-ChildPwsh {
    # Waits for the child to exit (kills it after $TimeoutSeconds) and gives its exit code and outputs.
    param($Child, [int] $TimeoutSeconds = 600)
    $timedOut = -not $Child.Process.WaitForExit($TimeoutSeconds * 1000)
    if ($timedOut) { $Child.Process.Kill(); $null = $Child.Process.WaitForExit(10000) }
    $null = [System.Threading.Tasks.Task]::WaitAll(@($Child.Out, $Child.Err), 10000)
    [pscustomobject]@{
        ExitCode = if ($Child.Process.HasExited) { $Child.Process.ExitCode } else { $null }
        TimedOut = $timedOut
        Seconds  = [math]::Round($Child.Clock.Elapsed.TotalSeconds, 1)
        Out      = if ($Child.Out.IsCompleted) { $Child.Out.Result } else { '' }
        Err      = if ($Child.Err.IsCompleted) { $Child.Err.Result } else { '' }
    }
}

function Open-Sqlite {
    param([string] $Path, [switch] $ReadWrite)
    $mode = if ($ReadWrite) { 'ReadWrite' } else { 'ReadOnly' }
    $connection = [Microsoft.Data.Sqlite.SqliteConnection]::new("Data Source=$Path;Mode=$mode;Pooling=False")
    $connection.Open()
    $connection
}

function Invoke-Sql {
    # All rows' first column of $Sql.
    param($Connection, [string] $Sql)
    $command = $Connection.CreateCommand()
    $command.CommandText = $Sql
    $reader = $command.ExecuteReader()
    try { while ($reader.Read()) { if ($reader.IsDBNull(0)) { $null } else { $reader.GetValue(0) } } }
    finally { $reader.Dispose(); $command.Dispose() }
}

function Invoke-Guarded {
    # Runs $Script in a new runspace that has the module, so that a call that blocks (a FIFO opened, a device read
    # without end) cannot hang the probe: after $TimeoutSeconds it is stopped and reported as TimedOut. The script's
    # output and error records come back.
    param([string] $Script, [hashtable] $Parameters = @{}, [int] $TimeoutSeconds = 30)
    $shell = [powershell]::Create()
    $null = $shell.AddCommand('Import-Module').AddParameter('Name', $ModuleManifest)
    $null = $shell.Invoke()
    $shell.Commands.Clear()
    $null = $shell.AddScript($Script)
    foreach ($key in $Parameters.Keys) { $null = $shell.AddParameter($key, $Parameters[$key]) }
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $running = $shell.BeginInvoke()
    if (-not $running.AsyncWaitHandle.WaitOne($TimeoutSeconds * 1000)) {
        $stopping = $shell.BeginStop($null, $null)
        $stopped = $stopping.AsyncWaitHandle.WaitOne(5000)
        if ($stopped) { $shell.Dispose() }
        return [pscustomobject]@{ TimedOut = $true; Stopped = $stopped; Seconds = $clock.Elapsed.TotalSeconds; Output = @(); Errors = @() }
    }
    try {
        $output = @($shell.EndInvoke($running))
        [pscustomobject]@{ TimedOut = $false; Stopped = $true; Seconds = $clock.Elapsed.TotalSeconds; Output = $output; Errors = @($shell.Streams.Error) }
    }
    catch {
        [pscustomobject]@{ TimedOut = $false; Stopped = $true; Seconds = $clock.Elapsed.TotalSeconds; Output = @(); Errors = @($_) }
    }
    finally { $shell.Dispose() }
}

function Add-Result {
    # One scenario's figures: printed as one line now, and kept for the closing table.
    param([string] $Id, [string] $Title, [System.Collections.Specialized.OrderedDictionary] $Figures, [string[]] $Problems, [double] $Seconds)
    $text = ($Figures.GetEnumerator() | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join ' '
    $check = if ($Problems -and $Problems.Count) { 'CHECK: ' + ($Problems -join '; ') } else { 'ok' }
    $row = [pscustomobject]@{ Scenario = $Id; Title = $Title; Figures = $text; Check = $check; Seconds = [math]::Round($Seconds, 1) }
    $Results.Add($row)
    Write-Host ("[{0}] {1}: {2} -> {3} ({4} s)" -f $Id, $Title, $text, $check, $row.Seconds)
}

function Invoke-Scenario {
    # Runs one scenario; a scenario that throws is reported as such and the probe goes on.
    param([string] $Id, [string] $Title, [scriptblock] $Body)
    if ([int] $Id.Substring(0, 1) -notin $Selected) { return }
    Write-Host "--- scenario $Id : $Title"
    $clock = [Diagnostics.Stopwatch]::StartNew()
    try { & $Body $clock }
    catch {
        $where = $_.InvocationInfo.ScriptLineNumber
        Add-Result $Id $Title ([ordered]@{ failed = "'$($_.Exception.Message)' at line $where" }) @('the scenario itself failed') $clock.Elapsed.TotalSeconds
    }
}

$Fields = @{ Protocol = 'TLSv1.2'; Cipher = 'ECDHE-RSA-AES128-GCM-SHA256' }
#endregion

try {
    #region 1: kill -9 during SQLite writes
    Invoke-Scenario '1' 'kill -9 during SQLite writes' {
        param($clock)
        $folder = New-ProbeFolder 'kill'
        $child = Join-Path $folder 'child.ps1'
        Set-Content -LiteralPath $child -Value @'
param([string] $ModulePath, [string] $Db, [string] $Ready)
Import-Module $ModulePath
$null = New-SslContext -Name k -Store (New-SslSessionStore -Path $Db)
[IO.File]::WriteAllText($Ready, 'ready')
while ($true) {
    New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 -Count 500 -Timeout 3600 | Add-SslSession -Context k -PassThru |
        ForEach-Object { [Console]::Out.WriteLine($_.SessionId); [Console]::Out.Flush() }
}
'@
        $random = [Random]::new()
        $acknowledged = 0; $missing = 0; $corrupt = 0; $rows = 0; $noAck = 0; $otherLines = 0; $notReady = 0; $reopened = 0; $reopenFailures = 0
        $schema = $null
        for ($run = 1; $run -le $KillRuns; $run++) {
            $db = Join-Path $folder "run$run.db"
            $ready = Join-Path $folder "run$run.ready"
            $childRun = Start-ChildPwsh -File $child -Arguments @('-ModulePath', $ModuleManifest, '-Db', $db, '-Ready', $ready)
            $deadline = (Get-Date).AddSeconds(60)
            while (-not (Test-Path -LiteralPath $ready) -and -not $childRun.Process.HasExited -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 20 }
            if (-not (Test-Path -LiteralPath $ready)) { $notReady++ }
            else { Start-Sleep -Milliseconds ($random.Next($KillMinMs, $KillMaxMs + 1)) }
            if (-not $childRun.Process.HasExited) { & $KillCommand -9 $childRun.Process.Id }
            $done = Wait-ChildPwsh $childRun -TimeoutSeconds 30
            $lines = @($done.Out -split "`n" | ForEach-Object { $_.Trim() } | Where-Object { $_ })
            $ids = @($lines | Where-Object { $_ -cmatch '^[0-9A-F]{64}$' })
            $otherLines += $lines.Count - $ids.Count
            if ($ids.Count -eq 0) { $noAck++ }
            $acknowledged += $ids.Count
            if (-not (Test-Path -LiteralPath $db)) { $missing += $ids.Count; continue }
            try {
                $c = Open-Sqlite $db
                try {
                    if (-not $schema) { $schema = (Invoke-Sql $c "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'sessions';") -replace '\s+', ' ' }
                    $check = @(Invoke-Sql $c 'PRAGMA integrity_check;')
                    if ($check.Count -ne 1 -or $check[0] -ne 'ok') { $corrupt++; Write-Host "  run $run integrity_check: $($check -join '; ')" }
                    $present = [System.Collections.Generic.HashSet[string]]::new([string[]] @(Invoke-Sql $c 'SELECT hex(id) FROM sessions;'))
                    $rows += $present.Count
                    $lost = @($ids | Where-Object { -not $present.Contains($_) })
                    if ($lost.Count) { Write-Host "  run $run : $($lost.Count) acknowledged id(s) missing, first $($lost[0])" }
                    $missing += $lost.Count
                }
                finally { $c.Dispose() }
            }
            catch { $corrupt++; Write-Host "  run $run could not be read: $($_.Exception.Message)" }
            # The same file through the cmdlets: a new context on it loads what was acknowledged.
            $name = New-ProbeContextName 'reopen'
            try {
                $reopenedContext = New-SslContext -Name $name -CacheSize 0 -Store (New-SslSessionStore -Path $db)
                $reopened += $reopenedContext.Count
            }
            catch { $reopenFailures++; Write-Host "  run $run could not be reopened: $($_.Exception.Message)" }
            finally { Get-SslContext -Name $name -ErrorAction SilentlyContinue | Remove-SslContext -Confirm:$false }
        }
        Write-Verbose "sessions schema: $schema"
        $problems = @()
        if ($missing) { $problems += "$missing acknowledged session(s) missing" }
        if ($corrupt) { $problems += "$corrupt database(s) failed integrity_check" }
        if ($notReady) { $problems += "$notReady child(ren) never opened the store" }
        if ($otherLines) { $problems += "$otherLines unexpected output line(s)" }
        if ($reopenFailures -or $reopened -lt $acknowledged) { $problems += "reopened contexts loaded $reopened ($reopenFailures failed)" }
        Add-Result '1' 'kill -9 during SQLite writes' ([ordered]@{
                runs = $KillRuns; acknowledged = $acknowledged; missing = $missing; corrupt = $corrupt
                rows = $rows; 'loaded on reopen' = $reopened; 'runs without ack' = $noAck
            }) $problems $clock.Elapsed.TotalSeconds
    }
    #endregion

    #region 2: two processes on one SQLite file
    Invoke-Scenario '2' 'two processes on one SQLite file' {
        param($clock)
        $folder = New-ProbeFolder 'two'
        $db = Join-Path $folder 'shared.db'
        $go = Join-Path $folder 'go'
        $child = Join-Path $folder 'child.ps1'
        Set-Content -LiteralPath $child -Value @'
param([string] $ModulePath, [string] $Db, [string] $Name, [int] $Count, [string] $Go)
Import-Module $ModulePath
$ctx = New-SslContext -Name $Name -Store (New-SslSessionStore -Path $Db)
[IO.File]::WriteAllText("$Go.$Name", 'ready')
while (-not (Test-Path -LiteralPath $Go)) { Start-Sleep -Milliseconds 10 }
$clock = [Diagnostics.Stopwatch]::StartNew()
$acked = 0
New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 -Count $Count -Timeout 3600 |
    Add-SslSession -Context $Name -PassThru -WarningVariable addWarnings -ErrorVariable addErrors | ForEach-Object { $acked++ }
$addSeconds = $clock.Elapsed.TotalSeconds
$stats = Get-SslSessionStats -Context $Name
Remove-SslContext -Context $Name -Confirm:$false -WarningVariable removeWarnings -ErrorVariable removeErrors
"RESULT acked=$acked addWarnings=$($addWarnings.Count) addErrors=$($addErrors.Count) pending=$($stats.StorePending) dropped=$($stats.StoreDropped) storeErrors=$($stats.StoreErrors) removeWarnings=$($removeWarnings.Count) removeErrors=$($removeErrors.Count) droppedAfterRemove=$($ctx.StoreWritesDropped) seconds=$([math]::Round($addSeconds, 1))"
'@
        $children = foreach ($n in 'a', 'b') {
            Start-ChildPwsh -File $child -Arguments @('-ModulePath', $ModuleManifest, '-Db', $db, '-Name', "two-$n", '-Count', $SessionsPerProcess, '-Go', $go)
        }
        $deadline = (Get-Date).AddSeconds(60)
        while (@('a', 'b' | Where-Object { Test-Path -LiteralPath "$go.two-$_" }).Count -lt 2 -and @($children | Where-Object { $_.Process.HasExited }).Count -eq 0 -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 20 }
        Set-Content -LiteralPath $go -Value 'go'
        $done = @($children | ForEach-Object { Wait-ChildPwsh $_ -TimeoutSeconds 600 })
        $acked = 0; $warnLines = 0; $errLines = 0; $pending = 0; $dropped = 0; $removeErrors = 0; $addWarnings = 0; $addErrors = 0; $storeErrors = 0; $seconds = @()
        $problems = @()
        foreach ($d in $done) {
            $result = ($d.Out -split "`n" | Where-Object { $_ -like 'RESULT *' } | Select-Object -Last 1)
            if (-not $result) { $problems += "a child printed no result (exit $($d.ExitCode), timed out $($d.TimedOut))" }
            else {
                $v = @{}; foreach ($pair in ($result -replace '^RESULT ' -split ' ')) { $k, $val = $pair -split '=', 2; $v[$k] = $val }
                $acked += [int] $v.acked; $pending += [int] $v.pending; $dropped += [int] $v.droppedAfterRemove
                $removeErrors += [int] $v.removeErrors; $addWarnings += [int] $v.addWarnings; $addErrors += [int] $v.addErrors
                $storeErrors += [int] $v.storeErrors; $seconds += $v.seconds
            }
            $warnLines += @($d.Out -split "`n" | Where-Object { $_ -match '^\s*WARNING:' }).Count
            $errLines += @($d.Err -split "`n" | Where-Object { $_.Trim() }).Count
            foreach ($line in @(($d.Out -split "`n") | Where-Object { $_ -match '^\s*WARNING:' }) + @(($d.Err -split "`n") | Where-Object { $_.Trim() }) | Select-Object -First 3) {
                Write-Host "  child said: $($line.Trim())"
            }
            if ($d.ExitCode -ne 0) { $problems += "a child exited with $($d.ExitCode)" }
        }
        $rows = if (Test-Path -LiteralPath $db) { Get-StoreRowCount $db } else { 0 }
        if ($acked -ne 2 * $SessionsPerProcess) { $problems += "acknowledged $acked of $(2 * $SessionsPerProcess)" }
        if ($rows -lt $acked) { $problems += "$($acked - $rows) acknowledged session(s) not in the file" }
        if ($dropped -or $removeErrors -or $addErrors) { $problems += 'writes reported lost' }
        Add-Result '2' 'two processes on one SQLite file' ([ordered]@{
                asked = 2 * $SessionsPerProcess; acknowledged = $acked; rows = $rows; 'warnings(add)' = $addWarnings; 'errors(add)' = $addErrors
                'pending before remove' = $pending; 'store errors' = $storeErrors; 'lost at remove' = $dropped; 'remove errors' = $removeErrors
                'printed warnings' = $warnLines; 'stderr lines' = $errLines; 'add seconds' = ($seconds -join '/')
            }) $problems $clock.Elapsed.TotalSeconds
    }
    #endregion

    #region 3: Redis outage
    Invoke-Scenario '3' 'Redis outage and recovery' {
        param($clock)
        $folder = New-ProbeFolder 'redis'
        $port = Get-FreePort
        $redis = Start-Redis -Port $port -Folder $folder
        $name = New-ProbeContextName 'redis'
        $null = New-SslContext -Name $name -Store (New-SslSessionStore -Redis "127.0.0.1:$port")
        Stop-RedisServer $redis
        $addClock = [Diagnostics.Stopwatch]::StartNew()
        $added = @(New-SslSession @Fields -Count $OutageSessions -Timeout 3600 |
                Add-SslSession -Context $name -PassThru -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable failed -ErrorAction SilentlyContinue)
        $addSeconds = $addClock.Elapsed.TotalSeconds
        $pending = (Get-SslSessionStats -Context $name).StorePending
        if ($warned.Count) { Write-Host "  warning: $($warned[0])" }
        Start-Sleep -Seconds $OutageSeconds
        $redis = Start-Redis -Port $port -Folder $folder
        $recovery = [Diagnostics.Stopwatch]::StartNew()
        $deadline = (Get-Date).AddSeconds(30)
        $noticedSeconds = $null
        while (($left = (Get-SslSessionStats -Context $name).StorePending) -gt 0 -and (Get-Date) -lt $deadline) {
            if ($null -eq $noticedSeconds -and $left -lt $pending) { $noticedSeconds = $recovery.Elapsed.TotalSeconds }
            Start-Sleep -Milliseconds 20
        }
        $recoverySeconds = $recovery.Elapsed.TotalSeconds
        if ($null -eq $noticedSeconds) { $noticedSeconds = $recoverySeconds }
        $after = Get-SslSessionStats -Context $name
        $dbsize = Get-RedisDbSize $port

        # A second outage: single adds every 250 ms, Redis back after half of them.
        $null = & redis-cli -p $port flushall 2>$null
        Stop-RedisServer $redis
        $ids = [System.Collections.Generic.List[string]]::new()
        $singleWarnings = 0; $singleErrors = 0
        for ($i = 1; $i -le $SingleAdds; $i++) {
            $session = New-SslSession @Fields -Timeout 3600
            $session | Add-SslSession -Context $name -WarningVariable w -WarningAction SilentlyContinue -ErrorVariable e -ErrorAction SilentlyContinue
            $singleWarnings += $w.Count; $singleErrors += $e.Count
            $ids.Add($session.SessionId.ToLowerInvariant())
            if ($i -eq [math]::Floor($SingleAdds / 2)) { $redis = Start-Redis -Port $port -Folder $folder }
            Start-Sleep -Milliseconds 250
        }
        $null = Wait-StoreDrained -Context $name -Seconds 10
        $reached = [int] (& redis-cli -p $port exists @($ids | ForEach-Object { "mod_ssl-sess:$_" }))
        $final = Get-SslSessionStats -Context $name
        Remove-SslContext -Context $name -Confirm:$false -ErrorAction SilentlyContinue
        Stop-RedisServer $redis

        $problems = @()
        if ($added.Count -ne $OutageSessions) { $problems += "added $($added.Count)" }
        if ($warned.Count -ne 1) { $problems += "$($warned.Count) warnings (one expected)" }
        if ($failed.Count) { $problems += "$($failed.Count) errors" }
        if ($pending -ne $OutageSessions) { $problems += "pending $pending" }
        if ($after.StorePending -ne 0) { $problems += 'backlog not drained in 30 s' }
        elseif ($noticedSeconds -gt 1.5) { $problems += "Redis back noticed after $([math]::Round($noticedSeconds, 2)) s (about 1 s promised)" }
        if ($dbsize -ne $OutageSessions) { $problems += "dbsize $dbsize" }
        if ($after.StoreDropped -ne 0) { $problems += "dropped $($after.StoreDropped)" }
        if ($reached -ne $SingleAdds) { $problems += "$reached of $SingleAdds single adds reached Redis" }
        Add-Result '3' 'Redis outage and recovery' ([ordered]@{
                added = $added.Count; warnings = $warned.Count; errors = $failed.Count; StorePending = $pending
                'add seconds' = [math]::Round($addSeconds, 2); 'down s' = $OutageSeconds; 'noticed s' = [math]::Round($noticedSeconds, 2); 'drained s' = [math]::Round($recoverySeconds, 2)
                dbsize = $dbsize; StoreDropped = $after.StoreDropped
                'single adds reaching Redis' = "$reached/$SingleAdds"; 'single warnings' = $singleWarnings; 'single errors' = $singleErrors
                'dropped in all' = $final.StoreDropped
            }) $problems $clock.Elapsed.TotalSeconds
    }
    #endregion

    #region 4: locked SQLite
    Invoke-Scenario '4' 'locked SQLite (BEGIN EXCLUSIVE)' {
        param($clock)
        $folder = New-ProbeFolder 'locked'
        $db = Join-Path $folder 'locked.db'
        $name = New-ProbeContextName 'locked'
        $null = New-SslContext -Name $name -Store (New-SslSessionStore -Path $db)
        $lock = Open-Sqlite $db -ReadWrite
        try {
            $begin = $lock.CreateCommand(); $begin.CommandText = 'BEGIN EXCLUSIVE;'; $null = $begin.ExecuteNonQuery()
            $addClock = [Diagnostics.Stopwatch]::StartNew()
            $added = @(New-SslSession @Fields -Count $LockedSessions -Timeout 3600 |
                    Add-SslSession -Context $name -PassThru -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable failed -ErrorAction SilentlyContinue)
            $addSeconds = $addClock.Elapsed.TotalSeconds
            $pending = (Get-SslSessionStats -Context $name).StorePending
            if ($warned.Count) { Write-Host "  warning: $($warned[0])" }
        }
        finally { $lock.Dispose() }
        $drain = [Diagnostics.Stopwatch]::StartNew()
        $null = Wait-StoreDrained -Context $name -Seconds 20
        $drainSeconds = $drain.Elapsed.TotalSeconds
        $stats = Get-SslSessionStats -Context $name
        $rows = Get-StoreRowCount $db
        Remove-SslContext -Context $name -Confirm:$false -ErrorAction SilentlyContinue
        $problems = @()
        if ($added.Count -ne $LockedSessions) { $problems += "added $($added.Count)" }
        if ($warned.Count -ne 1) { $problems += "$($warned.Count) warnings (one expected)" }
        if ($failed.Count) { $problems += "$($failed.Count) errors" }
        if ($pending -ne $LockedSessions) { $problems += "pending $pending" }
        if ($rows -ne $LockedSessions) { $problems += "$rows rows" }
        if ($stats.StoreDropped) { $problems += "dropped $($stats.StoreDropped)" }
        Add-Result '4' 'locked SQLite (BEGIN EXCLUSIVE)' ([ordered]@{
                added = $added.Count; 'add seconds' = [math]::Round($addSeconds, 2); warnings = $warned.Count; errors = $failed.Count
                StorePending = $pending; 'drain s' = [math]::Round($drainSeconds, 2); rows = $rows; StoreDropped = $stats.StoreDropped
            }) $problems $clock.Elapsed.TotalSeconds
    }
    #endregion

    #region 5: special files
    Invoke-Scenario '5' 'special files (Export, New-SslSessionStore -Path)' {
        param($clock)
        $folder = New-ProbeFolder 'special'
        $figures = [ordered]@{}
        $problems = @()
        $exportScript = 'param($Path) New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 | Export-SslSession -LiteralPath $Path -Force -ErrorVariable failed -ErrorAction SilentlyContinue; $failed'
        $storeScript = 'param($Path) try { $null = New-SslSessionStore -Path $Path } catch { $_ }'
        function Test-Untouched { param([string] $Label, [string] $Before, [string] $After, [string] $ErrorIds, [string] $Expected, [string] $Extra)
            $untouched = $Before -eq $After
            $figures[$Label] = "$ErrorIds,$(if ($untouched) { 'untouched' } else { "CHANGED($Before->$After)" })$Extra"
            if ($ErrorIds -ne $Expected) { $script:problems5 += "$Label gave $ErrorIds" }
            if (-not $untouched) { $script:problems5 += "$Label changed" }
        }
        $script:problems5 = @()

        # Export-SslSession -Force onto a character device, a FIFO and a symlink.
        if ($IsRoot) {
            $device = Join-Path $folder 'zero-dev'; & mknod $device c 1 5; & chmod 644 $device
            $before = Get-FileKind $device
            $r = Invoke-Guarded $exportScript @{ Path = $device } 20
            Test-Untouched 'export:chardev' $before (Get-FileKind $device) ($(if ($r.TimedOut) { 'TIMEOUT' } else { Get-ErrorIds ($r.Output + $r.Errors) })) 'NotARegularFile'
        }
        else { $figures['export:chardev'] = 'skipped (not root)' }
        $fifo = Join-Path $folder 'out.pipe'; & mkfifo $fifo
        $before = Get-FileKind $fifo
        $r = Invoke-Guarded $exportScript @{ Path = $fifo } 10
        if ($r.TimedOut) { $null = & timeout 2 dd "if=$fifo" "of=$(Join-Path $folder 'drained')" 2>$null }
        Test-Untouched 'export:fifo' $before (Get-FileKind $fifo) ($(if ($r.TimedOut) { 'TIMEOUT' } else { Get-ErrorIds ($r.Output + $r.Errors) })) 'NotARegularFile'
        $target = Join-Path $folder 'target.txt'; Set-Content -LiteralPath $target -Value 'keep me'
        $link = Join-Path $folder 'link.pem'; $null = New-Item -ItemType SymbolicLink -Path $link -Target $target
        $before = "$(Get-FileKind $link)|$((Get-Item -LiteralPath $link).LinkType)|$(Get-FileKind $target)|$(Get-Content -Raw -LiteralPath $target)".Trim()
        $r = Invoke-Guarded $exportScript @{ Path = $link } 20
        $after = "$(Get-FileKind $link)|$((Get-Item -LiteralPath $link).LinkType)|$(Get-FileKind $target)|$(Get-Content -Raw -LiteralPath $target)".Trim()
        Test-Untouched 'export:symlink' $before $after (Get-ErrorIds ($r.Output + $r.Errors)) 'NotARegularFile'

        # New-SslSessionStore -Path on a 644 text file, a device node, a foreign SQLite database, a symlink, a FIFO.
        $text = Join-Path $folder 'notes.txt'; Set-Content -LiteralPath $text -Value 'not a database'; & chmod 644 $text
        $before = "$(Get-FileKind $text)|$(Get-FileHashText $text)"
        $r = Invoke-Guarded $storeScript @{ Path = $text } 20
        Test-Untouched 'store:text644' $before "$(Get-FileKind $text)|$(Get-FileHashText $text)" (Get-ErrorIds ($r.Output + $r.Errors)) 'IncompatibleSchema' ",sidecars=$(Get-Sidecars $text)"
        if ((Get-Sidecars $text) -ne 'none') { $script:problems5 += 'store:text644 left sidecar files' }
        if ($IsRoot) {
            $device = Join-Path $folder 'store-dev'; & mknod $device c 1 5; & chmod 644 $device
            $before = Get-FileKind $device
            $r = Invoke-Guarded $storeScript @{ Path = $device } 20
            Test-Untouched 'store:chardev' $before (Get-FileKind $device) ($(if ($r.TimedOut) { 'TIMEOUT' } else { Get-ErrorIds ($r.Output + $r.Errors) })) 'NotARegularFile' ",sidecars=$(Get-Sidecars $device)"
            if ((Get-Sidecars $device) -ne 'none') { $script:problems5 += 'store:chardev left sidecar files' }
        }
        else { $figures['store:chardev'] = 'skipped (not root)' }
        $foreign = Join-Path $folder 'app.db'
        $c = [Microsoft.Data.Sqlite.SqliteConnection]::new("Data Source=$foreign;Pooling=False"); $c.Open()
        try { $cmd = $c.CreateCommand(); $cmd.CommandText = "CREATE TABLE users(name TEXT); INSERT INTO users VALUES('alice');"; $null = $cmd.ExecuteNonQuery() } finally { $c.Dispose() }
        & chmod 644 $foreign
        function Get-ForeignState { $c = Open-Sqlite $foreign; try { "$(Get-FileKind $foreign)|$(Get-FileHashText $foreign)|tables=$((@(Invoke-Sql $c "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;")) -join '+')|users=$(Invoke-Sql $c 'SELECT count(*) FROM users;')" } finally { $c.Dispose() } }
        $before = Get-ForeignState
        $r = Invoke-Guarded $storeScript @{ Path = $foreign } 20
        Test-Untouched 'store:foreign' $before (Get-ForeignState) (Get-ErrorIds ($r.Output + $r.Errors)) 'IncompatibleSchema' ",sidecars=$(Get-Sidecars $foreign),$(($before -split '\|')[2])"
        if ((Get-Sidecars $foreign) -ne 'none') { $script:problems5 += 'store:foreign left sidecar files' }
        $emptyTarget = Join-Path $folder 'empty-target.db'; $null = New-Item -ItemType File -Path $emptyTarget; & chmod 644 $emptyTarget
        $storeLink = Join-Path $folder 'store-link.db'; $null = New-Item -ItemType SymbolicLink -Path $storeLink -Target $emptyTarget
        $before = "$(Get-FileKind $storeLink)|$(Get-FileKind $emptyTarget)|$((Get-Item -LiteralPath $emptyTarget).Length)"
        $r = Invoke-Guarded $storeScript @{ Path = $storeLink } 20
        Test-Untouched 'store:symlink' $before "$(Get-FileKind $storeLink)|$(Get-FileKind $emptyTarget)|$((Get-Item -LiteralPath $emptyTarget).Length)" (Get-ErrorIds ($r.Output + $r.Errors)) 'NotARegularFile'
        $storeFifo = Join-Path $folder 'store.pipe'; & mkfifo $storeFifo
        $before = Get-FileKind $storeFifo
        $r = Invoke-Guarded $storeScript @{ Path = $storeFifo } 10
        if ($r.TimedOut) { $null = & timeout 2 dd "if=$storeFifo" "of=$(Join-Path $folder 'drained2')" 2>$null }
        Test-Untouched 'store:fifo' $before (Get-FileKind $storeFifo) ($(if ($r.TimedOut) { 'TIMEOUT' } else { Get-ErrorIds ($r.Output + $r.Errors) })) 'NotARegularFile'
        Add-Result '5' 'special files (Export, New-SslSessionStore -Path)' $figures $script:problems5 $clock.Elapsed.TotalSeconds
    }
    #endregion

    #region 6: bounded reads
    Invoke-Scenario '6' 'bounded reads (Import-SslSession)' {
        param($clock)
        $folder = New-ProbeFolder 'reads'
        $figures = [ordered]@{}
        $problems = @()
        $mb = { param($bytes) [math]::Round($bytes / 1MB) }
        $peakBefore = (Get-Process -Id $PID).PeakWorkingSet64
        $figures['peak WS before MB'] = & $mb $peakBefore
        $importScript = @'
param($Path, $MaxFileSize)
$clock = [Diagnostics.Stopwatch]::StartNew()
$extra = @{}; if ($MaxFileSize) { $extra.MaxFileSize = $MaxFileSize }
$read = @(Import-SslSession -LiteralPath $Path @extra -ErrorVariable failed -ErrorAction SilentlyContinue)
[pscustomobject]@{ Seconds = $clock.Elapsed.TotalSeconds; Read = $read.Count; Errors = @($failed); First = "$($failed | Select-Object -First 1)" }
'@
        $cases = [System.Collections.Generic.List[object]]::new()
        if ($IsRoot) {
            $zero = Join-Path $folder 'zero'; & mknod $zero c 1 5; & chmod 644 $zero
            $urandom = Join-Path $folder 'urandom'; & mknod $urandom c 1 9; & chmod 644 $urandom
            $cases.Add(@('zero-dev', $zero, 0, 'NotARegularFile')); $cases.Add(@('urandom-dev', $urandom, 0, 'NotARegularFile'))
        }
        $fifo = Join-Path $folder 'in.pipe'; & mkfifo $fifo
        $cases.Add(@('fifo', $fifo, 0, 'NotARegularFile'))
        $sparse = Join-Path $folder 'sparse.bin'; & truncate -s $SparseSize $sparse
        $cases.Add(@("sparse-$SparseSize", $sparse, 0, 'NoPemBlock'))
        $bundle = Join-Path $folder 'bundle.pem'
        New-SslSession @Fields -Count 4 | Export-SslSession -Path $bundle
        $cases.Add(@('over-MaxFileSize', $bundle, 100, 'FileTooLarge'))
        foreach ($case in $cases) {
            $label, $path, $max, $expected = $case
            $r = Invoke-Guarded $importScript @{ Path = $path; MaxFileSize = $max } 180
            if ($r.TimedOut) {
                if ($label -eq 'fifo') { $null = & timeout 2 sh -c ': > "$1"' sh $fifo 2>$null }
                $figures[$label] = "TIMEOUT after $([math]::Round($r.Seconds))s"
                $problems += "$label timed out"
                continue
            }
            $o = $r.Output | Select-Object -Last 1
            $ids = Get-ErrorIds $o.Errors
            $figures[$label] = '{0},{1}s,peak {2}MB' -f $ids, [math]::Round($o.Seconds, 2), (& $mb (Get-Process -Id $PID).PeakWorkingSet64)
            Write-Verbose "$label : $($o.First)"
            if ($ids -ne $expected) { $problems += "$label gave $ids" }
            if ($o.Seconds -gt 60) { $problems += "$label took $([math]::Round($o.Seconds))s" }
        }
        # Stop in the middle of a 900 MB sparse file, whatever -SparseSize is (the module is loaded first, so the 300 ms
        # are 300 ms of reading).
        $stopFile = Join-Path $folder 'stop.bin'; & truncate -s 900M $stopFile
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddCommand('Import-Module').AddParameter('Name', $ModuleManifest); $null = $shell.Invoke(); $shell.Commands.Clear()
            $null = $shell.AddCommand('Import-SslSession').AddParameter('LiteralPath', $stopFile)
            $running = $shell.BeginInvoke()
            Start-Sleep -Milliseconds 300
            $wasRunning = -not $running.IsCompleted
            $stopClock = [Diagnostics.Stopwatch]::StartNew()
            $stopping = $shell.BeginStop($null, $null)
            $stopped = $stopping.AsyncWaitHandle.WaitOne(60000)
            $stopSeconds = $stopClock.Elapsed.TotalSeconds
            $figures['Stop 900M after 300ms'] = '{0}s{1}{2}' -f [math]::Round($stopSeconds, 3), $(if ($wasRunning) { '' } else { ' (had already finished)' }), $(if ($stopped) { '' } else { ' NOT STOPPED' })
            if (-not $stopped -or $stopSeconds -gt 2) { $problems += "Stop took $([math]::Round($stopSeconds, 2))s" }
            if ($stopped) { $shell.Dispose() }
        }
        catch { $shell.Dispose(); throw }
        $peak = (Get-Process -Id $PID).PeakWorkingSet64
        $figures['peak WS after MB'] = & $mb $peak
        if ($peak - $peakBefore -gt 256MB) { $problems += "peak working set grew by $(& $mb ($peak - $peakBefore)) MB" }
        Add-Result '6' 'bounded reads (Import-SslSession)' $figures $problems $clock.Elapsed.TotalSeconds
    }
    #endregion

    #region 7: callbacks
    Invoke-Scenario '7' 'Get callback abuse, unregister mid-batch' {
        param($clock)
        $figures = [ordered]@{}
        $problems = @()
        # A Get callback that answers with another session: as an object, as PEM text, as DER bytes.
        $other = New-SslSession @Fields -Timeout 3600
        $pem = ConvertFrom-SslSession -InputObject $other -Format Pem
        $der = ConvertFrom-SslSession -InputObject $other -Format Der
        $forms = [ordered]@{
            session = { $other }.GetNewClosure()
            pem     = { $pem }.GetNewClosure()
            der     = { , $der }.GetNewClosure()
        }
        foreach ($form in $forms.Keys) {
            $name = New-ProbeContextName 'get'
            $ctx = New-SslContext -Name $name
            Register-SslSessionCallback -Context $name -Event Get -ScriptBlock $forms[$form]
            $asked = New-SslSessionId -Context $name
            $result = Resolve-SslSession -Context $name -SessionId $asked -ErrorVariable failed -ErrorAction SilentlyContinue
            $count = $ctx.Count
            $hasOther = [bool] (Get-SslSession -Context $name -SessionId $other.SessionId -ErrorAction SilentlyContinue)
            $figures["get:$form"] = '{0},{1},count {2}{3}' -f $result.Outcome, (Get-ErrorIds $failed), $count, $(if ($hasOther) { ',OTHER CACHED' } else { '' })
            if ($result.Outcome -ne 'Miss' -or (Get-ErrorIds $failed) -ne 'CallbackSessionMismatch' -or $count -ne 0 -or $hasOther) { $problems += "get:$form" }
            Remove-SslContext -Context $name -Confirm:$false
        }

        # A Remove callback that unregisters another Remove callback in the middle of a flush of 3 sessions.
        $name = New-ProbeContextName 'unreg'
        $null = New-SslContext -Name $name
        $calls = [System.Collections.Generic.List[string]]::new()
        $registrations = @{}
        Register-SslSessionCallback -Context $name -Event Remove -ScriptBlock {
            $calls.Add('first')
            if ($registrations.second) { Unregister-SslSessionCallback -Context $name -Registration $registrations.second -Confirm:$false; $registrations.Remove('second') }
        }.GetNewClosure()
        $registrations.second = Register-SslSessionCallback -Context $name -Event Remove -ScriptBlock { $calls.Add('second') }.GetNewClosure() -PassThru
        New-SslSession @Fields -Count 3 -Timeout 3600 | Add-SslSession -Context $name
        Clear-SslSessionCache -Context $name -All -Force -ErrorVariable clearErrors -ErrorAction SilentlyContinue
        $figures['unregister mid-batch calls'] = ($calls -join ',')
        $figures['unregister errors'] = Get-ErrorIds $clearErrors
        if (($calls -join ',') -ne 'first,first,first') { $problems += "calls $($calls -join ',')" }
        Remove-SslContext -Context $name -Confirm:$false
        Add-Result '7' 'Get callback abuse, unregister mid-batch' $figures $problems $clock.Elapsed.TotalSeconds
    }
    #endregion

    #region 8: id prefixes
    Invoke-Scenario '8' 'SessionIdPrefix of 32 and 31 bytes' {
        param($clock)
        $figures = [ordered]@{}
        $problems = @()
        foreach ($size in 32, 31) {
            $name = New-ProbeContextName 'prefix'
            $ctx = New-SslContext -Name $name
            $setError = $null
            try { Set-SslContext -Context $name -SessionIdPrefix ('x' * $size) -ErrorAction Stop } catch { $setError = $_ }
            $figures["prefix$size set"] = if ($setError) { Get-ShortErrorId $setError } else { "accepted($($ctx.SessionIdPrefix.Length) chars)" }
            foreach ($length in 32, 31, 16) {
                $made = @(New-SslSessionId -Context $name -Length $length -Count $IdCount -ErrorVariable failed -ErrorAction SilentlyContinue)
                $distinct = @($made | Select-Object -Unique).Count
                $figures["prefix$size len$length"] = '{0} ids,{1} distinct,{2}' -f $made.Count, $distinct, (Get-ErrorIds $failed)
                if ($made.Count -eq $IdCount -and $distinct -lt $made.Count) { $problems += "prefix $size, length $length`: $distinct distinct of $($made.Count) (one call repeats ids)" }
            }
            if ($size -eq 32 -and -not $setError) { $problems += 'a 32-byte prefix was accepted' }
            Remove-SslContext -Context $name -Confirm:$false
        }
        Add-Result '8' 'SessionIdPrefix of 32 and 31 bytes' $figures $problems $clock.Elapsed.TotalSeconds
    }
    #endregion

    #region 9: exit with pending writes
    Invoke-Scenario '9' 'exit with writes waiting for Redis' {
        param($clock)
        $folder = New-ProbeFolder 'exit'
        $child = Join-Path $folder 'child.ps1'
        Set-Content -LiteralPath $child -Value @'
param([string] $ModulePath, [int] $Port, [string] $Folder, [int] $Count, [switch] $Restart)
Import-Module $ModulePath
$null = New-SslContext -Name exit-child -Store (New-SslSessionStore -Redis "127.0.0.1:$Port")
$null = & redis-cli -p $Port shutdown nosave 2>$null
New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 -Count $Count -Timeout 3600 | Add-SslSession -Context exit-child -WarningAction SilentlyContinue
"PENDING $((Get-SslSessionStats -Context exit-child).StorePending)"
if ($Restart) {
    $null = Start-Process redis-server -ArgumentList '--port', $Port, '--bind', '127.0.0.1', '--save', '""', '--appendonly', 'no', '--dir', $Folder -RedirectStandardOutput (Join-Path $Folder "redis-again-$Port.out") -RedirectStandardError (Join-Path $Folder "redis-again-$Port.err")
    while ((& redis-cli -p $Port ping 2>$null) -ne 'PONG') { Start-Sleep -Milliseconds 20 }
}
"EXITING $([DateTime]::UtcNow.Ticks)"
exit 0
'@
        $figures = [ordered]@{}
        $problems = @()
        foreach ($restart in $false, $true) {
            $label = if ($restart) { 'redis back' } else { 'redis down' }
            $port = Get-FreePort
            $null = Start-Redis -Port $port -Folder $folder
            $arguments = @('-ModulePath', $ModuleManifest, '-Port', $port, '-Folder', $folder, '-Count', $ExitSessions)
            if ($restart) { $arguments += '-Restart' }
            $done = Wait-ChildPwsh (Start-ChildPwsh -File $child -Arguments $arguments) -TimeoutSeconds 120
            $exitedAt = [DateTime]::UtcNow.Ticks
            $pending = ($done.Out -split "`n" | Where-Object { $_ -like 'PENDING *' } | Select-Object -First 1) -replace 'PENDING '
            $exiting = ($done.Out -split "`n" | Where-Object { $_ -like 'EXITING *' } | Select-Object -First 1) -replace 'EXITING '
            $exitDelay = if ($exiting) { [math]::Round(($exitedAt - [long] $exiting) / 1e7, 1) } else { 'n/a' }
            $stderr = (@($done.Err -split "`n" | ForEach-Object { $_.Trim() } | Where-Object { $_ }) -join ' | ')
            if ($restart) {
                $dbsize = Get-RedisDbSize $port
                $figures[$label] = "exit $($done.ExitCode),pending $pending,dbsize $dbsize,exit took ${exitDelay}s,stderr '$stderr'"
                if ($dbsize -ne $ExitSessions) { $problems += "dbsize $dbsize after exit with Redis back" }
                if ($stderr) { $problems += 'stderr not empty with Redis back' }
                $serverPid = ((& redis-cli -p $port info server 2>$null) | Where-Object { $_ -like 'process_id:*' }) -replace 'process_id:' -replace '\s'
                $null = & redis-cli -p $port shutdown nosave 2>$null
                if ($serverPid -match '^\d+$' -and (Get-Process -Id $serverPid -ErrorAction SilentlyContinue)) { & $KillCommand -9 $serverPid }
            }
            else {
                $figures[$label] = "exit $($done.ExitCode),pending $pending,exit took ${exitDelay}s,stderr '$stderr'"
                if ($stderr -notlike "*$ExitSessions write(s)*were lost*") { $problems += 'no loss line on stderr with Redis down' }
            }
            if ($done.ExitCode -ne 0) { $problems += "$label`: exit code $($done.ExitCode)" }
        }
        Add-Result '9' 'exit with writes waiting for Redis' $figures $problems $clock.Elapsed.TotalSeconds
    }
    #endregion
}
finally {
    foreach ($name in $Contexts) { Get-SslContext -Name $name -ErrorAction SilentlyContinue | Remove-SslContext -Confirm:$false -ErrorAction SilentlyContinue -WarningAction SilentlyContinue }
    foreach ($process in $Started) {
        try { if (-not $process.HasExited) { $process.Kill($true); $null = $process.WaitForExit(5000) } } catch { Write-Warning "could not end process $($process.Id): $_" }
    }
    foreach ($port in $RedisPorts) {
        # Servers a child started (scenario 9) are not in $Started: shut down whatever still answers on our ports.
        if ((& redis-cli -p $port ping 2>$null) -eq 'PONG') { $null = & redis-cli -p $port shutdown nosave 2>$null }
    }
    if ($KeepTemp) { Write-Host "Temporary folder kept: $TempRoot" }
    elseif ($TempRoot.StartsWith([IO.Path]::GetTempPath()) -and $TempRoot -like '*pssslsession-faultprobe-*') {
        Remove-Item -LiteralPath $TempRoot -Recurse -Force -ErrorAction SilentlyContinue
    }
}

Write-Host ''
Write-Host ("Fault probe finished in {0:n0} s{1}" -f $ProbeStart.Elapsed.TotalSeconds, $(if ($Quick) { ' (-Quick)' } else { '' }))
$Results | Format-Table -Wrap -Property Scenario, Title, Seconds, Check, Figures | Out-String -Width 220 | Write-Host
$flagged = @($Results | Where-Object { $_.Check -ne 'ok' }).Count
Write-Host "$($Results.Count - $flagged) scenario(s) ok, $flagged to check"
if ($PassThru) { $Results }
