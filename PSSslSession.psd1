@{
    RootModule           = 'PSSslSession.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = 'dfb5a482-94df-4a5f-ad71-660a51be92ca'
    Author               = 'PSSslSession contributors'
    CompanyName          = 'PSSslSession contributors'
    Copyright            = '(c) PSSslSession contributors.'
    Description          = 'OpenSSL''s SSL session cache as a managed engine with cmdlets: create contexts with session caches, load, inspect, persist (SQLite, Redis in mod_socache layout), share and flush TLS sessions byte-compatible with OpenSSL 3.0, watch the cache statistics and attach scriptblock callbacks.'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('PSSslSession.format.ps1xml')
    CmdletsToExport      = @(
        'Add-SslSession'
        'Clear-SslSessionCache'
        'Complete-SslHandshake'
        'ConvertFrom-SslSession'
        'ConvertTo-SslSession'
        'Export-SslSession'
        'Get-SslContext'
        'Get-SslServerSession'
        'Get-SslSession'
        'Get-SslSessionStats'
        'Import-SslSession'
        'New-SslContext'
        'New-SslSession'
        'New-SslSessionId'
        'New-SslSessionStore'
        'Register-SslSessionCallback'
        'Remove-SslContext'
        'Remove-SslSession'
        'Resolve-SslSession'
        'Set-SslContext'
        'Set-SslSession'
        'Test-SslResumption'
        'Test-SslSessionCache'
        'Test-SslSessionId'
        'Unregister-SslSessionCallback'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags        = @('TLS', 'SSL', 'OpenSSL', 'Session', 'SessionCache', 'Resumption', 'PEM', 'Redis', 'SQLite', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            Description = 'Re-implementation of OpenSSL''s SSL session cache (SSL_CTX session cache, SSL_SESSION codec) for PowerShell 5.1 and 7.'
        }
    }
}
