# New-SslSessionStore: the SQLite store through the cmdlets (the Redis store is covered by the xunit suite, which
# starts a real redis-server; here only its argument checks).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'New-SslSessionStore' -Tag 'CI' {
    BeforeEach {
        $names = [System.Collections.Generic.List[string]]::new()
        $stores = [System.Collections.Generic.List[object]]::new()
        $file = Join-Path $TestDrive "sessions-$([guid]::NewGuid().ToString('N')).db"
    }
    AfterEach {
        foreach ($n in $names) { Remove-TestContext $n }
        foreach ($s in $stores) { if ($s -is [System.IDisposable]) { $s.Dispose() } }
    }

    It 'Creates a SQLite store' {
        $store = New-SslSessionStore -Path $file
        $stores.Add($store)
        $store | Should -BeOfType ([PSSslSession.Stores.SqliteSessionStore])
        Test-Path -LiteralPath $file | Should -BeTrue
    }

    It 'Writes every session a pipeline adds to the store and passes them through in order' {
        . (Join-Path $PSScriptRoot 'ServiceHelpers.ps1')
        $store = New-SslSessionStore -Path $file
        $stores.Add($store)
        $name = New-TestContextName
        $names.Add($name)
        $null = New-SslContext -Name $name -Store $store
        $sessions = New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 -Count 2500 -Timeout 600

        $passed = $sessions | Add-SslSession -Context $name -PassThru

        $passed.Count | Should -Be 2500
        ($passed.SessionId -join ',') | Should -BeExactly ($sessions.SessionId -join ',')
        Get-StoreRowCount -Path $file | Should -Be 2500
    }

    It 'Adds each batch to its own context when contexts come down the pipeline' {
        . (Join-Path $PSScriptRoot 'ServiceHelpers.ps1')
        $files = 'a', 'b' | ForEach-Object { Join-Path $TestDrive "batch-$_-$([guid]::NewGuid().ToString('N')).db" }
        $contexts = foreach ($f in $files) {
            $store = New-SslSessionStore -Path $f
            $stores.Add($store)
            $name = New-TestContextName
            $names.Add($name)
            New-SslContext -Name $name -Store $store
        }
        $sessions = New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 -Count 3 -Timeout 600

        $contexts | Add-SslSession -InputObject $sessions

        foreach ($name in $names) { (Get-SslSession -Context $name).Count | Should -Be 3 }
        foreach ($f in $files) { Get-StoreRowCount -Path $f | Should -Be 3 }
    }

    It 'Gives a new context on the same file the unexpired sessions of the old one' {
        $store = New-SslSessionStore -Path $file
        $stores.Add($store)
        $first = New-TestContextName
        $names.Add($first)
        $null = New-SslContext -Name $first -Store $store
        $kept = New-TestSession
        $kept, (New-ExpiredTestSession) | Add-SslSession -Context $first
        Remove-SslContext -Context $first -Confirm:$false

        $reopened = New-SslSessionStore -Path $file
        $stores.Add($reopened)
        $second = New-TestContextName
        $names.Add($second)
        $ctx = New-SslContext -Name $second -Store $reopened
        $ctx.Count | Should -Be 1
        (Get-SslSession -Context $second).SessionId | Should -Be $kept.SessionId
        (Resolve-SslSession -Context $second -SessionId $kept.SessionId).Outcome | Should -Be 'Hit'
    }

    It 'Creates no file with -WhatIf' {
        New-SslSessionStore -Path $file -WhatIf | Should -BeNullOrEmpty
        Test-Path -LiteralPath $file | Should -BeFalse
    }

    It 'Refuses a Redis address with a bad port (InvalidRedisAddress)' {
        { New-SslSessionStore -Redis 'localhost:notaport' } |
            Should -Throw -ErrorId 'InvalidRedisAddress,PSSslSession.Commands.NewSslSessionStoreCommand'
    }

    It 'Refuses an empty Redis address' {
        { New-SslSessionStore -Redis '' } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError*,PSSslSession.Commands.NewSslSessionStoreCommand'
    }

    It 'Connects to nothing with -WhatIf' {
        # A listener on loopback that would see the connection (the store pings when it is made without -WhatIf).
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            $port = $listener.LocalEndpoint.Port
            New-SslSessionStore -Redis "127.0.0.1:$port" -WhatIf | Should -BeNullOrEmpty
            Start-Sleep -Milliseconds 200
            $listener.Pending() | Should -BeFalse
            # The same call without -WhatIf does reach it: the check above can fail.
            $store = New-SslSessionStore -Redis "127.0.0.1:$port" -WarningAction SilentlyContinue -ConnectTimeout 0.5 -OperationTimeout 0.5
            $listener.Pending() | Should -BeTrue
        }
        finally {
            if ($store) { $store.Dispose() }
            $listener.Stop()
        }
    }
}
