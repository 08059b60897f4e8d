using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Security;

namespace PSSslSession.Stores
{
    /// <summary>
    /// Where and how <see cref="RedisSessionStore"/> reaches Redis. Defaults follow Apache mod_socache_redis
    /// (key prefix <c>mod_ssl-sess:</c>, so httpd and this module can share sessions).
    /// </summary>
    public sealed class RedisStoreOptions
    {
        /// <summary>Redis' default port.</summary>
        public const int DefaultPort = 6379;

        /// <summary>mod_ssl's session namespace plus mod_socache's ':' separator.</summary>
        public const string DefaultKeyPrefix = "mod_ssl-sess:";

        /// <summary>Host name or address (no brackets for IPv6).</summary>
        public string Host { get; set; } = "127.0.0.1";

        /// <summary>TCP port (6379).</summary>
        public int Port { get; set; } = DefaultPort;

        /// <summary>
        /// Further servers of the same deployment (a Redis Cluster's seed nodes, or a primary and its replicas): with
        /// <see cref="Host"/>:<see cref="Port"/> they are where the client discovers the topology. Empty for one server.
        /// </summary>
        public IList<RedisServerAddress> MoreServers { get; private set; } = new List<RedisServerAddress>();

        /// <summary><see cref="Host"/>:<see cref="Port"/> followed by <see cref="MoreServers"/>.</summary>
        public IReadOnlyList<RedisServerAddress> Servers
        {
            get
            {
                var all = new List<RedisServerAddress> { new RedisServerAddress(Host, Port) };
                all.AddRange(MoreServers);
                return all;
            }
        }

        /// <summary>Prepended to the lowercase hex session id to form a key.</summary>
        public string KeyPrefix { get; set; } = DefaultKeyPrefix;

        /// <summary>Logical database (<c>SELECT</c>), 0 by default.</summary>
        public int Database { get; set; }

        /// <summary>ACL user (Redis 6+, <c>AUTH user password</c>); null with a password = <c>AUTH password</c>.</summary>
        public string? UserName { get; set; }

        /// <summary>Password for <c>AUTH</c>; null = no authentication.</summary>
        public string? Password { get; set; }

        /// <summary>Speak TLS (Redis 6+ <c>tls-port</c>).</summary>
        public bool UseTls { get; set; }

        /// <summary>Name checked against the server certificate with <see cref="UseTls"/>; null = <see cref="Host"/>.</summary>
        public string? TlsServerName { get; set; }

        /// <summary>Custom server-certificate check with <see cref="UseTls"/> (e.g. a private CA); null = the system's.</summary>
        public RemoteCertificateValidationCallback? CertificateValidation { get; set; }

        /// <summary>Limit for establishing a connection (TCP, TLS, AUTH, SELECT); 5 s.</summary>
        public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>Limit for one command's reply (mod_socache_redis' <c>RedisTimeout</c>); 5 s.</summary>
        public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>Wait after a failed connection before the next attempt (250 ms); doubles per failure up to <see cref="MaxReconnectDelay"/>.</summary>
        public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(250);

        /// <summary>
        /// Upper bound of the reconnect back-off; 1 s, so a server that is back is noticed within about a second. An
        /// attempt costs a refused connection, or at most <see cref="ConnectTimeout"/> against a host that drops packets.
        /// </summary>
        public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>"host:port/db", or "host1:port1,host2:port2/db" with <see cref="MoreServers"/> (IPv6 hosts in brackets).</summary>
        public string Location
        {
            get
            {
                var servers = new List<string>();
                foreach (var server in Servers) servers.Add(server.ToString());
                return string.Join(",", servers) + "/" + Database.ToString(CultureInfo.InvariantCulture);
            }
        }

        /// <summary>A copy (the store keeps its own, so later changes to the caller's object do not leak in).</summary>
        public RedisStoreOptions Clone()
        {
            var copy = (RedisStoreOptions)MemberwiseClone();
            copy.MoreServers = new List<RedisServerAddress>(MoreServers);
            return copy;
        }

        /// <summary>
        /// Parses "host", "host:port", "[::1]" or "[::1]:6379" (as <c>SSLSessionCache redis:</c> / redis-cli take them), or
        /// a comma-separated list of those (a cluster's seed nodes: "host1:port,host2:port").
        /// </summary>
        /// <exception cref="FormatException">Empty text, an empty list item, a bad port, or an unbracketed IPv6 address with a port.</exception>
        public static RedisStoreOptions Parse(string hostPort)
        {
            if (hostPort == null || hostPort.Trim().Length == 0)
                throw new FormatException("A Redis address was expected (host, host:port or [ipv6]:port), but the text was empty.");
            var parts = hostPort.Split(',');
            var first = ParseServer(parts[0], hostPort);
            var options = new RedisStoreOptions { Host = first.Host, Port = first.Port };
            for (int i = 1; i < parts.Length; i++) options.MoreServers.Add(ParseServer(parts[i], hostPort));
            return options;
        }

        private static RedisServerAddress ParseServer(string item, string hostPort)
        {
            if (item.Trim().Length == 0)
                throw new FormatException($"'{hostPort}' is not a list of Redis addresses: an item between commas is empty.");
            var text = item.Trim();
            string host;
            string? port = null;
            if (text.StartsWith("[", StringComparison.Ordinal))
            {
                var close = text.IndexOf(']');
                if (close < 0) throw new FormatException($"'{hostPort}' is not a Redis address: the '[' of an IPv6 address is not closed.");
                host = text.Substring(1, close - 1);
                var rest = text.Substring(close + 1);
                if (rest.Length > 0)
                {
                    if (rest[0] != ':') throw new FormatException($"'{hostPort}' is not a Redis address: expected ':port' after ']'.");
                    port = rest.Substring(1);
                }
            }
            else
            {
                var colon = text.IndexOf(':');
                if (colon >= 0 && text.IndexOf(':', colon + 1) >= 0)
                {
                    // Two colons without brackets: a bare IPv6 address, no port.
                    host = text;
                }
                else if (colon >= 0)
                {
                    host = text.Substring(0, colon);
                    port = text.Substring(colon + 1);
                }
                else host = text;
            }
            if (host.Length == 0) throw new FormatException($"'{hostPort}' is not a Redis address: the host is empty.");
            foreach (var c in host)
                if (char.IsWhiteSpace(c) || c == '/' || c == '[' || c == ']')
                    throw new FormatException($"'{hostPort}' is not a Redis address: '{c}' cannot appear in a host name.");
            var number = DefaultPort;
            if (port != null)
            {
                if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1 || number > 65535)
                    throw new FormatException($"'{hostPort}' is not a Redis address: '{port}' is not a port number (1-65535).");
            }
            return new RedisServerAddress(host, number);
        }
    }
}
