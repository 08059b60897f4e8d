# Cache limits in bytes and the flush timer (issue 12): New-/Set-SslContext -MaxSessionSize, -MaxBytes, -FlushInterval,
# the TooLarge and Bytes statistics, and how timer removals reach remove callbacks.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    function New-SizedSession {
        # A TLS 1.2 session whose encoding grows with its ticket; expires an hour from now unless told otherwise.
        param([int] $TicketBytes, [int] $Timeout = 3600, [datetime] $StartTime = (Get-Date))
        New-SslSession -Protocol TLSv1.2 -Cipher ECDHE-RSA-AES128-GCM-SHA256 -SessionId (New-TestSessionIdHex) `
            -Ticket ([byte[]]::new($TicketBytes)) -StartTime $StartTime -Timeout $Timeout
    }

    function Wait-Until {
        # Polls a condition while the runspace keeps processing events (Start-Sleep lets event actions run).
        param([scriptblock] $Condition, [int] $TimeoutSeconds = 10)
        $deadline = (Get-Date).AddSeconds($TimeoutSeconds)
        while (-not (& $Condition)) {
            if ((Get-Date) -gt $deadline) { return $false }
            Start-Sleep -Milliseconds 50
        }
        $true
    }
}

Describe 'Size limits in bytes' -Tag 'CI' {
    BeforeEach { $name = New-TestContextName }
    AfterEach { Remove-TestContext $name }

    It 'Does not cache a session larger than -MaxSessionSize, and says so once with its size' {
        $null = New-SslContext -Name $name -MaxSessionSize 4096
        $big = New-SizedSession -TicketBytes 5463
        Add-SslSession -Context $name -InputObject $big -WarningVariable warn -WarningAction SilentlyContinue
        (Get-SslSessionStats -Context $name).Count | Should -Be 0
        $warn.Count | Should -Be 1
        "$warn" | Should -Match "encoding is $($big.EncodedLength) bytes, over its MaxSessionSize of 4096 bytes"
    }

    It 'Counts sessions it did not cache for their size in TooLarge' {
        $null = New-SslContext -Name $name -MaxSessionSize 4096
        1..3 | ForEach-Object { New-SizedSession -TicketBytes 5000 } | Add-SslSession -Context $name -WarningAction SilentlyContinue
        (Get-SslSessionStats -Context $name).TooLarge | Should -Be 3
    }

    It 'Gives one warning for a whole pipeline of sessions that are too large, naming the largest' {
        $null = New-SslContext -Name $name -MaxSessionSize 4096
        $largest = New-SizedSession -TicketBytes 9000
        (New-SizedSession -TicketBytes 5000), $largest, (New-SizedSession -TicketBytes 100) |
            Add-SslSession -Context $name -WarningVariable warn -WarningAction SilentlyContinue
        $warn.Count | Should -Be 1
        "$warn" | Should -Match "^2 sessions were not cached"
        "$warn" | Should -Match "$($largest.SessionId).*$($largest.EncodedLength) bytes"
        (Get-SslSessionStats -Context $name).Count | Should -Be 1
    }

    It 'Warns from Complete-SslHandshake too, and neither caches nor stores the session' {
        $null = New-SslContext -Name $name -MaxSessionSize 4096
        $result = Complete-SslHandshake -Context $name -Session (New-SizedSession -TicketBytes 5000) -Role Server `
            -WarningVariable warn -WarningAction SilentlyContinue
        $result.Cached | Should -BeFalse
        $result.TooLarge | Should -BeTrue
        $warn.Count | Should -Be 1
    }

    It 'Reports the encoded bytes it holds in Bytes' {
        $null = New-SslContext -Name $name
        $sessions = (New-SizedSession -TicketBytes 100), (New-SizedSession -TicketBytes 2000)
        $sessions | Add-SslSession -Context $name
        (Get-SslSessionStats -Context $name).Bytes | Should -Be ($sessions | Measure-Object EncodedLength -Sum).Sum
    }

    It 'Evicts the earliest-expiring sessions to stay within -MaxBytes, with remove callbacks (Evicted)' {
        $first = New-SizedSession -TicketBytes 1000 -Timeout 600
        $second = New-SizedSession -TicketBytes 1000 -Timeout 1200
        $null = New-SslContext -Name $name -MaxBytes ($first.EncodedLength + $second.EncodedLength + 100)
        $evicted = [System.Collections.Generic.List[string]]::new()
        Register-SslSessionCallback -Context $name -Event Remove -ScriptBlock { param($Session, $Reason) $evicted.Add("$Reason $($Session.SessionId)") }.GetNewClosure()
        $first, $second | Add-SslSession -Context $name
        New-SizedSession -TicketBytes 1000 | Add-SslSession -Context $name
        $evicted | Should -Be @("Evicted $($first.SessionId)")
        $stats = Get-SslSessionStats -Context $name
        $stats.CacheFull | Should -Be 1
        (Get-SslContext -Name $name).MaxBytes | Should -BeGreaterOrEqual $stats.Bytes
    }

    It 'Takes byte sizes with PowerShell multipliers (-MaxBytes 64MB)' {
        $ctx = New-SslContext -Name $name -MaxBytes 64MB -MaxSessionSize 16KB
        $ctx.MaxBytes | Should -Be 67108864
        $ctx.MaxSessionSize | Should -Be 16384
    }

    It 'Changes the limits with Set-SslContext; lowering -MaxBytes evicts at the next add' {
        $null = New-SslContext -Name $name
        1..4 | ForEach-Object { New-SizedSession -TicketBytes 1000 } | Add-SslSession -Context $name
        $one = (Get-SslSession -Context $name)[0].EncodedLength
        Set-SslContext -Context $name -MaxBytes (2 * $one + 10)
        (Get-SslSessionStats -Context $name).Count | Should -Be 4
        New-SizedSession -TicketBytes 1000 | Add-SslSession -Context $name
        (Get-SslSessionStats -Context $name).Count | Should -Be 2
    }

    It 'Refuses a negative limit (ParameterArgumentValidationError)' {
        { New-SslContext -Name $name -MaxBytes -1 } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,PSSslSession.Commands.NewSslContextCommand'
        { New-SslContext -Name $name -MaxSessionSize -1 } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,PSSslSession.Commands.NewSslContextCommand'
    }

    It 'Refuses a -MaxSessionSize that does not fit 32 bits with a validation error' {
        { New-SslContext -Name $name -MaxSessionSize 3GB } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,PSSslSession.Commands.NewSslContextCommand'
    }

    It 'Warns when -MaxSessionSize is over the whole -MaxBytes budget' {
        $null = New-SslContext -Name $name -MaxSessionSize 5000 -MaxBytes 1000 -WarningVariable warn -WarningAction SilentlyContinue
        "$warn" | Should -Match 'MaxSessionSize 5000 bytes, over its whole MaxBytes budget of 1000 bytes'
    }

    It 'Shows the limits in the context list view and Bytes and TooLarge in the statistics table' {
        $null = New-SslContext -Name $name -MaxSessionSize 4096 -MaxBytes 1MB
        $list = Get-SslContext -Name $name | Format-List | Out-String
        $list | Should -Match 'MaxSessionSize\s+: 4096'
        $list | Should -Match 'MaxBytes\s+: 1048576'
        $table = Get-SslSessionStats -Context $name | Format-Table | Out-String -Width 120
        $table | Should -Match 'Bytes\s+Hits'
        $table | Should -Match 'TooLarge'
    }
}

