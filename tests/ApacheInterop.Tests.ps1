# Apache httpd interop: a real Apache httpd 2.4 (mod_ssl + mod_socache_redis) and this module share one session cache
# in a real redis-server. Both servers run on 127.0.0.1 with their own config and temp folder, started here and stopped
# in AfterAll; the clients are `openssl s_client`. tests/run installs apache2-bin when it is missing.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'ServiceHelpers.ps1')
    $folder = Join-Path $TestDrive 'apache-interop'
    $null = New-Item -ItemType Directory -Path $folder
    $redisPort = Get-FreePort
    $redis = Start-RedisServer -Port $redisPort -Folder $folder
    $apachePort = Get-FreePort
    $apache = Start-ApacheHttpd -Port $apachePort -RedisPort $redisPort -Folder (Join-Path $folder 'httpd')

    function New-ApacheContext {
        # A context on Apache's Redis cache with the module's default layout; it loads what Apache stored so far.
        $name = New-TestContextName
        $script:contexts.Add($name)
        $null = New-SslContext -Name $name -Store (New-SslSessionStore -Redis "127.0.0.1:$redisPort")
        $name
    }

    function Connect-Apache {
        # A full handshake; the client's session is saved to a new file, imported and returned with that file.
        param([string] $Protocol)
        $file = Join-Path $folder "client-$([guid]::NewGuid().ToString('N')).pem"
        $result = Invoke-OpenSslClient -Port $apachePort -Protocol $Protocol -SessionOut $file
        $result.Reused | Should -BeFalse
        $session = Import-SslSession -Path $file
        # The id Apache caches under: the session id in TLS 1.2, the (stateful) ticket in TLS 1.3.
        $serverId = if ($Protocol -eq 'tls1_3') { $session.Ticket } else { $session.SessionId }
        [pscustomobject]@{ File = $file; Session = $session; ServerId = $serverId.ToLowerInvariant() }
    }

    function Get-RedisValue {
        # The raw value Apache wrote under a key, as bytes (redis-cli --raw adds one newline).
        param([string] $Key)
        $file = Join-Path $folder "value-$([guid]::NewGuid().ToString('N')).bin"
        & sh -c "redis-cli -p $redisPort --raw GET '$Key' > '$file'"
        $bytes = [IO.File]::ReadAllBytes($file)
        , $bytes[0..($bytes.Length - 2)]
    }
}

AfterAll {
    Stop-ApacheHttpd $apache
    Stop-RedisServer $redis
}

