# The README's quick start runs clean as written, in a fresh pwsh, from a folder that holds the module layout and the
# samples (links to the repository's), so that what it writes stays in the test's own temporary folder.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
    $readme = Get-Content -Raw (Join-Path $repo 'README.md')
    $quickStart = [regex]::Match($readme, '(?s)## Quick start.*?```powershell\r?\n(.*?)```').Groups[1].Value
    $folder = Join-Path ([IO.Path]::GetTempPath()) "quickstart-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $folder | Out-Null
    New-Item -ItemType SymbolicLink -Path (Join-Path $folder 'out') -Target (Split-Path (Split-Path $ModuleManifest)) | Out-Null
    New-Item -ItemType SymbolicLink -Path (Join-Path $folder 'samples') -Target (Join-Path $repo 'samples') | Out-Null
    Set-Content -Path (Join-Path $folder 'quickstart.ps1') -Value ($quickStart + "`nif (`$Error.Count) { throw `"quick start errors: `$(`$Error -join '; ')`" }")
    Push-Location $folder
    try { $output = Invoke-FreshPwsh -NoProfile -NonInteractive -File ./quickstart.ps1 2>&1 | Out-String -Width 200; $exit = $LASTEXITCODE }
    finally { Pop-Location }
}

AfterAll { Remove-Item -Recurse -Force $folder -ErrorAction SilentlyContinue }

Describe 'README quick start' -Tag 'CI' {
    It 'Is found in the README' {
        $quickStart | Should -Match 'Import-Module ./out/PSSslSession/PSSslSession.psd1'
    }

    It 'Runs without an error' {
        $exit | Should -Be 0 -Because $output
    }

    It 'Shows the four sample sessions, unexpired' {
        foreach ($id in $Sample.Tls12Id, $Sample.Tls12TicketId, $Sample.Tls13Id, $Sample.EcdsaId) { $output | Should -Match $id }
    }

    It 'Resolves the first session as a Hit' {
        $output | Should -Match '(?m)^Hit\s'
    }

    It 'Shows the remove callback''s output: four Flushed lines' {
        ([regex]::Matches($output, '(?m)^Flushed [0-9A-F]{64}$')).Count | Should -Be 4
    }

    It 'Exports before it flushes: the backup holds the four sessions' {
        (Import-SslSession -Path (Join-Path $folder 'backup.pem')).Count | Should -Be 4
    }

    It 'Ends with the statistics its comment states: Count 0, Hits 1, Flushes 4' {
        $comment = [regex]::Match($quickStart, 'Get-SslSessionStats.*#\s*Count (\d+), Hits (\d+), Flushes (\d+)')
        $comment.Success | Should -BeTrue
        $stats = [regex]::Match($output, '(?m)^\s*(\d+)\s+\d+\s+(\d+)\s+\d+\s+\d+\s+\d+\s+\d+\s+(\d+)\s+web\s*$')
        $stats.Success | Should -BeTrue -Because $output
        $stats.Groups[1].Value | Should -Be $comment.Groups[1].Value
        $stats.Groups[2].Value | Should -Be $comment.Groups[2].Value
        $stats.Groups[3].Value | Should -Be $comment.Groups[3].Value
    }
}
