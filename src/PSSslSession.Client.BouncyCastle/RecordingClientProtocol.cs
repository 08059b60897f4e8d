using System.Collections.Generic;
using System.IO;
using System.Reflection;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;

namespace PSSslSession.Client.BouncyCastle
{
    /// <summary>
    /// Keeps the TLS 1.3 NewSessionTicket messages a server sends (BouncyCastle 2.7.0 parses and drops them), and reads the
    /// handshake transcript once the client's Finished is in it, so that <see cref="CapturingClient"/> can derive each ticket's
    /// resumption PSK (RFC 8446 §4.6.1) as OpenSSL's client does.
    /// </summary>
    internal sealed class RecordingClientProtocol : TlsClientProtocol
    {
        private const int EarlyDataExtension = 42;

        // BouncyCastle keeps the running transcript hash in an internal field; pinned to 2.7.0, read by reflection.
        private static readonly FieldInfo? HandshakeHashField =
            typeof(TlsProtocol).GetField("m_handshakeHash", BindingFlags.Instance | BindingFlags.NonPublic);

        public RecordingClientProtocol(Stream stream) : base(stream) { }

        /// <summary>The TLS 1.3 tickets in the order they came.</summary>
        public List<Tls13Ticket> Tls13Tickets { get; } = new List<Tls13Ticket>();

        private TlsHash? _beforeFinished;

        /// <summary>
        /// Transcript-Hash(ClientHello … the client's Finished), or null when BouncyCastle does not expose its transcript. By
        /// the time the handshake completes BouncyCastle has let its transcript go, so a copy is taken before the server's
        /// Finished and the two Finished messages are added here from their verify_data.
        /// </summary>
        public byte[]? TranscriptHash(byte[] serverVerifyData, byte[] clientVerifyData)
        {
            if (_beforeFinished == null) return null;
            Add(_beforeFinished, serverVerifyData);
            Add(_beforeFinished, clientVerifyData);
            var hash = _beforeFinished.CalculateHash();
            _beforeFinished = null;
            return hash;
        }

        private static void Add(TlsHash hash, byte[] verifyData)
        {
            var header = new byte[] { (byte)HandshakeType.finished, 0, (byte)(verifyData.Length >> 8), (byte)verifyData.Length };
            hash.Update(header, 0, header.Length);
            hash.Update(verifyData, 0, verifyData.Length);
        }

        protected override void Receive13ServerFinished(MemoryStream buf)
        {
            base.Receive13ServerFinished(buf);
            _beforeFinished = (HandshakeHashField?.GetValue(this) as TlsHandshakeHash)?.ForkPrfHash();
        }

        /// <summary>The early_data extension's max_early_data_size among a ticket's extensions (type, length, data …), or 0.</summary>
        private static long MaxEarlyData(byte[] extensions)
        {
            for (int i = 0; i + 4 <= extensions.Length;)
            {
                int type = (extensions[i] << 8) | extensions[i + 1], length = (extensions[i + 2] << 8) | extensions[i + 3];
                if (i + 4 + length > extensions.Length) break;
                if (type == EarlyDataExtension && length == 4) return TlsUtilities.ReadUint32(extensions, i + 4);
                i += 4 + length;
            }
            return 0;
        }

        protected override void Receive13NewSessionTicket(MemoryStream buf)
        {
            var start = buf.Position;
            var ticket = new Tls13Ticket
            {
                Lifetime = TlsUtilities.ReadUint32(buf),
                AgeAdd = TlsUtilities.ReadUint32(buf),
                Nonce = TlsUtilities.ReadOpaque8(buf),
                Ticket = TlsUtilities.ReadOpaque16(buf),
            };
            ticket.MaxEarlyData = MaxEarlyData(TlsUtilities.ReadOpaque16(buf));
            Tls13Tickets.Add(ticket);
            buf.Position = start;
            base.Receive13NewSessionTicket(buf);
        }
    }

    /// <summary>One TLS 1.3 NewSessionTicket (RFC 8446 §4.6.1).</summary>
    internal sealed class Tls13Ticket
    {
        public long Lifetime { get; set; }

        public long AgeAdd { get; set; }

        public byte[] Nonce { get; set; } = new byte[0];

        public byte[] Ticket { get; set; } = new byte[0];

        public long MaxEarlyData { get; set; }
    }
}