Describe 'The flush timer (-FlushInterval)' -Tag 'CI' {
    BeforeEach { $name = New-TestContextName }
    AfterEach { Remove-TestContext $name }

    It 'Flushes expired sessions without any cmdlet being called' {
        $ctx = New-SslContext -Name $name -FlushInterval 0.1
        1..3 | ForEach-Object { New-SizedSession -TicketBytes 10 -StartTime (Get-Date).AddSeconds(-10) -Timeout 1 } |
            Add-SslSession -Context $name
        Wait-Until { (Get-SslSessionStats -Context $name).Flushes -eq 3 } | Should -BeTrue
        $ctx.Count | Should -Be 0
    }

    It 'Delivers every timer removal exactly once to a remove callback, in the runspace that registered it' {
        $ctx = New-SslContext -Name $name -FlushInterval 0.1
        $seen = [System.Collections.Generic.List[string]]::new()
        Register-SslSessionCallback -Context $name -Event Remove -ScriptBlock {
            param($Session, $Reason)
            $seen.Add("$([runspace]::DefaultRunspace.InstanceId) $Reason $($Session.SessionId)")
        }.GetNewClosure()
        $sessions = 1..20 | ForEach-Object { New-SizedSession -TicketBytes 10 -StartTime (Get-Date).AddSeconds(-10) -Timeout 9 }
        $sessions | Add-SslSession -Context $name
        Wait-Until { $seen.Count -ge 20 } | Should -BeTrue
        Start-Sleep -Milliseconds 300
        $seen.Count | Should -Be 20
        $here = [runspace]::DefaultRunspace.InstanceId
        $seen | ForEach-Object { ($_ -split ' ')[0] } | Sort-Object -Unique | Should -Be "$here"
        $seen | ForEach-Object { ($_ -split ' ')[1] } | Sort-Object -Unique | Should -Be 'Flushed'
        ($seen | ForEach-Object { ($_ -split ' ')[2] } | Sort-Object) | Should -Be ($sessions.SessionId | Sort-Object)
    }

    It 'Runs the callbacks of another runspace in that runspace, not in this one or on the timer thread' {
        $modulePath = (Resolve-Path $ModuleManifest).Path
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                param($ModulePath, $Name)
                Import-Module $ModulePath
                $seen = [System.Collections.Generic.List[string]]::new()
                $null = New-SslContext -Name $Name -FlushInterval 0.1
                Register-SslSessionCallback -Context $Name -Event Remove -ScriptBlock {
                    $seen.Add("$([runspace]::DefaultRunspace.InstanceId)")
                }.GetNewClosure()
                1..5 | ForEach-Object {
                    New-SslSession -Protocol TLSv1.2 -Cipher ECDHE-RSA-AES128-GCM-SHA256 -StartTime (Get-Date).AddSeconds(-10) -Timeout 9
                } | Add-SslSession -Context $Name
                $deadline = (Get-Date).AddSeconds(10)
                while ($seen.Count -lt 5 -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 50 }
                [pscustomobject]@{ Runspace = "$([runspace]::DefaultRunspace.InstanceId)"; Seen = $seen.ToArray() }
            }).AddArgument($modulePath).AddArgument($name)
            $result = $ps.Invoke()
            $ps.HadErrors | Should -BeFalse
            $result.Seen.Count | Should -Be 5
            $result.Seen | Sort-Object -Unique | Should -Be $result.Runspace
            $result.Runspace | Should -Not -Be "$([runspace]::DefaultRunspace.InstanceId)"
        }
        finally { $ps.Dispose() }
    }

    It 'Reports a failing timer callback as an error of the next call on the context' {
        $ctx = New-SslContext -Name $name -FlushInterval 0.1
        Register-SslSessionCallback -Context $name -Event Remove -ScriptBlock { throw 'remove failed on purpose' }
        New-SizedSession -TicketBytes 10 -StartTime (Get-Date).AddSeconds(-10) -Timeout 1 | Add-SslSession -Context $name
        Wait-Until { $ctx.Count -eq 0 } | Should -BeTrue
        Start-Sleep -Milliseconds 300
        $null = Get-SslSessionStats -Context $name -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        "$($err[0])" | Should -Match 'remove failed on purpose'
        $err[0].FullyQualifiedErrorId | Should -Be 'SessionCallbackFailed,PSSslSession.Commands.GetSslSessionStatsCommand'
        $null = Get-SslSessionStats -Context $name -ErrorVariable again -ErrorAction SilentlyContinue
        $again.Count | Should -Be 0
    }

    It 'Survives a flood of removals for an idle runspace, delivers each once, and drops them once it is closed' {
        # In a child process, so that a crash of the host (as PowerShell's concurrent "pulse" pipelines for an idle
        # runspace once caused) fails this test instead of the run.
        $script = Join-Path $TestDrive 'idle.ps1'
        Set-Content -Path $script -Value @'
param([string] $ModulePath)
Import-Module $ModulePath
$null = New-SslContext -Name c -CacheSize 100
$ps = [powershell]::Create()
$null = $ps.AddScript({ param($m) Import-Module $m; $global:n = 0; Register-SslSessionCallback -Context c -Event Remove -ScriptBlock { $global:n++ } }).AddArgument($ModulePath)
$null = $ps.Invoke()
# The other runspace is idle: every eviction made here reaches it through its event queue.
1..40 | ForEach-Object { New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 -Count 50 | Add-SslSession c }
$evicted = (Get-SslSessionStats c).Evictions
$deadline = (Get-Date).AddSeconds(20)
do { Start-Sleep -Milliseconds 100; $ps.Commands.Clear(); $seen = $ps.AddScript({ $global:n }).Invoke()[0] } while ($seen -lt $evicted -and (Get-Date) -lt $deadline)
$ps.Dispose()
1..40 | ForEach-Object { New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 -Count 50 | Add-SslSession c }
"$evicted $seen survived"
'@
        $out = Invoke-FreshPwsh -NoProfile -NonInteractive -File $script -ModulePath (Resolve-Path $ModuleManifest).Path 2>&1
        $LASTEXITCODE | Should -Be 0
        $last = "$($out | Select-Object -Last 1)"
        $last | Should -Match '^(\d+) (\d+) survived$'
        $parts = $last -split ' '
        [int]$parts[1] | Should -Be ([int]$parts[0])
        [int]$parts[0] | Should -BeGreaterThan 1000
    }

    It 'Keeps no process alive: pwsh exits at once with a context whose timer runs' {
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        $out = Invoke-FreshPwsh -NoProfile -NonInteractive -Command "Import-Module '$ModuleManifest'; `$null = New-SslContext -Name t -FlushInterval 1; 'done'"
        $sw.Stop()
        $out | Should -Be 'done'
        $sw.Elapsed.TotalSeconds | Should -BeLessThan 20
    }

    It 'Refuses a flush interval under 100 ms (InvalidFlushInterval) and registers nothing' {
        { New-SslContext -Name $name -FlushInterval 0.05 } |
            Should -Throw -ErrorId 'InvalidFlushInterval,PSSslSession.Commands.NewSslContextCommand'
        Get-SslContext -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'Changes and stops the timer with Set-SslContext -FlushInterval' {
        $ctx = New-SslContext -Name $name
        Set-SslContext -Context $name -FlushInterval 300
        $ctx.FlushInterval | Should -Be ([timespan]::FromMinutes(5))
        Set-SslContext -Context $name -FlushInterval 0
        $ctx.FlushInterval | Should -Be ([timespan]::Zero)
    }

    It 'Shows the interval in the context list view' {
        $null = New-SslContext -Name $name -FlushInterval 90
        Get-SslContext -Name $name | Format-List | Out-String | Should -Match 'FlushInterval\s+: 00:01:30'
    }
}
