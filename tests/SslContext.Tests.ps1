# New-SslContext, Get-SslContext, Set-SslContext, Remove-SslContext.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'New-SslContext' -Tag 'CI' {
    BeforeEach { $name = New-TestContextName }
    AfterEach { Remove-TestContext $name }

    It 'Creates a context with OpenSSL''s defaults: mode Server, 20480 sessions, 7200 seconds' {
        $ctx = New-SslContext -Name $name
        $ctx | Should -BeOfType ([PSSslSession.Engine.SslContext])
        $ctx.Name | Should -Be $name
        $ctx.CacheMode | Should -Be ([PSSslSession.Engine.SslSessionCacheMode]::Server)
        $ctx.CacheSize | Should -Be 20480
        $ctx.Timeout | Should -Be ([timespan]::FromSeconds(7200))
        $ctx.Count | Should -Be 0
    }

    It 'Registers the context so that other cmdlets find it by name' {
        $null = New-SslContext -Name $name
        (Get-SslContext -Name $name).Name | Should -Be $name
        Get-SslSessionStats -Context $name | Should -Not -BeNullOrEmpty
    }

    It 'Takes the timeout as a number of seconds' {
        (New-SslContext -Name $name -Timeout 300).Timeout | Should -Be ([timespan]::FromMinutes(5))
    }

    It 'Takes the timeout as a TimeSpan' {
        (New-SslContext -Name $name -Timeout (New-TimeSpan -Minutes 7)).Timeout | Should -Be ([timespan]::FromMinutes(7))
    }

    It 'Combines cache mode flags' {
        $ctx = New-SslContext -Name $name -CacheMode Server, NoAutoClear
        $ctx.CacheMode | Should -Be ([PSSslSession.Engine.SslSessionCacheMode] 0x82)
    }

    It 'Takes the session id context as text, as openssl s_server -context does' {
        $ctx = New-SslContext -Name $name -SessionIdContext 'myapp'
        $ctx.GetSessionIdContext() | Should -Be ([Text.Encoding]::UTF8.GetBytes('myapp'))
        $ctx.SessionIdContext | Should -Be 'myapp'
    }

    It 'Reads text that looks like hex as text: cafe is four bytes, not two' {
        (New-SslContext -Name $name -SessionIdContext 'cafe').GetSessionIdContext() | Should -Be ([byte[]] (0x63, 0x61, 0x66, 0x65))
    }

    It 'Takes the session id context as 0x and hex digits' {
        (New-SslContext -Name $name -SessionIdContext '0xC0FFEE').GetSessionIdContext() | Should -Be ([byte[]] (0xC0, 0xFF, 0xEE))
    }

    It 'Takes the session id context as bytes' {
        $ctx = New-SslContext -Name $name -SessionIdContext ([byte[]] (0xC0, 0xFF, 0xEE))
        $ctx.GetSessionIdContext() | Should -Be ([byte[]] (0xC0, 0xFF, 0xEE))
        $ctx.SessionIdContext | Should -Be '0xC0FFEE'
    }

    It 'Refuses a name that is in use, ignoring case (NameInUse)' {
        $null = New-SslContext -Name $name
        { New-SslContext -Name ($name.ToUpperInvariant()) -ErrorAction Stop } |
            Should -Throw -ErrorId 'NameInUse,PSSslSession.Commands.NewSslContextCommand'
    }

    It 'Refuses a negative cache size by parameter validation' {
        { New-SslContext -Name $name -CacheSize -1 } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,PSSslSession.Commands.NewSslContextCommand'
        Get-SslContext -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'Refuses a negative timeout by parameter validation' {
        { New-SslContext -Name $name -Timeout -5 } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,PSSslSession.Commands.NewSslContextCommand'
    }

    It 'Refuses a session id context over 32 bytes by parameter validation' {
        { New-SslContext -Name $name -SessionIdContext ('x' * 33) } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,PSSslSession.Commands.NewSslContextCommand'
    }

    It 'Refuses 0x with an odd number of hex digits (ParameterArgumentTransformationError)' {
        { New-SslContext -Name $name -SessionIdContext '0xABC' } |
            Should -Throw -ErrorId 'ParameterArgumentTransformationError,PSSslSession.Commands.NewSslContextCommand'
    }

    It 'Refuses a name of white space only (InvalidArgument)' {
        { New-SslContext -Name '   ' } | Should -Throw -ErrorId 'InvalidArgument,PSSslSession.Commands.NewSslContextCommand'
    }

    It 'Explains that an unquoted 0x value is a number to PowerShell' {
        { New-SslContext -Name $name -SessionIdContext 0xC0FFEE } |
            Should -Throw -ErrorId 'ParameterArgumentTransformationError,PSSslSession.Commands.NewSslContextCommand' -ExpectedMessage "*hex in quotes ('0xC0FFEE')*"
    }

    It 'Lists the settings users set in Format-List, by their parameter names' {
        $text = New-SslContext -Name $name | Format-List | Out-String
        $text | Should -Match 'OpenSslCompat\s+: False'
        $text | Should -Not -Match 'Clock'
    }

    It 'Refuses an empty name' {
        { New-SslContext -Name '' } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError*,PSSslSession.Commands.NewSslContextCommand'
    }

    It 'Registers nothing with -WhatIf' {
        New-SslContext -Name $name -WhatIf | Should -BeNullOrEmpty
        Get-SslContext -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

Describe 'Get-SslContext' -Tag 'CI' {
    BeforeAll {
        $prefix = "pester-get-$([guid]::NewGuid().ToString('N'))"
        $null = New-SslContext -Name "$prefix-b"
        $null = New-SslContext -Name "$prefix-a"
    }
    AfterAll {
        Remove-TestContext "$prefix-a"
        Remove-TestContext "$prefix-b"
    }

    It 'Lists every registered context, including ours' {
        $names = (Get-SslContext).Name
        $names | Should -Contain "$prefix-a"
        $names | Should -Contain "$prefix-b"
    }

    It 'Matches wildcard patterns and sorts by name' {
        (Get-SslContext -Name "$prefix-*").Name | Should -Be @("$prefix-a", "$prefix-b")
    }

    It 'Finds a context by name, ignoring case' {
        (Get-SslContext -Name ("$prefix-A".ToUpperInvariant())).Name | Should -Be "$prefix-a"
    }

    It 'Takes names from the pipeline' {
        ("$prefix-a", "$prefix-b" | Get-SslContext).Count | Should -Be 2
    }

    It 'Returns nothing, without an error, for a pattern that matches nothing' {
        Get-SslContext -Name "$prefix-zzz*" -ErrorVariable err | Should -BeNullOrEmpty
        $err | Should -BeNullOrEmpty
    }

    It 'Writes ContextNotFound for a name that is not registered, and goes on' {
        $found = Get-SslContext -Name "$prefix-missing", "$prefix-a" -ErrorVariable err -ErrorAction SilentlyContinue
        $found.Name | Should -Be "$prefix-a"
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'ContextNotFound,PSSslSession.Commands.GetSslContextCommand'
        $err[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ObjectNotFound)
        "$($err[0])" | Should -BeLike "*Registered:*$prefix-a*"
    }
}

Describe 'Set-SslContext' -Tag 'CI' {
    BeforeEach {
        $name = New-TestContextName
        $ctx = New-SslContext -Name $name -CacheSize 5
    }
    AfterEach { Remove-TestContext $name }

    It 'Changes only the settings that are given' {
        Set-SslContext -Context $name -Timeout 10
        $ctx.Timeout | Should -Be ([timespan]::FromSeconds(10))
        $ctx.CacheSize | Should -Be 5
        $ctx.CacheMode | Should -Be ([PSSslSession.Engine.SslSessionCacheMode]::Server)
    }

    It 'Outputs the context with -PassThru and nothing without' {
        Set-SslContext -Context $name -CacheSize 7 | Should -BeNullOrEmpty
        (Set-SslContext -Context $name -CacheSize 8 -PassThru).CacheSize | Should -Be 8
    }

    It 'Takes the context from the pipeline' {
        Get-SslContext -Name $name | Set-SslContext -CacheMode Both
        $ctx.CacheMode | Should -Be ([PSSslSession.Engine.SslSessionCacheMode]::Both)
    }

    It 'Evicts down to a smaller size at the next add' {
        1..4 | ForEach-Object { New-TestSession } | Add-SslSession -Context $name
        Set-SslContext -Context $name -CacheSize 2
        $ctx.Count | Should -Be 4
        New-TestSession | Add-SslSession -Context $name
        $ctx.Count | Should -Be 2
    }

    It 'Clears the session id context with an empty value' {
        Set-SslContext -Context $name -SessionIdContext 'AA'
        Set-SslContext -Context $name -SessionIdContext ([byte[]]@())
        $ctx.GetSessionIdContext().Length | Should -Be 0
    }

    It 'Clears the session id context with an empty string' {
        Set-SslContext -Context $name -SessionIdContext 'AA'
        Set-SslContext -Context $name -SessionIdContext ''
        $ctx.SessionIdContext | Should -Be ''
    }

    It 'Refuses a negative cache size by parameter validation' {
        { Set-SslContext -Context $name -CacheSize -2 } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,PSSslSession.Commands.SetSslContextCommand'
        $ctx.CacheSize | Should -Be 5
    }

    It 'Takes the id prefix of the OpenSSL man page, www-18, as text' {
        Set-SslContext -Context $name -SessionIdPrefix 'www-18'
        $ctx.SessionIdPrefix | Should -Be 'www-18'
        $id = New-SslSessionId -Context $name
        $id | Should -BeLike ('{0}*' -f (-join ([Text.Encoding]::ASCII.GetBytes('www-18') | ForEach-Object { $_.ToString('X2') })))
    }

    It 'Changes nothing when one of several settings is invalid' {
        $ctx.OpenSslCompat | Should -BeFalse
        { Set-SslContext -Context $name -CacheSize 7 -OpenSslCompat -SessionIdPrefix ('p' * 33) -ErrorAction Stop } | Should -Throw
        $ctx.CacheSize | Should -Be 5
        $ctx.OpenSslCompat | Should -BeFalse
    }

    It 'Refuses a context name that is not registered (ContextNotFound)' {
        { Set-SslContext -Context "$name-missing" -CacheSize 1 } |
            Should -Throw -ErrorId 'ContextNotFound,PSSslSession.Commands.SetSslContextCommand'
    }

    It 'Changes nothing with -WhatIf' {
        Set-SslContext -Context $name -CacheSize 99 -Timeout 1 -WhatIf
        $ctx.CacheSize | Should -Be 5
        $ctx.Timeout | Should -Be ([timespan]::FromSeconds(7200))
    }
}

Describe 'Remove-SslContext' -Tag 'CI' {
    BeforeEach {
        $name = New-TestContextName
        $ctx = New-SslContext -Name $name
    }
    AfterEach { Remove-TestContext $name }

    It 'Unregisters the context' {
        Remove-SslContext -Context $name -Confirm:$false
        { Get-SslContext -Name $name -ErrorAction Stop } |
            Should -Throw -ErrorId 'ContextNotFound,PSSslSession.Commands.GetSslContextCommand'
    }

    It 'Frees the name for a new context' {
        Remove-SslContext -Context $ctx -Confirm:$false
        (New-SslContext -Name $name).Name | Should -Be $name
    }

    It 'Flushes the cache: remove callbacks fire with reason Flushed' {
        $reasons = [System.Collections.Generic.List[string]]::new()
        $onRemove = { param($Reason) $reasons.Add("$Reason") }
        Register-SslSessionCallback -Context $name -Event Remove -ScriptBlock $onRemove
        (New-TestSession), (New-TestSession) | Add-SslSession -Context $name
        Remove-SslContext -Context $name -Confirm:$false
        $reasons | Should -Be @('Flushed', 'Flushed')
    }

    It 'Leaves a removed context object unusable (ContextClosed)' {
        Remove-SslContext -Context $name -Confirm:$false
        $ctx.IsClosed | Should -BeTrue
        { Add-SslSession -Context $ctx -InputObject (New-TestSession) -ErrorAction Stop } |
            Should -Throw -ErrorId 'ContextClosed,PSSslSession.Commands.AddSslSessionCommand'
    }

    It 'Reports a removed context as ContextClosed when read too' {
        Remove-SslContext -Context $ctx -Confirm:$false
        { Get-SslSession -Context $ctx -ErrorAction Stop } |
            Should -Throw -ErrorId 'ContextClosed,PSSslSession.Commands.GetSslSessionCommand'
        { Get-SslSessionStats -Context $ctx -ErrorAction Stop } |
            Should -Throw -ErrorId 'ContextClosed,PSSslSession.Commands.GetSslSessionStatsCommand'
    }

    It 'Reports a context removed twice as ContextClosed' {
        Remove-SslContext -Context $ctx -Confirm:$false
        { Remove-SslContext -Context $ctx -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'ContextClosed,PSSslSession.Commands.RemoveSslContextCommand'
    }

    It 'Names a context by its name in messages and targets' {
        "$ctx" | Should -Be $name
    }

    It 'Keeps the context with -WhatIf' {
        Remove-SslContext -Context $name -WhatIf
        (Get-SslContext -Name $name).Name | Should -Be $name
        $ctx.IsClosed | Should -BeFalse
    }
}
