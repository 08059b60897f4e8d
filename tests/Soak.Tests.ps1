# A bounded soak (issue 14): tests/soak/Invoke-Soak.ps1 for 30 seconds; run it longer by hand for the figures.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Soak' -Tag 'CI' {
    It 'Keeps the shared cache consistent and the heap flat under two runspaces of mixed work for 30 seconds' {
        $result = & (Join-Path $PSScriptRoot 'soak/Invoke-Soak.ps1') -Seconds 30 -ModulePath $ModuleManifest
        Write-Host ($result | Format-List Operations, InvariantChecks, Violations, WorkerErrors, HeapWarmMB, HeapPeakMB, HeapEndMB, Evictions, Flushes | Out-String)
        $result.Operations | Should -BeGreaterThan 10000
        # One check a second; on a loaded machine each takes longer, so ask for half the seconds: enough to show they ran throughout.
        $result.InvariantChecks | Should -BeGreaterOrEqual 15
        $result.Violations | Should -Be 0
        $result.WorkerErrors | Should -Be 0 -Because ($result.FirstErrors -join '; ')
        $result.Evictions | Should -BeGreaterThan 0
        $result.Flushes | Should -BeGreaterThan 0
        $result.Passed | Should -BeTrue
    }
}
