using System.IO;
using Org.BouncyCastle.Tls;

namespace PSSslSession.Client.BouncyCastle
{
    /// <summary>
    /// Counts the TLS 1.3 NewSessionTicket messages a server sends (BouncyCastle 2.7.0 parses and drops them: it cannot
    /// resume a TLS 1.3 session), so a result can say whether the server offers TLS 1.3 resumption at all.
    /// </summary>
    internal sealed class RecordingClientProtocol : TlsClientProtocol
    {
        public RecordingClientProtocol(Stream stream) : base(stream) { }

        public int Tls13TicketCount { get; private set; }

        /// <summary>The first ticket's lifetime in seconds.</summary>
        public long Tls13TicketLifetime { get; private set; }

        protected override void Receive13NewSessionTicket(MemoryStream buf)
        {
            var start = buf.Position;
            var lifetime = TlsUtilities.ReadUint32(buf);
            if (Tls13TicketCount++ == 0) Tls13TicketLifetime = lifetime;
            buf.Position = start;
            base.Receive13NewSessionTicket(buf);
        }
    }
}
