using System;
using System.IO;
using System.Reflection;

namespace PSSslSession.Client
{
    /// <summary>
    /// Creates the BouncyCastle side of the client. It is found by name, not referenced, so that this assembly never binds to
    /// BouncyCastle.Cryptography (other modules ship their own versions): in a plain .NET application the name resolves from
    /// its deps.json; inside PowerShell the module's loader answers it from the module's tls/ folder, in an isolated load
    /// context on PowerShell 7 and through AssemblyResolve on Windows PowerShell 5.1.
    /// </summary>
    internal static class TlsHandshakerLoader
    {
        internal const string AssemblyName = "PSSslSession.Client.BouncyCastle";
        internal const string TypeName = "PSSslSession.Client.BouncyCastle.BouncyCastleHandshaker";

        private static readonly Lazy<ITlsHandshaker> Instance = new Lazy<ITlsHandshaker>(Create);

        /// <summary>The one handshaker of the process (it holds no connection state).</summary>
        public static ITlsHandshaker Default => Instance.Value;

        private static ITlsHandshaker Create()
        {
            try
            {
                var assembly = Assembly.Load(new AssemblyName(AssemblyName));
                return (ITlsHandshaker)Activator.CreateInstance(assembly.GetType(TypeName, throwOnError: true)!)!;
            }
            catch (Exception e) when (e is FileNotFoundException || e is FileLoadException || e is BadImageFormatException || e is TypeLoadException)
            {
                throw new TlsClientException(TlsClientError.ClientUnavailable,
                    $"The TLS client ({AssemblyName} with BouncyCastle.Cryptography) could not be loaded: {e.Message}", e);
            }
        }
    }
}
