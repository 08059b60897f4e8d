using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Xunit;
using static PSSslSession.Stores.Tests.StoreTestEnvironment;

namespace PSSslSession.Stores.Tests
{
    /// <summary>Redis over TLS (tls-port) with a self-signed certificate made by the openssl CLI for this test.</summary>
    public sealed class RedisTlsTests : IDisposable
    {
        private readonly TempFolder _folder = NewFolder();

        public void Dispose() => _folder.Dispose();

        private (RedisServerProcess Server, X509Certificate2 Certificate) StartTlsServer()
        {
            var key = _folder.File("key.pem");
            var cert = _folder.File("cert.pem");
            var openssl = Process.Start(new ProcessStartInfo("openssl",
                $"req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout {key} -out {cert} -days 1 -subj /CN=localhost -addext subjectAltName=DNS:localhost")
                { RedirectStandardError = true, UseShellExecute = false })!;
            openssl.StandardError.ReadToEnd();
            openssl.WaitForExit();
            Assert.True(openssl.ExitCode == 0, "openssl could not make a test certificate");
            var port = FreePort();
            var server = new RedisServerProcess(port, "--port", "0", "--tls-port", port.ToString(),
                "--tls-cert-file", cert, "--tls-key-file", key, "--tls-auth-clients", "no");
            return (server, X509Certificate2.CreateFromPem(File.ReadAllText(cert)));
        }

        [Fact]
        public void Sessions_round_trip_over_TLS_with_a_pinned_certificate()
        {
            var (server, certificate) = StartTlsServer();
            using (server)
            {
                var options = new RedisStoreOptions
                {
                    Host = "127.0.0.1", Port = server.Port, UseTls = true, TlsServerName = "localhost",
                    CertificateValidation = (_, presented, _, _) => presented != null && presented.GetCertHashString() == certificate.GetCertHashString(),
                };
                using var store = new RedisSessionStore(options);
                var now = DateTimeOffset.UtcNow;
                var session = TestSessions.Tls12(now, 60);
                store.Put(session, now);
                Assert.Equal(session.GetSessionId(), store.Get(session.GetSessionId(), null, now)!.GetSessionId());
            }
        }

        [Fact]
        public void An_untrusted_server_certificate_makes_the_store_Unreachable_with_a_TLS_message()
        {
            var (server, _) = StartTlsServer();
            using (server)
            {
                var options = new RedisStoreOptions { Host = "127.0.0.1", Port = server.Port, UseTls = true, TlsServerName = "localhost" };
                using var store = new RedisSessionStore(options);
                var ex = Assert.Throws<SessionStoreException>(() => store.Ping());
                Assert.Equal(SessionStoreError.Unreachable, ex.Reason);
                Assert.Contains("TLS", ex.Message);
            }
        }
    }
}