Describe 'Apache httpd and the module sharing a Redis session cache' -Tag 'CI' {
    BeforeEach {
        $script:contexts = [System.Collections.Generic.List[string]]::new()
        $null = & redis-cli -p $redisPort FLUSHALL
    }
    AfterEach {
        foreach ($name in $script:contexts) { Remove-TestContext $name }
    }

    It 'Stores each session under mod_ssl-sess: and the lowercase hex id, the layout the module uses by default' {
        $client = Connect-Apache -Protocol tls1_2

        & redis-cli -p $redisPort --raw KEYS '*' | Should -Be "mod_ssl-sess:$($client.ServerId)"
        [int] (& redis-cli -p $redisPort TTL "mod_ssl-sess:$($client.ServerId)") | Should -BeGreaterThan 290
    }

    It 'Lists the <Version> session Apache stored under the <Id> the client holds' -ForEach @(
        @{ Protocol = 'tls1_2'; Version = 'TLSv1.2'; Id = 'session id' },
        @{ Protocol = 'tls1_3'; Version = 'TLSv1.3'; Id = 'ticket (the server session id)' }
    ) {
        $client = Connect-Apache -Protocol $Protocol
        $context = New-ApacheContext

        $server = Get-SslSession -Context $context -SessionId $client.ServerId
        $server | Should -Not -BeNullOrEmpty
        $server.Protocol | Should -Be $Version
        $server.Cipher | Should -Be $client.Session.Cipher
        $server.TimeoutSeconds | Should -Be 300
    }

    It 'Prints a session Apache stored exactly as openssl sess_id -text prints its bytes' {
        $client = Connect-Apache -Protocol tls1_2
        $context = New-ApacheContext
        $der = Join-Path $folder 'apache-session.der'
        [IO.File]::WriteAllBytes($der, (Get-RedisValue "mod_ssl-sess:$($client.ServerId)"))

        $ours = Get-SslSession -Context $context -SessionId $client.ServerId | ConvertFrom-SslSession -Format Text -IncludeSecret
        $theirs = & openssl sess_id -inform DER -in $der -text -noout | Out-String

        $ours.TrimEnd() | Should -BeExactly $theirs.TrimEnd()
    }

    It "Reads Apache's session id context, 32 characters of text" {
        $client = Connect-Apache -Protocol tls1_2
        $context = New-ApacheContext

        $server = Get-SslSession -Context $context -SessionId $client.ServerId
        $server.SessionIdContext | Should -Match '^[0-9a-f]{32}$'
        $hex = -join ([Text.Encoding]::ASCII.GetBytes($server.SessionIdContext) | ForEach-Object { $_.ToString('X2') })
        $server | ConvertFrom-SslSession -Format Text | Should -Match "Session-ID-ctx: $hex"
    }

    It 'Makes Apache resume a <Protocol> session again once the module adds it back after FLUSHALL' -ForEach @(
        @{ Protocol = 'tls1_2' }, @{ Protocol = 'tls1_3' }
    ) {
        $client = Connect-Apache -Protocol $Protocol
        $saved = Join-Path $folder "server-session-$Protocol.pem"
        Get-SslSession -Context (New-ApacheContext) -SessionId $client.ServerId | Export-SslSession -Path $saved
        $null = & redis-cli -p $redisPort FLUSHALL
        (Invoke-OpenSslClient -Port $apachePort -Protocol $Protocol -SessionIn $client.File).Reused | Should -BeFalse

        Import-SslSession -Path $saved | Add-SslSession -Context (New-ApacheContext)

        (Invoke-OpenSslClient -Port $apachePort -Protocol $Protocol -SessionIn $client.File).Reused | Should -BeTrue
    }

    It 'Resumes a session offered again while it is cached (the check the tests below rely on)' {
        $client = Connect-Apache -Protocol tls1_2

        (Invoke-OpenSslClient -Port $apachePort -Protocol tls1_2 -SessionIn $client.File).Reused | Should -BeTrue
    }

    It 'Makes Apache miss a session that Remove-SslSession removed' {
        $client = Connect-Apache -Protocol tls1_2
        $context = New-ApacheContext

        Remove-SslSession -Context $context -SessionId $client.ServerId -Confirm:$false

        & redis-cli -p $redisPort EXISTS "mod_ssl-sess:$($client.ServerId)" | Should -Be 0
        (Invoke-OpenSslClient -Port $apachePort -Protocol tls1_2 -SessionIn $client.File).Reused | Should -BeFalse
    }

    It 'Makes Apache miss every session that Clear-SslSessionCache -All flushed' {
        $first = Connect-Apache -Protocol tls1_2
        $second = Connect-Apache -Protocol tls1_2
        $context = New-ApacheContext

        Clear-SslSessionCache -Context $context -All -Force -Confirm:$false

        & redis-cli -p $redisPort DBSIZE | Should -Be 0
        (Invoke-OpenSslClient -Port $apachePort -Protocol tls1_2 -SessionIn $first.File).Reused | Should -BeFalse
        (Invoke-OpenSslClient -Port $apachePort -Protocol tls1_2 -SessionIn $second.File).Reused | Should -BeFalse
    }
}

