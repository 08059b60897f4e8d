# What the objects look like to PowerShell: JSON and CSV carry ids as hex and protocols, ciphers and groups as
# names; protocols compare; secrets stay hidden; a session rebuilds from its own properties.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Sessions serialise' -Tag 'CI' {
    BeforeAll {
        $sessions = Import-SslSession -Path (Join-Path $SamplesPath 'all.pem')
        $tls12 = $sessions | Where-Object SessionId -EQ $Sample.Tls12Id
    }

    It 'Selected as id, protocol and cipher, make JSON of hex and names' {
        $json = $tls12 | Select-Object SessionId, Protocol, Cipher | ConvertTo-Json -Compress
        $json | Should -Be ('{{"SessionId":"{0}","Protocol":"TLSv1.2","Cipher":"ECDHE-RSA-AES128-GCM-SHA256"}}' -f $Sample.Tls12Id)
    }

    It 'Whole, make JSON with the id as hex, names, and durations in seconds' {
        $back = $tls12 | ConvertTo-Json -WarningAction SilentlyContinue | ConvertFrom-Json
        $back.SessionId | Should -Be $Sample.Tls12Id
        $back.Protocol | Should -Be 'TLSv1.2'
        $back.ProtocolVersion | Should -Be 0x0303
        $back.Cipher | Should -Be 'ECDHE-RSA-AES128-GCM-SHA256'
        $back.CipherIanaName | Should -Be 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'
        $back.KeyExchangeGroup | Should -Be 'x25519'
        $back.TimeoutSeconds | Should -Be 7200
    }

    It 'Never put the master key into JSON' {
        $json = $tls12 | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue
        $json | Should -Not -BeLike "*$($Sample.Tls12MasterKey)*"
        ($json | ConvertFrom-Json).MasterKey.Length | Should -Be 48
    }

    It 'Make CSV of hex and names, without a System.Byte[] cell' {
        $csv = $sessions | ConvertTo-Csv | Out-String
        $csv | Should -Not -BeLike '*System.Byte`[`]*'
        $rows = $csv | ConvertFrom-Csv
        $rows[0].SessionId | Should -Be $Sample.Tls12Id
        $rows[0].Protocol | Should -Be 'TLSv1.2'
        $rows[0].Timeout | Should -Be '02:00:00'
        ($rows | Where-Object HasTicket -EQ 'True')[0].Ticket | Should -Match '^[0-9A-F]+$'
    }

    It 'Rebuild from CSV rows of their fields through New-SslSession, id, ticket and times kept' {
        $tls13 = $sessions | Where-Object SessionId -EQ $Sample.Tls13Id
        $columns = 'Protocol', 'Cipher', 'SessionId', 'StartTime', 'Timeout', 'Ticket', 'TicketLifetimeHint', 'KeyExchangeGroup'
        $rebuilt = $tls13 | Select-Object $columns | ConvertTo-Csv | ConvertFrom-Csv | New-SslSession
        $rebuilt.SessionId | Should -Be $tls13.SessionId
        $rebuilt.Ticket | Should -Be $tls13.Ticket
        $rebuilt.StartTime | Should -Be $tls13.StartTime
        $rebuilt.Timeout | Should -Be $tls13.Timeout
        $rebuilt.KeyExchangeGroup | Should -Be 'x25519'
    }

    It 'Rebuild from a session object through New-SslSession, with the master key copied unseen' {
        $copy = $tls12 | New-SslSession -Timeout 60
        $copy.SessionId | Should -Be $tls12.SessionId
        $copy.Timeout | Should -Be ([timespan]::FromSeconds(60))
        ($copy | ConvertFrom-SslSession -Format Text -IncludeSecret) | Should -BeLike "*Master-Key: $($Sample.Tls12MasterKey)*"
    }
}

Describe 'Protocols compare' -Tag 'CI' {
    BeforeAll { $sessions = Import-SslSession -Path (Join-Path $SamplesPath 'all.pem') }

    It 'Where-Object Protocol -ge TLSv1.3 keeps the TLS 1.3 sessions' {
        $found = $sessions | Where-Object { $_.Protocol -ge 'TLSv1.3' }
        @($found).Count | Should -Be 1
        $found.SessionId | Should -Be $Sample.Tls13Id
    }

    It 'Where-Object Protocol -lt TLSv1.3 keeps the older ones' {
        @($sessions | Where-Object { $_.Protocol -lt 'TLSv1.3' }).Count | Should -Be 3
    }

    It 'Sorts by ProtocolVersion, the wire number' {
        ($sessions | Sort-Object ProtocolVersion -Descending)[0].Protocol | Should -Be 'TLSv1.3'
    }

    It 'Compares as versions through GetProtocol(), DTLS numbers counting down included' {
        $sessions[2].GetProtocol() -gt $sessions[0].GetProtocol() | Should -BeTrue
        [PSSslSession.Codec.SslProtocol]'DTLSv1.2' -gt [PSSslSession.Codec.SslProtocol]'DTLSv1' | Should -BeTrue
        [PSSslSession.Codec.SslProtocol]'TLSv1.2' -ge 'TLSv1.2' | Should -BeTrue
    }
}

Describe 'Contexts and statistics serialise' -Tag 'CI' {
    BeforeEach {
        $name = New-TestContextName
        $ctx = New-SslContext -Name $name -SessionIdContext 'myapp' -Timeout 300
        Register-SslSessionCallback -Context $name -Event Remove -ScriptBlock { param($Session) $Session.SessionId }
    }
    AfterEach { Remove-TestContext $name }

    It 'A context makes JSON of its settings, without a warning about depth' {
        $back = $ctx | ConvertTo-Json -WarningVariable warned | ConvertFrom-Json
        $warned | Should -BeNullOrEmpty
        $back.Name | Should -Be $name
        $back.SessionIdContext | Should -Be 'myapp'
        $back.TimeoutSeconds | Should -Be 300
        $back.Callbacks[0].Description | Should -Be '{ param($Session) $Session.SessionId }'
    }

    It 'A context makes CSV without a System.Byte[] cell' {
        $ctx | ConvertTo-Csv | Out-String | Should -Not -BeLike '*System.Byte`[`]*'
        ($ctx | ConvertTo-Csv | ConvertFrom-Csv).SessionIdContext | Should -Be 'myapp'
    }

    It 'Statistics make JSON of numbers' {
        $back = Get-SslSessionStats -Context $name | ConvertTo-Json | ConvertFrom-Json
        $back.ContextName | Should -Be $name
        $back.Hits | Should -Be 0
    }

    It 'A lookup result makes JSON with the id as hex' {
        $id = New-TestSessionIdHex
        (Resolve-SslSession -Context $name -SessionId $id | ConvertTo-Json | ConvertFrom-Json).SessionId | Should -Be $id
    }

    It 'A generated id is hex text' {
        New-SslSessionId -Context $name | ConvertTo-Json | Should -Match '^"[0-9A-F]{64}"$'
    }
}
