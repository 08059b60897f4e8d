# The cache cmdlets: New-SslSession, Add/Get/Set/Remove-SslSession, Clear-SslSessionCache, Resolve-SslSession,
# Complete-SslHandshake, Get-SslSessionStats, New-SslSessionId, Test-SslSessionId, Test-SslSessionCache.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'New-SslSession' -Tag 'CI' {
    It 'Builds a session from its fields' {
        $s = New-SslSession -Protocol TLSv1.2 -Cipher ECDHE-RSA-AES128-GCM-SHA256 -SessionId '0102A0' -MasterKey ('AB' * 48) -Timeout 600 -ServerName 'www.example.com' -Alpn 'h2'
        $s | Should -BeOfType ([PSSslSession.Codec.SslSession])
        $s.Protocol | Should -Be 'TLSv1.2'
        $s.Cipher | Should -Be 'ECDHE-RSA-AES128-GCM-SHA256'
        $s.SessionId | Should -Be '0102A0'
        $s.MasterKey.Length | Should -Be 48
        $s.Timeout | Should -Be ([timespan]::FromSeconds(600))
        $s.ServerName | Should -Be 'www.example.com'
        $s.Alpn | Should -Be 'h2'
    }

    It 'Takes the cipher by its IANA name' {
        (New-SslSession TLSv1.2 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).Cipher | Should -Be 'ECDHE-RSA-AES128-GCM-SHA256'
    }

    It 'Uses SSL_SESSION_new''s defaults: timeout 304 seconds, verify result 1, start now' {
        $before = [DateTimeOffset]::UtcNow.AddSeconds(-2)
        $s = New-SslSession TLSv1.3 TLS_AES_128_GCM_SHA256
        $s.Timeout | Should -Be ([timespan]::FromSeconds(304))
        $s.VerifyResult | Should -Be 1
        $s.StartTime | Should -BeGreaterOrEqual $before
    }

    It 'Makes an expired session from a start time in the past' {
        (New-ExpiredTestSession).IsExpired | Should -BeTrue
        (New-TestSession).IsExpired | Should -BeFalse
    }

    It 'Refuses a master key over 512 bytes by parameter validation' {
        { New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 -MasterKey ('00' * 513) } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,PSSslSession.Commands.NewSslSessionCommand'
    }

    It 'Refuses a session id context over 32 bytes by parameter validation' {
        { New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 -SessionIdContext ('x' * 33) } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,PSSslSession.Commands.NewSslSessionCommand'
    }

    It 'Refuses a session id over 32 bytes when binding -SessionId, saying why' {
        { New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 -SessionId ('00' * 33) } |
            Should -Throw -ErrorId 'ParameterArgumentTransformationError,PSSslSession.Commands.NewSslSessionCommand' -ExpectedMessage '*at most 32 bytes*'
    }

    It 'Gives a fresh random 32-byte id when none is given' {
        $a = New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256
        $b = New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256
        $a.SessionId | Should -Match '^[0-9A-F]{64}$'
        $a.SessionId | Should -Not -Be $b.SessionId
    }

    It 'Makes sessions that all stay when added: five made, five cached' {
        $name = New-TestContextName
        try {
            $ctx = New-SslContext -Name $name
            1..5 | ForEach-Object { New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 } | Add-SslSession -Context $name
            $ctx.Count | Should -Be 5
        }
        finally { Remove-TestContext $name }
    }

    It 'Makes many sessions at once with -Count, each with its own id' {
        $many = New-SslSession TLSv1.3 TLS_AES_128_GCM_SHA256 -Count 1000 -Timeout 60
        $many.Count | Should -Be 1000
        ($many.SessionId | Sort-Object -Unique).Count | Should -Be 1000
        ($many.Timeout | Sort-Object -Unique) | Should -Be ([timespan]::FromSeconds(60))
    }

    It 'Makes 100,000 sessions with -Count well inside a second''s work per 100,000' {
        (New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 -Count 100000 | Measure-Object).Count | Should -Be 100000
    }

    It 'Makes one session per id piped in' {
        $ids = 1..3 | ForEach-Object { New-TestSessionIdHex }
        ($ids | New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256).SessionId | Should -Be $ids
    }

    It 'Makes one session per object piped in, from its properties' {
        $rows = @(
            [pscustomobject]@{ Protocol = 'TLSv1.3'; Cipher = 'TLS_AES_256_GCM_SHA384'; ServerName = 'a.example' }
            [pscustomobject]@{ Protocol = 'TLSv1.2'; Cipher = 'ECDHE-RSA-AES256-GCM-SHA384'; ServerName = 'b.example'; Timeout = 60 }
        )
        $made = $rows | New-SslSession
        $made.ServerName | Should -Be @('a.example', 'b.example')
        $made.Protocol | Should -Be @('TLSv1.3', 'TLSv1.2')
        $made[1].Timeout | Should -Be ([timespan]::FromSeconds(60))
    }

    It 'Refuses -Count together with -SessionId' {
        { New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 -SessionId '01' -Count 2 } |
            Should -Throw -ErrorId 'AmbiguousParameterSet,PSSslSession.Commands.NewSslSessionCommand'
    }

    It 'Refuses a TLS 1.3 session with a TLS 1.2 cipher (CipherProtocolMismatch)' {
        { New-SslSession TLSv1.3 ECDHE-RSA-AES128-GCM-SHA256 -ErrorAction Stop } |
            Should -Throw -ErrorId 'CipherProtocolMismatch,PSSslSession.Commands.NewSslSessionCommand'
    }

    It 'Refuses a TLS 1.2 session with a TLS 1.3 cipher (CipherProtocolMismatch)' {
        { New-SslSession TLSv1.2 TLS_AES_128_GCM_SHA256 -ErrorAction Stop } |
            Should -Throw -ErrorId 'CipherProtocolMismatch,PSSslSession.Commands.NewSslSessionCommand'
    }

    It 'Refuses a signalling value as the cipher (InvalidArgument)' {
        { New-SslSession TLSv1.2 TLS_FALLBACK_SCSV -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidArgument,PSSslSession.Commands.NewSslSessionCommand'
    }

    It 'Refuses OpenSSL''s (NONE) placeholder as a cipher name' {
        { New-SslSession TLSv1.2 '(NONE)' } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,PSSslSession.Commands.NewSslSessionCommand' -ExpectedMessage '*not a cipher suite*'
    }

    It 'Refuses a verify result outside 32 bits, saying so' {
        { New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 -VerifyResult 3000000000 } |
            Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,PSSslSession.Commands.NewSslSessionCommand' -ExpectedMessage '*Int32*'
    }

    It 'Explains that a master key shown as text is not the key' {
        $row = [pscustomobject]@{ Protocol = 'TLSv1.2'; Cipher = 'ECDHE-RSA-AES128-GCM-SHA256'; MasterKey = '(secret, 48 bytes)' }
        { $row | New-SslSession -ErrorAction Stop } | Should -Throw -ExpectedMessage '*never carry it*'
    }

    It 'Shows a master key on its own only as what it is' {
        $s = New-TestSession
        ($s.MasterKey | Out-String).Trim() | Should -Be '(secret, 48 bytes)'
    }

    It 'Takes the key exchange group by name' {
        $s = New-SslSession TLSv1.3 TLS_AES_128_GCM_SHA256 -KeyExchangeGroup x25519
        $s.KeyExchangeGroupId | Should -Be 29
        $s.KeyExchangeGroup | Should -Be 'x25519'
    }

    It 'Refuses a group name OpenSSL does not know (InvalidArgument)' {
        { New-SslSession TLSv1.3 TLS_AES_128_GCM_SHA256 -KeyExchangeGroup nosuchgroup -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidArgument,PSSslSession.Commands.NewSslSessionCommand'
    }

    It 'Refuses an unknown protocol name when binding -Protocol, saying which names it knows' {
        { New-SslSession -Protocol 'TLSv9' -Cipher ECDHE-RSA-AES128-GCM-SHA256 } |
            Should -Throw -ErrorId 'ParameterArgumentTransformationError,PSSslSession.Commands.NewSslSessionCommand' -ExpectedMessage '*Use TLSv1.3*'
    }

    It 'Refuses an unknown protocol given by position with the same reason, not blaming the position' {
        { New-SslSession TLSv1.4 TLS_AES_128_GCM_SHA256 } |
            Should -Throw -ErrorId 'ParameterArgumentTransformationError,PSSslSession.Commands.NewSslSessionCommand' -ExpectedMessage '*not a protocol version*'
    }

    It 'Refuses a piped id that is not one, saying why' {
        { 'zz' | New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentTransformationError,PSSslSession.Commands.NewSslSessionCommand' -ExpectedMessage '*not a hex digit*'
    }

    It 'Shows sessions by id in Format-Wide' {
        $s = New-TestSession
        ($s | Format-Wide | Out-String) | Should -Match $s.SessionId
    }
}

Describe 'Add-SslSession and Get-SslSession' -Tag 'CI' {
    BeforeEach {
        $name = New-TestContextName
        $ctx = New-SslContext -Name $name
    }
    AfterEach { Remove-TestContext $name }

    It 'Adds piped sessions from files (Import-SslSession *.pem | Add-SslSession -Context)' {
        Import-SslSession -Path (Join-Path $SamplesPath 'tls1*.pem') | Add-SslSession -Context $name
        $ctx.Count | Should -Be 4
        Get-SslSession -Context $name | ForEach-Object { $_.SessionId.ToString() } | Should -Contain $Sample.Tls12Id
    }

    It 'Warns and changes nothing when the same session object is added again' {
        $s = New-TestSession
        Add-SslSession -Context $name -InputObject $s
        Add-SslSession -Context $name -InputObject $s -PassThru -WarningVariable warn -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        $warn.Count | Should -Be 1
        $ctx.Count | Should -Be 1
    }

    It 'Replaces the cached session when another object has the same protocol and id' {
        $id = New-TestSessionIdHex
        $first = New-TestSession -SessionId $id
        $second = New-TestSession -SessionId $id
        Add-SslSession -Context $name -InputObject $first
        Add-SslSession -Context $name -InputObject $second -PassThru | Should -Be $second
        $ctx.Count | Should -Be 1
        [object]::ReferenceEquals((Get-SslSession -Context $name), $second) | Should -BeTrue
    }

    It 'Keeps sessions of different protocols with the same id apart' {
        $id = New-TestSessionIdHex
        New-TestSession -SessionId $id | Add-SslSession -Context $name
        New-TestSession -SessionId $id -Protocol TLSv1.3 -Cipher TLS_AES_128_GCM_SHA256 | Add-SslSession -Context $name
        (Get-SslSession -Context $name -SessionId $id).Count | Should -Be 2
        (Get-SslSession -Context $name -SessionId $id -Protocol TLSv1.3).Protocol | Should -Be 'TLSv1.3'
    }

    It 'Holds N sessions in a cache of size N, evicting the earliest expiry' {
        Set-SslContext -Context $name -CacheSize 2
        $soon = New-TestSession -Timeout 100
        $late = New-TestSession -Timeout 5000
        $later = New-TestSession -Timeout 6000
        $soon, $late, $later | Add-SslSession -Context $name
        $ctx.Count | Should -Be 2
        Test-SslSessionId -Context $name -SessionId $soon.SessionId | Should -BeFalse
        (Get-SslSessionStats -Context $name).CacheFull | Should -Be 1
    }

    It 'Lists sessions earliest expiry first' {
        $b = New-TestSession -Timeout 5000
        $a = New-TestSession -Timeout 100
        $b, $a | Add-SslSession -Context $name
        (Get-SslSession -Context $name).SessionId | Should -Be @($a.SessionId, $b.SessionId)
    }

    It 'Lists only expired sessions with -Expired' {
        $old = New-ExpiredTestSession
        $old, (New-TestSession) | Add-SslSession -Context $name
        (Get-SslSession -Context $name -Expired).SessionId | Should -Be $old.SessionId
    }

    It 'Reads a context name piped in as the context even when it is hex, like cafe' {
        $hexName = 'cafe' + (Get-Random -Maximum 99999)
        try {
            $null = New-SslContext -Name $hexName
            New-TestSession | Add-SslSession -Context $hexName
            @($hexName | Get-SslSession).Count | Should -Be 1
        }
        finally { Remove-TestContext $hexName }
    }

    It 'Takes the context from the pipeline, by object or by name' {
        New-TestSession | Add-SslSession -Context $name
        ($ctx | Get-SslSession).Count | Should -Be 1
        ($name | Get-SslSession).Count | Should -Be 1
    }

    It 'Does not change the statistics when listing' {
        New-TestSession | Add-SslSession -Context $name
        $null = Get-SslSession -Context $name
        $stats = Get-SslSessionStats -Context $name
        $stats.Hits + $stats.Misses + $stats.Timeouts | Should -Be 0
    }

    It 'Writes SessionNotFound for an id that is not cached' {
        $missing = New-TestSessionIdHex
        { Get-SslSession -Context $name -SessionId $missing -ErrorAction Stop } |
            Should -Throw -ErrorId 'SessionNotFound,PSSslSession.Commands.GetSslSessionCommand'
    }

    It 'Refuses an id that is not hex, saying why' {
        { Get-SslSession -Context $name -SessionId 'xyz' } |
            Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,PSSslSession.Commands.GetSslSessionCommand' -ExpectedMessage '*not a hex digit*'
    }

    It 'Refuses a context name that is not registered (ContextNotFound)' {
        { Get-SslSession -Context "$name-missing" } |
            Should -Throw -ErrorId 'ContextNotFound,PSSslSession.Commands.GetSslSessionCommand'
    }

    It 'Adds nothing with -WhatIf' {
        New-TestSession | Add-SslSession -Context $name -WhatIf
        $ctx.Count | Should -Be 0
    }
}

Describe 'Set-SslSession' -Tag 'CI' {
    BeforeEach {
        $name = New-TestContextName
        $null = New-SslContext -Name $name
    }
    AfterEach { Remove-TestContext $name }

    It 'Sets the start time and the timeout' {
        $start = [datetime]::new(2030, 1, 2, 3, 4, 5, [DateTimeKind]::Utc)
        $s = New-TestSession | Set-SslSession -StartTime $start -Timeout 60 -PassThru
        $s.StartTime | Should -Be ([DateTimeOffset]::new($start))
        $s.Timeout | Should -Be ([timespan]::FromSeconds(60))
    }

    It 'Restarts an expired session with -Touch' {
        $s = New-ExpiredTestSession
        Set-SslSession -InputObject $s -Touch
        $s.IsExpired | Should -BeFalse
    }

    It 'Re-orders the cache so that a flush sees the new times' {
        $s = New-TestSession
        $s | Add-SslSession -Context $name
        $s | Set-SslSession -StartTime (Get-Date).AddDays(-1) -Timeout 60
        Clear-SslSessionCache -Context $name
        Test-SslSessionId -Context $name -SessionId $s.SessionId | Should -BeFalse
        Test-SslSessionCache -Context $name | Should -BeTrue
    }

    It 'Refuses a negative timeout by parameter validation and keeps the old one' {
        $s = New-TestSession
        { $s | Set-SslSession -Timeout -5 } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,PSSslSession.Commands.SetSslSessionCommand'
        $s.Timeout | Should -Be ([timespan]::FromSeconds(7200))
    }

    It 'Refuses -StartTime together with -Touch' {
        { New-TestSession | Set-SslSession -Touch -StartTime (Get-Date) } |
            Should -Throw -ErrorId 'AmbiguousParameterSet,PSSslSession.Commands.SetSslSessionCommand'
    }

    It 'Changes nothing with -WhatIf' {
        $s = New-ExpiredTestSession
        $start = $s.StartTime
        Set-SslSession -InputObject $s -Touch -Timeout 99 -WhatIf
        $s.StartTime | Should -Be $start
        $s.Timeout | Should -Be ([timespan]::FromSeconds(3600))
    }
}

Describe 'Remove-SslSession' -Tag 'CI' {
    BeforeEach {
        $name = New-TestContextName
        $ctx = New-SslContext -Name $name
        $s = New-TestSession
        $s | Add-SslSession -Context $name
    }
    AfterEach { Remove-TestContext $name }

    It 'Removes a session with an empty id, by object and with -SessionId an empty string' {
        $empty = New-SslSession -Protocol TLSv1.2 -Cipher ECDHE-RSA-AES128-GCM-SHA256 -SessionId ''
        $empty | Add-SslSession -Context $name
        Remove-SslSession -Context $name -InputObject $empty
        $ctx.Count | Should -Be 1
        $empty | Add-SslSession -Context $name
        Remove-SslSession -Context $name -SessionId ''
        $ctx.Count | Should -Be 1
    }

    It 'Names a missing empty id "(no id)" in its SessionNotFound message' {
        Remove-SslSession -Context $name -SessionId '' -ErrorVariable err -ErrorAction SilentlyContinue
        "$($err[0])" | Should -Match '^Session \(no id\) \(any protocol\) is not in'
    }

    It 'Removes piped sessions (Get-SslSession -Context | Remove-SslSession -Context)' {
        New-TestSession | Add-SslSession -Context $name
        Get-SslSession -Context $name | Remove-SslSession -Context $name
        $ctx.Count | Should -Be 0
    }

    It 'Removes by id and marks the session not resumable' {
        Remove-SslSession -Context $name -SessionId $s.SessionId.ToString()
        $ctx.Count | Should -Be 0
        $s.IsResumable | Should -BeFalse
    }

    It 'Removes an id only under the protocol given' {
        New-TestSession -SessionId $s.SessionId.ToString() -Protocol TLSv1.3 -Cipher TLS_AES_128_GCM_SHA256 | Add-SslSession -Context $name
        Remove-SslSession -Context $name -SessionId $s.SessionId -Protocol TLSv1.3
        (Get-SslSession -Context $name).Protocol | Should -Be 'TLSv1.2'
    }

    It 'Fires the remove callback once with reason Removed' {
        $reasons = [System.Collections.Generic.List[string]]::new()
        $onRemove = { param($Reason) $reasons.Add("$Reason") }
        Register-SslSessionCallback -Context $name -Event Remove -ScriptBlock $onRemove
        Remove-SslSession -Context $name -InputObject $s
        $reasons | Should -Be @('Removed')
    }

    It 'Writes SessionNotFound for a session that is not cached' {
        $other = New-TestSession
        Remove-SslSession -Context $name -InputObject $other -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'SessionNotFound,PSSslSession.Commands.RemoveSslSessionCommand'
        $ctx.Count | Should -Be 1
    }

    It 'Keeps the session with -WhatIf' {
        Remove-SslSession -Context $name -InputObject $s -WhatIf
        Remove-SslSession -Context $name -SessionId $s.SessionId -WhatIf
        $ctx.Count | Should -Be 1
        $s.IsResumable | Should -BeTrue
    }
}

Describe 'Clear-SslSessionCache' -Tag 'CI' {
    BeforeEach {
        $name = New-TestContextName
        $ctx = New-SslContext -Name $name
        $expired = New-ExpiredTestSession
        $fresh = New-TestSession -Timeout 3600
        $expired, $fresh | Add-SslSession -Context $name
    }
    AfterEach { Remove-TestContext $name }

    It 'Flushes the sessions expired now and keeps the others' {
        $flushed = Clear-SslSessionCache -Context $name -PassThru
        $flushed.SessionId | Should -Be $expired.SessionId
        (Get-SslSession -Context $name).SessionId | Should -Be $fresh.SessionId
        (Get-SslSessionStats -Context $name).Flushes | Should -Be 1
    }

    It 'Flushes what is expired at a future instant with -Before' {
        Clear-SslSessionCache -Context $name -Before (Get-Date).AddHours(2)
        $ctx.Count | Should -Be 0
    }

    It 'Flushes every session with -All -Force' {
        Clear-SslSessionCache -Context $name -All -Force
        $ctx.Count | Should -Be 0
    }

    It 'Outputs nothing without -PassThru' {
        Clear-SslSessionCache -Context $name | Should -BeNullOrEmpty
    }

    It 'Fires the remove callbacks with reason Flushed' {
        $reasons = [System.Collections.Generic.List[string]]::new()
        $onRemove = { param($Reason) $reasons.Add("$Reason") }
        Register-SslSessionCallback -Context $name -Event Remove -ScriptBlock $onRemove
        Clear-SslSessionCache -Context $name -All -Force
        $reasons | Should -Be @('Flushed', 'Flushed')
    }

    It 'Changes nothing with -WhatIf' {
        Clear-SslSessionCache -Context $name -WhatIf
        Clear-SslSessionCache -Context $name -All -WhatIf
        $ctx.Count | Should -Be 2
    }
}

Describe 'Resolve-SslSession' -Tag 'CI' {
    BeforeEach {
        $name = New-TestContextName
        $ctx = New-SslContext -Name $name
        $s = New-TestSession
        $s | Add-SslSession -Context $name
    }
    AfterEach { Remove-TestContext $name }

    It 'Reports Hit for a cached, usable session and counts it' {
        $r = Resolve-SslSession -Context $name -SessionId $s.SessionId
        $r | Should -BeOfType ([PSSslSession.Engine.SslLookupResult])
        $r.Outcome | Should -Be ([PSSslSession.Engine.SslLookupOutcome]::Hit)
        [object]::ReferenceEquals($r.Session, $s) | Should -BeTrue
        (Get-SslSessionStats -Context $name).Hits | Should -Be 1
    }

    It 'Reports Miss for an unknown id and counts it' {
        (Resolve-SslSession -Context $name -SessionId (New-TestSessionIdHex)).Outcome | Should -Be 'Miss'
        (Get-SslSessionStats -Context $name).Misses | Should -Be 1
    }

    It 'Reports Expired, removes the session and counts a timeout' {
        $old = New-ExpiredTestSession
        $old | Add-SslSession -Context $name
        (Resolve-SslSession -Context $name -SessionId $old.SessionId).Outcome | Should -Be 'Expired'
        Test-SslSessionId -Context $name -SessionId $old.SessionId | Should -BeFalse
        (Get-SslSessionStats -Context $name).Timeouts | Should -Be 1
    }

    It 'Reports ContextMismatch for another session id context' {
        (Resolve-SslSession -Context $name -SessionId $s.SessionId -SessionIdContext 'BEEF').Outcome | Should -Be 'ContextMismatch'
    }

    It 'Misses an id that is cached only under another protocol version' {
        (Resolve-SslSession -Context $name -SessionId $s.SessionId -Protocol TLSv1.3).Outcome | Should -Be 'Miss'
    }

    It 'Reports VersionMismatch when a get callback returns a session of another protocol version' {
        $other = New-TestSession
        $onGet = { $other }
        Register-SslSessionCallback -Context $name -Event Get -ScriptBlock $onGet
        $result = Resolve-SslSession -Context $name -SessionId $other.SessionId -Protocol TLSv1.3 -ErrorVariable err -ErrorAction SilentlyContinue
        $result.Outcome | Should -Be 'VersionMismatch'
        $err[0].FullyQualifiedErrorId | Should -Be 'CallbackSessionMismatch,PSSslSession.Commands.ResolveSslSessionCommand'
        "$($err[0])" | Should -BeLike '*of TLSv1.2 for a TLSv1.3 lookup*'
    }

    It 'Takes the id from piped sessions by property name' {
        ($s | Resolve-SslSession -Context $name).Outcome | Should -Be 'Hit'
    }

    It 'Refuses a session id context over 32 bytes by parameter validation' {
        { Resolve-SslSession -Context $name -SessionId $s.SessionId -SessionIdContext ('x' * 33) -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,PSSslSession.Commands.ResolveSslSessionCommand'
    }

    It 'Refuses a removed context (ContextClosed)' {
        Remove-SslContext -Context $ctx -Confirm:$false
        { Resolve-SslSession -Context $ctx -SessionId $s.SessionId -ErrorAction Stop } |
            Should -Throw -ErrorId 'ContextClosed,PSSslSession.Commands.ResolveSslSessionCommand'
    }
}

Describe 'Complete-SslHandshake' -Tag 'CI' {
    BeforeEach {
        $name = New-TestContextName
        $ctx = New-SslContext -Name $name
    }
    AfterEach { Remove-TestContext $name }

    It 'Caches a new server session and counts the accept' {
        $r = Complete-SslHandshake -Context $name -Session (New-TestSession) -Role Server
        $r | Should -BeOfType ([PSSslSession.Engine.HandshakeResult])
        $r.Cached | Should -BeTrue
        $ctx.Count | Should -Be 1
        $stats = Get-SslSessionStats -Context $name
        $stats.Accept | Should -Be 1
        $stats.AcceptGood | Should -Be 1
    }

    It 'Does not cache a client session in a Server-mode cache' {
        (Complete-SslHandshake -Context $name -Session (New-TestSession) -Role Client).Cached | Should -BeFalse
        $ctx.Count | Should -Be 0
        (Get-SslSessionStats -Context $name).ConnectGood | Should -Be 1
    }

    It 'Does not cache with NoInternalStore' {
        Set-SslContext -Context $name -CacheMode Server, NoInternalStore
        $r = Complete-SslHandshake -Context $name -Session (New-TestSession) -Role Server
        $r.Cached | Should -BeFalse
        $ctx.Count | Should -Be 0
    }

    It 'Caches nothing for a resumed TLS 1.2 handshake' {
        $r = Complete-SslHandshake -Context $name -Session (New-TestSession) -Role Server -Resumed
        $r.Cached | Should -BeFalse
    }

    It 'Changes nothing with -WhatIf' {
        Complete-SslHandshake -Context $name -Session (New-TestSession) -Role Server -WhatIf
        $ctx.Count | Should -Be 0
        (Get-SslSessionStats -Context $name).Accept | Should -Be 0
    }

    It 'Refuses a removed context (ContextClosed)' {
        Remove-SslContext -Context $ctx -Confirm:$false
        { Complete-SslHandshake -Context $ctx -Session (New-TestSession) -Role Server -ErrorAction Stop } |
            Should -Throw -ErrorId 'ContextClosed,PSSslSession.Commands.CompleteSslHandshakeCommand'
    }
}

Describe 'Get-SslSessionStats' -Tag 'CI' {
    BeforeEach {
        $name = New-TestContextName
        $null = New-SslContext -Name $name -CacheSize 10
    }
    AfterEach { Remove-TestContext $name }

    It 'Reports every OpenSSL counter, the count and the size' {
        New-TestSession | Add-SslSession -Context $name
        $stats = Get-SslSessionStats -Context $name
        $stats | Should -BeOfType ([PSSslSession.Engine.SslSessionStatistics])
        $stats.Count | Should -Be 1
        $stats.CacheSize | Should -Be 10
        foreach ($counter in 'Connect', 'ConnectGood', 'ConnectRenegotiate', 'Accept', 'AcceptGood', 'AcceptRenegotiate',
            'Hits', 'CallbackHits', 'Misses', 'Timeouts', 'CacheFull', 'Evictions', 'Flushes') {
            $stats.$counter | Should -Be 0 -Because "$counter starts at 0"
        }
    }

    It 'Adds index details with -Detailed' {
        New-TestSession | Add-SslSession -Context $name
        (Get-SslSessionStats -Context $name -Detailed).Details.Count | Should -Be 1
    }

    It 'Refuses a context name that is not registered (ContextNotFound)' {
        { Get-SslSessionStats -Context "$name-missing" } |
            Should -Throw -ErrorId 'ContextNotFound,PSSslSession.Commands.GetSslSessionStatsCommand'
    }
}

Describe 'New-SslSessionId and Test-SslSessionId' -Tag 'CI' {
    BeforeEach {
        $name = New-TestContextName
        $ctx = New-SslContext -Name $name
    }
    AfterEach { Remove-TestContext $name }

    It 'Generates a 32-byte id by default and the length asked for, as hex' {
        New-SslSessionId -Context $name | Should -Match '^[0-9A-F]{64}$'
        New-SslSessionId -Context $name -Length 8 | Should -Match '^[0-9A-F]{16}$'
    }

    It 'Starts generated ids with the context''s prefix given as 0x hex' {
        Set-SslContext -Context $name -SessionIdPrefix '0xCAFE'
        New-SslSessionId -Context $name -Length 8 | Should -BeLike 'CAFE*'
    }

    It 'Uses the context''s scriptblock generator' {
        Set-SslContext -Context $name -SessionIdGenerator { param($Context, $MaxLength) 'ABCD' }
        New-SslSessionId -Context $name | Should -Be 'ABCD'
    }

    It 'Makes many ids at once with -Count, all different' {
        $ids = New-SslSessionId -Context $name -Count 1000
        $ids.Count | Should -Be 1000
        ($ids | Sort-Object -Unique).Count | Should -Be 1000
    }

    It 'Keeps the ids of one call distinct when a long prefix leaves one random byte' {
        Set-SslContext -Context $name -SessionIdPrefix ('x' * 31)
        $ids = New-SslSessionId -Context $name -Count 100
        ($ids | Sort-Object -Unique).Count | Should -Be 100
    }

    It 'Ends the call with SessionIdConflict when the prefix leaves fewer ids than asked for' {
        Set-SslContext -Context $name -SessionIdPrefix ('x' * 31)
        $ids = New-SslSessionId -Context $name -Count 300 -ErrorVariable err -ErrorAction SilentlyContinue
        $ids.Count | Should -BeLessOrEqual 256
        ($ids | Sort-Object -Unique).Count | Should -Be $ids.Count
        $err[0].FullyQualifiedErrorId | Should -Be 'SessionIdConflict,PSSslSession.Commands.NewSslSessionIdCommand'
    }

    It 'Takes contexts from the pipeline' {
        $other = New-TestContextName
        try {
            $null = New-SslContext -Name $other
            ($name, $other | New-SslSessionId -Count 2).Count | Should -Be 4
        }
        finally { Remove-TestContext $other }
    }

    It 'Refuses a length outside 1..32 by parameter validation' {
        { New-SslSessionId -Context $name -Length 33 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,PSSslSession.Commands.NewSslSessionIdCommand'
    }

    It 'Reports a generator that outputs nothing (SessionIdCallbackFailed)' {
        Set-SslContext -Context $name -SessionIdGenerator { }
        { New-SslSessionId -Context $name -ErrorAction Stop } |
            Should -Throw -ErrorId 'SessionIdCallbackFailed,PSSslSession.Commands.NewSslSessionIdCommand'
    }

    It 'Reports a generator that outputs too many bytes (SessionIdHasBadLength)' {
        Set-SslContext -Context $name -SessionIdGenerator { 'AA' * 40 }
        { New-SslSessionId -Context $name -ErrorAction Stop } |
            Should -Throw -ErrorId 'SessionIdHasBadLength,PSSslSession.Commands.NewSslSessionIdCommand'
    }

    It 'Gives up after 10 ids that are all cached (SessionIdConflict)' {
        New-TestSession -SessionId '00000001' | Add-SslSession -Context $name
        Set-SslContext -Context $name -SessionIdGenerator { '00000001' }
        { New-SslSessionId -Context $name -ErrorAction Stop } |
            Should -Throw -ErrorId 'SessionIdConflict,PSSslSession.Commands.NewSslSessionIdCommand'
    }

    It 'Tests whether an id is cached, by hex text or by piped session' {
        $s = New-TestSession
        Test-SslSessionId -Context $name -SessionId $s.SessionId | Should -BeFalse
        $s | Add-SslSession -Context $name
        Test-SslSessionId -Context $name -SessionId $s.SessionId.ToLowerInvariant() | Should -BeTrue
        $s | Test-SslSessionId -Context $name | Should -BeTrue
        Test-SslSessionId -Context $name -SessionId $s.SessionId -Protocol TLSv1.3 | Should -BeFalse
    }

    It 'Refuses an id that is not hex, saying why' {
        { Test-SslSessionId -Context $name -SessionId 'not-hex' } |
            Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,PSSslSession.Commands.TestSslSessionIdCommand' -ExpectedMessage '*not a hex digit*'
    }

    It 'Refuses a removed context when generating an id (ContextClosed)' {
        Remove-SslContext -Context $ctx -Confirm:$false
        { New-SslSessionId -Context $ctx -ErrorAction Stop } |
            Should -Throw -ErrorId 'ContextClosed,PSSslSession.Commands.NewSslSessionIdCommand'
    }
}

Describe 'Test-SslSessionCache' -Tag 'CI' {
    BeforeEach {
        $name = New-TestContextName
        $null = New-SslContext -Name $name -CacheSize 3
    }
    AfterEach { Remove-TestContext $name }

    It 'Reports a consistent cache after adds, evictions, removals and flushes' {
        1..6 | ForEach-Object { New-TestSession -Timeout (100 * $_) } | Add-SslSession -Context $name
        Get-SslSession -Context $name | Select-Object -First 1 | Remove-SslSession -Context $name
        New-ExpiredTestSession | Add-SslSession -Context $name
        Clear-SslSessionCache -Context $name
        Test-SslSessionCache -Context $name -WarningVariable warn | Should -BeTrue
        $warn | Should -BeNullOrEmpty
    }
}

Describe 'OpenSSL 3.0 cache behaviours with -OpenSslCompat' -Tag 'CI' {
    BeforeAll {
        $start = (Get-Date).AddHours(-1)
        function New-TiedSession { New-TestSession -StartTime $start -Timeout 600 }
        function Invoke-ReAddThenFlush {
            # Two sessions with one expiry, the first added again, then a flush of both: first, second, flushed.
            $first, $second = (New-TiedSession), (New-TiedSession)
            $first, $second | Add-SslSession -Context $name
            Add-SslSession -Context $name -InputObject $first -WarningAction SilentlyContinue
            $first, $second, @(Clear-SslSessionCache -Context $name -PassThru)
        }
        function New-EmptyIdSession {
            New-SslSession -Protocol TLSv1.2 -Cipher ECDHE-RSA-AES128-GCM-SHA256 -SessionId '' -StartTime $start -Timeout 600
        }
    }
    BeforeEach { $name = New-TestContextName }
    AfterEach { Remove-TestContext $name }

    It 'By default keeps a re-added session in its place: it is flushed first among equal expiries' {
        $null = New-SslContext -Name $name
        $first, $second, $flushed = Invoke-ReAddThenFlush
        $flushed.SessionId | Should -Be @($first.SessionId, $second.SessionId)
    }

    It 'With -OpenSslCompat moves a re-added session behind its equals: it is flushed last' {
        $null = New-SslContext -Name $name -OpenSslCompat
        $first, $second, $flushed = Invoke-ReAddThenFlush
        $flushed.SessionId | Should -Be @($second.SessionId, $first.SessionId)
    }

    It 'Says in the re-add warning what the add changed' {
        $null = New-SslContext -Name $name -OpenSslCompat
        $s = New-TiedSession
        $s | Add-SslSession -Context $name
        Add-SslSession -Context $name -InputObject $s -WarningVariable warn -WarningAction SilentlyContinue
        "$warn" | Should -Match 'moved behind the sessions with the same expiry.*\(OpenSslCompat\)'
    }

    It 'By default evicts a session with an empty id, so a cache of size 1 holds 1' {
        $null = New-SslContext -Name $name -CacheSize 1
        New-EmptyIdSession | Add-SslSession -Context $name
        $kept = New-TestSession
        $kept | Add-SslSession -Context $name
        (Get-SslSessionStats -Context $name).Count | Should -Be 1
        [object]::ReferenceEquals((Get-SslSession -Context $name), $kept) | Should -BeTrue
    }

    It 'With -OpenSslCompat never evicts a session with an empty id, so the cache grows past its size' {
        $null = New-SslContext -Name $name -CacheSize 1 -OpenSslCompat
        New-EmptyIdSession | Add-SslSession -Context $name
        New-TestSession | Add-SslSession -Context $name
        $stats = Get-SslSessionStats -Context $name
        $stats.Count | Should -Be 2
        $stats.CacheFull | Should -Be 0
    }

    It 'Set-SslContext -OpenSslCompat:$false restores the size limit for the next add' {
        $null = New-SslContext -Name $name -CacheSize 1 -OpenSslCompat
        New-EmptyIdSession | Add-SslSession -Context $name
        New-TestSession | Add-SslSession -Context $name
        Set-SslContext -Context $name -OpenSslCompat:$false
        New-TestSession | Add-SslSession -Context $name
        (Get-SslSessionStats -Context $name).Count | Should -Be 1
    }
}
