<#
.SYNOPSIS
    Runs the Pester suite (tests/*.Tests.ps1) against the laid-out module, in this fresh process.
.DESCRIPTION
    tests/run and build.ps1 start this script in a new pwsh process (pwsh -NoProfile -File), so that nothing
    of the caller's session (strict mode, preference variables, modules already imported) leaks into the tests.
    It imports Pester 5 from the NuGet package that tests/pester/Pester.csproj restores (the version is read
    from that project, the one place it is pinned), runs every test file, writes NUnit XML results, and ends
    with the line "Pester: N passed, N failed". The exit code is 1 when any test failed or none ran.
#>
[CmdletBinding()]
param(
    # The laid-out module's manifest; the tests import the module from there.
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/PSSslSession/PSSslSession.psd1'),

    # Pester.psd1; by default the copy restored into the NuGet packages folder.
    [string] $PesterPath,

    # Test files or folders.
    [string[]] $Path = @($PSScriptRoot),

    [string] $ResultPath = (Join-Path $PSScriptRoot '../out/pester-results.xml'),

    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')]
    [string] $Verbosity = 'Normal'
)

$ErrorActionPreference = 'Stop'

function Find-RestoredPester {
    $project = [xml](Get-Content -Raw (Join-Path $PSScriptRoot 'pester/Pester.csproj'))
    $version = ($project.Project.ItemGroup.PackageDownload | Where-Object Include -EQ 'Pester').Version.Trim('[', ']')
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $candidate = Join-Path $packages "pester/$version/tools/Pester.psd1"
    if (-not (Test-Path $candidate)) {
        throw "Pester $version is not restored ($candidate is missing). Run: dotnet restore $(Join-Path $PSScriptRoot 'pester/Pester.csproj')"
    }
    $candidate
}

if (-not $PesterPath) { $PesterPath = Find-RestoredPester }
if (-not (Test-Path $ModulePath)) { throw "The laid-out module is missing: $ModulePath. Build it first (./build.sh)." }

Import-Module $PesterPath -Force
$env:PSSSLSESSION_MODULE = (Resolve-Path $ModulePath).Path

$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Run.Exit = $false
$config.Output.Verbosity = $Verbosity
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = $ResultPath
New-Item -ItemType Directory -Force -Path (Split-Path $ResultPath) | Out-Null

$result = Invoke-Pester -Configuration $config
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
Write-Host "Pester: $($result.PassedCount) passed, $failed failed"
if ($failed -gt 0 -or $result.PassedCount -eq 0) { exit 1 }
exit 0