Describe 'Get-SslServerSession and Test-SslResumption against Apache httpd' -Tag 'CI' {
    BeforeAll { $script:contexts = [System.Collections.Generic.List[string]]::new() }
    AfterAll { foreach ($name in $script:contexts) { Remove-TestContext $name } }

    It 'Records the TLS 1.2 session Apache gives as openssl s_client -sess_out does: protocol, cipher, certificate, SNI' {
        $ours = Get-SslServerSession -ComputerName localhost -Port $apachePort -Protocol TLSv1.2 -SkipCertificateCheck
        $file = Join-Path $folder "client-$([guid]::NewGuid().ToString('N')).pem"
        $null = Invoke-OpenSslClient -Port $apachePort -Protocol tls1_2 -SessionOut $file -ServerName localhost
        $theirs = Import-SslSession -Path $file

        $ours.Protocol | Should -Be $theirs.Protocol
        $ours.Cipher | Should -Be $theirs.Cipher
        [Convert]::ToBase64String($ours.GetPeerCertificateBytes()) | Should -Be ([Convert]::ToBase64String($theirs.GetPeerCertificateBytes()))
        $ours.ServerName | Should -Be 'localhost'
        $ours.ServerName | Should -Be $theirs.ServerName
        $ours.HasTicket | Should -BeFalse
    }

    It 'Gets a session Apache caches in Redis under its id, and whose exported file openssl s_client -sess_in resumes' {
        $ours = Get-SslServerSession -ComputerName 127.0.0.1 -Port $apachePort -Protocol TLSv1.2 -SkipCertificateCheck
        $file = Join-Path $folder "ours-$([guid]::NewGuid().ToString('N')).pem"
        $ours | Export-SslSession -Path $file

        (Get-SslSession -Context (New-ApacheContext) -SessionId $ours.SessionId).MasterKey | Should -Be $ours.MasterKey
        (Invoke-OpenSslClient -Port $apachePort -Protocol tls1_2 -SessionIn $file).Reused | Should -BeTrue
    }

    It 'Gets a TLS 1.3 session (Apache''s stateful ticket and its PSK) whose exported file openssl s_client -sess_in resumes' {
        $file = Join-Path $folder "ours13-$([guid]::NewGuid().ToString('N')).pem"
        Get-SslServerSession -ComputerName 127.0.0.1 -Port $apachePort -Protocol TLSv1.3 -SkipCertificateCheck | Export-SslSession -Path $file
        (Invoke-OpenSslClient -Port $apachePort -Protocol tls1_3 -SessionIn $file).Reused | Should -BeTrue
    }

    It 'Records a TLS 1.3 session''s ticket lifetime (300 s here) apart from the client timeout, as openssl s_client does' {
        $ours = Get-SslServerSession -ComputerName 127.0.0.1 -Port $apachePort -Protocol TLSv1.3 -SkipCertificateCheck
        $file = Join-Path $folder "client-$([guid]::NewGuid().ToString('N')).pem"
        $null = Invoke-OpenSslClient -Port $apachePort -Protocol tls1_3 -SessionOut $file
        $theirs = Import-SslSession -Path $file

        $ours.TicketLifetimeHintSeconds | Should -Be 300
        $ours.TicketLifetimeHintSeconds | Should -Be $theirs.TicketLifetimeHintSeconds
        $ours.TimeoutSeconds | Should -Be $theirs.TimeoutSeconds
    }

    It 'Reports Apache resuming by session id and issuing no ticket, where openssl s_client -reconnect agrees' {
        $results = Test-SslResumption -ComputerName localhost -Port $apachePort -Protocol TLSv1.2 -SkipCertificateCheck

        ($results | Where-Object Method -EQ SessionId).Resumed | Should -BeTrue
        ($results | Where-Object Method -EQ Ticket).ServerSaid | Should -Be 'no ticket issued'
        Test-OpenSslReconnect -Port $apachePort -Protocol tls1_2 -NoTicket | Should -BeTrue
    }
}
