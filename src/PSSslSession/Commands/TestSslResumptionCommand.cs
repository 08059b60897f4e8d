using System;
using System.Management.Automation;
using System.Threading;
using PSSslSession.Client;
using PSSslSession.Codec;

namespace PSSslSession.Commands
{
    /// <summary>
    /// <c>Test-SslResumption</c> (<c>openssl s_client -reconnect</c>): connects to each server, reconnects offering the session
    /// it got, and outputs one result per method: SessionId (TLS 1.2 without tickets), Ticket (TLS 1.2 RFC 5077) and
    /// Tls13Ticket (TLS 1.3; reported but not tried: the TLS client cannot offer a TLS 1.3 pre-shared key). With -Session it
    /// offers that session once instead (piped sessions from Get-SslServerSession carry their own ComputerName and Port).
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "SslResumption", DefaultParameterSetName = ReconnectSet)]
    [OutputType(typeof(SslResumptionResult))]
    public sealed class TestSslResumptionCommand : SslServerCmdlet
    {
        private const string ReconnectSet = "Reconnect";
        private const string SessionSet = "Session";

        /// <summary>A session to offer (from a file, a store or Get-SslServerSession) instead of making one.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = SessionSet)]
        [ValidateNotNull]
        public SslSession? Session { get; set; }

        private readonly System.Collections.Generic.Dictionary<SslServerTarget, SslSession> _offers =
            new System.Collections.Generic.Dictionary<SslServerTarget, SslSession>();

        protected override string Activity => "Test-SslResumption";

        protected override SslServerTarget Gathered(SslServerTarget target)
        {
            if (Session != null) _offers[target] = Session;
            return target;
        }

        protected override void Visit(SslServerProbe probe, SslServerTarget target, CancellationToken cancel)
        {
            if (_offers.TryGetValue(target, out var session))
            {
                try
                {
                    WriteObject(probe.TestResumption(target, session, cancel));
                }
                catch (ArgumentException e)
                {
                    WriteError(Error(e, session));
                }
                return;
            }
            foreach (var method in SslServerProbe.MethodsFor(Protocol))
            {
                try
                {
                    WriteObject(probe.TestResumption(target, method, cancel));
                }
                catch (TlsClientException e) when (e.Reason == TlsClientError.HandshakeFailed && !e.TimedOut)
                {
                    // This method's handshake failed; the others may still answer. A host that does not answer at all,
                    // or whose certificate is refused, fails once for all methods (the base writes that error).
                    var record = ErrorCatalog.Record(e, target.ToString());
                    record.ErrorDetails = new ErrorDetails($"{method}: {e.Message}");
                    WriteError(record);
                }
            }
        }
    }
}
