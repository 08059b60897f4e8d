# Tab completion of protocol versions, cipher suites and key exchange groups (ids and contexts: Binding tests).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    function Get-Completion { param([string] $Line) (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText }
}

Describe 'Completion' -Tag 'CI' {
    It 'Completes -Protocol with OpenSSL''s version names' {
        Get-Completion 'New-SslSession -Protocol TLS' | Should -Be @('TLSv1.3', 'TLSv1.2', 'TLSv1.1', 'TLSv1')
    }

    It 'Completes -Protocol of <Cmdlet>' -ForEach @(
        @{ Cmdlet = 'Get-SslSession' }, @{ Cmdlet = 'Remove-SslSession' }, @{ Cmdlet = 'Resolve-SslSession' }, @{ Cmdlet = 'Test-SslSessionId' }
    ) {
        Get-Completion "$Cmdlet -Protocol DTLS" | Should -Contain 'DTLSv1.2'
    }

    It 'Completes -Protocol of <Cmdlet> with the two versions it offers servers' -ForEach @(
        @{ Cmdlet = 'Get-SslServerSession' }, @{ Cmdlet = 'Test-SslResumption' }
    ) {
        Get-Completion "$Cmdlet localhost -Protocol TLS" | Should -Be @('TLSv1.3', 'TLSv1.2')
    }

    It 'Completes -Alpn with common ALPN protocol names, not file names' {
        Get-Completion 'Get-SslServerSession localhost -Alpn h' | Should -Be @('h2', 'http/1.1', 'http/1.0', 'h3')
    }

    It 'Completes -Cipher with OpenSSL names' {
        Get-Completion 'New-SslSession -Cipher ECDHE-RSA-AES128-' | Should -Contain 'ECDHE-RSA-AES128-GCM-SHA256'
    }

    It 'Completes -Cipher with IANA names' {
        Get-Completion 'New-SslSession -Cipher TLS_ECDHE_RSA_WITH_AES_128_G' | Should -Contain 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'
    }

    It 'Completes only TLS 1.3 suites for a TLSv1.3 session' {
        $offered = Get-Completion 'New-SslSession -Protocol TLSv1.3 -Cipher '
        $offered | Should -Contain 'TLS_AES_128_GCM_SHA256'
        $offered | Should -Not -Contain 'ECDHE-RSA-AES128-GCM-SHA256'
    }

    It 'Completes no TLS 1.3 suite for a TLSv1.2 session' {
        Get-Completion 'New-SslSession -Protocol TLSv1.2 -Cipher TLS_AES' | Should -BeNullOrEmpty
    }

    It 'Never offers signalling values or OpenSSL''s (NONE) placeholder' {
        $offered = Get-Completion 'New-SslSession -Cipher '
        $offered | Should -Not -Contain 'TLS_FALLBACK_SCSV'
        $offered | Should -Not -Contain 'TLS_EMPTY_RENEGOTIATION_INFO_SCSV'
        $offered | Should -Not -Contain "'(NONE)'"
    }

    It 'Completes -KeyExchangeGroup with group names' {
        Get-Completion 'New-SslSession -KeyExchangeGroup x25' | Should -Be @('x25519')
        Get-Completion 'New-SslSession -KeyExchangeGroup ffdhe' | Should -Contain 'ffdhe2048'
    }
}
