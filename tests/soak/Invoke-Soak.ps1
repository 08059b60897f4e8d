<#
.SYNOPSIS
    Soak test (issue 14): two runspaces drive one shared session cache with mixed operations for a bounded time while
    the main runspace checks the cache's invariants every second and samples memory.

.DESCRIPTION
    Run from the repository root after ./build.sh:

        dotnet tool run pwsh -NoProfile -File tests/soak/Invoke-Soak.ps1                 # 120 seconds
        dotnet tool run pwsh -NoProfile -File tests/soak/Invoke-Soak.ps1 -Seconds 600    # ten minutes

    Two contexts share one cache (New-SslContext -ShareCacheWith, one session-id context) with a size, a byte budget,
    a flush timer and an attached SQLite store in a new folder below the temp path (removed at the end). Each worker
    runspace adds, resolves, removes, touches and flushes sessions through the cmdlets, with a Remove callback that
    re-enters its context (Get-SslSessionStats, and Resolve-SslSession of the session that left). The main runspace
    runs Test-SslSessionCache every second and samples the managed heap after a full collection. Output: one object
    with the figures (operations, invariant violations, worker errors, heap after warm-up, at its peak and at the end)
    and Passed = no violation, no worker error, and the heap given back at the end (within 50% + 10 MB of warm-up).
