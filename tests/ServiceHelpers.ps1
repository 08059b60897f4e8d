# Real services for the Pester suite and the fault probe (tests/probe): a throwaway redis-server on 127.0.0.1 and a
# read of what a SQLite store holds. Dot-source it; it imports nothing (Get-StoreRowCount needs the module loaded).

function Get-FreePort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start(); $free = $listener.LocalEndpoint.Port; $listener.Stop()
    $free
}

function Start-RedisServer {
    # A redis-server on 127.0.0.1 that saves nothing, once it answers PING. Both outputs go to files in $Folder, so
    # that no pipe of the caller is held open by the server.
    param([int] $Port, [string] $Folder)
    $tag = [guid]::NewGuid().ToString('N').Substring(0, 6)
    $process = Start-Process redis-server -PassThru `
        -ArgumentList '--port', $Port, '--bind', '127.0.0.1', '--save', '""', '--appendonly', 'no', '--dir', $Folder `
        -RedirectStandardOutput (Join-Path $Folder "redis-$Port-$tag.out") -RedirectStandardError (Join-Path $Folder "redis-$Port-$tag.err")
    $deadline = (Get-Date).AddSeconds(10)
    while ((& redis-cli -p $Port ping 2>$null) -ne 'PONG') {
        if ((Get-Date) -gt $deadline) { throw "redis-server did not start on port $Port" }
        Start-Sleep -Milliseconds 20
    }
    $process
}

function Stop-RedisServer { param($Process) if ($Process -and -not $Process.HasExited) { $Process.Kill(); $Process.WaitForExit() } }

function Get-StoreRowCount {
    # How many sessions a SQLite store file holds, read-only.
    param([string] $Path)
    $connection = [Microsoft.Data.Sqlite.SqliteConnection]::new("Data Source=$Path;Mode=ReadOnly;Pooling=False")
    $connection.Open()
    try {
        $query = $connection.CreateCommand()
        $query.CommandText = 'SELECT count(*) FROM sessions;'
        [long] $query.ExecuteScalar()
    }
    finally { $connection.Dispose() }
}

function Wait-StoreDrained {
    # Waits until no write of the context waits for its store, or $Seconds have passed; outputs how many still wait.
    param([string] $Context, [double] $Seconds)
    $deadline = (Get-Date).AddSeconds($Seconds)
    while (($pending = (Get-SslSessionStats -Context $Context).StorePending) -gt 0 -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 20 }
    $pending
}

function Get-ApacheHttpd {
    # The Apache httpd binary and its module folder (Debian's apache2-bin), or $null when it is not installed.
    foreach ($candidate in @(
            @{ Binary = '/usr/sbin/apache2'; Modules = '/usr/lib/apache2/modules' },
            @{ Binary = '/usr/sbin/httpd'; Modules = '/usr/lib64/httpd/modules' })) {
        if ((Test-Path -LiteralPath $candidate.Binary) -and (Test-Path -LiteralPath (Join-Path $candidate.Modules 'mod_socache_redis.so'))) {
            return [pscustomobject]$candidate
        }
    }
}

