using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Threading;
using PSSslSession.Client;
using PSSslSession.Codec;

namespace PSSslSession.Commands
{
    /// <summary>
    /// The parameters and plumbing of the cmdlets that connect to live TLS servers (Get-SslServerSession,
    /// Test-SslResumption): hosts from parameters or the pipeline (objects with ComputerName/Port/ServerName properties,
    /// or "host:port" text), gathered and then visited in order with progress; each host's failure is a non-terminating
    /// error (HostUnreachable, HandshakeFailed, CertificateRejected) and the next host is tried. Stopping the pipeline closes
    /// the connection in progress.
    /// </summary>
    public abstract class SslServerCmdlet : SslSessionCmdlet
    {
        private static readonly Regex HostWithPort = new Regex(@"^(?:\[(?<host>[^\]]+)\]|(?<host>[^:\[\]]+)):(?<port>\d{1,5})$", RegexOptions.CultureInvariant);

        private const int ProgressId = 2;

        private readonly List<SslServerTarget> _targets = new List<SslServerTarget>();
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();

        #region Parameters

        /// <summary>Host names or addresses; "host:port" (or "[v6]:port") sets the port too.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("HostName", "Host", "DnsName", "Server")]
        [ComputerNameTransformation]
        [ValidateNotNullOrEmpty]
        public string[] ComputerName { get; set; } = null!;

        /// <summary>The TCP port; default 443.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [PortTransformation]
        [ValidateRange(1, 65535)]
        public int Port { get; set; } = SslServerTarget.DefaultPort;

        /// <summary>The SNI host name to send (and the name the certificate must carry); default: the computer name, none for an address.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString] // a piped session of an address carries no server name
        public string? ServerName { get; set; }

        /// <summary>Offer only this protocol version (TLSv1.2 or TLSv1.3); default: both, TLS 1.3 preferred.</summary>
        [Parameter]
        [ProtocolTransformation]
        [ValidateClientProtocol]
        [ArgumentCompleter(typeof(ClientProtocolCompleter))]
        public SslProtocol? Protocol { get; set; }

        /// <summary>Seconds each connection may take (name lookup, connect, handshake); default 10.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 10;

        /// <summary>Accept a certificate that is not trusted or does not name the host (its verdict is still recorded).</summary>
        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        #endregion

        /// <summary>The progress activity (the cmdlet's name).</summary>
        protected abstract string Activity { get; }

        /// <summary>Called for each host as it is gathered (while the pipeline's current parameters are bound).</summary>
        protected virtual SslServerTarget Gathered(SslServerTarget target) => target;

        /// <summary>The work for one host; a <see cref="TlsClientException"/> becomes that host's error.</summary>
        protected abstract void Visit(SslServerProbe probe, SslServerTarget target, CancellationToken cancel);

        protected override void ProcessRecord()
        {
            foreach (var name in ComputerName)
            {
                try
                {
                    _targets.Add(Gathered(Target(name)));
                }
                catch (ArgumentException e)
                {
                    WriteError(Error(e, "InvalidComputerName", ErrorCategory.InvalidArgument, name));
                }
            }
        }

        protected override void EndProcessing()
        {
            if (_targets.Count == 0) return;
            SslServerProbe probe;
            try
            {
                probe = SslServerProbe.Create();
            }
            catch (TlsClientException e)
            {
                ThrowTerminatingError(ErrorCatalog.Record(e, null));
                return;
            }
            for (int i = 0; i < _targets.Count && !_stop.IsCancellationRequested; i++)
            {
                var target = _targets[i];
                // A new record each time: a host keeps the records it is given, and each should show its own moment.
                WriteProgress(new ProgressRecord(ProgressId, Activity, $"{target} ({i + 1} of {_targets.Count})") { PercentComplete = i * 100 / _targets.Count });
                try
                {
                    Visit(probe, target, _stop.Token);
                }
                catch (TlsClientException e) when (e.Reason != TlsClientError.Canceled)
                {
                    WriteError(ErrorCatalog.Record(e, target.ToString()));
                }
                catch (TlsClientException)
                {
                    return; // stopped: PowerShell is tearing the pipeline down
                }
            }
            WriteProgress(new ProgressRecord(ProgressId, Activity, $"{_targets.Count} of {_targets.Count}") { PercentComplete = 100, RecordType = ProgressRecordType.Completed });
        }

        protected override void StopProcessing() => _stop.Cancel();

        private SslServerTarget Target(string name)
        {
            var host = name.Trim();
            var port = Port;
            var match = HostWithPort.Match(host);
            if (match.Success)
            {
                host = match.Groups["host"].Value;
                port = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
                if (port < 1 || port > 65535) throw new ArgumentException($"'{name}': port {port} is out of range (1-65535).");
            }
            return new SslServerTarget(host, port)
            {
                ServerName = string.IsNullOrEmpty(ServerName) ? null : ServerName,
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
                SkipCertificateCheck = SkipCertificateCheck.IsPresent,
            };
        }
    }
}
