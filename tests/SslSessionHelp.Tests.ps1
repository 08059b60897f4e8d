# The help a user gets from the laid-out module, built without PlatyPS on the machine: every cmdlet has a synopsis,
# a description, examples rendered as PowerShell shows them, and every parameter described.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Cmdlet help' -Tag 'CI' {
    BeforeDiscovery {
        $ModuleManifest = if ($env:PSSSLSESSION_MODULE) { $env:PSSSLSESSION_MODULE } else { Join-Path $PSScriptRoot '../out/PSSslSession/PSSslSession.psd1' }
        $cmdlets = (Import-PowerShellDataFile $ModuleManifest).CmdletsToExport | ForEach-Object { @{ Cmdlet = $_ } }
    }

    It 'Ships the help file next to the module' {
        Join-Path (Split-Path $ModuleManifest) 'en-US/PSSslSession.dll-Help.xml' | Should -Exist
    }

    It '<Cmdlet> has a synopsis and a description' -ForEach $cmdlets {
        $help = Get-Help $Cmdlet -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match ('^\s*' + [regex]::Escape($Cmdlet) + '\s+\[')
        ($help.Description.Text -join "`n").Length | Should -BeGreaterThan 40
    }

    It '<Cmdlet> has examples with code and no markdown' -ForEach $cmdlets {
        $examples = @((Get-Help $Cmdlet -Examples).Examples.Example)
        $examples.Count | Should -BeGreaterThan 0
        foreach ($example in $examples) {
            $example.Code | Should -Not -BeNullOrEmpty
            $rendered = $example | Out-String -Width 200
            $rendered | Should -Not -Match '```'
        }
    }

    It '<Cmdlet> describes every parameter' -ForEach $cmdlets {
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        $documented = @{}
        foreach ($p in (Get-Help $Cmdlet -Full).Parameters.Parameter) { $documented[$p.Name] = ($p.Description.Text -join ' ') }
        foreach ($name in (Get-Command $Cmdlet).Parameters.Keys | Where-Object { $_ -notin $common }) {
            $documented.ContainsKey($name) | Should -BeTrue -Because "-$name of $Cmdlet needs help"
            $documented[$name].Length | Should -BeGreaterThan 10 -Because "-$name of $Cmdlet needs a description"
        }
    }

    It '<Cmdlet> help cites nothing a user does not have (spec sections, markdown)' -ForEach $cmdlets {
        $text = Get-Help $Cmdlet -Full | Out-String -Width 200
        $text | Should -Not -Match '§'
        $text | Should -Not -Match '```'
    }

    It '<Cmdlet> shows the documented default values' -ForEach @(@{ Cmdlet = 'New-SslContext' }) {
        (Get-Help $Cmdlet -Parameter CacheSize).defaultValue | Should -Be '20480'
    }

    It '<Cmdlet> links only to other help topics, never to files of the docs folder' -ForEach $cmdlets {
        $links = @((Get-Help $Cmdlet).relatedLinks.navigationLink)
        $links.linkText | Should -Not -Contain 'Online Version'
        foreach ($link in $links) { $link.uri | Should -Not -Match '\.md$|\.txt$' }
    }

    It 'The about topic is shipped and found' {
        (Get-Help about_PSSslSession | Out-String) | Should -Match 'SESSION CACHE|session cache'
    }

    It 'The about topic says the module writes the sess_id -text form and does not claim to read it' {
        $about = Get-Help about_PSSslSession | Out-String
        $about | Should -Not -Match 'reads? (the )?.?sess_id -text'
        $about | Should -Match 'sess_id -text'
    }
}