function Start-ApacheHttpd {
    # Apache httpd with mod_ssl on 127.0.0.1:$Port, its session cache in the redis-server on $RedisPort
    # (SSLSessionCache redis:…, SSLSessionTickets off, SSLSessionCacheTimeout $CacheTimeout). Config, key, logs and
    # pid file live in $Folder. Returns what Stop-ApacheHttpd needs, once the port answers.
    param([int] $Port, [int] $RedisPort, [string] $Folder, [int] $CacheTimeout = 300)
    $apache = Get-ApacheHttpd
    if (-not $apache) { throw 'Apache httpd with mod_ssl and mod_socache_redis is not installed (Debian: apt-get install apache2-bin).' }
    $null = New-Item -ItemType Directory -Force -Path $Folder
    & openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj '/CN=localhost' `
        -keyout (Join-Path $Folder 'key.pem') -out (Join-Path $Folder 'cert.pem') 2>$null
    if ($LASTEXITCODE -ne 0) { throw 'openssl req could not make the test certificate' }
    $modules = $apache.Modules
    $config = Join-Path $Folder 'httpd.conf'
    @"
ServerRoot "$Folder"
PidFile "$Folder/httpd.pid"
ErrorLog "$Folder/error.log"
LogLevel info ssl:debug socache_redis:debug
DefaultRuntimeDir "$Folder"
Mutex file:$Folder default
LoadModule mpm_event_module $modules/mod_mpm_event.so
LoadModule authz_core_module $modules/mod_authz_core.so
LoadModule socache_redis_module $modules/mod_socache_redis.so
LoadModule ssl_module $modules/mod_ssl.so
ServerName localhost
Listen 127.0.0.1:$Port
SSLSessionCache redis:127.0.0.1:$RedisPort
SSLSessionCacheTimeout $CacheTimeout
<VirtualHost 127.0.0.1:$Port>
    SSLEngine on
    SSLCertificateFile "$Folder/cert.pem"
    SSLCertificateKeyFile "$Folder/key.pem"
    SSLSessionTickets off
    DocumentRoot "$Folder"
</VirtualHost>
"@ | Set-Content -LiteralPath $config
    & $apache.Binary -f $config -k start 2>&1 | Out-File (Join-Path $Folder 'start.log')
    $deadline = (Get-Date).AddSeconds(15)
    while ($true) {
        $client = [System.Net.Sockets.TcpClient]::new()
        try { $client.Connect([System.Net.IPAddress]::Loopback, $Port); break } catch { } finally { $client.Dispose() }
        if ((Get-Date) -gt $deadline) {
            throw "Apache httpd did not start on port ${Port}: $(Get-Content -Raw (Join-Path $Folder 'start.log')) $(Get-Content -Raw -ErrorAction SilentlyContinue (Join-Path $Folder 'error.log'))"
        }
        Start-Sleep -Milliseconds 50
    }
    [pscustomobject]@{ Binary = $apache.Binary; Config = $config; PidFile = Join-Path $Folder 'httpd.pid' }
}

function Stop-ApacheHttpd {
    # Stops the server Start-ApacheHttpd started and waits until its main process has gone.
    param($Server)
    if (-not $Server) { return }
    if (Test-Path -LiteralPath $Server.PidFile) {
        $id = [int] (Get-Content -LiteralPath $Server.PidFile)
        & $Server.Binary -f $Server.Config -k stop 2>$null
        $deadline = (Get-Date).AddSeconds(15)
        while ((Get-Process -Id $id -ErrorAction SilentlyContinue) -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 50 }
        if (Get-Process -Id $id -ErrorAction SilentlyContinue) { Stop-Process -Id $id -Force }
    }
    # Whatever still runs this configuration (a pid file not written yet, a child left behind) goes too: one stray
    # server was seen once after a run.
    Get-Process -Name apache2, httpd -ErrorAction SilentlyContinue | Where-Object { $_.CommandLine -like "*$($Server.Config)*" } |
        Stop-Process -Force -ErrorAction SilentlyContinue
}

function Invoke-OpenSslClient {
    # One `openssl s_client` connection to 127.0.0.1:$Port; -SessionOut saves the session, -SessionIn offers one.
    # Returns Reused (the server resumed the offered session) and Protocol. The client sends an empty line and, with
    # -ign_eof, waits for the server to close, so TLS 1.3 tickets (sent after the handshake) reach -sess_out.
    # -ServerName sends SNI, -Alpn offers protocols, -NoTicket asks for no ticket.
    param([int] $Port, [ValidateSet('tls1_2', 'tls1_3')] [string] $Protocol, [string] $SessionOut, [string] $SessionIn,
        [string] $ServerName, [string] $Alpn, [switch] $NoTicket)
    $arguments = @('s_client', '-connect', "127.0.0.1:$Port", '-ign_eof')
    if ($Protocol) { $arguments += "-$Protocol" }
    if ($SessionOut) { $arguments += '-sess_out', $SessionOut }
    if ($SessionIn) { $arguments += '-sess_in', $SessionIn }
    if ($ServerName) { $arguments += '-servername', $ServerName } else { $arguments += '-noservername' }
    if ($Alpn) { $arguments += '-alpn', $Alpn }
    if ($NoTicket) { $arguments += '-no_ticket' }
    $output = '' | & openssl @arguments 2>&1 | Out-String
    $line = [regex]::Match($output, '(?m)^(New|Reused), (TLSv[0-9.]+)')
    if (-not $line.Success) { throw "openssl s_client to port $Port did not complete a handshake:`n$output" }
    [pscustomobject]@{ Reused = $line.Groups[1].Value -eq 'Reused'; Protocol = $line.Groups[2].Value }
}

function Test-OpenSslReconnect {
    # `openssl s_client -reconnect` to 127.0.0.1:$Port: $true when any of its reconnections was resumed ("Reused").
    param([int] $Port, [ValidateSet('tls1_2', 'tls1_3')] [string] $Protocol, [switch] $NoTicket)
    $arguments = @('s_client', '-connect', "127.0.0.1:$Port", "-$Protocol", '-reconnect', '-ign_eof', '-noservername')
    if ($NoTicket) { $arguments += '-no_ticket' }
    $output = '' | & openssl @arguments 2>&1 | Out-String
    $lines = [regex]::Matches($output, '(?m)^(New|Reused), ')
    if ($lines.Count -lt 2) { throw "openssl s_client -reconnect to port $Port did not complete its handshakes:`n$output" }
    @($lines | Where-Object { $_.Groups[1].Value -eq 'Reused' }).Count -gt 0
}

function Start-OpenSslServer {
    # `openssl s_server` on 127.0.0.1:$Port with $Certificate/$Key and the extra $Arguments (e.g. -tls1_2 -no_ticket),
    # once the port answers. Its stdin is an empty file, so it closes each connection after the handshake; output goes
    # to files in $Folder. Stop it with Stop-OpenSslServer.
    param([int] $Port, [string] $Folder, [string] $Certificate, [string] $Key, [string[]] $Arguments = @())
    $tag = "s_server-$Port"
    $stdin = Join-Path $Folder "$tag.in"
    Set-Content -LiteralPath $stdin -Value $null
    $process = Start-Process openssl -PassThru -RedirectStandardInput $stdin `
        -RedirectStandardOutput (Join-Path $Folder "$tag.out") -RedirectStandardError (Join-Path $Folder "$tag.err") `
        -ArgumentList (@('s_server', '-accept', "127.0.0.1:$Port", '-cert', $Certificate, '-key', $Key, '-quiet') + $Arguments)
    $deadline = (Get-Date).AddSeconds(10)
    while ($true) {
        $client = [System.Net.Sockets.TcpClient]::new()
        try { $client.Connect([System.Net.IPAddress]::Loopback, $Port); break } catch { } finally { $client.Dispose() }
        if ($process.HasExited -or (Get-Date) -gt $deadline) {
            throw "openssl s_server did not start on port ${Port}: $(Get-Content -Raw -ErrorAction SilentlyContinue (Join-Path $Folder "$tag.err"))"
        }
        Start-Sleep -Milliseconds 20
    }
    $process
}

function Stop-OpenSslServer { param($Process) if ($Process -and -not $Process.HasExited) { $Process.Kill(); $Process.WaitForExit() } }
