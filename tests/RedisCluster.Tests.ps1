# The Redis store on a real Redis Cluster (3 primaries + 3 replicas on loopback, started and stopped here): one process
# adds 10,000 sessions through the module while a primary is killed mid-run, another resolves them. Redis replicates
# asynchronously, so writes a primary acknowledged but had not yet sent to its replica are lost at a failover: the test
# counts them and prints the numbers (docs/New-SslSessionStore.md, NOTES, records a run).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'ServiceHelpers.ps1')
    $SessionCount = 10000
    $folder = Join-Path ([IO.Path]::GetTempPath()) "pss-cluster-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    New-Item -ItemType Directory -Path $folder | Out-Null
    $nodes = [System.Collections.Generic.List[object]]::new()

    function Start-ClusterNode([int] $Port) {
        $dir = Join-Path $folder $Port
        New-Item -ItemType Directory -Path $dir | Out-Null
        $process = Start-Process redis-server -PassThru -ArgumentList '--port', $Port, '--bind', '127.0.0.1', '--save', '""',
            '--appendonly', 'no', '--dir', $dir, '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf',
            '--cluster-node-timeout', '1000' -RedirectStandardOutput (Join-Path $dir 'out.log') -RedirectStandardError (Join-Path $dir 'err.log')
        $nodes.Add([pscustomobject]@{ Port = $Port; Process = $process })
        $deadline = (Get-Date).AddSeconds(10)
        while ((& redis-cli -p $Port ping 2>$null) -ne 'PONG') {
            if ((Get-Date) -gt $deadline) { throw "redis-server (cluster node) did not start on port $Port" }
            Start-Sleep -Milliseconds 20
        }
    }

    function Get-ClusterState([int] $Port) {
        $info = & redis-cli -p $Port cluster info 2>$null
        (($info | Where-Object { $_ -like 'cluster_state:*' }) -replace 'cluster_state:', '').Trim()
    }

    function Start-FreshPwsh([string[]] $ArgumentList, [string] $Name) {
        # Invoke-FreshPwsh, but not waiting: the test kills a primary while this process writes.
        $hostPath = [Environment]::ProcessPath
        $arguments = if ([IO.Path]::GetFileNameWithoutExtension($hostPath) -eq 'dotnet') { @((Join-Path $PSHOME 'pwsh.dll')) + $ArgumentList } else { $ArgumentList }
        Start-Process $hostPath -PassThru -ArgumentList $arguments `
            -RedirectStandardOutput (Join-Path $folder "$Name.out") -RedirectStandardError (Join-Path $folder "$Name.err")
    }

    $writer = Join-Path $folder 'writer.ps1'
    Set-Content -Path $writer -Value @'
param($ModulePath, $Seeds, $Folder, [int] $Count)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$context = New-SslContext -Name writer -CacheSize ($Count * 2) -Store (New-SslSessionStore -Redis $Seeds -KeyPrefix 'cluster:' -ConnectTimeout 2 -OperationTimeout 2)
$sessions = New-SslSession -Protocol TLSv1.2 -Cipher ECDHE-RSA-AES128-GCM-SHA256 -MasterKey ('5A' * 48) -Timeout 3600 -Count $Count
$sessions.SessionId | ForEach-Object { $_.ToString() } | Set-Content (Join-Path $Folder 'ids.txt')
$reports = 0
$half = [int]($Count / 2)
$sessions[0..($half - 1)] | Add-SslSession -Context $context -ErrorAction SilentlyContinue -ErrorVariable +errors -WarningVariable +warnings
Set-Content (Join-Path $Folder 'half') ''          # the test kills a primary now, while the rest is written
$sessions[$half..($Count - 1)] | Add-SslSession -Context $context -ErrorAction SilentlyContinue -ErrorVariable +errors -WarningVariable +warnings
while (-not (Test-Path (Join-Path $Folder 'killed'))) { Start-Sleep -Milliseconds 20 }
# Served from the context's own cache whatever the cluster is doing.
$ownHits = @($sessions | ForEach-Object { Resolve-SslSession -Context $context -SessionId $_.SessionId } | Where-Object Outcome -eq 'Hit').Count
$clock = [Diagnostics.Stopwatch]::StartNew()
while ((Get-SslSessionStats -Context $context).StorePending -gt 0 -and $clock.Elapsed.TotalSeconds -lt 60) { Start-Sleep -Milliseconds 100 }
$stats = Get-SslSessionStats -Context $context
[pscustomobject]@{
    Added = $stats.Count; OwnCacheHits = $ownHits; StoreErrors = $stats.StoreErrors; StorePending = $stats.StorePending
    StoreDropped = $stats.StoreDropped; FaultReports = $errors.Count + $warnings.Count; DrainSeconds = [math]::Round($clock.Elapsed.TotalSeconds, 1)
} | ConvertTo-Json -Compress
'@
    $reader = Join-Path $folder 'reader.ps1'
    Set-Content -Path $reader -Value @'
param($ModulePath, $Seeds, $Folder)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$ids = Get-Content (Join-Path $Folder 'ids.txt')
$store = New-SslSessionStore -Redis $Seeds -KeyPrefix 'cluster:' -ConnectTimeout 2 -OperationTimeout 2
$now = [DateTimeOffset]::UtcNow
$byGet = @($ids | Where-Object { $null -ne $store.Get([PSSslSession.Codec.SessionId]::Parse($_), $null, $now) }).Count
$context = New-SslContext -Name reader -CacheSize ($ids.Count * 2) -Store $store   # loads with SCAN on every primary
$loaded = (Get-SslSessionStats -Context $context).Count
$served = @($ids | ForEach-Object { Resolve-SslSession -Context $context -SessionId $_ } | Where-Object { $_.Outcome -in 'Hit', 'CallbackHit' }).Count
$primaries = @((& redis-cli -p ($Seeds.Split(',')[1].Split(':')[1]) cluster nodes) | Where-Object { $_ -match 'master' -and $_ -notmatch 'fail' }).Count
[pscustomobject]@{ ServedByGet = $byGet; LoadedByScan = $loaded; Served = $served; Primaries = $primaries; Location = $store.Location } | ConvertTo-Json -Compress
'@

    $ports = 1..6 | ForEach-Object { Get-FreePort }
    foreach ($port in $ports) { Start-ClusterNode $port }
    $create = & redis-cli --cluster create ($ports | ForEach-Object { "127.0.0.1:$_" }) --cluster-replicas 1 --cluster-yes 2>&1
    if ($LASTEXITCODE -ne 0) { throw "redis-cli --cluster create failed: $($create -join [Environment]::NewLine)" }
    $deadline = (Get-Date).AddSeconds(30)
    while (@($ports | Where-Object { (Get-ClusterState $_) -ne 'ok' }).Count -gt 0) {
        if ((Get-Date) -gt $deadline) { throw 'The cluster did not reach cluster_state:ok within 30 s.' }
        Start-Sleep -Milliseconds 100
    }
    # A replica can take over only once its link to its primary is up (initial sync done): wait for all three.
    $deadline = (Get-Date).AddSeconds(30)
    while (@($ports | Where-Object { ((& redis-cli -p $_ INFO replication) -join "`n") -match 'master_link_status:up' }).Count -lt 3) {
        if ((Get-Date) -gt $deadline) { throw 'The replicas did not finish their initial sync within 30 s.' }
        Start-Sleep -Milliseconds 100
    }
    $seeds = ($ports[0..2] | ForEach-Object { "127.0.0.1:$_" }) -join ','
    $modulePath = (Resolve-Path $ModuleManifest).Path

    # The writer runs; at half way a primary (the first seed) is killed (SIGKILL, no goodbye) while it goes on writing.
    $writerProcess = Start-FreshPwsh -Name writer -ArgumentList '-NoProfile', '-NonInteractive', '-File', $writer, '-ModulePath', $modulePath, '-Seeds', $seeds, '-Folder', $folder, '-Count', $SessionCount
    $deadline = (Get-Date).AddSeconds(120)
    while (-not (Test-Path (Join-Path $folder 'half'))) {
        if ($writerProcess.HasExited -or (Get-Date) -gt $deadline) { throw "The writer did not reach half way: $(Get-Content (Join-Path $folder 'writer.err') -Raw)" }
        Start-Sleep -Milliseconds 10
    }
    $victim = $nodes | Where-Object Port -eq $ports[0]
    $victim.Process.Kill(); $victim.Process.WaitForExit()
    $failoverClock = [Diagnostics.Stopwatch]::StartNew()
    Set-Content (Join-Path $folder 'killed') ''
    # Failed over: a survivor marks the killed node failed, a replica took its slots, and the cluster is ok again.
    $survivors = $ports[1..5]
    while ($failoverClock.Elapsed.TotalSeconds -lt 60) {
        $view = & redis-cli -p $ports[1] cluster nodes 2>$null
        $victimFailed = @($view | Where-Object { $_ -match "127\.0\.0\.1:$($ports[0])@" -and $_ -match '\bfail\b' }).Count -eq 1
        $serving = @($view | Where-Object { $_ -match 'master' -and $_ -notmatch 'fail' -and $_ -match '\d+-\d+' }).Count
        if ($victimFailed -and $serving -eq 3 -and @($survivors | Where-Object { (Get-ClusterState $_) -ne 'ok' }).Count -eq 0) { break }
        Start-Sleep -Milliseconds 20
    }
    $failoverSeconds = [math]::Round($failoverClock.Elapsed.TotalSeconds, 1)
    if (-not $writerProcess.WaitForExit(180000)) { $writerProcess.Kill(); throw 'The writer did not finish within 180 s.' }
    $writerResult = (Get-Content (Join-Path $folder 'writer.out') | Select-Object -Last 1) | ConvertFrom-Json
    $writerError = Get-Content (Join-Path $folder 'writer.err') -Raw

    $readerOut = Invoke-FreshPwsh -NoProfile -NonInteractive -File $reader -ModulePath $modulePath -Seeds $seeds -Folder $folder 2>&1
    $readerExit = $LASTEXITCODE
    $readerResult = try { ($readerOut | Select-Object -Last 1) | ConvertFrom-Json } catch { $null }
    $lost = $SessionCount - $readerResult.Served
    $summary = ("Redis Cluster (3 primaries + 3 replicas): {0} sessions added by one process; primary 127.0.0.1:{1} killed half way; " +
        "cluster ok again after {2} s; the writer's context served {3} of {0} from its own cache meanwhile; its store writes failed {4} times " +
        "({5} reports), {6} pending and {7} dropped after {8} s; the other process served {9} ({10} by GET, {11} loaded by SCAN of every primary); lost: {12}.") -f `
        $SessionCount, $ports[0], $failoverSeconds, $writerResult.OwnCacheHits, $writerResult.StoreErrors, $writerResult.FaultReports,
        $writerResult.StorePending, $writerResult.StoreDropped, $writerResult.DrainSeconds, $readerResult.Served, $readerResult.ServedByGet,
        $readerResult.LoadedByScan, $lost
    Write-Host $summary
}

AfterAll {
    foreach ($node in $nodes) { Stop-RedisServer $node.Process }
    Remove-Item -Recurse -Force $folder -ErrorAction SilentlyContinue
}

Describe 'Redis store on a Redis Cluster with a primary failover' -Tag 'CI' {
    It 'Lets the writer add every session while a primary fails' {
        $writerResult.Added | Should -Be $SessionCount -Because $writerError
    }

    It 'Keeps serving every session from the context''s own cache during the failover' {
        $writerResult.OwnCacheHits | Should -Be $SessionCount
    }

    It 'Reports the outage once per call, not once per failed write' {
        $writerResult.FaultReports | Should -BeLessOrEqual 2
    }

    It 'Writes what waited for the failover once the replica took over' {
        $writerResult.StorePending | Should -Be 0
        $writerResult.StoreDropped | Should -Be 0
    }

    It 'Fails over to a replica (three primaries serve again)' {
        $readerExit | Should -Be 0 -Because ($readerOut | Out-String)
        $readerResult.Primaries | Should -Be 3
    }

    It 'Serves the sessions to another process through GET, with at most a few lost to asynchronous replication' {
        $readerResult.ServedByGet | Should -Be $readerResult.Served
        $lost | Should -BeLessThan ($SessionCount / 100)
    }

    It 'Lists every stored session with SCAN on every primary' {
        $readerResult.LoadedByScan | Should -Be $readerResult.ServedByGet
    }

    It 'Refuses a database other than 0 on a cluster (Unsupported)' {
        { New-SslSessionStore -Redis $seeds -Database 1 -ConnectTimeout 2 } |
            Should -Throw -ErrorId 'Unsupported,PSSslSession.Commands.NewSslSessionStoreCommand'
    }
}
