# Live servers: Get-SslServerSession and Test-SslResumption against real `openssl s_server` instances on 127.0.0.1
# (TLS 1.2 with and without tickets and session cache, TLS 1.3 with and without tickets), checked against what
# `openssl s_client` records and resumes. Every server and file lives in this file's TestDrive; AfterAll stops them.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'ServiceHelpers.ps1')
    $folder = Join-Path $TestDrive 'live'
    $null = New-Item -ItemType Directory -Path $folder

    # A CA and a leaf for "localhost" (what the trusted-chain tests trust through SSL_CERT_FILE), and a self-signed
    # certificate for "localhost" that no one trusts.
    $ca = Join-Path $folder 'ca.pem'; $caKey = Join-Path $folder 'ca.key'
    $leaf = Join-Path $folder 'leaf.pem'; $leafKey = Join-Path $folder 'leaf.key'
    $self = Join-Path $folder 'self.pem'; $selfKey = Join-Path $folder 'self.key'
    & openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj '/CN=PSSslSession test CA' -addext 'basicConstraints=critical,CA:TRUE' `
        -addext 'keyUsage=critical,keyCertSign,cRLSign' -keyout $caKey -out $ca 2>$null
    & openssl req -newkey rsa:2048 -nodes -subj '/CN=localhost' -keyout $leafKey -out (Join-Path $folder 'leaf.csr') 2>$null
    Set-Content -LiteralPath (Join-Path $folder 'leaf.ext') -Value "subjectAltName=DNS:localhost,IP:127.0.0.1`nextendedKeyUsage=serverAuth"
    & openssl x509 -req -in (Join-Path $folder 'leaf.csr') -CA $ca -CAkey $caKey -CAcreateserial -days 2 `
        -extfile (Join-Path $folder 'leaf.ext') -out $leaf 2>$null
    & openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj '/CN=localhost' -addext 'subjectAltName=DNS:localhost' -keyout $selfKey -out $self 2>$null
    if (-not ((Test-Path $leaf) -and (Test-Path $self))) { throw 'openssl could not make the test certificates' }

    $servers = @{}
    $processes = [System.Collections.Generic.List[object]]::new()
    function Start-TestServer([string] $Name, [string[]] $Arguments, [string] $Certificate = $self, [string] $Key = $selfKey) {
        $port = Get-FreePort
        $processes.Add((Start-OpenSslServer -Port $port -Folder $folder -Certificate $Certificate -Key $Key -Arguments $Arguments))
        $servers[$Name] = $port
    }
    # SNI is acknowledged only where s_server has a name to match (-servername, which needs -cert2; the second
    # certificate's context has no ALPN, so ALPN is tested on other servers).
    Start-TestServer Tls12 @('-tls1_2', '-servername', 'localhost', '-cert2', $self, '-key2', $selfKey)
    Start-TestServer Tls12NoTicket @('-tls1_2', '-no_ticket', '-alpn', 'http/1.1')
    Start-TestServer Tls12NoCache @('-tls1_2', '-no_cache')
    Start-TestServer Tls12NoCacheNoTicket @('-tls1_2', '-no_cache', '-no_ticket')
    Start-TestServer Tls13 @('-tls1_3', '-servername', 'localhost', '-cert2', $self, '-key2', $selfKey)
    Start-TestServer Tls13NoTickets @('-tls1_3', '-num_tickets', '0', '-alpn', 'h2')
    Start-TestServer Trusted @('-tls1_2') -Certificate $leaf -Key $leafKey

    function Get-ClientSession([int] $Port, [string] $Protocol, [string] $Alpn, [switch] $NoTicket) {
        # The session `openssl s_client -sess_out` records for the same server, imported.
        $file = Join-Path $folder "s_client-$([guid]::NewGuid().ToString('N')).pem"
        $null = Invoke-OpenSslClient -Port $Port -Protocol $Protocol -SessionOut $file -ServerName localhost -Alpn $Alpn -NoTicket:$NoTicket
        Import-SslSession -Path $file
    }

    function Get-Bytes($Session) { [Convert]::ToBase64String($Session.GetPeerCertificateBytes()) }

    function Start-FakeServer([string] $OnClient) {
        # A loopback listener whose runspace runs $OnClient (with $c, the accepted TcpClient) for every connection, until
        # Stop-FakeServer. It speaks whatever $OnClient writes, not TLS.
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $runspace = [PowerShell]::Create().AddScript("param(`$l) while (`$true) { `$c = `$l.AcceptTcpClient(); $OnClient }").AddArgument($listener)
        [pscustomobject]@{ Listener = $listener; Runspace = $runspace; Running = $runspace.BeginInvoke(); Port = $listener.LocalEndpoint.Port }
    }

    function Stop-FakeServer($Server) {
        $Server.Listener.Stop()
        $null = $Server.Running.AsyncWaitHandle.WaitOne(5000)
        $Server.Runspace.Dispose()
    }
}

AfterAll {
    foreach ($process in $processes) { Stop-OpenSslServer $process }
}

Describe 'Get-SslServerSession' -Tag 'CI' {
    It 'Records the <Version> session''s protocol, cipher and peer certificate as openssl s_client -sess_out does' -ForEach @(
        @{ Version = 'TLSv1.2'; Server = 'Tls12'; Client = 'tls1_2' }
        @{ Version = 'TLSv1.3'; Server = 'Tls13'; Client = 'tls1_3' }
    ) {
        $ours = Get-SslServerSession -ComputerName localhost -Port $servers[$Server] -SkipCertificateCheck -WarningAction SilentlyContinue
        $theirs = Get-ClientSession -Port $servers[$Server] -Protocol $Client

        $ours.Protocol | Should -Be $Version
        $ours.Protocol | Should -Be $theirs.Protocol
        $ours.Cipher | Should -Be $theirs.Cipher
        Get-Bytes $ours | Should -Be (Get-Bytes $theirs)
        $ours.KeyExchangeGroupId | Should -Be $theirs.KeyExchangeGroupId
        $ours.MaxFragmentLength | Should -Be $theirs.MaxFragmentLength
    }

    It 'Records the <Version> server name the server acknowledged, as openssl s_client does' -ForEach @(
        @{ Version = 'TLSv1.2'; Server = 'Tls12'; Client = 'tls1_2' }
        @{ Version = 'TLSv1.3'; Server = 'Tls13'; Client = 'tls1_3' }
    ) {
        $ours = Get-SslServerSession -ComputerName localhost -Port $servers[$Server] -SkipCertificateCheck -WarningAction SilentlyContinue
        $theirs = Get-ClientSession -Port $servers[$Server] -Protocol $Client
        $ours.ServerName | Should -Be 'localhost'
        $theirs.ServerName | Should -Be 'localhost'
    }

    It 'Records the <Version> ALPN protocol the server selected, as openssl s_client does' -ForEach @(
        @{ Version = 'TLSv1.2'; Server = 'Tls12NoTicket'; Client = 'tls1_2'; Alpn = 'http/1.1' }
        @{ Version = 'TLSv1.3'; Server = 'Tls13NoTickets'; Client = 'tls1_3'; Alpn = 'h2' }
    ) {
        $ours = Get-SslServerSession -ComputerName localhost -Port $servers[$Server] -Alpn 'h2', 'http/1.1' -SkipCertificateCheck -WarningAction SilentlyContinue
        $ours.Alpn | Should -Be $Alpn
        if ($Version -eq 'TLSv1.2') {
            # A TLS 1.3 server without tickets gives s_client no session to save.
            (Get-ClientSession -Port $servers[$Server] -Protocol $Client -Alpn 'h2,http/1.1').Alpn | Should -Be $Alpn
        }
    }

    It 'Records the ticket, its lifetime hint, extended master secret, timeout and verify result as openssl s_client does' {
        $ours = Get-SslServerSession -ComputerName localhost -Port $servers.Tls12 -Protocol TLSv1.2 -SkipCertificateCheck
        $theirs = Get-ClientSession -Port $servers.Tls12 -Protocol tls1_2

        $ours.HasTicket | Should -BeTrue
        $ours.TicketLifetimeHintSeconds | Should -Be $theirs.TicketLifetimeHintSeconds
        $ours.ExtendedMasterSecret | Should -Be $theirs.ExtendedMasterSecret
        $ours.TimeoutSeconds | Should -Be $theirs.TimeoutSeconds
        $ours.VerifyResult | Should -Be $theirs.VerifyResult
        $ours.MasterKey.Length | Should -Be 48
    }

    It 'Names a ticket session by the SHA-256 of its ticket, as OpenSSL''s client does' {
        $ours = Get-SslServerSession -ComputerName localhost -Port $servers.Tls12 -Protocol TLSv1.2 -SkipCertificateCheck
        $hash = [System.Security.Cryptography.SHA256]::HashData($ours.GetTicket())
        $ours.SessionId | Should -Be ([Convert]::ToHexString($hash))
    }

    It 'Leaves the server name out when the server does not acknowledge SNI, as openssl s_client does' {
        $ours = Get-SslServerSession -ComputerName localhost -Port $servers.Tls12NoTicket -SkipCertificateCheck
        $theirs = Get-ClientSession -Port $servers.Tls12NoTicket -Protocol tls1_2
        $ours.ServerName | Should -BeNullOrEmpty
        $theirs.ServerName | Should -BeNullOrEmpty
    }

    It 'Adds ComputerName and Port to the session it outputs' {
        $ours = Get-SslServerSession -ComputerName localhost -Port $servers.Tls12NoTicket -SkipCertificateCheck
        $ours.ComputerName | Should -Be 'localhost'
        $ours.Port | Should -Be $servers.Tls12NoTicket
    }

    It 'Exports a <Kind> session that openssl s_client -sess_in resumes' -ForEach @(
        @{ Kind = 'session id'; Server = 'Tls12NoTicket'; NoTicket = $true }
        @{ Kind = 'ticket'; Server = 'Tls12NoCache'; NoTicket = $false }
    ) {
        $file = Join-Path $folder "ours-$([guid]::NewGuid().ToString('N')).pem"
        Get-SslServerSession -ComputerName 127.0.0.1 -Port $servers[$Server] -NoTicket:$NoTicket -SkipCertificateCheck | Export-SslSession -Path $file
        (Invoke-OpenSslClient -Port $servers[$Server] -Protocol tls1_2 -SessionIn $file).Reused | Should -BeTrue
    }

    It 'With -NoTicket asks for no ticket, so the session holds the server''s session id' {
        $ours = Get-SslServerSession -ComputerName localhost -Port $servers.Tls12 -NoTicket -SkipCertificateCheck
        $ours.HasTicket | Should -BeFalse
        $ours.SessionId | Should -Not -BeNullOrEmpty
    }

    It 'Records a TLS 1.3 session without the extended master secret flag, as openssl s_client does' {
        $ours = Get-SslServerSession -ComputerName localhost -Port $servers.Tls13 -SkipCertificateCheck -WarningAction SilentlyContinue
        $theirs = Get-ClientSession -Port $servers.Tls13 -Protocol tls1_3
        $ours.ExtendedMasterSecret | Should -BeFalse
        $theirs.ExtendedMasterSecret | Should -BeFalse
    }

    It 'Exports a TLS 1.3 session (the first ticket and its resumption PSK) that openssl s_client -sess_in resumes' {
        $file = Join-Path $folder "ours13-$([guid]::NewGuid().ToString('N')).pem"
        Get-SslServerSession -ComputerName 127.0.0.1 -Port $servers.Tls13 -SkipCertificateCheck | Export-SslSession -Path $file
        (Invoke-OpenSslClient -Port $servers.Tls13 -Protocol tls1_3 -SessionIn $file).Reused | Should -BeTrue
    }

    It 'Records a TLS 1.3 session''s ticket lifetime, timeout and PSK length as openssl s_client does' {
        $ours = Get-SslServerSession -ComputerName localhost -Port $servers.Tls13 -SkipCertificateCheck
        $theirs = Get-ClientSession -Port $servers.Tls13 -Protocol tls1_3

        $ours.HasTicket | Should -BeTrue
        $ours.TicketLifetimeHintSeconds | Should -Be $theirs.TicketLifetimeHintSeconds
        $ours.TimeoutSeconds | Should -Be $theirs.TimeoutSeconds
        $ours.MasterKey.Length | Should -Be $theirs.MasterKey.Length
        $ours.SessionId | Should -Be ([Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData($ours.GetTicket())))
    }

    It 'Warns that a TLS 1.3 server that issues no ticket gives a session that cannot be resumed' {
        $ours = Get-SslServerSession -ComputerName localhost -Port $servers.Tls13NoTickets -SkipCertificateCheck -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings | Should -HaveCount 1
        "$($warnings[0])" | Should -BeLike '*issued no TLS 1.3 ticket*'
        $ours.IsResumable | Should -BeFalse
    }

    It 'Offers only TLS 1.2 with -Protocol TLSv1.2 against a server that prefers TLS 1.3' {
        (Get-SslServerSession -ComputerName localhost -Port $servers.Tls12 -Protocol TLSv1.2 -SkipCertificateCheck).Protocol | Should -Be 'TLSv1.2'
    }

    It 'Reports a server that does not speak the protocol as HandshakeFailed with the alert it sent' {
        $result = Get-SslServerSession -ComputerName localhost -Port $servers.Tls12NoTicket -Protocol TLSv1.3 -SkipCertificateCheck -ErrorVariable failures -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'HandshakeFailed,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ProtocolError'
        "$($failures[0])" | Should -BeLike '*protocol_version*'
    }

    It 'Rejects a self-signed certificate as CertificateRejected (SecurityError) without -SkipCertificateCheck' {
        $result = Get-SslServerSession -ComputerName localhost -Port $servers.Tls12NoTicket -ErrorVariable failures -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'CertificateRejected,*'
        $failures[0].CategoryInfo.Category | Should -Be 'SecurityError'
        "$($failures[0])" | Should -BeLike '*self-signed*'
        $failures[0].TargetObject | Should -Be "localhost:$($servers.Tls12NoTicket)"
    }

    It 'Records the verify result of a certificate it accepted with -SkipCertificateCheck (18, self-signed)' {
        (Get-SslServerSession -ComputerName localhost -Port $servers.Tls12NoTicket -SkipCertificateCheck).VerifyResult | Should -Be 18
    }

    It 'Accepts a chain to a trusted root that names the host, with verify result 0, and rejects it for another name' {
        # The CA is trusted only inside a fresh pwsh, through OpenSSL's SSL_CERT_FILE (which .NET on Linux reads).
        $script = Join-Path $folder 'trusted.ps1'
        Set-Content -LiteralPath $script -Value @'
param($ModulePath, $Port)
Import-Module $ModulePath
$good = Get-SslServerSession -ComputerName localhost -Port $Port
$address = Get-SslServerSession -ComputerName 127.0.0.1 -Port $Port
$null = Get-SslServerSession -ComputerName localhost -Port $Port -ServerName other.example -ErrorVariable wrong -ErrorAction SilentlyContinue
[pscustomobject]@{ Verify = $good.VerifyResult; AddressVerify = $address.VerifyResult; WrongId = $wrong[0].FullyQualifiedErrorId; Wrong = "$($wrong[0])" } | ConvertTo-Json -Compress
'@
        $env:SSL_CERT_FILE = $ca
        try { $out = Invoke-FreshPwsh -NoProfile -NonInteractive -File $script -ModulePath (Resolve-Path $ModuleManifest).Path -Port $servers.Trusted 2>&1 }
        finally { Remove-Item Env:SSL_CERT_FILE }
        $result = ($out | Select-Object -Last 1) | ConvertFrom-Json
        $result.Verify | Should -Be 0
        $result.AddressVerify | Should -Be 0
        $result.WrongId | Should -BeLike 'CertificateRejected,*'
        $result.Wrong | Should -BeLike "*not 'other.example'*"
    }

    It 'Reports a closed port as HostUnreachable (ConnectionError) and goes on with the next host' {
        $closed = Get-FreePort
        $results = "localhost:$closed", "localhost:$($servers.Tls12NoTicket)" | Get-SslServerSession -SkipCertificateCheck -ErrorVariable failures -ErrorAction SilentlyContinue
        @($results).Count | Should -Be 1
        $results.Port | Should -Be $servers.Tls12NoTicket
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'HostUnreachable,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        "$($failures[0])" | Should -BeLike '*ConnectionRefused*'
    }

    It 'Gives up on a server that never answers after -TimeoutSec, as HandshakeFailed (OperationTimeout)' {
        # A listener that is never accepted from: the kernel completes the connection, nobody speaks TLS.
        $silent = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $silent.Start()
        try {
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $null = Get-SslServerSession -ComputerName 127.0.0.1 -Port $silent.LocalEndpoint.Port -TimeoutSec 1 -ErrorVariable failures -ErrorAction SilentlyContinue
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
        }
        finally { $silent.Stop() }
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'HandshakeFailed,*'
        $failures[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        "$($failures[0])" | Should -BeLike '*within 1 second*'
    }

    It 'Stops a connection in progress when the pipeline is stopped (Ctrl+C), well before -TimeoutSec' {
        $silent = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $silent.Start()
        $ps = [PowerShell]::Create()
        try {
            $null = $ps.AddScript('param($Module, $Port) Import-Module $Module; Get-SslServerSession -ComputerName 127.0.0.1 -Port $Port -TimeoutSec 60').
                AddParameter('Module', (Resolve-Path $ModuleManifest).Path).AddParameter('Port', $silent.LocalEndpoint.Port)
            $running = $ps.BeginInvoke()
            $deadline = (Get-Date).AddSeconds(20)
            while ($silent.Pending() -eq $false -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
            $running.IsCompleted | Should -BeTrue
        }
        finally { $ps.Dispose(); $silent.Stop() }
    }

    It 'Takes hosts from the pipeline by property name (ComputerName, Port)' {
        $hosts = [pscustomobject]@{ ComputerName = 'localhost'; Port = $servers.Tls12NoTicket },
            [pscustomobject]@{ ComputerName = '127.0.0.1'; Port = $servers.Tls12NoCache }
        $results = $hosts | Get-SslServerSession -SkipCertificateCheck
        $results.Port | Should -Be @($servers.Tls12NoTicket, $servers.Tls12NoCache)
        $results.ComputerName | Should -Be @('localhost', '127.0.0.1')
    }

    It 'Takes the host from a piped object''s <Property> property, a name the parameter answers to' -ForEach @(
        @{ Property = 'HostName' }, @{ Property = 'Host' }, @{ Property = 'DnsName' }, @{ Property = 'Server' }
    ) {
        $item = [pscustomobject]@{ $Property = 'localhost'; Port = $servers.Tls12NoTicket }
        ($item | Get-SslServerSession -SkipCertificateCheck).Port | Should -Be $servers.Tls12NoTicket
    }

    It 'Takes an empty Port property (an empty CSV cell) as the default port 443' {
        $null = [pscustomobject]@{ ComputerName = '127.0.0.1'; Port = '' } | Get-SslServerSession -TimeoutSec 2 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].TargetObject | Should -Be '127.0.0.1:443'
    }

    It 'Offers ALPN names given in openssl''s comma form' {
        (Get-SslServerSession -ComputerName localhost -Port $servers.Tls12NoTicket -Alpn 'h2,http/1.1' -SkipCertificateCheck).Alpn | Should -Be 'http/1.1'
    }

    It 'Refuses an ALPN name longer than 255 bytes at binding' {
        { Get-SslServerSession -ComputerName localhost -Alpn ('x' * 256) } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,*' -ExpectedMessage '*1 to 255 bytes*'
    }

    It 'Shows its sessions in a table that starts with the host they came from' {
        $session = Get-SslServerSession -ComputerName localhost -Port $servers.Tls12NoTicket -SkipCertificateCheck
        $session.PSObject.TypeNames[0] | Should -Be 'PSSslSession.ServerSession'
        ($session | Format-Table | Out-String -Width 120) | Should -Match "(?m)^ComputerName\s+Port\s+Protocol\s+Cipher\s+Resume\s+SessionId"
    }

    It 'Reports a server that does not answer with TLS as HandshakeFailed saying so' {
        $http = Start-FakeServer '$b = [Text.Encoding]::ASCII.GetBytes("HTTP/1.1 400 Bad Request`r`n`r`n"); $c.GetStream().Write($b, 0, $b.Length); Start-Sleep -Milliseconds 200; $c.Close()'
        try { $null = Get-SslServerSession -ComputerName 127.0.0.1 -Port $http.Port -ErrorVariable failures -ErrorAction SilentlyContinue }
        finally { Stop-FakeServer $http }
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'HandshakeFailed,*'
        "$($failures[0])" | Should -BeLike '*did not answer with TLS*'
    }

    It 'Takes host:port text, and [address]:port for IPv6' {
        (Get-SslServerSession "127.0.0.1:$($servers.Tls12NoTicket)" -SkipCertificateCheck).Port | Should -Be $servers.Tls12NoTicket
        $v6 = Get-SslServerSession "[::1]:$(Get-FreePort)" -TimeoutSec 2 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].TargetObject | Should -BeLike '`[::1`]:*'
    }

    It 'Refuses -Protocol TLSv1.1 at binding: only TLSv1.2 and TLSv1.3 are offered' {
        { Get-SslServerSession -ComputerName localhost -Protocol TLSv1.1 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -ExpectedMessage '*use TLSv1.2 or TLSv1.3*'
    }

    It 'Refuses a session piped without -ComputerName instead of resolving its text as a host name' {
        $session = New-SslSession -Protocol TLSv1.2 -Cipher ECDHE-RSA-AES128-GCM-SHA256 -MasterKey ('5A' * 48)
        $null = $session | Get-SslServerSession -ErrorVariable failures -ErrorAction SilentlyContinue
        "$($failures[0])" | Should -BeLike '*SslSession is not a computer name*'
    }

    It 'Refuses a port out of range in host:port text as InvalidComputerName' {
        $null = Get-SslServerSession 'localhost:70000' -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidComputerName,*'
    }

    It 'Shows progress over the hosts it visits, and completes it' {
        $ps = [PowerShell]::Create()
        try {
            $null = $ps.AddScript('param($Module, $Ports) Import-Module $Module; $Ports | ForEach-Object { "localhost:$_" } | Get-SslServerSession -SkipCertificateCheck').
                AddParameter('Module', (Resolve-Path $ModuleManifest).Path).AddParameter('Ports', @($servers.Tls12NoTicket, $servers.Tls12NoCache))
            $out = $ps.Invoke()
            $out | Should -HaveCount 2
            $records = @($ps.Streams.Progress | Where-Object Activity -EQ 'Get-SslServerSession')
            $records.StatusDescription | Should -Contain "localhost:$($servers.Tls12NoCache) (2 of 2)"
            $records[-1].RecordType | Should -Be 'Completed'
        }
        finally { $ps.Dispose() }
    }
}

Describe 'Test-SslResumption' -Tag 'CI' {
    It 'Reports SessionId <SessionId> and Ticket <Ticket> on a TLS 1.2 server <Flags>, where openssl s_client -reconnect agrees' -ForEach @(
        @{ Server = 'Tls12'; Flags = 'with cache and tickets'; SessionId = $true; Ticket = $true }
        @{ Server = 'Tls12NoTicket'; Flags = '-no_ticket'; SessionId = $true; Ticket = $false }
        @{ Server = 'Tls12NoCache'; Flags = '-no_cache'; SessionId = $false; Ticket = $true }
        @{ Server = 'Tls12NoCacheNoTicket'; Flags = '-no_cache -no_ticket'; SessionId = $false; Ticket = $false }
    ) {
        $results = Test-SslResumption -ComputerName localhost -Port $servers[$Server] -Protocol TLSv1.2 -SkipCertificateCheck
        $byId = $results | Where-Object Method -EQ SessionId
        $byTicket = $results | Where-Object Method -EQ Ticket

        $byId.Resumed | Should -Be $SessionId
        $byTicket.Resumed | Should -Be $Ticket
        Test-OpenSslReconnect -Port $servers[$Server] -Protocol tls1_2 -NoTicket | Should -Be $SessionId
        Test-OpenSslReconnect -Port $servers[$Server] -Protocol tls1_2 | Should -Be ($SessionId -or $Ticket)
    }

    It 'Says what the server did: "<Said>" for <Method> on <Server>' -ForEach @(
        @{ Server = 'Tls12NoTicket'; Method = 'Ticket'; Said = 'no ticket issued' }
        @{ Server = 'Tls12NoCache'; Method = 'SessionId'; Said = 'no session id issued*' }
        @{ Server = 'Tls12NoTicket'; Method = 'SessionId'; Said = 'resumed the session id' }
        @{ Server = 'Tls12NoCache'; Method = 'Ticket'; Said = 'resumed the ticket*' }
    ) {
        $result = Test-SslResumption -ComputerName localhost -Port $servers[$Server] -Protocol TLSv1.2 -SkipCertificateCheck | Where-Object Method -EQ $Method
        $result.ServerSaid | Should -BeLike $Said
    }

    It 'Reports a TLS 1.3 server that issues tickets as not tried (Supported false), naming the tickets it issued' {
        $result = Test-SslResumption -ComputerName localhost -Port $servers.Tls13 -Protocol TLSv1.3 -SkipCertificateCheck
        $result.Method | Should -Be 'Tls13Ticket'
        $result.Resumed | Should -BeNullOrEmpty
        $result.Supported | Should -BeFalse
        $result.ServerSaid | Should -BeLike '2 TLS 1.3 ticket(s) issued*not tried*BouncyCastle*'
    }

    It 'Reports a TLS 1.3 server that issues no ticket as not resumed, where openssl s_client gets no session to offer' {
        $result = Test-SslResumption -ComputerName localhost -Port $servers.Tls13NoTickets -Protocol TLSv1.3 -SkipCertificateCheck
        $result.Resumed | Should -BeFalse
        $result.ServerSaid | Should -Be 'no TLS 1.3 ticket issued'
        # s_client -reconnect never resumes TLS 1.3 in OpenSSL 3.0 (it keeps the session from before the tickets came); a
        # TLS 1.3 client session exists only from a ticket, so -sess_out writes nothing here.
        $file = Join-Path $folder "s13-$([guid]::NewGuid().ToString('N')).pem"
        $null = Invoke-OpenSslClient -Port $servers.Tls13NoTickets -Protocol tls1_3 -SessionOut $file
        Test-Path -LiteralPath $file | Should -BeFalse
    }

    It 'Reports a handshake failure per method, so one method''s failure does not hide the others' {
        # A server that accepts and hangs up at once: every method's handshake fails on its own.
        $hangUp = Start-FakeServer '$c.Close()'
        try {
            $results = Test-SslResumption -ComputerName 127.0.0.1 -Port $hangUp.Port -SkipCertificateCheck -ErrorVariable failures -ErrorAction SilentlyContinue
        }
        finally { Stop-FakeServer $hangUp }
        $results | Should -BeNullOrEmpty
        $failures | ForEach-Object { $_.FullyQualifiedErrorId } | Should -BeLike 'HandshakeFailed,*'
        $failures | ForEach-Object { $_.ErrorDetails.Message.Split(':')[0] } | Should -Be @('SessionId', 'Ticket', 'Tls13Ticket')
    }

    It 'Reports every method of a server that speaks only TLS 1.2 without -Protocol, TLS 1.3 as not spoken' {
        $results = Test-SslResumption -ComputerName localhost -Port $servers.Tls12NoTicket -SkipCertificateCheck
        $results.Method | Should -Be @('SessionId', 'Ticket', 'Tls13Ticket')
        ($results | Where-Object Method -EQ Tls13Ticket).ServerSaid | Should -Be 'the server does not speak TLS 1.3'
        ($results | Where-Object Method -EQ Tls13Ticket).Resumed | Should -BeFalse
    }

    It 'With -Session offers a session openssl s_client saved, by its <Kind>, and reports it resumed' -ForEach @(
        @{ Kind = 'id'; Server = 'Tls12NoTicket'; Method = 'SessionId' }
        @{ Kind = 'ticket'; Server = 'Tls12NoCache'; Method = 'Ticket' }
    ) {
        $saved = Get-ClientSession -Port $servers[$Server] -Protocol tls1_2
        $result = Test-SslResumption -ComputerName 127.0.0.1 -Port $servers[$Server] -Session $saved -SkipCertificateCheck
        $result.Method | Should -Be $Method
        $result.Resumed | Should -BeTrue
        $result.OfferedSessionId | Should -Be $saved.SessionId
    }

    It 'With -Session does not offer a session whose server certificate is not trusted, without -SkipCertificateCheck' {
        $saved = Get-ClientSession -Port $servers.Tls12NoTicket -Protocol tls1_2 -NoTicket
        $result = Test-SslResumption -ComputerName localhost -Port $servers.Tls12NoTicket -Session $saved -ErrorVariable failures -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'CertificateRejected,*'
        "$($failures[0])" | Should -BeLike '*resumed handshake sends no certificate*'
    }

    It 'With -Session warns that an expired session is offered anyway' {
        $saved = Get-ClientSession -Port $servers.Tls12NoTicket -Protocol tls1_2 -NoTicket |
            Set-SslSession -StartTime (Get-Date).AddHours(-3) -Timeout 60 -PassThru
        $result = Test-SslResumption -ComputerName 127.0.0.1 -Port $servers.Tls12NoTicket -Session $saved -SkipCertificateCheck -WarningVariable warnings -WarningAction SilentlyContinue
        "$($warnings[0])" | Should -BeLike "*session $($saved.SessionId)*expired at*offered anyway*"
        $result.OfferedSessionId | Should -Be $saved.SessionId
    }

    It 'With -Session offers each of several sessions once' {
        $first = Get-ClientSession -Port $servers.Tls12NoTicket -Protocol tls1_2 -NoTicket
        $second = Get-ClientSession -Port $servers.Tls12NoTicket -Protocol tls1_2 -NoTicket
        $results = Test-SslResumption -ComputerName 127.0.0.1 -Port $servers.Tls12NoTicket -Session $first, $second -SkipCertificateCheck
        $results.OfferedSessionId | Should -Be @($first.SessionId, $second.SessionId)
        $results.Resumed | Should -Be @($true, $true)
    }

    It 'With -Session reports a session the server does not hold as a full handshake' {
        $saved = Get-ClientSession -Port $servers.Tls12NoTicket -Protocol tls1_2 -NoTicket
        $result = Test-SslResumption -ComputerName 127.0.0.1 -Port $servers.Tls12NoCacheNoTicket -Session $saved -SkipCertificateCheck
        $result.Resumed | Should -BeFalse
        $result.ServerSaid | Should -BeLike 'full handshake*'
    }

    It 'Offers each piped Get-SslServerSession result to the host it came from' {
        $results = Get-SslServerSession -ComputerName "localhost:$($servers.Tls12NoTicket)", "localhost:$($servers.Tls12NoCache)" -SkipCertificateCheck -ErrorAction Stop |
            Test-SslResumption -SkipCertificateCheck
        $results.Port | Should -Be @($servers.Tls12NoTicket, $servers.Tls12NoCache)
        $results.Resumed | Should -Be @($true, $true)
    }

    It 'Refuses a session without a master key as InvalidArgument' {
        $empty = New-SslSession -Protocol TLSv1.2 -Cipher ECDHE-RSA-AES128-GCM-SHA256
        $null = Test-SslResumption -ComputerName localhost -Port $servers.Tls12NoTicket -Session $empty -SkipCertificateCheck -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidArgument,*'
        "$($failures[0])" | Should -BeLike '*no master key*'
    }
}
