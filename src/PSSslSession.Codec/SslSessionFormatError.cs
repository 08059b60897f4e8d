namespace PSSslSession.Codec
{
    /// <summary>
    /// Why a session could not be decoded or built. Names follow OpenSSL's reasons (§A.3/§D of the
    /// spec); where OpenSSL fails silently the codec still names the rule.
    /// </summary>
    public enum SslSessionFormatError
    {
        /// <summary>ASN.1 structure error: not a SEQUENCE, bad length, wrong tag, mandatory field missing, bad INTEGER.</summary>
        Malformed,
        /// <summary>Fields out of order, or an element after the last known field.</summary>
        UnexpectedField,
        /// <summary>The session format version is not 1 (<c>SSL_R_UNKNOWN_SSL_VERSION</c>).</summary>
        UnknownSslVersion,
        /// <summary><c>SSL_R_UNSUPPORTED_SSL_VERSION</c>.</summary>
        UnsupportedSslVersion,
        /// <summary><c>SSL_R_CIPHER_CODE_WRONG_LENGTH</c>.</summary>
        CipherCodeWrongLength,
        /// <summary>The cipher code is not in OpenSSL 3.0's table.</summary>
        UnknownCipher,
        /// <summary>session_id longer than 32 bytes.</summary>
        SessionIdTooLong,
        /// <summary>master_key longer than 512 bytes.</summary>
        MasterKeyTooLong,
        /// <summary>sid_ctx longer than 32 bytes.</summary>
        SessionIdContextTooLong,
        /// <summary>[11] compression id not exactly 1 byte (<c>SSL_R_BAD_LENGTH</c>).</summary>
        BadCompressionLength,
        /// <summary>[3] does not hold a well-formed X.509 certificate.</summary>
        BadPeerCertificate,
        /// <summary>Bytes follow the session's SEQUENCE (only when trailing data is refused).</summary>
        TrailingData,
        /// <summary>PEM text without a <c>-----BEGIN SSL SESSION PARAMETERS-----</c> block.</summary>
        NoPemBlock,
        /// <summary>A PEM block that is not closed, or has headers, or a different label.</summary>
        BadPem,
        /// <summary>The PEM body is not valid base64.</summary>
        BadBase64,
        /// <summary>Input is empty.</summary>
        Empty,
        /// <summary>The session cannot be written in the asked form (e.g. key log with an empty id or key).</summary>
        CannotFormat,
    }
}
