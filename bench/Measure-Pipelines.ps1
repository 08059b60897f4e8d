#Requires -Version 7.0
<#
.SYNOPSIS
    Sessions per second through the module's pipelines in pwsh, and memory per cached session (issue 15, item 4).
.DESCRIPTION
    Imports the laid-out module (out/PSSslSession; run ./build.sh first) in this pwsh and times, on -Count sessions:
    building them (New-SslSession -Count, and one New-SslSession per ForEach-Object iteration), adding them (from an
    array, and from that ForEach-Object pipeline), Export-SslSession and Import-SslSession of one PEM file,
    Get-SslSession | Measure-Object, an add into a context backed by a SQLite store, and (with -Redis host:port) one
    backed by Redis. Each row is the best of -Repeat runs (a warm-up run first) and prints "<row> <sessions/s>".
    The memory row is the growth of the managed heap per cached session (sessions included) after a full collection.
    Writes only under a temporary folder it removes.
.EXAMPLE
    ./build.sh; dotnet tool run pwsh -NoProfile -File bench/Measure-Pipelines.ps1 -Count 100000
#>
[CmdletBinding()]
param(
    [ValidateRange(1000, 10000000)] [int] $Count = 100000,
    [ValidateRange(1, 20)] [int] $Repeat = 3,
    [string] $Redis
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../out/PSSslSession/PSSslSession.psd1') -Force
$work = Join-Path ([IO.Path]::GetTempPath()) "pss-bench-$([guid]::NewGuid().ToString('N'))"
$null = New-Item -ItemType Directory -Path $work
$cipher = 'ECDHE-RSA-AES128-GCM-SHA256'

function Measure-Row {
    # Runs $Setup (untimed) and $Body $Repeat + 1 times; prints the best rate of the timed runs.
    param([string] $Name, [scriptblock] $Body, [scriptblock] $Setup = {}, [scriptblock] $Cleanup = {})
    $best = 0
    for ($i = 0; $i -le $Repeat; $i++) {
        $state = & $Setup
        [GC]::Collect()
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $null = & $Body $state
        $watch.Stop()
        & $Cleanup $state
        if ($i -gt 0) { $best = [math]::Max($best, $Count / $watch.Elapsed.TotalSeconds) }
    }
    '{0,-28} {1,12:N0} sessions/s' -f $Name, $best
}

function Wait-BenchStore {
    # The store writes of an add are part of its cost: wait until none is pending.
    param([string] $Context)
    while ((Get-SslSessionStats -Context $Context).StorePending -gt 0) { Start-Sleep -Milliseconds 5 }
}

function New-BenchContext {
    param($Store)
    $name = "bench-$([guid]::NewGuid().ToString('N'))"
    if ($Store) { $null = New-SslContext -Name $name -CacheSize 0 -Store $Store } else { $null = New-SslContext -Name $name -CacheSize 0 }
    $name
}

try {
    "PSSslSession pipelines in pwsh $($PSVersionTable.PSVersion), $Count sessions, best of $Repeat"
    Measure-Row 'new-count' { New-SslSession -Protocol TLSv1.2 -Cipher $cipher -Count $Count }
    Measure-Row 'new-foreach' { 1..$Count | ForEach-Object { New-SslSession -Protocol TLSv1.2 -Cipher $cipher } }

    $sessions = New-SslSession -Protocol TLSv1.2 -Cipher $cipher -Count $Count
    Measure-Row 'add-array' -Setup { New-BenchContext } -Cleanup { param($c) Remove-SslContext -Context $c -Confirm:$false } `
        -Body { param($c) Add-SslSession -Context $c -InputObject $sessions }
    Measure-Row 'add-foreach-pipeline' -Setup { New-BenchContext } -Cleanup { param($c) Remove-SslContext -Context $c -Confirm:$false } `
        -Body { param($c) 1..$Count | ForEach-Object { New-SslSession -Protocol TLSv1.2 -Cipher $cipher } | Add-SslSession -Context $c }

    $pem = Join-Path $work 'sessions.pem'
    Measure-Row 'export-pem' -Body { $sessions | Export-SslSession -Path $pem -Force }
    '{0,-28} {1,12:N1} MB' -f 'pem-file-size', ((Get-Item $pem).Length / 1MB)
    Measure-Row 'import-pem' -Body { Import-SslSession -Path $pem }

    $listed = New-BenchContext
    Add-SslSession -Context $listed -InputObject $sessions
    Measure-Row 'get-measure' -Body { Get-SslSession -Context $listed | Measure-Object }
    Remove-SslContext -Context $listed -Confirm:$false

    Measure-Row 'add-sqlite' -Setup {
        $store = New-SslSessionStore -Path (Join-Path $work "store-$([guid]::NewGuid().ToString('N')).db")
        [pscustomobject]@{ Store = $store; Context = New-BenchContext $store }
    } -Cleanup { param($s) Remove-SslContext -Context $s.Context -Confirm:$false; $s.Store.Dispose() } `
        -Body { param($s) Add-SslSession -Context $s.Context -InputObject $sessions; $null = Wait-BenchStore $s.Context }

    if ($Redis) {
        Measure-Row 'add-redis' -Setup {
            $store = New-SslSessionStore -Redis $Redis -KeyPrefix "pss-bench-$([guid]::NewGuid().ToString('N')):"
            [pscustomobject]@{ Store = $store; Context = New-BenchContext $store }
        } -Cleanup { param($s) Clear-SslSessionCache -Context $s.Context -All -Force -Confirm:$false; Remove-SslContext -Context $s.Context -Confirm:$false; $s.Store.Dispose() } `
            -Body { param($s) Add-SslSession -Context $s.Context -InputObject $sessions; $null = Wait-BenchStore $s.Context }
    }

    # Memory: managed heap growth per cached session, the sessions themselves included.
    $sessions = $null
    $memory = New-BenchContext
    [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
    $before = [GC]::GetTotalMemory($true)
    Add-SslSession -Context $memory -InputObject (New-SslSession -Protocol TLSv1.2 -Cipher $cipher -Count $Count)
    [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
    $after = [GC]::GetTotalMemory($true)
    '{0,-28} {1,12:N0} bytes/session (managed heap)' -f 'memory', (($after - $before) / $Count)
    Remove-SslContext -Context $memory -Confirm:$false
}
finally {
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}
