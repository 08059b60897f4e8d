# One cache for several contexts (issue 12, field note 8): New-SslContext -ShareCacheWith.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    function New-WebSession {
        param([string] $SessionIdContext = 'web', [int] $Timeout = 3600)
        New-SslSession -Protocol TLSv1.2 -Cipher ECDHE-RSA-AES128-GCM-SHA256 -SessionId (New-TestSessionIdHex) `
            -SessionIdContext $SessionIdContext -Timeout $Timeout
    }
}

Describe 'New-SslContext -ShareCacheWith' -Tag 'CI' {
    BeforeEach {
        $rsa = New-TestContextName
        $ecdsa = New-TestContextName
        $mail = New-TestContextName
        $null = New-SslContext -Name $rsa -SessionIdContext web -CacheSize 100
        $null = New-SslContext -Name $ecdsa -ShareCacheWith $rsa -SessionIdContext web
        $null = New-SslContext -Name $mail -ShareCacheWith $rsa -SessionIdContext mail
    }
    AfterEach { $mail, $ecdsa, $rsa | ForEach-Object { Remove-TestContext $_ } }

    It 'Resumes on a sibling a session another member cached, when their session-id contexts are equal' {
        $s = New-WebSession
        $s | Add-SslSession -Context $rsa
        (Resolve-SslSession -Context $ecdsa -SessionId $s.SessionId).Outcome | Should -Be 'Hit'
    }

    It 'Keeps members with another session-id context from resuming it (ContextMismatch)' {
        $s = New-WebSession
        $s | Add-SslSession -Context $rsa
        (Resolve-SslSession -Context $mail -SessionId $s.SessionId).Outcome | Should -Be 'ContextMismatch'
    }

    It 'Lists for each member the sessions it can resume' {
        $web = New-WebSession
        $other = New-WebSession -SessionIdContext mail
        $web, $other | Add-SslSession -Context $rsa
        (Get-SslSession -Context $ecdsa).SessionId | Should -Be $web.SessionId
        (Get-SslSession -Context $mail).SessionId | Should -Be $other.SessionId
    }

    It 'Counts hits and misses per member' {
        $s = New-WebSession
        $s | Add-SslSession -Context $rsa
        $null = Resolve-SslSession -Context $ecdsa -SessionId $s.SessionId
        (Get-SslSessionStats -Context $ecdsa).Hits | Should -Be 1
        (Get-SslSessionStats -Context $rsa).Hits | Should -Be 0
    }

    It 'Shares the size: Set-SslContext on one member changes it for all, and says so with -Verbose' {
        Set-SslContext -Context $mail -CacheSize 7 -Verbose 4>&1 | Out-String | Should -Match 'shares its cache'
        (Get-SslContext -Name $rsa).CacheSize | Should -Be 7
        (Get-SslContext -Name $ecdsa).CacheSize | Should -Be 7
    }

    It 'Keeps the cache mode and session-id context each member''s own' {
        Set-SslContext -Context $mail -CacheMode Both
        (Get-SslContext -Name $rsa).CacheMode | Should -Be 'Server'
        (Get-SslContext -Name $rsa).SessionIdContext | Should -Be 'web'
    }

    It 'Refuses a new member that would change the cache''s settings (SharedCacheConflict)' {
        $name = New-TestContextName
        { New-SslContext -Name $name -ShareCacheWith $rsa -CacheSize 5 } |
            Should -Throw -ErrorId 'SharedCacheConflict,PSSslSession.Commands.NewSslContextCommand'
        Get-SslContext -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'Takes -Timeout 0 from a new member as the default timeout the cache has, not as a conflict' {
        $name = New-TestContextName
        try { { New-SslContext -Name $name -ShareCacheWith $rsa -Timeout 0 } | Should -Not -Throw }
        finally { Remove-TestContext $name }
    }

    It 'Keeps sessions of no member''s session-id context visible and removable by every member' {
        $stray = New-WebSession -SessionIdContext s_server
        $stray | Add-SslSession -Context $rsa
        (Get-SslSession -Context $mail).SessionId | Should -Be $stray.SessionId
        (Get-SslSession -Context $ecdsa).SessionId | Should -Be $stray.SessionId
        (Resolve-SslSession -Context $mail -SessionId $stray.SessionId).Outcome | Should -Be 'ContextMismatch'
        Remove-SslSession -Context $mail -SessionId $stray.SessionId
        (Get-SslSessionStats -Context $rsa).Count | Should -Be 0
    }

    It 'Accepts a new member that repeats the cache''s settings' {
        $name = New-TestContextName
        try {
            $ctx = New-SslContext -Name $name -ShareCacheWith $rsa -CacheSize 100
            $ctx.SharedWith | Should -Contain $rsa
        }
        finally { Remove-TestContext $name }
    }

    It 'Refuses a context name that is not registered (ContextNotFound)' {
        { New-SslContext -Name (New-TestContextName) -ShareCacheWith 'no-such-context' } |
            Should -Throw -ErrorId 'ContextNotFound,PSSslSession.Commands.NewSslContextCommand'
    }

    It 'Shows the other members in the context list view' {
        Get-SslContext -Name $rsa | Format-List | Out-String | Should -Match "SharedWith\s+: $ecdsa, $mail"
    }

    It 'Tells a member''s remove callbacks about the sessions of its part only' {
        $told = [System.Collections.Generic.List[string]]::new()
        Register-SslSessionCallback -Context $mail -Event Remove -ScriptBlock { param($Session) $told.Add("$($Session.SessionId)") }.GetNewClosure()
        $web = New-WebSession
        $other = New-WebSession -SessionIdContext mail
        $web, $other | Add-SslSession -Context $rsa
        Clear-SslSessionCache -Context $rsa -Before (Get-Date).AddHours(2)
        $told | Should -Be @("$($other.SessionId)")
    }

    It 'Clears only the member''s part with -All' {
        (New-WebSession), (New-WebSession -SessionIdContext mail) | Add-SslSession -Context $rsa
        Clear-SslSessionCache -Context $mail -All -Force
        (Get-SslSession -Context $rsa).Count | Should -Be 1
        Get-SslSession -Context $mail | Should -BeNullOrEmpty
    }

    It 'Leaves the cache and its sessions to the others when one member is removed' {
        $s = New-WebSession
        $s | Add-SslSession -Context $rsa
        Remove-SslContext -Context $rsa -Confirm:$false
        (Resolve-SslSession -Context $ecdsa -SessionId $s.SessionId).Outcome | Should -Be 'Hit'
        (Get-SslContext -Name $ecdsa).SharedWith | Should -Be @($mail)
    }

    It 'Says with -Verbose that a removed member only left the cache to the others' {
        $text = Remove-SslContext -Context $rsa -Confirm:$false -Verbose 4>&1 | Out-String
        $text | Should -Match "left its cache; '$ecdsa', '$mail' keep it"
    }

    It 'Refuses to share the cache of a removed context (ContextClosed)' {
        $removed = Get-SslContext -Name $mail
        Remove-SslContext -Context $mail -Confirm:$false
        { New-SslContext -Name (New-TestContextName) -ShareCacheWith $removed } |
            Should -Throw -ErrorId 'ContextClosed,PSSslSession.Commands.NewSslContextCommand'
    }

    It 'Frees the cache when the last member is removed' {
        $s = New-WebSession
        $s | Add-SslSession -Context $rsa
        Remove-SslContext -Context $rsa -Confirm:$false
        Remove-SslContext -Context $mail -Confirm:$false
        $last = Get-SslContext -Name $ecdsa
        Remove-SslContext -Context $ecdsa -Confirm:$false
        $s.IsResumable | Should -BeFalse
        $last.Count | Should -Be 0
    }
}
