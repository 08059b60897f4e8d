<#
.SYNOPSIS
    Builds, tests, documents and packages the PSSslSession module.
.DESCRIPTION
    Build    dotnet publish of src/PSSslSession into out/PSSslSession (the laid-out module: dlls, manifest,
             format file, en-US help, native SQLite under runtimes/), as ./build.sh does.
    Test     Build, then the Pester 5 suite (tests/*.Tests.ps1) against the laid-out module, then ./tests/run
             (every xunit project, with a throwaway redis-server) where bash exists, else dotnet test.
    Help     PlatyPS 1.x (Microsoft.PowerShell.PlatyPS): docs/*.md → out/PSSslSession/en-US/PSSslSession.dll-Help.xml.
    Package  Zip of out/PSSslSession → out/PSSslSession-<version>.zip.
    Clean    Removes out/ and the projects' bin/obj folders.
.EXAMPLE
    ./build.ps1 -Task Build, Help, Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Help', 'Package', 'Clean')]
    [string[]] $Task = 'Build',

    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$RepoRoot = $PSScriptRoot
$OutRoot = Join-Path $RepoRoot 'out'
$ModuleOut = Join-Path $OutRoot 'PSSslSession'
$Project = Join-Path $RepoRoot 'src/PSSslSession/PSSslSession.csproj'
$Manifest = Join-Path $RepoRoot 'PSSslSession.psd1'

function Invoke-Native {
    param([string] $FilePath, [string[]] $ArgumentList)
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) { throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Assert-Module {
    param([string] $Name, [version] $MinimumVersion, [version] $BelowVersion)
    $found = Get-Module -ListAvailable -Name $Name |
        Where-Object { $_.Version -ge $MinimumVersion -and (-not $BelowVersion -or $_.Version -lt $BelowVersion) } |
        Sort-Object Version -Descending | Select-Object -First 1
    if (-not $found) {
        $range = if ($BelowVersion) { "$MinimumVersion or later, below $BelowVersion" } else { "$MinimumVersion or later" }
        throw "The module $Name $range is required. Install it with: Install-PSResource -Name $Name -Version '[$MinimumVersion,$(if ($BelowVersion) { $BelowVersion } else { '' }))' -Scope CurrentUser"
    }
    Import-Module $found.Path -Force
}

function Invoke-Build {
    if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) { throw 'The .NET SDK (dotnet) is required to build PSSslSession.' }
    Invoke-Native dotnet @('publish', $Project, '-c', $Configuration, '-o', $ModuleOut)
    foreach ($file in 'PSSslSession.dll', 'PSSslSession.psd1', 'PSSslSession.format.ps1xml', 'en-US/about_PSSslSession.help.txt') {
        if (-not (Test-Path (Join-Path $ModuleOut $file))) { throw "The module layout is incomplete: $file is missing from $ModuleOut." }
    }
    Write-Host "Module laid out in $ModuleOut"
}

function Invoke-Test {
    Invoke-Build
    Assert-Module -Name Pester -MinimumVersion 5.0.0 -BelowVersion 6.0.0
    $config = New-PesterConfiguration
    $config.Run.Path = Join-Path $RepoRoot 'tests'
    $config.Run.Exit = $false
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Detailed'
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputPath = Join-Path $OutRoot 'pester-results.xml'
    # The suite imports the laid-out module (out/PSSslSession), not the bin folder.
    $result = Invoke-Pester -Configuration $config
    if ($result.FailedCount -gt 0 -or $result.Result -ne 'Passed') { throw "Pester: $($result.FailedCount) test(s) failed." }

    if (Get-Command bash -ErrorAction SilentlyContinue) {
        Invoke-Native bash @((Join-Path $RepoRoot 'tests/run'))
    }
    else {
        Write-Warning 'bash is not available: running dotnet test without the Redis server that tests/run starts.'
        Invoke-Native dotnet @('test', (Join-Path $RepoRoot 'PSSslSession.sln'), '-c', $Configuration)
    }
}

function Invoke-Help {
    if (-not (Test-Path (Join-Path $ModuleOut 'PSSslSession.dll'))) { Invoke-Build }
    Assert-Module -Name Microsoft.PowerShell.PlatyPS -MinimumVersion 1.0.0 -BelowVersion 2.0.0
    $docs = Join-Path $RepoRoot 'docs'
    $pages = Measure-PlatyPSMarkdown -Path (Join-Path $docs '*.md') | Where-Object Filetype -match 'CommandHelp'
    if (-not $pages) { throw "No cmdlet help pages (PlatyPS CommandHelp markdown) were found in $docs." }
    $staging = Join-Path $OutRoot 'maml'
    if (Test-Path $staging) { Remove-Item $staging -Recurse -Force }
    $pages | Import-MarkdownCommandHelp -Path { $_.FilePath } | Export-MamlCommandHelp -OutputFolder $staging -Force | Out-Null
    # PlatyPS names the file after the module; a binary module's help is found as <assembly>.dll-Help.xml.
    $maml = Get-ChildItem $staging -Recurse -Filter '*-Help.xml' | Select-Object -First 1
    if (-not $maml) { throw "PlatyPS wrote no MAML file under $staging." }
    $target = Join-Path $ModuleOut 'en-US'
    New-Item -ItemType Directory -Path $target -Force | Out-Null
    Copy-Item $maml.FullName (Join-Path $target 'PSSslSession.dll-Help.xml') -Force
    Remove-Item $staging -Recurse -Force
    Write-Host "Help written to $(Join-Path $target 'PSSslSession.dll-Help.xml')"
}

function Invoke-Package {
    if (-not (Test-Path (Join-Path $ModuleOut 'PSSslSession.dll'))) { Invoke-Build }
    $version = (Import-PowerShellDataFile $Manifest).ModuleVersion
    $zip = Join-Path $OutRoot "PSSslSession-$version.zip"
    if (Test-Path $zip) { Remove-Item $zip -Force }
    Compress-Archive -Path $ModuleOut -DestinationPath $zip
    Write-Host "Package written to $zip"
}

function Invoke-Clean {
    if (Test-Path $OutRoot) { Remove-Item $OutRoot -Recurse -Force }
    Get-ChildItem (Join-Path $RepoRoot 'src'), (Join-Path $RepoRoot 'tests') -Directory -Recurse -Include bin, obj |
        Remove-Item -Recurse -Force
}

foreach ($step in $Task) {
    switch ($step) {
        'Clean' { Invoke-Clean }
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Help' { Invoke-Help }
        'Package' { Invoke-Package }
    }
}
