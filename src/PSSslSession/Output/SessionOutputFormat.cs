using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>The forms Export-SslSession and ConvertFrom-SslSession write.</summary>
    public enum SessionOutputFormat
    {
        /// <summary><c>PEM_write_bio_SSL_SESSION</c>; several sessions make a bundle.</summary>
        Pem,
        /// <summary><c>i2d_SSL_SESSION</c>: exactly one session.</summary>
        Der,
        /// <summary>The DER in base64 on one line per session.</summary>
        Base64,
        /// <summary><c>SSL_SESSION_print</c> (<c>openssl sess_id -text</c>); the key is masked unless secrets are asked for.</summary>
        Text,
        /// <summary><c>SSL_SESSION_print_keylog</c> (<c>openssl sess_id -outform NSS</c>), one line per session.</summary>
        KeyLog,
    }
}