#>
[CmdletBinding()]
param(
    [int] $Seconds = 120,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/PSSslSession/PSSslSession.psd1')
)
$ErrorActionPreference = 'Stop'
Import-Module (Resolve-Path $ModulePath).Path
$folder = Join-Path ([IO.Path]::GetTempPath()) ("pss-soak-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
$null = New-Item -ItemType Directory -Path $folder
$names = "soak-a-$PID", "soak-b-$PID"

$worker = {
    param($ModulePath, $Context, $Seconds, $Seed)
    Import-Module $ModulePath
    $random = [Random]::new($Seed)
    $ops = 0; $errors = [System.Collections.Generic.List[string]]::new()
    $recent = [System.Collections.Generic.List[object]]::new()
    Register-SslSessionCallback -Context $Context -Event Remove -ScriptBlock {
        param($Session, $Reason, $Context)
        # Re-entering the cache from inside a callback: statistics, and whether the id that just left is still cached.
        # (Not Resolve-SslSession: it would bring the session back from the store and evict another, whose callback
        # would do the same, a chain as long as the cache is full.)
        $null = Get-SslSessionStats -Context $Context
        if ($Session.SessionId) { $null = Test-SslSessionId -Context $Context -SessionId $Session.SessionId }
    }
    $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
    while ([DateTime]::UtcNow -lt $deadline) {
        try {
            switch ($random.Next(10)) {
                { $_ -le 3 } {
                    $s = New-SslSession -Protocol TLSv1.2 -Cipher ECDHE-RSA-AES128-GCM-SHA256 -SessionIdContext soak `
                        -Timeout (1 + $random.Next(5)) -Ticket ([byte[]]::new($random.Next(0, 600)))
                    Add-SslSession -Context $Context -InputObject $s -WarningAction SilentlyContinue
                    $recent.Add($s); if ($recent.Count -gt 200) { $recent.RemoveAt(0) }
                }
                { $_ -eq 4 -or $_ -eq 5 } {
                    if ($recent.Count) { $null = Resolve-SslSession -Context $Context -SessionId $recent[$random.Next($recent.Count)].SessionId }
                }
                6 {
                    if ($recent.Count) {
                        Remove-SslSession -Context $Context -InputObject $recent[$random.Next($recent.Count)] -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
                    }
                }
                7 { if ($recent.Count) { Set-SslSession -InputObject $recent[$random.Next($recent.Count)] -Touch } }
                8 { Clear-SslSessionCache -Context $Context -WarningAction SilentlyContinue }
                9 { $null = Get-SslSession -Context $Context | Select-Object -First 5 }
            }
            $ops++
        }
        catch { $errors.Add("$($_.FullyQualifiedErrorId): $_") }
        # Timer removals reach this runspace's callback through its event queue while it sleeps.
        if ($ops % 200 -eq 0) { Start-Sleep -Milliseconds 1 }
    }
    [pscustomobject]@{ Operations = $ops; Errors = $errors.ToArray() }
}

$runspaces = @()
try {
    $store = New-SslSessionStore -Path (Join-Path $folder 'soak.db')
    $null = New-SslContext -Name $names[0] -SessionIdContext soak -CacheSize 4000 -MaxBytes 2MB -FlushInterval 0.5 -Store $store
    $null = New-SslContext -Name $names[1] -SessionIdContext soak -ShareCacheWith $names[0]
    $modulePath = (Resolve-Path $ModulePath).Path
    $seed = 1
    foreach ($name in $names) {
        $ps = [powershell]::Create()
        $null = $ps.AddScript($worker).AddArgument($modulePath).AddArgument($name).AddArgument($Seconds).AddArgument($seed++)
        $runspaces += [pscustomobject]@{ PowerShell = $ps; Handle = $ps.BeginInvoke() }
    }

    $violations = 0; $checks = 0; $heap = [System.Collections.Generic.List[double]]::new(); $problems = @()
    $end = [DateTime]::UtcNow.AddSeconds($Seconds)
    while ([DateTime]::UtcNow -lt $end) {
        Start-Sleep -Seconds 1
        $checks++
        $ok = Test-SslSessionCache -Context $names[0] -WarningVariable warn -WarningAction SilentlyContinue
        if (-not $ok) { $violations++; $problems += "$warn" }
        # After a full collection: what stays reachable, not what the collector has not come to yet.
        $heap.Add([GC]::GetTotalMemory($true) / 1MB)
    }
    $results = foreach ($r in $runspaces) { $r.PowerShell.EndInvoke($r.Handle) }
    # Non-terminating errors of the workers' cmdlets (a callback failure, say) are in their error streams.
    $streamErrors = @(foreach ($r in $runspaces) { $r.PowerShell.Streams.Error | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" } })
    $stats = Get-SslSessionStats -Context $names[0]
    $flushes = $stats.Flushes + (Get-SslSessionStats -Context $names[1]).Flushes
    # What the process holds once the work is over (workers and their runspaces gone): the cache and PowerShell.
    foreach ($r in $runspaces) { $r.PowerShell.Dispose() }
    $runspaces = @()
    Remove-SslContext -Context $names[1] -Confirm:$false
    $endHeap = [GC]::GetTotalMemory($true) / 1MB

    # Warm-up is the first tenth. Posted callback batches wait in the runspaces' event queues while those are busy,
    # so the heap moves in a sawtooth; what must hold is that it is given back: at the end it is within 50% (+10 MB)
    # of the heap after warm-up.
    $warm = $heap[[Math]::Min($heap.Count - 1, [Math]::Max(1, [int]($heap.Count / 10)))]
    $peak = ($heap | Measure-Object -Maximum).Maximum
    $workerErrors = @($results | ForEach-Object { $_.Errors }) + $streamErrors
    [pscustomobject]@{
        Seconds           = $Seconds
        Operations        = ($results | Measure-Object Operations -Sum).Sum
        InvariantChecks   = $checks
        Violations        = $violations
        WorkerErrors      = $workerErrors.Count
        FirstErrors       = @($workerErrors | Select-Object -First 3) + @($problems | Select-Object -First 3)
        HeapWarmMB        = [Math]::Round($warm, 1)
        HeapPeakMB        = [Math]::Round($peak, 1)
        HeapEndMB         = [Math]::Round($endHeap, 1)
        HeapSeriesMB      = ($heap | ForEach-Object { [Math]::Round($_) }) -join ' '
        CachedAtEnd       = $stats.Count
        Evictions         = $stats.Evictions
        Flushes           = $flushes
        Passed            = $violations -eq 0 -and $workerErrors.Count -eq 0 -and $endHeap -le 1.5 * $warm + 10
    }
}
finally {
    foreach ($r in $runspaces) { $r.PowerShell.Stop(); $r.PowerShell.Dispose() }
    foreach ($name in $names) { if (Get-SslContext -Name $name -ErrorAction SilentlyContinue) { Remove-SslContext -Context $name -Confirm:$false -ErrorAction SilentlyContinue } }
    if ($store) { $store.Dispose() }
    Remove-Item -Recurse -Force $folder -ErrorAction SilentlyContinue
}
