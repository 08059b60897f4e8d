using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PSSslSession.Client;
using Xunit;

namespace PSSslSession.Client.Tests;

/// <summary>ServerCertificateCheck: RFC 6125 host names, and chain failures as OpenSSL's X509_V_ERR codes.</summary>
public sealed class ServerCertificateCheckTests
{
    private static X509Certificate2 SelfSigned(string subject, Action<SubjectAlternativeNameBuilder>? names = null,
        DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        if (names != null)
        {
            var san = new SubjectAlternativeNameBuilder();
            names(san);
            request.CertificateExtensions.Add(san.Build());
        }
        return request.CreateSelfSigned(notBefore ?? DateTimeOffset.UtcNow.AddDays(-1), notAfter ?? DateTimeOffset.UtcNow.AddDays(1));
    }

    [Theory]
    [InlineData("web.example", "web.example", true)]
    [InlineData("WEB.Example", "web.example", true)]
    [InlineData("web.example.", "web.example", true)]
    [InlineData("*.example.org", "www.example.org", true)]
    [InlineData("*.example.org", "a.b.example.org", false)]
    [InlineData("*.example.org", "example.org", false)]
    [InlineData("*.org", "example.org", false)]
    [InlineData("w*.example.org", "www.example.org", false)]
    [InlineData("web.example", "other.example", false)]
    public void A_dNSName_matches_as_RFC_6125_says(string pattern, string host, bool matches)
    {
        Assert.Equal(matches, ServerCertificateCheck.DnsNameMatches(pattern, host));
    }

    [Fact]
    public void A_subjectAltName_dNSName_names_the_host_and_the_CN_is_then_ignored()
    {
        using var cert = SelfSigned("CN=cn.example", san => san.AddDnsName("san.example"));
        Assert.True(ServerCertificateCheck.NamesHost(cert, "san.example"));
        Assert.False(ServerCertificateCheck.NamesHost(cert, "cn.example"));
    }

    [Fact]
    public void Without_a_dNSName_the_subject_CN_names_the_host()
    {
        using var cert = SelfSigned("CN=cn.example");
        Assert.True(ServerCertificateCheck.NamesHost(cert, "cn.example"));
    }

    [Fact]
    public void An_address_matches_only_an_iPAddress_entry()
    {
        using var cert = SelfSigned("CN=127.0.0.1", san => { san.AddIpAddress(IPAddress.Loopback); san.AddDnsName("localhost"); });
        using var byName = SelfSigned("CN=127.0.0.1", san => san.AddDnsName("127.0.0.1"));
        Assert.True(ServerCertificateCheck.NamesHost(cert, "127.0.0.1"));
        Assert.False(ServerCertificateCheck.NamesHost(cert, "127.0.0.2"));
        Assert.False(ServerCertificateCheck.NamesHost(byName, "127.0.0.1"));
    }

    [Fact]
    public void An_untrusted_self_signed_certificate_is_X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT()
    {
        using var cert = SelfSigned("CN=web.example", san => san.AddDnsName("web.example"));
        var verdict = ServerCertificateCheck.Check(new[] { cert.RawData }, "web.example");
        Assert.Equal(18, verdict.VerifyResult);
        Assert.False(verdict.IsTrusted);
        Assert.Contains("self-signed", verdict.Problem);
    }

    [Fact]
    public void An_expired_certificate_is_X509_V_ERR_CERT_HAS_EXPIRED()
    {
        using var cert = SelfSigned("CN=web.example", san => san.AddDnsName("web.example"), DateTimeOffset.UtcNow.AddDays(-10), DateTimeOffset.UtcNow.AddDays(-5));
        Assert.Equal(10, ServerCertificateCheck.Check(new[] { cert.RawData }, "web.example").VerifyResult);
    }

    [Fact]
    public void A_certificate_not_yet_valid_is_X509_V_ERR_CERT_NOT_YET_VALID()
    {
        using var cert = SelfSigned("CN=web.example", san => san.AddDnsName("web.example"), DateTimeOffset.UtcNow.AddDays(5), DateTimeOffset.UtcNow.AddDays(10));
        Assert.Equal(9, ServerCertificateCheck.Check(new[] { cert.RawData }, "web.example").VerifyResult);
    }

    private static (X509Certificate2 Ca, X509Certificate2 Leaf) IssuedByUntrustedCa()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Untrusted test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=web.example", leafKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("web.example");
        leafRequest.CertificateExtensions.Add(san.Build());
        var leaf = leafRequest.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1), new byte[] { 1, 2, 3, 4 });
        return (ca, leaf);
    }

    [Fact]
    public void A_leaf_alone_from_an_unknown_issuer_is_X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE()
    {
        var (ca, leaf) = IssuedByUntrustedCa();
        using (ca) using (leaf)
            Assert.Equal(21, ServerCertificateCheck.Check(new[] { leaf.RawData }, "web.example").VerifyResult);
    }

    [Fact]
    public void A_chain_to_an_untrusted_root_is_X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN()
    {
        var (ca, leaf) = IssuedByUntrustedCa();
        using (ca) using (leaf)
            Assert.Equal(19, ServerCertificateCheck.Check(new[] { leaf.RawData, ca.RawData }, "web.example").VerifyResult);
    }

    [Fact]
    public void No_certificate_is_an_unspecified_failure()
    {
        var verdict = ServerCertificateCheck.Check(Array.Empty<byte[]>(), "web.example");
        Assert.Equal(1, verdict.VerifyResult);
        Assert.Equal("the server sent no certificate", verdict.Problem);
    }

    [Fact]
    public void Bytes_that_are_not_a_certificate_are_an_unspecified_failure_not_an_exception()
    {
        var verdict = ServerCertificateCheck.Check(new[] { new byte[] { 0x30, 0x03, 0x02, 0x01, 0x00 } }, "web.example");
        Assert.Equal(1, verdict.VerifyResult);
        Assert.Contains("does not parse", verdict.Problem);
    }
}
