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

        /// <summary>Sessions to offer (from a file, a store or Get-SslServerSession) instead of making one; each is offered once.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = SessionSet)]
        [ValidateNotNullOrEmpty]
        public SslSession[]? Session { get; set; }

        private readonly System.Collections.Generic.Dictionary<SslServerTarget, SslSession[]> _offers =
            new System.Collections.Generic.Dictionary<SslServerTarget, SslSession[]>();

        protected override string Activity => "Test-SslResumption";

        private void Offer(SslServerProbe probe, SslServerTarget target, SslSession session, CancellationToken cancel)
        {
            if (session.IsExpired)
                WriteWarning($"{target}: session {Describe(session)} expired at {session.ExpiresAt:u}; it is offered anyway, and a server drops expired sessions.");
            try
            {
                WriteObject(probe.TestResumption(target, session, cancel));
            }
            catch (ArgumentException e)
            {
                var record = Error(e, session);
                record.ErrorDetails = new ErrorDetails($"{target}: {record.ErrorDetails?.Message ?? e.Message}");
                WriteError(record);
            }
            catch (TlsClientException e) when (e.Reason == TlsClientError.CertificateRejected)
            {
                WriteError(ErrorCatalog.Record(e, target.ToString())); // the next session may hold an accepted certificate
            }
        }

        protected override SslServerTarget Gathered(SslServerTarget target)
        {
            if (Session != null) _offers[target] = Session;
            return target;
        }

        protected override void Visit(SslServerProbe probe, SslServerTarget target, CancellationToken cancel)
        {
            if (_offers.TryGetValue(target, out var sessions))
            {
                foreach (var session in sessions) Offer(probe, target, session, cancel);
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
