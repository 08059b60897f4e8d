using System;
using System.Management.Automation;
using PSSslSession.Stores;

namespace PSSslSession.Commands
{
    /// <summary>
    /// <c>New-SslSessionStore</c>: an external session cache (the seeds' "saved to disk or put into a database")
    /// to attach with New-SslContext -Store or Set-SslContext -Store: a SQLite file (-Path), or a Redis server
    /// or Redis Cluster in Apache mod_socache_redis layout (-Redis host:port[,host:port…]; key &lt;prefix&gt;&lt;lowercase hex
    /// id&gt;, value DER).
    /// </summary>
    [Cmdlet(VerbsCommon.New, "SslSessionStore", SupportsShouldProcess = true, DefaultParameterSetName = SqliteSet)]
    [OutputType(typeof(SqliteSessionStore), ParameterSetName = new[] { SqliteSet })]
    [OutputType(typeof(RedisSessionStore), ParameterSetName = new[] { RedisSet })]
    public sealed class NewSslSessionStoreCommand : SslSessionCmdlet
    {
        private const string SqliteSet = "Sqlite";
        private const string RedisSet = "Redis";

        #region Parameters

        /// <summary>The SQLite file; created owner-only when missing, reopened with its sessions when present.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = SqliteSet)]
        [Alias("LiteralPath", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>host, host:port, [ipv6] or [ipv6]:port (default port 6379), or a comma-separated list of them (cluster nodes).</summary>
        [Parameter(Mandatory = true, ParameterSetName = RedisSet)]
        [ValidateNotNullOrEmpty]
        public string Redis { get; set; } = null!;

        /// <summary>Key prefix; default "mod_ssl-sess:" (Apache's).</summary>
        [Parameter(ParameterSetName = RedisSet)]
        [AllowEmptyString]
        public string KeyPrefix { get; set; } = RedisStoreOptions.DefaultKeyPrefix;

        /// <summary>Redis database number (SELECT).</summary>
        [Parameter(ParameterSetName = RedisSet)]
        [ValidateRange(0, int.MaxValue)]
        public int Database { get; set; }

        /// <summary>Redis AUTH (ACL user name and password; a password-only server ignores the user name).</summary>
        [Parameter(ParameterSetName = RedisSet)]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>Connect with TLS.</summary>
        [Parameter(ParameterSetName = RedisSet)]
        public SwitchParameter UseTls { get; set; }

        /// <summary>Connect timeout: a TimeSpan or seconds; default 5 s.</summary>
        [Parameter(ParameterSetName = RedisSet)]
        [DurationTransformation]
        public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>Per-command timeout: a TimeSpan or seconds; default 5 s.</summary>
        [Parameter(ParameterSetName = RedisSet)]
        [DurationTransformation]
        public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(5);

        #endregion

        #region Overrides

        protected override void ProcessRecord()
        {
            if (ParameterSetName == SqliteSet) NewSqlite();
            else NewRedis();
        }

        #endregion

        #region Private methods

        private void NewSqlite()
        {
            var file = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (!ShouldProcess(file, System.IO.File.Exists(file) ? "Open SQLite session store" : "Create SQLite session store")) return;
            try
            {
                WriteObject(new SqliteSessionStore(file));
            }
            catch (Exception e) when (IsReportable(e))
            {
                ThrowTerminatingError(Error(e, file));
            }
        }

        private void NewRedis()
        {
            RedisStoreOptions options;
            try
            {
                options = RedisStoreOptions.Parse(Redis);
            }
            catch (FormatException e)
            {
                ThrowTerminatingError(Error(e, ErrorCatalog.InvalidRedisAddress, ErrorCategory.InvalidArgument, Redis));
                return;
            }
            options.KeyPrefix = KeyPrefix;
            options.Database = Database;
            options.UseTls = UseTls.IsPresent;
            options.ConnectTimeout = ConnectTimeout;
            options.OperationTimeout = OperationTimeout;
            if (Credential != null)
            {
                options.UserName = string.IsNullOrEmpty(Credential.UserName) ? null : Credential.UserName;
                options.Password = Credential.GetNetworkCredential().Password;
            }
            if (!ShouldProcess(options.Location, "Connect Redis session store")) return;
            RedisSessionStore store;
            try
            {
                store = new RedisSessionStore(options);
            }
            catch (Exception e) when (IsReportable(e))
            {
                ThrowTerminatingError(Error(e, Redis));
                return;
            }
            try
            {
                store.Ping();
            }
            catch (SessionStoreException e) when (e.Reason == SessionStoreError.Unsupported)
            {
                // Not an outage: the store could never work as asked (another database than 0 on a Redis Cluster).
                store.Dispose();
                ThrowTerminatingError(Error(e, Redis));
                return;
            }
            catch (Exception e) when (IsReportable(e))
            {
                // The store still works once the server is back (contexts keep serving meanwhile).
                WriteWarning($"Redis at {options.Location} did not answer PING ({e.Message.TrimEnd('.')}). The store reconnects on use.");
            }
            WriteObject(store);
        }

        #endregion
    }
}
