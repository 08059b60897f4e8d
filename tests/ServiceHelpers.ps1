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
