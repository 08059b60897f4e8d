using System;
using System.Net;

namespace PSSslSession.Client
{
    /// <summary>A TLS server to connect to, and how: name, port, SNI, time limit, certificate checking.</summary>
    public sealed class SslServerTarget
    {
        /// <summary>The HTTPS port, the default.</summary>
        public const int DefaultPort = 443;

        /// <summary>Default of <see cref="Timeout"/>.</summary>
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

        public SslServerTarget(string computerName, int port = DefaultPort)
        {
            if (string.IsNullOrWhiteSpace(computerName)) throw new ArgumentException("A host name or address is required.", nameof(computerName));
            if (port < 1 || port > 65535) throw new ArgumentOutOfRangeException(nameof(port), port, "A port is 1-65535.");
            ComputerName = computerName.Trim();
            Port = port;
        }

        /// <summary>The host name or address connected to.</summary>
        public string ComputerName { get; }

        public int Port { get; }

        /// <summary>The SNI host name to send; null sends <see cref="ComputerName"/> when it is a name (none for an address), as openssl s_client does.</summary>
        public string? ServerName { get; set; }

        /// <summary>The whole of each connection (lookup, connect, handshake) must finish within this.</summary>
        public TimeSpan Timeout { get; set; } = DefaultTimeout;

        /// <summary>Accept any certificate (the check still runs and its verdict is recorded in the session's VerifyResult).</summary>
        public bool SkipCertificateCheck { get; set; }

        /// <summary>The SNI host name sent (see <see cref="ServerName"/>), or null.</summary>
        public string? SniName => ServerName ?? (IPAddress.TryParse(ComputerName.Trim('[', ']'), out _) ? null : ComputerName);

        /// <summary>The name the server's certificate must carry: the SNI name when given, else the name connected to.</summary>
        public string CertificateName => ServerName ?? ComputerName.Trim('[', ']');

        /// <summary>"host:port" ("[::1]:443" for an IPv6 address).</summary>
        public override string ToString() =>
            (ComputerName.IndexOf(':') >= 0 && !ComputerName.StartsWith("[", StringComparison.Ordinal) ? "[" + ComputerName + "]" : ComputerName) + ":" + Port;
    }
}
