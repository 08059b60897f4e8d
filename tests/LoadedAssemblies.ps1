# Dot-sourced by the isolation tests' child pwsh scripts (which must not import the module early, as TestHelpers.ps1 does).

function Get-LoadedAssembly {
    # "<version>@<load context>" of each loaded assembly named $Name.
    param([string] $Name)
    @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq $Name } | ForEach-Object {
        "$($_.GetName().Version)@$([System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name)" })
}
