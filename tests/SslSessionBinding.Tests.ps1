# How parameters bind: -Context (declared once for 14 cmdlets), -SessionId (the same everywhere), text where
# OpenSSL takes text (-SessionIdContext, -SessionIdPrefix), and declarative validation.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe '-Context' -Tag 'CI' {
    BeforeAll {
        # Each cmdlet that takes -Context, called with an unknown name and the least else it needs.
        $missing = "missing-$([guid]::NewGuid().ToString('N'))"
        $session = New-TestSession
        $cases = @(
            @{ Cmdlet = 'Add-SslSession'; Call = { Add-SslSession -Context $missing -InputObject $session } }
            @{ Cmdlet = 'Clear-SslSessionCache'; Call = { Clear-SslSessionCache -Context $missing } }
            @{ Cmdlet = 'Complete-SslHandshake'; Call = { Complete-SslHandshake -Context $missing -Session $session -Role Server } }
            @{ Cmdlet = 'Get-SslSession'; Call = { Get-SslSession -Context $missing } }
            @{ Cmdlet = 'Get-SslSessionStats'; Call = { Get-SslSessionStats -Context $missing } }
            @{ Cmdlet = 'New-SslSessionId'; Call = { New-SslSessionId -Context $missing } }
            @{ Cmdlet = 'Register-SslSessionCallback'; Call = { Register-SslSessionCallback -Context $missing -Event New -ScriptBlock { } } }
            @{ Cmdlet = 'Remove-SslContext'; Call = { Remove-SslContext -Context $missing -Confirm:$false } }
            @{ Cmdlet = 'Remove-SslSession'; Call = { Remove-SslSession -Context $missing -SessionId $session.SessionId } }
            @{ Cmdlet = 'Resolve-SslSession'; Call = { Resolve-SslSession -Context $missing -SessionId $session.SessionId } }
            @{ Cmdlet = 'Set-SslContext'; Call = { Set-SslContext -Context $missing -CacheSize 1 } }
            @{ Cmdlet = 'Test-SslSessionCache'; Call = { Test-SslSessionCache -Context $missing } }
            @{ Cmdlet = 'Test-SslSessionId'; Call = { Test-SslSessionId -Context $missing -SessionId $session.SessionId } }
            @{ Cmdlet = 'Unregister-SslSessionCallback'; Call = { Unregister-SslSessionCallback -Context $missing -Confirm:$false } }
        )
    }

    BeforeEach {
        $name = New-TestContextName
        $ctx = New-SslContext -Name $name
    }
    AfterEach { Remove-TestContext $name }

    It 'Is taken by every cmdlet that works on a context: fourteen of them' {
        $taking = Get-Command -Module PSSslSession | Where-Object { $_.Parameters.ContainsKey('Context') }
        $taking.Count | Should -Be 14
        $cases.Count | Should -Be 14
        $taking.Name | Sort-Object | Should -Be ($cases.Cmdlet | Sort-Object)
    }

    It '<Cmdlet> reports an unknown context name as ContextNotFound (ObjectNotFound)' -ForEach @(
        'Add-SslSession', 'Clear-SslSessionCache', 'Complete-SslHandshake', 'Get-SslSession', 'Get-SslSessionStats',
        'New-SslSessionId', 'Register-SslSessionCallback', 'Remove-SslContext', 'Remove-SslSession', 'Resolve-SslSession',
        'Set-SslContext', 'Test-SslSessionCache', 'Test-SslSessionId', 'Unregister-SslSessionCallback' | ForEach-Object { @{ Cmdlet = $_ } }
    ) {
        $case = $cases | Where-Object Cmdlet -EQ $Cmdlet
        $record = $null
        try { & $case.Call } catch { $record = $_ }
        $record | Should -Not -BeNullOrEmpty
        $record.FullyQualifiedErrorId | Should -Be "ContextNotFound,PSSslSession.Commands.$($Cmdlet -replace '-', '')Command"
        $record.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $record.TargetObject | Should -Be $missing
    }

    It 'Takes the context object or its name, ignoring case' {
        (Get-SslSessionStats -Context $ctx).ContextName | Should -Be $name
        (Get-SslSessionStats -Context $name.ToUpperInvariant()).ContextName | Should -Be $name
    }

    It 'Takes contexts from the pipeline, by object and by name' {
        (Get-SslContext -Name $name | Get-SslSessionStats).ContextName | Should -Be $name
        ($name | Get-SslSessionStats).ContextName | Should -Be $name
    }

    It 'Reports an unknown name from the pipeline for that input only and goes on with the next' {
        $stats = "$name-missing", $name | Get-SslSessionStats -ErrorVariable err -ErrorAction SilentlyContinue
        $stats.ContextName | Should -Be $name
        $err.FullyQualifiedErrorId | Should -Be 'ContextNotFound,PSSslSession.Commands.GetSslSessionStatsCommand'
    }

    It 'Stops before any input when an unknown name is the argument' {
        { New-TestSession | Add-SslSession -Context "$name-missing" -ErrorAction Continue } |
            Should -Throw -ErrorId 'ContextNotFound,PSSslSession.Commands.AddSslSessionCommand'
    }

    It 'Names the registered contexts in the ContextNotFound message' {
        { Get-SslSession -Context "$name-missing" } | Should -Throw -ExpectedMessage "*Registered:*$name*"
    }

    It 'Takes piped sessions when the context is named' {
        (New-TestSession), (New-TestSession) | Add-SslSession $name
        $ctx.Count | Should -Be 2
    }

    It 'Completes registered context names' {
        $line = "Get-SslSession -Context $($name.Substring(0, 20))"
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $completions.CompletionText | Should -Contain $name
    }
}

