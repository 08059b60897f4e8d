# The TLS client (PSSslSession.Client.BouncyCastle with BouncyCastle.Cryptography, the module's tls/ folder) is loaded
# apart from the rest of pwsh: a session in which another module already loaded its own BouncyCastle.Cryptography still
# imports the module and completes a handshake with a real `openssl s_server` on 127.0.0.1.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'ServiceHelpers.ps1')
    $folder = Join-Path $TestDrive 'tls-isolation'
    $null = New-Item -ItemType Directory -Path $folder
    & openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj '/CN=localhost' -keyout (Join-Path $folder 'key.pem') -out (Join-Path $folder 'cert.pem') 2>$null
    $port = Get-FreePort
    $server = Start-OpenSslServer -Port $port -Folder $folder -Certificate (Join-Path $folder 'cert.pem') -Key (Join-Path $folder 'key.pem') -Arguments '-tls1_2'

    # Somebody else's BouncyCastle.Cryptography (1.8.0.0, without the TLS API) in the default load context first.
    New-StandInAssembly -Path (Join-Path $folder 'BouncyCastle.Cryptography.dll') -Name 'BouncyCastle.Cryptography' -Version '1.8.0.0' `
        -Source 'namespace Org.BouncyCastle.Other { public static class OtherModulesCrypto { public static string Hello() { return "old crypto"; } } }'
    $script = Join-Path $folder 'use-tls.ps1'
    Set-Content -Path $script -Value @'
param($ModulePath, $StandIn, $Port, $Helpers)
$ErrorActionPreference = 'Stop'
. $Helpers
Add-Type -Path $StandIn
$null = [Org.BouncyCastle.Other.OtherModulesCrypto]::Hello()
Import-Module $ModulePath
$session = Get-SslServerSession -ComputerName 127.0.0.1 -Port $Port -SkipCertificateCheck
[pscustomobject]@{
    Protocol     = $session.Protocol
    BouncyCastle = Get-LoadedAssembly 'BouncyCastle.Cryptography'
    Client       = Get-LoadedAssembly 'PSSslSession.Client.BouncyCastle'
    Codec        = Get-LoadedAssembly 'PSSslSession.Codec'
    Other        = [Org.BouncyCastle.Other.OtherModulesCrypto]::Hello()
} | ConvertTo-Json -Compress
'@
    $out = Invoke-FreshPwsh -NoProfile -NonInteractive -File $script -ModulePath (Resolve-Path $ModuleManifest).Path `
        -StandIn (Join-Path $folder 'BouncyCastle.Cryptography.dll') -Port $port -Helpers (Join-Path $PSScriptRoot 'LoadedAssemblies.ps1') 2>&1
    $exit = $LASTEXITCODE
    $result = try { ($out | Select-Object -Last 1) | ConvertFrom-Json } catch { $null }
}

AfterAll { Stop-OpenSslServer $server }

Describe 'TLS client isolation' -Tag 'CI' {
    It 'Completes a handshake in a pwsh that already loaded another BouncyCastle.Cryptography' {
        $exit | Should -Be 0 -Because ($out | Out-String)
        $result.Protocol | Should -Be 'TLSv1.2'
    }

    It 'Loads BouncyCastle and the TLS client in the module''s own load context' {
        $result.BouncyCastle | Should -Contain '2.0.0.0@PSSslSession.Tls'
        $result.Client | Should -Be @('0.1.0.0@PSSslSession.Tls')
    }

    It 'Leaves the other module''s BouncyCastle in place' {
        $result.BouncyCastle | Should -Contain '1.8.0.0@Default'
        $result.Other | Should -Be 'old crypto'
    }

    It 'Shares the codec with the default load context (one PSSslSession.Codec)' {
        $result.Codec | Should -Be @('0.1.0.0@Default')
    }
}
