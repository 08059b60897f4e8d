using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using PSSslSession.Client;
using PSSslSession.Codec;

namespace PSSslSession.Commands
{
    /// <summary>
    /// <c>Get-SslServerSession</c> (<c>openssl s_client -connect host:port -sess_out file</c>): one full handshake with each
    /// server, as a client; outputs the session it got, laid out as OpenSSL's client keeps it, with ComputerName and Port
    /// added. <c>Export-SslSession</c> of a TLS 1.2 session writes a file <c>openssl s_client -sess_in</c> resumes. A TLS 1.3
    /// session holds no resumption secret (the TLS client cannot derive one): a warning says so.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SslServerSession")]
    [OutputType(typeof(SslSession))]
    public sealed class GetSslServerSessionCommand : SslServerCmdlet
    {
        /// <summary>The type name of the sessions it outputs, for their table view (host first).</summary>
        internal const string ServerSessionTypeName = "PSSslSession.ServerSession";

        private readonly HashSet<string> _warned = new HashSet<string>();

        /// <summary>Do not ask for a TLS 1.2 session ticket (RFC 5077): the session then resumes by its id (<c>s_client -no_ticket</c>).</summary>
        [Parameter]
        public SwitchParameter NoTicket { get; set; }

        /// <summary>ALPN protocol names to offer, in order of preference (<c>s_client -alpn</c>), e.g. h2, http/1.1.</summary>
        [Parameter]
        [AlpnTransformation]
        [ArgumentCompleter(typeof(AlpnCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Alpn { get; set; }

        protected override string Activity => "Get-SslServerSession";

        protected override void Visit(SslServerProbe probe, SslServerTarget target, CancellationToken cancel)
        {
            var capture = probe.Capture(target, Protocol, NoTicket.IsPresent, Alpn, cancel);
            // Each note once per call (a TLS 1.3 note would otherwise repeat for every host), naming the first host it concerns.
            foreach (var note in capture.Notes)
                if (_warned.Add(note)) WriteWarning($"{note} (first seen at {target}.)");
            if (!capture.Certificate.IsTrusted)
                WriteVerbose($"{target}: certificate accepted with -SkipCertificateCheck: {capture.Certificate.Problem}");
            var output = new PSObject(capture.Session);
            output.TypeNames.Insert(0, ServerSessionTypeName);
            output.Properties.Add(new PSNoteProperty("ComputerName", target.ComputerName));
            output.Properties.Add(new PSNoteProperty("Port", target.Port));
            WriteObject(output);
        }
    }
}
