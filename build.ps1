<#
.SYNOPSIS
    Builds, tests, documents and packages the PSSslSession module.
.DESCRIPTION
    Build    dotnet publish of src/PSSslSession into out/PSSslSession (the laid-out module: dlls, manifest,
             format and type files, en-US help, native SQLite under runtimes/), as ./build.sh does.
    Test     ./tests/run where bash exists (it builds, checks the help, runs the Pester suite in a fresh pwsh
             against the laid-out module, then every xunit project, with a throwaway redis-server); elsewhere
             Build, then the Pester suite in a fresh pwsh, then dotnet test.
    Help     PlatyPS 1.x: checks that docs/ has a page for every cmdlet covering every parameter, converts
             docs/*.md to MAML, renders examples as PowerShell help shows them (code, then remarks; no markdown
             fences or backticks) and writes en-US/PSSslSession.dll-Help.xml, which is committed and laid out with
             the module, so a module built without PlatyPS has full help. With -Check the file is compared instead of
             written: a difference means docs/ changed without ./build.ps1 -Task Help.
             PlatyPS: Install-PSResource Microsoft.PowerShell.PlatyPS -Version '[1.0.0,2.0.0)' -Scope CurrentUser
    Package  Zip of out/PSSslSession → out/PSSslSession-<version>.zip.
    Clean    Removes out/ and the projects' bin/obj folders.
.EXAMPLE
    ./build.ps1 -Task Build, Help, Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Help', 'Package', 'Clean')]
    [string[]] $Task = 'Build',

    [string] $Configuration = 'Release',

    # With -Task Help: compare the generated help with the committed en-US/PSSslSession.dll-Help.xml instead of writing it.
    [switch] $Check
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
    if (Get-Command bash -ErrorAction SilentlyContinue) {
        Invoke-Native bash @((Join-Path $RepoRoot 'tests/run'))
        return
    }
    Invoke-Build
    Invoke-Native dotnet @('restore', (Join-Path $RepoRoot 'tests/pester/Pester.csproj'))
    # A fresh process: this script's strict mode and preferences must not leak into the tests. This process is
    # pwsh itself, or dotnet running pwsh.dll (the .NET tool).
    $suite = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $RepoRoot 'tests/Invoke-PesterSuite.ps1'), '-ModulePath', (Join-Path $ModuleOut 'PSSslSession.psd1'))
    $self = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet') { $suite = @((Join-Path $PSHOME 'pwsh.dll')) + $suite }
    Invoke-Native $self $suite
    Write-Warning 'bash is not available: running dotnet test without the redis-server that tests/run starts.'
    Invoke-Native dotnet @('test', (Join-Path $RepoRoot 'PSSslSession.sln'), '-c', $Configuration)
}

function Invoke-Help {
    if (-not (Test-Path (Join-Path $ModuleOut 'PSSslSession.dll'))) { Invoke-Build }
    Assert-Module -Name Microsoft.PowerShell.PlatyPS -MinimumVersion 1.0.0 -BelowVersion 2.0.0
    $docs = Join-Path $RepoRoot 'docs'
    $pages = Assert-HelpCoverage -DocsPath $docs
    $staging = Join-Path $OutRoot 'maml'
    if (Test-Path $staging) { Remove-Item $staging -Recurse -Force }
    $models = @($pages | Import-MarkdownCommandHelp -Path { $_.FilePath })
    $models | Export-MamlCommandHelp -OutputFolder $staging -Force | Out-Null
    $maml = Get-ChildItem $staging -Recurse -Filter '*-Help.xml' | Select-Object -First 1
    if (-not $maml) { throw "PlatyPS wrote no MAML file under $staging." }
    # PlatyPS 1.0.3 writes no default values into MAML; Get-Help shows them from dev:defaultValue.
    $defaults = @{}
    foreach ($model in $models) {
        foreach ($parameter in $model.Parameters) {
            if ($parameter.DefaultValue -and $parameter.DefaultValue -notin 'None', 'False') { $defaults["$($model.Title)|$($parameter.Name)"] = [string] $parameter.DefaultValue }
        }
    }
    $help = ConvertTo-CleanMaml -Path $maml.FullName -Defaults $defaults
    Remove-Item $staging -Recurse -Force

    # A binary module's help is found as <assembly>.dll-Help.xml next to the dll.
    $committed = Join-Path $RepoRoot 'en-US/PSSslSession.dll-Help.xml'
    if ($Check) {
        $current = if (Test-Path $committed) { [IO.File]::ReadAllText($committed) } else { '' }
        if ($current -ne $help) {
            throw "en-US/PSSslSession.dll-Help.xml does not match docs/*.md. Run ./build.ps1 -Task Help and commit the result."
        }
        Write-Host "Help checked: en-US/PSSslSession.dll-Help.xml matches docs/ ($($pages.Count) cmdlet pages)."
    }
    else {
        [IO.File]::WriteAllText($committed, $help, [Text.UTF8Encoding]::new($false))
        Write-Host "Help written to $committed ($($pages.Count) cmdlet pages)."
    }
    New-Item -ItemType Directory -Path (Join-Path $ModuleOut 'en-US') -Force | Out-Null
    Copy-Item $committed (Join-Path $ModuleOut 'en-US/PSSslSession.dll-Help.xml') -Force
}

# Every exported cmdlet has docs/<name>.md, and each page documents exactly the cmdlet's parameters.
function Assert-HelpCoverage {
    param([string] $DocsPath)
    $module = Import-Module (Join-Path $ModuleOut 'PSSslSession.psd1') -Force -PassThru
    $pages = @(Measure-PlatyPSMarkdown -Path (Join-Path $DocsPath '*.md') | Where-Object Filetype -Match 'CommandHelp')
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
    $problems = [System.Collections.Generic.List[string]]::new()
    foreach ($command in $module.ExportedCmdlets.Values) {
        $page = $pages | Where-Object { [IO.Path]::GetFileNameWithoutExtension($_.FilePath) -eq $command.Name }
        if (-not $page) { $problems.Add("$($command.Name): no page docs/$($command.Name).md"); continue }
        $documented = @((Import-MarkdownCommandHelp -Path $page.FilePath).Parameters.Name | Where-Object { $_ -notin $common })
        $actual = @($command.Parameters.Keys | Where-Object { $_ -notin $common })
        foreach ($name in $actual | Where-Object { $_ -notin $documented }) { $problems.Add("$($command.Name): -$name is not documented") }
        foreach ($name in $documented | Where-Object { $_ -notin $actual }) { $problems.Add("$($command.Name): documents -$name, which it does not have") }
    }
    if ($problems.Count -gt 0) { throw "The cmdlet help pages are incomplete:`n  " + ($problems -join "`n  ") }
    $pages
}

# Lines of one markdown paragraph become one line; blank lines still part paragraphs.
function Join-ProseLines {
    param([string] $Text)
    (($Text -split '\r?\n[ \t]*\r?\n') | ForEach-Object { ($_ -replace '[ \t]*\r?\n[ \t]*', ' ').Trim() }) -join "`n`n"
}

# PlatyPS 1.x puts an example's markdown (fences included) into its introduction. PowerShell help shows an
# example as code, then remarks: move the first code fence into dev:code, keep the rest (output blocks as
# plain text) as remarks, drop PlatyPS's empty-line markers, and strip inline-code backticks everywhere.
# Links to the docs/ pages (relative .md paths) mean nothing beside an installed module: only their text is
# kept, and parameters get their documented default values.
function ConvertTo-CleanMaml {
    param([string] $Path, [hashtable] $Defaults = @{})
    $xml = [xml]::new()
    $xml.PreserveWhitespace = $true
    $xml.Load($Path)
    $ns = [System.Xml.XmlNamespaceManager]::new($xml.NameTable)
    $ns.AddNamespace('maml', 'http://schemas.microsoft.com/maml/2004/10')
    $ns.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
    $ns.AddNamespace('dev', 'http://schemas.microsoft.com/maml/dev/2004/10')
    $mamlUri = 'http://schemas.microsoft.com/maml/2004/10'
    foreach ($example in $xml.SelectNodes('//command:example', $ns)) {
        $intro = $example.SelectSingleNode('maml:introduction', $ns)
        $code = $example.SelectSingleNode('dev:code', $ns)
        $remarks = $example.SelectSingleNode('dev:remarks', $ns)
        # PlatyPS splits a fenced block at a blank line: join paragraphs until the fence closes again.
        $texts = [System.Collections.Generic.List[string]]::new()
        $open = $null
        foreach ($text in @($intro.SelectNodes('maml:para', $ns) | ForEach-Object InnerText)) {
            if ($null -ne $open) { $open += "`n" + $(if ($text -eq [string][char]0x80) { '' } else { $text }) }
            else { $open = $text }
            if (([regex]::Matches($open, '```')).Count % 2 -eq 0) { $texts.Add($open); $open = $null }
        }
        if ($null -ne $open) { $texts.Add($open) }
        $intro.RemoveAll()
        $codeText = $null
        foreach ($text in $texts) {
            if ($text -eq [string][char]0x80 -or [string]::IsNullOrWhiteSpace($text)) { continue }
            if ($text -match '(?s)^```(\w*)\r?\n(.*?)\r?\n?```$') {
                if ($null -eq $codeText -and $Matches[1] -ne 'Output') { $codeText = $Matches[2]; continue }
                $text = $Matches[2]
            }
            # Prose wrapped in the markdown source is one paragraph; Get-Help wraps it to the console.
            else { $text = Join-ProseLines $text }
            $para = $xml.CreateElement('maml', 'para', $mamlUri)
            $para.InnerText = $text
            $remarks.AppendChild($para) | Out-Null
        }
        if ($null -ne $codeText) { $code.InnerText = $codeText }
        # An empty last paragraph puts a blank line between one example and the next title.
        $remarks.AppendChild($xml.CreateElement('maml', 'para', $mamlUri)) | Out-Null
    }
    foreach ($uri in $xml.SelectNodes('//maml:navigationLink/maml:uri', $ns)) {
        if ($uri.InnerText -notmatch '^https?://') { $uri.InnerText = '' }
    }
    foreach ($link in @($xml.SelectNodes('//maml:navigationLink', $ns))) {
        if ($link.SelectSingleNode('maml:linkText', $ns).InnerText -eq 'Online Version' -and -not $link.SelectSingleNode('maml:uri', $ns).InnerText) {
            $link.ParentNode.RemoveChild($link) | Out-Null
        }
    }
    foreach ($command in $xml.SelectNodes('//command:command', $ns)) {
        $name = $command.SelectSingleNode('command:details/command:name', $ns).InnerText.Trim()
        foreach ($parameter in $command.SelectNodes('command:parameters/command:parameter', $ns)) {
            $key = "$name|$($parameter.SelectSingleNode('maml:name', $ns).InnerText.Trim())"
            if (-not $Defaults.ContainsKey($key)) { continue }
            foreach ($old in @($parameter.SelectNodes('dev:defaultValue', $ns))) { $parameter.RemoveChild($old) | Out-Null }
            $default = $xml.CreateElement('dev', 'defaultValue', 'http://schemas.microsoft.com/maml/dev/2004/10')
            $default.InnerText = $Defaults[$key]
            $parameter.AppendChild($default) | Out-Null
        }
    }
    foreach ($para in $xml.SelectNodes('//maml:para[not(ancestor::command:example)]', $ns)) {
        $para.InnerText = Join-ProseLines $para.InnerText
    }
    foreach ($para in $xml.SelectNodes('//maml:para', $ns)) {
        $para.InnerText = [regex]::Replace($para.InnerText, '`([^`\r\n]+)`', '$1')
    }
    $stream = [IO.MemoryStream]::new()
    $xml.Save($stream)
    [Text.UTF8Encoding]::new($false).GetString($stream.ToArray()).TrimStart([char]0xFEFF)
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