Describe '-SessionId' -Tag 'CI' {
    BeforeEach {
        $name = New-TestContextName
        $null = New-SslContext -Name $name
        $s = New-TestSession
        $s | Add-SslSession -Context $name
    }
    AfterEach { Remove-TestContext $name }

    It 'Binds the same way in every cmdlet that takes it: by value and by property name' {
        foreach ($command in Get-Command -Module PSSslSession | Where-Object { $_.Parameters.ContainsKey('SessionId') }) {
            foreach ($set in $command.Parameters['SessionId'].ParameterSets.Values) {
                $set.ValueFromPipeline | Should -BeTrue -Because "$($command.Name) takes -SessionId from the pipeline"
                $set.ValueFromPipelineByPropertyName | Should -BeTrue -Because "$($command.Name) takes -SessionId by property name"
            }
        }
    }

    It 'Takes hex text, in either case and with separators' {
        Test-SslSessionId -Context $name -SessionId $s.SessionId.ToLowerInvariant() | Should -BeTrue
        $spaced = ($s.SessionId -split '(..)' -ne '') -join ':'
        Test-SslSessionId -Context $name -SessionId $spaced | Should -BeTrue
    }

    It 'Takes the bytes of the id' {
        Test-SslSessionId -Context $name -SessionId $s.GetSessionId().ToArray() | Should -BeTrue
    }

    It 'Takes a session as the id' {
        Test-SslSessionId -Context $name -SessionId $s | Should -BeTrue
    }

    It 'Takes piped hex ids in Get-SslSession' {
        ($s.SessionId | Get-SslSession -Context $name).SessionId | Should -Be $s.SessionId
    }

    It 'Takes piped sessions in Resolve-SslSession' {
        ($s | Resolve-SslSession -Context $name).Outcome | Should -Be 'Hit'
    }

    It 'Takes the SessionId property of any object, as from Import-Csv' {
        $row = [pscustomobject]@{ SessionId = $s.SessionId }
        ($row | Resolve-SslSession -Context $name).Outcome | Should -Be 'Hit'
        $row | Remove-SslSession -Context $name
        Test-SslSessionId -Context $name -SessionId $s.SessionId | Should -BeFalse
    }

    It 'Takes piped hex ids in Remove-SslSession' {
        $s.SessionId | Remove-SslSession -Context $name
        (Get-SslContext -Name $name).Count | Should -Be 0
    }

    It 'Does not read a context name piped to Get-SslSession as an id' {
        ($name | Get-SslSession).SessionId | Should -Be $s.SessionId
    }

    It 'Completes ids of the named context, at most 100 at a time' {
        New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 -Count 150 -Timeout 600 | Add-SslSession -Context $name
        $line = "Get-SslSession -Context $name -SessionId "
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $completions.Count | Should -Be 100
        $completions.CompletionText | Should -Match '^[0-9A-F]{64}$'
    }

    It 'Completes the ids that start with what was typed' {
        $line = "Get-SslSession -Context $name -SessionId $($s.SessionId.Substring(0, 6))"
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $completions.CompletionText | Should -Contain $s.SessionId
    }
}

