using System.IO;
using Org.BouncyCastle.Tls;

namespace PSSslSession.Client.BouncyCastle
{
    /// <summary>
    /// Notes the curve a TLS 1.2 server picked in its ECDHE ServerKeyExchange (BouncyCastle's NegotiatedGroup is set for
    /// TLS 1.3 only), so the session records the key exchange group as OpenSSL's client does.
    /// </summary>
    internal sealed class GroupRecordingKeyExchangeFactory : DefaultTlsKeyExchangeFactory
    {
        /// <summary>The IANA NamedGroup of the last ECDHE exchange, or 0.</summary>
        public int NamedGroup { get; private set; }

        public override TlsKeyExchange CreateECDheKeyExchangeClient(int keyExchange) => new Recording(keyExchange, this);

        private sealed class Recording : TlsECDheKeyExchange
        {
            private readonly GroupRecordingKeyExchangeFactory _factory;

            public Recording(int keyExchange, GroupRecordingKeyExchangeFactory factory) : base(keyExchange) { _factory = factory; }

            public override void ProcessServerKeyExchange(Stream input)
            {
                base.ProcessServerKeyExchange(input);
                _factory.NamedGroup = m_ecConfig.NamedGroup;
            }
        }
    }
}
