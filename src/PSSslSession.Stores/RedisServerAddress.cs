using System.Globalization;

namespace PSSslSession.Stores
{
    /// <summary>One Redis server: host (no brackets for IPv6) and port.</summary>
    public sealed class RedisServerAddress
    {
        /// <summary>Creates the address.</summary>
        public RedisServerAddress(string host, int port)
        {
            Host = host;
            Port = port;
        }

        /// <summary>Host name or address.</summary>
        public string Host { get; }

        /// <summary>TCP port.</summary>
        public int Port { get; }

        /// <summary>"host:port", IPv6 in brackets.</summary>
        public override string ToString() =>
            (Host.IndexOf(':') >= 0 ? "[" + Host + "]" : Host) + ":" + Port.ToString(CultureInfo.InvariantCulture);
    }
}
