using System;
using System.IO;
using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;
using PSSslSession.Engine.IO;

namespace PSSslSession.Commands
{
    /// <summary>
    /// -PeerCertificate: a certificate, its DER bytes, or the path of a certificate file (DER or PEM). A path is read
    /// only when it names a regular file of at most 1 MB: PowerShell's own conversion would open whatever the path
    /// names, and a named pipe would block it for good.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class CertificateTransformationAttribute : ArgumentTransformationAttribute
    {
        private const long MaxCertificateFile = 1 << 20;

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            try
            {
                switch (PSValue.Unwrap(inputData))
                {
                    case byte[] der: return new X509Certificate2(der);
                    case string path: return FromFile(engineIntrinsics.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path));
                    default: return inputData;
                }
            }
            catch (Exception e) when (e is IOException || e is System.Security.Cryptography.CryptographicException || e is UnauthorizedAccessException)
            {
                throw new ArgumentTransformationMetadataException(e.Message, e);
            }
        }

        private static X509Certificate2 FromFile(string path)
        {
            var kind = FileKinds.OfTarget(path);
            if (kind == FileKind.Missing) throw new FileNotFoundException($"The certificate file '{path}' does not exist.", path);
            if (kind != FileKind.Regular) throw new NotARegularFileException(path, kind, "A certificate is read only from a regular file.");
            var length = new FileInfo(path).Length;
            if (length > MaxCertificateFile) throw new IOException($"'{path}' is {length:N0} bytes; a certificate file is at most 1 MB.");
            return new X509Certificate2(File.ReadAllBytes(path));
        }
    }
}
