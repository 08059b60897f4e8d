namespace PSSslSession.Client
{
    /// <summary>
    /// The outcome of checking a server's chain and host name, with the OpenSSL verify code a client session records
    /// (<c>SSL_SESSION_get_verify_result</c>): 0 = X509_V_OK.
    /// </summary>
    public sealed class CertificateVerdict
    {
        internal CertificateVerdict(long verifyResult, string? problem)
        {
            VerifyResult = verifyResult;
            Problem = problem;
        }

        /// <summary>The OpenSSL X509_V_* code (0 when trusted and matching the host name).</summary>
        public long VerifyResult { get; }

        /// <summary>Why the chain is not accepted, or null.</summary>
        public string? Problem { get; }

        public bool IsTrusted => Problem == null;
    }
}