Describe 'Text where OpenSSL takes text' -Tag 'CI' {
    BeforeEach { $name = New-TestContextName }
    AfterEach { Remove-TestContext $name }

    It 'Reads -SessionIdContext text as its UTF-8 bytes in New-SslContext' {
        (New-SslContext -Name $name -SessionIdContext 'myapp').GetSessionIdContext() | Should -Be ([byte[]] (0x6D, 0x79, 0x61, 0x70, 0x70))
    }

    It 'Reads -SessionIdContext text as its UTF-8 bytes in New-SslSession' {
        (New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 -SessionIdContext 'myapp').SessionIdContext | Should -Be 'myapp'
    }

    It 'Reads cafe as four bytes of text, not the two hex bytes CA FE' {
        (New-SslContext -Name $name -SessionIdContext 'cafe').GetSessionIdContext().Length | Should -Be 4
    }

    It 'Reads 0x and hex digits as bytes' {
        (New-SslContext -Name $name -SessionIdContext '0xCAFE').GetSessionIdContext() | Should -Be ([byte[]] (0xCA, 0xFE))
    }

    It 'Keeps a byte array as bytes' {
        (New-SslContext -Name $name -SessionIdContext ([byte[]] (1, 2, 250))).SessionIdContext | Should -Be '0x0102FA'
    }

    It 'Takes Apache''s 32-character context as text' {
        $apache = 'e3b0c44298fc1c149afbf4c8996fb924'
        (New-SslContext -Name $name -SessionIdContext $apache).SessionIdContext | Should -Be $apache
    }

    It 'Matches a session made under a text context with that text' {
        $null = New-SslContext -Name $name -SessionIdContext 'myapp'
        $s = New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 -SessionIdContext 'myapp' -Timeout 600
        $s | Add-SslSession -Context $name
        (Resolve-SslSession -Context $name -SessionId $s.SessionId).Outcome | Should -Be 'Hit'
        (Resolve-SslSession -Context $name -SessionId $s.SessionId -SessionIdContext 'other').Outcome | Should -Be 'ContextMismatch'
    }

    It 'Gives back exactly the bytes it shows, whatever they are' {
        $null = New-SslContext -Name $name
        foreach ($bytes in @([byte[]] (0x30, 0x78, 0x41, 0x42), [byte[]] (0, 255), [byte[]] (0x20, 0x61))) {
            $s = New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 -SessionIdContext $bytes
            (New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 -SessionIdContext $s.SessionIdContext).GetSessionIdContext() |
                Should -Be $bytes
        }
    }

    It 'Takes the man page''s id prefix www-18 as text' {
        $null = New-SslContext -Name $name
        Set-SslContext -Context $name -SessionIdPrefix 'www-18'
        [Text.Encoding]::ASCII.GetString([Convert]::FromHexString((New-SslSessionId -Context $name).Substring(0, 12))) |
            Should -Be 'www-18'
    }
}

Describe 'Declarative validation' -Tag 'CI' {
    It 'Refuses <Call> by parameter validation' -ForEach @(
        @{ Call = 'New-SslContext -CacheSize -1'; Script = { New-SslContext -Name (New-TestContextName) -CacheSize -1 }; Cmdlet = 'NewSslContextCommand' }
        @{ Call = 'New-SslContext -Timeout -1'; Script = { New-SslContext -Name (New-TestContextName) -Timeout -1 }; Cmdlet = 'NewSslContextCommand' }
        @{ Call = 'New-SslSessionId -Length 0'; Script = { New-SslSessionId -Context x -Length 0 }; Cmdlet = 'NewSslSessionIdCommand' }
        @{ Call = 'New-SslSession -Count 0'; Script = { New-SslSession TLSv1.2 AES128-GCM-SHA256 -Count 0 }; Cmdlet = 'NewSslSessionCommand' }
        @{ Call = 'New-SslSession -TicketLifetimeHint -1'; Script = { New-SslSession TLSv1.2 AES128-GCM-SHA256 -TicketLifetimeHint -1 }; Cmdlet = 'NewSslSessionCommand' }
        @{ Call = 'Set-SslSession -Timeout -1'; Script = { New-TestSession | Set-SslSession -Timeout -1 }; Cmdlet = 'SetSslSessionCommand' }
    ) {
        $Script | Should -Throw -ErrorId "ParameterArgumentValidationError,PSSslSession.Commands.$Cmdlet"
    }
}
