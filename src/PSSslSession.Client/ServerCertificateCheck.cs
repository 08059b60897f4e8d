using System;
using System.Collections.Generic;
using System.Formats.Asn1;
using System.Linq;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace PSSslSession.Client
{
    /// <summary>
    /// Checks a server's chain as a browser-like client does: it must build to a root the machine trusts (the platform
    /// store; on Linux OpenSSL's, so SSL_CERT_FILE / SSL_CERT_DIR apply), every certificate must be in its validity period,
    /// and the leaf must name the host (RFC 6125: subjectAltName dNSName with a left-most wildcard, iPAddress for an address,
    /// the subject CN only when there is no dNSName). Revocation is not checked (no network beyond the server itself).
    /// Failures map to the X509_V_ERR_* code OpenSSL would record.
    /// </summary>
    public static class ServerCertificateCheck
    {
        // OpenSSL X509_V_ERR_* codes (x509_vfy.h).
        internal const long Ok = 0, Unspecified = 1, SignatureFailure = 7, NotYetValid = 9, Expired = 10,
            DepthZeroSelfSigned = 18, SelfSignedInChain = 19, UnableToGetIssuerLocally = 20, Revoked = 23, InvalidCa = 24,
            UnableToVerifyLeafSignature = 21, InvalidPurpose = 26, HostnameMismatch = 62;

        private const string SubjectAltNameOid = "2.5.29.17";

        /// <summary>Checks <paramref name="chain"/> (DER, leaf first, as the server sent it) for <paramref name="hostName"/>.</summary>
        public static CertificateVerdict Check(IReadOnlyList<byte[]> chain, string hostName)
        {
            if (chain == null || chain.Count == 0) return new CertificateVerdict(Unspecified, "the server sent no certificate");
            var certificates = new List<X509Certificate2>();
            try
            {
                foreach (var der in chain) certificates.Add(new X509Certificate2(der));
                var trust = CheckChain(certificates);
                if (trust != null) return trust;
                return NamesHost(certificates[0], hostName)
                    ? new CertificateVerdict(Ok, null)
                    : new CertificateVerdict(HostnameMismatch, $"the certificate is for {string.Join(", ", NamesOf(certificates[0]).Select(n => "'" + n + "'"))}, not '{hostName}'");
            }
            catch (System.Security.Cryptography.CryptographicException e)
            {
                return new CertificateVerdict(Unspecified, $"the server's certificate does not parse ({e.Message})");
            }
            finally
            {
                foreach (var c in certificates) c.Dispose();
            }
        }

        private static CertificateVerdict? CheckChain(List<X509Certificate2> certificates)
        {
            using (var chain = new X509Chain())
            {
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                chain.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
                for (int i = 1; i < certificates.Count; i++) chain.ChainPolicy.ExtraStore.Add(certificates[i]);
                if (chain.Build(certificates[0])) return null;
                var flags = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
                var detail = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
                var subject = certificates[0].Subject;
                var (code, what) = Classify(flags, chain.ChainElements.Count, certificates[0]);
                return new CertificateVerdict(code, $"{what} (certificate '{subject}'{(detail.Length > 0 ? ": " + detail : "")})");
            }
        }

        private static (long, string) Classify(X509ChainStatusFlags flags, int length, X509Certificate2 leaf)
        {
            if ((flags & X509ChainStatusFlags.NotTimeValid) != 0)
                return DateTime.Now < leaf.NotBefore ? (NotYetValid, "the certificate is not yet valid") : (Expired, "a certificate of the chain has expired");
            if ((flags & X509ChainStatusFlags.Revoked) != 0) return (Revoked, "a certificate of the chain is revoked");
            if ((flags & X509ChainStatusFlags.NotSignatureValid) != 0) return (SignatureFailure, "a signature of the chain does not verify");
            if ((flags & X509ChainStatusFlags.InvalidBasicConstraints) != 0) return (InvalidCa, "an issuer of the chain is not a CA");
            if ((flags & X509ChainStatusFlags.NotValidForUsage) != 0) return (InvalidPurpose, "the certificate is not for server authentication");
            if ((flags & X509ChainStatusFlags.UntrustedRoot) != 0)
                return length <= 1 && leaf.SubjectName.RawData.AsSpan().SequenceEqual(leaf.IssuerName.RawData)
                    ? (DepthZeroSelfSigned, "the certificate is self-signed and not trusted")
                    : (SelfSignedInChain, "the chain ends in a root this machine does not trust");
            if ((flags & X509ChainStatusFlags.PartialChain) != 0)
                return length <= 1
                    ? (UnableToVerifyLeafSignature, "the certificate's issuer is unknown (the server sent no chain and the machine does not hold it)")
                    : (UnableToGetIssuerLocally, "the chain does not reach a trusted root (an issuer is missing)");
            return (Unspecified, "the chain is not trusted");
        }

        /// <summary>Whether <paramref name="leaf"/> names <paramref name="host"/> (RFC 6125 rules as above).</summary>
        internal static bool NamesHost(X509Certificate2 leaf, string host)
        {
            var (dnsNames, addresses) = SubjectAltNames(leaf);
            if (IPAddress.TryParse(host, out var address))
                return addresses.Any(a => a.Equals(address));
            var name = host.TrimEnd('.');
            if (dnsNames.Count > 0) return dnsNames.Any(pattern => DnsNameMatches(pattern, name));
            var cn = leaf.GetNameInfo(X509NameType.SimpleName, false);
            return !string.IsNullOrEmpty(cn) && DnsNameMatches(cn, name);
        }

        /// <summary>A dNSName pattern against a host: case-insensitive; '*' only as the whole left-most label, matching one label.</summary>
        internal static bool DnsNameMatches(string pattern, string host)
        {
            pattern = pattern.TrimEnd('.');
            if (pattern.StartsWith("*.", StringComparison.Ordinal))
            {
                var dot = host.IndexOf('.');
                if (dot <= 0) return false;
                // A wildcard never stands for a whole registrable suffix ("*.com") here: at least two labels must follow it.
                var suffix = pattern.Substring(2);
                return suffix.IndexOf('.') > 0 && string.Equals(host.Substring(dot + 1), suffix, StringComparison.OrdinalIgnoreCase);
            }
            return pattern.IndexOf('*') < 0 && string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase);
        }

        private static IEnumerable<string> NamesOf(X509Certificate2 leaf)
        {
            var (dns, addresses) = SubjectAltNames(leaf);
            var names = dns.Concat(addresses.Select(a => a.ToString())).ToList();
            if (names.Count == 0) names.Add(leaf.GetNameInfo(X509NameType.SimpleName, false));
            return names;
        }

        private static (List<string> Dns, List<IPAddress> Addresses) SubjectAltNames(X509Certificate2 leaf)
        {
            var dns = new List<string>();
            var addresses = new List<IPAddress>();
            var extension = leaf.Extensions.Cast<X509Extension>().FirstOrDefault(e => e.Oid?.Value == SubjectAltNameOid);
            if (extension == null) return (dns, addresses);
            try
            {
                var names = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
                while (names.HasData)
                {
                    var tag = names.PeekTag();
                    if (tag.HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 2)))
                        dns.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, new Asn1Tag(TagClass.ContextSpecific, 2)));
                    else if (tag.HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 7)))
                    {
                        var raw = names.ReadOctetString(new Asn1Tag(TagClass.ContextSpecific, 7));
                        if (raw.Length == 4 || raw.Length == 16) addresses.Add(new IPAddress(raw));
                    }
                    else names.ReadEncodedValue();
                }
            }
            catch (AsnContentException)
            {
                // A malformed extension names nothing.
            }
            return (dns, addresses);
        }
    }
}
