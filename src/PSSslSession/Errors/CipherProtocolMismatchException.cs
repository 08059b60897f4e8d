using System;
using PSSslSession.Codec;

namespace PSSslSession.Commands
{
    /// <summary>
    /// A session whose protocol version cannot use its cipher suite: TLS 1.3 has its own suites (TLS_AES_…, 0x13xx) and
    /// uses no other, and earlier versions cannot use them (ErrorId CipherProtocolMismatch, InvalidArgument).
    /// </summary>
    public sealed class CipherProtocolMismatchException : ArgumentException
    {
        public CipherProtocolMismatchException(SslProtocol protocol, SslCipher cipher)
            : base(cipher.IsTls13
                ? $"{cipher.Name} is a TLS 1.3 cipher suite; a {protocol} session cannot use it."
                : $"{cipher.Name} is not a TLS 1.3 cipher suite; a TLSv1.3 session uses TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256, TLS_AES_128_CCM_SHA256 or TLS_AES_128_CCM_8_SHA256.")
        {
            Protocol = protocol;
            Cipher = cipher;
        }

        public SslProtocol Protocol { get; }
        public SslCipher Cipher { get; }
    }
}
