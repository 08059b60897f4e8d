# The Redis client's dependencies (StackExchange.Redis, Microsoft.Extensions.Logging.Abstractions, System.IO.Hashing, …) are
# loaded apart from the rest of pwsh (the module's redis/ folder in an isolated AssemblyLoadContext): a session that already
# holds another version of one of them still imports the module and shares sessions through a real redis-server.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $redis = $env:PSSSLSESSION_REDIS
    if (-not $redis) { throw 'PSSSLSESSION_REDIS is not set: tests/run starts a redis-server and sets it.' }
    $folder = Join-Path ([IO.Path]::GetTempPath()) "pss-isolation-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $folder | Out-Null

    # A module of somebody else's that loads an old Microsoft.Extensions.Logging.Abstractions (2.0.0.0, and without the
    # types StackExchange.Redis needs) into the default load context before PSSslSession is imported.
    New-StandInAssembly -Path (Join-Path $folder 'Microsoft.Extensions.Logging.Abstractions.dll') -Name 'Microsoft.Extensions.Logging.Abstractions' `
        -Version '2.0.0.0' -Source 'namespace Microsoft.Extensions.Logging { public static class OtherModulesLogging { public static string Hello() { return "old logging"; } } }'
    $otherModule = Join-Path $folder 'OtherLogging.psm1'
    Set-Content -Path $otherModule -Value @'
Add-Type -Path (Join-Path $PSScriptRoot 'Microsoft.Extensions.Logging.Abstractions.dll')
function Get-OtherLogging { [Microsoft.Extensions.Logging.OtherModulesLogging]::Hello() }
'@
    $script = Join-Path $folder 'use-redis.ps1'
    Set-Content -Path $script -Value @'
param($ModulePath, $OtherModule, $Redis, $Helpers)
$ErrorActionPreference = 'Stop'
. $Helpers
Import-Module Microsoft.PowerShell.Utility, Microsoft.PowerShell.Management, Microsoft.PowerShell.Security, ThreadJob -ErrorAction SilentlyContinue
Import-Module $OtherModule
$null = Get-OtherLogging
Import-Module $ModulePath
$prefix = "pss-isolation-$([guid]::NewGuid().ToString('N').Substring(0, 8)):"
$reader = New-SslContext -Name "reader-$prefix" -Store (New-SslSessionStore -Redis $Redis -KeyPrefix $prefix)
$writer = New-SslContext -Name "writer-$prefix" -Store (New-SslSessionStore -Redis $Redis -KeyPrefix $prefix)
$ids = 1..5 | ForEach-Object { (New-SslSession -Protocol TLSv1.2 -Cipher ECDHE-RSA-AES128-GCM-SHA256 -MasterKey ('5A' * 48) | Add-SslSession -Context $writer -PassThru).SessionId }
$outcomes = $ids | ForEach-Object { (Resolve-SslSession -Context $reader -SessionId $_).Outcome.ToString() }
$ids | ForEach-Object { $null = Remove-SslSession -Context $writer -SessionId $_ }
[pscustomobject]@{
    Outcomes     = $outcomes
    Logging      = Get-LoadedAssembly 'Microsoft.Extensions.Logging.Abstractions'
    Redis        = Get-LoadedAssembly 'StackExchange.Redis'
    Engine       = Get-LoadedAssembly 'PSSslSession.Engine'
    OtherLogging = Get-OtherLogging
} | ConvertTo-Json -Compress
'@
    $out = Invoke-FreshPwsh -NoProfile -NonInteractive -File $script -ModulePath (Resolve-Path $ModuleManifest).Path -OtherModule $otherModule -Redis $redis `
        -Helpers (Join-Path $PSScriptRoot 'LoadedAssemblies.ps1') 2>&1
    $exit = $LASTEXITCODE
    $result = try { ($out | Select-Object -Last 1) | ConvertFrom-Json } catch { $null }
}

AfterAll { Remove-Item -Recurse -Force $folder -ErrorAction SilentlyContinue }

Describe 'Redis client isolation' -Tag 'CI' {
    It 'Imports and uses the Redis store in a pwsh that already loaded an older client dependency' {
        $exit | Should -Be 0 -Because ($out | Out-String)
        $result.Outcomes | Should -Be @('CallbackHit', 'CallbackHit', 'CallbackHit', 'CallbackHit', 'CallbackHit')
    }

    It 'Loads StackExchange.Redis in the module''s own load context' {
        $result.Redis | Should -Be @('2.0.0.0@PSSslSession.Redis')
    }

    It 'Leaves the other module''s dependency in place beside the client''s own copy' {
        $result.Logging | Should -Contain '2.0.0.0@Default'
        $result.Logging | Should -Contain '8.0.0.0@PSSslSession.Redis'
        $result.OtherLogging | Should -Be 'old logging'
    }

    It 'Shares the engine with the default load context (one PSSslSession.Engine)' {
        $result.Engine | Should -Be @('0.1.0.0@Default')
    }
}
