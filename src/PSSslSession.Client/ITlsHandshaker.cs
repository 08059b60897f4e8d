using System.Threading;

namespace PSSslSession.Client
{
    /// <summary>
    /// One TLS handshake as a client, then a clean close. Implemented over BouncyCastle in PSSslSession.Client.BouncyCastle,
    /// loaded apart from the rest of the process (<see cref="TlsHandshakerLoader"/>); only plain types cross this boundary.
    /// </summary>
    internal interface ITlsHandshaker
    {
        /// <summary>Connects, handshakes and closes; every failure is a <see cref="TlsClientException"/>.</summary>
        TlsHandshakeResult Handshake(TlsHandshakeRequest request, CancellationToken cancel);
    }
}
