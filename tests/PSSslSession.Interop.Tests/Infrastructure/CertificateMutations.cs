namespace PSSslSession.Interop.Tests.Infrastructure;

/// <summary>
/// Structure-aware corruptions of the peer certificate inside a session ([3]) for the differential test of the rules
/// d2i_X509 applies while it parses (the codec's Certificates.IsWellFormed and Canonicalize). Every element of the
/// certificate is retagged, emptied, removed, doubled and followed by a stray element; each kind of value gets the
/// contents OpenSSL's decoder checks: INTEGER padding, OBJECT IDENTIFIER sub-identifiers, BIT STRING unused bits,
/// BOOLEAN/NULL lengths, the string types a name may hold and their encodings, ANY parameters in every form, extension
/// flags and values, unique ids. Enclosing lengths are always fixed up, so each corruption tests one rule.
/// Deterministic (no randomness); identical results are listed once.
/// </summary>
public static class CertificateMutations
{
    public const string Retag = "cert-retag";
    public const string LowTagInHighForm = "cert-low-tag-in-high-form";
    public const string Empty = "cert-empty";
    public const string Remove = "cert-remove";
    public const string Duplicate = "cert-duplicate";
    public const string Append = "cert-append";
    public const string Content = "cert-content";
    public const string NameValue = "cert-name-value";
    public const string Parameter = "cert-parameter";
    public const string ConstructedEndOfContents = "cert-parameter-constructed-tag-0";
    public const string Extension = "cert-extension";
    public const string UniqueId = "cert-unique-id";

    /// <summary>Every corruption of the certificate in <paramref name="sessionDer"/>'s [3] field; the same input gives the same list.</summary>
    public static IReadOnlyList<Mutation> Generate(byte[] sessionDer)
    {
        var root = DerNode.Parse(sessionDer);
        var peer = root.Children!.Single(f => f.Tag == 0xA3);
        var cert = peer.Children![0];
        var tbs = cert.Children![0];
        var paths = new Dictionary<DerNode, string>(ReferenceEqualityComparer.Instance);
        Name(cert, "certificate");

        var list = new List<Mutation>();
        var seen = new HashSet<string>();
        void Add(string @class, DerNode at, string description, byte[] bytes)
        {
            if (seen.Add(Convert.ToHexString(bytes))) list.Add(new Mutation(@class, description, at.Offset, paths[at], bytes));
        }
        byte[] Replace(DerNode target, byte[] replacement) =>
            root.Encode((n, content) => ReferenceEquals(n, target) ? replacement : null);

        foreach (var (node, _) in cert.Walk())
        {
            var tlv = Tlv(node);
            string at = $"{paths[node]} (tag {node.Tag:X2})";
            // Any element: its tag in other forms, no content, gone, twice, a NULL after it.
            byte other = node.Tag switch { 0x30 => 0x10, 0x31 => 0x11, _ => (byte)(node.Tag ^ 0x20) };
            Add(Retag, node, $"{at} retagged {other:X2}", Replace(node, DerNode.Tlv(other, node.Content)));
            if ((node.Tag & 0xC0) == 0)
            {
                byte context = (byte)(0x80 | (node.Tag & 0x3F));
                Add(Retag, node, $"{at} retagged context-specific {context:X2}", Replace(node, DerNode.Tlv(context, node.Content)));
                var high = new[] { (byte)((node.Tag & 0xE0) | 0x1F), (byte)(node.Tag & 0x1F) }.Concat(DerNode.DerLength(node.Content.Length)).Concat(node.Content).ToArray();
                Add(LowTagInHighForm, node, $"{at} with its tag number in the high-tag-number form", Replace(node, high));
            }
            if (ReferenceEquals(node, cert)) continue;
            Add(Empty, node, $"{at} emptied", Replace(node, DerNode.Tlv(node.Tag, Array.Empty<byte>())));
            Add(Remove, node, $"{at} removed", Replace(node, Array.Empty<byte>()));
            Add(Duplicate, node, $"{at} twice", Replace(node, tlv.Concat(tlv).ToArray()));
            Add(Append, node, $"{at} followed by NULL", Replace(node, tlv.Concat(new byte[] { 0x05, 0x00 }).ToArray()));

            if (!node.IsConstructed && node.Content.Length >= 2 && (node.Tag & 0xC0) != 0x40)
            {
                // BER's constructed form of a primitive value: two pieces under the primitive tag, as asn1_collect reads them.
                int half = node.Content.Length / 2;
                byte piece = (byte)((node.Tag & 0xC0) == 0 ? node.Tag : 0x04);
                var pieces = DerNode.Tlv(piece, node.Content[..half]).Concat(DerNode.Tlv(piece, node.Content[half..])).ToArray();
                Add(Content, node, $"{at} in the constructed form, two pieces", Replace(node, DerNode.Tlv((byte)(node.Tag | 0x20), pieces)));
            }
            foreach (var (content, what) in ContentVariants(node.Tag, node.Content))
                Add(Content, node, $"{at} content {what}: {Convert.ToHexString(content)}", Replace(node, DerNode.Tlv(node.Tag, content)));
        }

        // Name values: every string type a name may (or may not) hold, with this value's bytes and with edge encodings.
        foreach (var (node, _) in tbs.Walk().Where(n => IsNameValue(n.Node, tbs)))
        {
            string at = paths[node];
            for (byte tag = 0x00; tag <= 0x1E; tag++)
                if (tag != node.Tag) Add(NameValue, node, $"{at} as tag {tag:X2}", Replace(node, DerNode.Tlv(tag, node.Content)));
            foreach (var (tag, content, what) in StringEncodings)
                Add(NameValue, node, $"{at} as tag {tag:X2} holding {what}", Replace(node, DerNode.Tlv(tag, content)));
            Add(NameValue, node, $"{at} as constructed PrintableString", Replace(node, DerNode.Tlv(0x33, DerNode.Tlv(0x13, node.Content))));
            Add(NameValue, node, $"{at} as SEQUENCE of an INTEGER", Replace(node, DerNode.Tlv(0x30, new byte[] { 0x02, 0x01, 0x01 })));
            Add(NameValue, node, $"{at} as [0] {{ PrintableString }}", Replace(node, DerNode.Tlv(0xA0, DerNode.Tlv(0x13, node.Content))));
            Add(NameValue, node, $"{at} as a high-tag-number string", Replace(node, new byte[] { 0x1F, 0x20 }.Concat(DerNode.DerLength(node.Content.Length)).Concat(node.Content).ToArray()));
        }
        foreach (var (node, _) in tbs.Walk().Where(n => n.Node.Tag == 0x31))
        {
            var atv = Tlv(node.Children![0]);
            Add(NameValue, node, $"{paths[node]} with two attributes", Replace(node, DerNode.Tlv(0x31, atv.Concat(atv).ToArray())));
            Add(NameValue, node, $"{paths[node]} followed by a second RDN", Replace(node, Tlv(node).Concat(Tlv(node)).ToArray()));
        }

        // AlgorithmIdentifier parameters (ANY): every form, in the outer signatureAlgorithm (re-encoded by i2d_X509),
        // the tbsCertificate's signature and the key's algorithm (kept as received).
        foreach (var (node, _) in cert.Walk().Where(n => n.Node.Tag == 0x30 && n.Node.Children is { Count: > 0 } c && c[0].Tag == 0x06 && c.Count <= 2
                                                 && !IsNameAttribute(n.Node, tbs) && !paths[n.Node].Contains("extensions", StringComparison.Ordinal)))
        {
            var oid = Tlv(node.Children![0]);
            Add(Parameter, node, $"{paths[node]} without parameters", Replace(node, DerNode.Tlv(0x30, oid)));
            foreach (var (parameter, what) in Parameters)
                Add(parameter[0] == 0x20 ? ConstructedEndOfContents : Parameter, node, $"{paths[node]} with parameter {what}: {Convert.ToHexString(parameter)}", Replace(node, DerNode.Tlv(0x30, oid.Concat(parameter).ToArray())));
            Add(Parameter, node, $"{paths[node]} with two parameters", Replace(node, DerNode.Tlv(0x30, oid.Concat(new byte[] { 0x05, 0x00, 0x05, 0x00 }).ToArray())));
        }

        // Extensions: the critical flag and the value's forms.
        var extensions = tbs.Children!.FirstOrDefault(c => c.Tag == 0xA3)?.Children?[0].Children ?? new List<DerNode>();
        foreach (var extension in extensions)
        {
            var oid = Tlv(extension.Children![0]);
            var value = extension.Children.Last();
            string at = paths[extension];
            foreach (var (middle, what) in new[]
                     {
                         (new byte[] { 0x01, 0x01, 0xFF }, "critical TRUE"), (new byte[] { 0x01, 0x01, 0x00 }, "critical FALSE written out"),
                         (new byte[] { 0x01, 0x01, 0x01 }, "critical 01"), (new byte[] { 0x01, 0x02, 0x00, 0xFF }, "a 2-byte critical flag"),
                         (new byte[] { 0x01, 0x00 }, "an empty critical flag"), (new byte[] { 0x02, 0x01, 0x01 }, "an INTEGER for the critical flag"),
                     })
                Add(Extension, extension, $"{at} with {what}", Replace(extension, DerNode.Tlv(0x30, oid.Concat(middle).Concat(Tlv(value)).ToArray())));
            int half = value.Content.Length / 2;
            var pieces = DerNode.Tlv(0x04, value.Content[..half]).Concat(DerNode.Tlv(0x04, value.Content[half..])).ToArray();
            Add(Extension, extension, $"{at} with its value as a constructed OCTET STRING in two pieces", Replace(value, DerNode.Tlv(0x24, pieces)));
            Add(Extension, extension, $"{at} with its value as a constructed OCTET STRING holding a NULL", Replace(value, DerNode.Tlv(0x24, new byte[] { 0x05, 0x00 })));
            Add(Extension, extension, $"{at} with its value as a constructed OCTET STRING with a truncated piece", Replace(value, DerNode.Tlv(0x24, new byte[] { 0x04, 0x05, 0x01 })));
            Add(Extension, extension, $"{at} with its value as a BIT STRING", Replace(value, DerNode.Tlv(0x03, new byte[] { 0x00 }.Concat(value.Content).ToArray())));
            Add(Extension, extension, $"{at} with no value", Replace(extension, DerNode.Tlv(0x30, oid)));
        }

        // issuerUniqueID [1] and subjectUniqueID [2] after the public key: BIT STRINGs, in this order only.
        var key = tbs.Children!.First(c => paths[c].EndsWith("subjectPublicKeyInfo", StringComparison.Ordinal));
        foreach (var (ids, what) in new[]
                 {
                     (new byte[] { 0x81, 0x02, 0x00, 0xAB }, "[1] issuerUniqueID"), (new byte[] { 0x82, 0x02, 0x00, 0xAB }, "[2] subjectUniqueID"),
                     (new byte[] { 0x81, 0x02, 0x00, 0xAB, 0x82, 0x02, 0x00, 0xCD }, "[1] and [2]"),
                     (new byte[] { 0x82, 0x02, 0x00, 0xCD, 0x81, 0x02, 0x00, 0xAB }, "[2] before [1]"),
                     (new byte[] { 0x81, 0x02, 0x08, 0xAB }, "[1] with 8 unused bits"), (new byte[] { 0x82, 0x02, 0x08, 0xAB }, "[2] with 8 unused bits"),
                     (new byte[] { 0x81, 0x00 }, "an empty [1]"), (new byte[] { 0x82, 0x00 }, "an empty [2]"),
                     (new byte[] { 0x81, 0x02, 0x07, 0xFF }, "[1] with 7 unused bits set"),
                     (new byte[] { 0xA1, 0x04, 0x03, 0x02, 0x00, 0xAB }, "a constructed [1]"),
                     (new byte[] { 0x83, 0x00 }, "a primitive [3]"),
                 })
            Add(UniqueId, key, $"{what} after subjectPublicKeyInfo", Replace(key, Tlv(key).Concat(ids).ToArray()));

        return list;

        void Name(DerNode node, string path)
        {
            paths[node] = path;
            if (node.Children == null) return;
            if (ReferenceEquals(node, cert))
            {
                string[] names = { "tbsCertificate", "signatureAlgorithm", "signatureValue" };
                for (int i = 0; i < node.Children.Count; i++) Name(node.Children[i], i < names.Length ? names[i] : $"element {i}");
                return;
            }
            if (ReferenceEquals(node, tbs))
            {
                string[] names = { "serialNumber", "signature", "issuer", "validity", "subject", "subjectPublicKeyInfo" };
                int field = 0;
                foreach (var child in node.Children)
                {
                    string name = child.Tag switch
                    {
                        0xA0 => "version", 0x81 => "issuerUniqueID", 0x82 => "subjectUniqueID", 0xA3 => "extensions",
                        _ => field < names.Length ? names[field++] : $"element {field++}",
                    };
                    Name(child, $"tbsCertificate/{name}");
                }
                return;
            }
            for (int i = 0; i < node.Children.Count; i++) Name(node.Children[i], $"{path}/{i}");
        }
    }

    private static byte[] Tlv(DerNode node) => DerNode.Tlv(node.Tag, node.Content);

    // SEQUENCE { OID, value } inside a SET inside issuer/subject.
    private static bool IsNameAttribute(DerNode node, DerNode tbs) =>
        tbs.Children!.Where(c => c.Tag == 0x30).Skip(1).Take(3).Where((c, i) => i != 1)
            .SelectMany(name => name.Children!).SelectMany(rdn => rdn.Children ?? new List<DerNode>())
            .Any(atv => ReferenceEquals(atv, node));

    private static bool IsNameValue(DerNode node, DerNode tbs) =>
        tbs.Walk().Any(n => IsNameAttribute(n.Node, tbs) && n.Node.Children!.Count == 2 && ReferenceEquals(n.Node.Children[1], node));

    /// <summary>Contents that exercise the decoder's checks for the element's own type.</summary>
    private static IEnumerable<(byte[] Content, string What)> ContentVariants(byte tag, byte[] content)
    {
        switch (tag)
        {
            case 0x02:
                yield return (new byte[] { 0x00 }.Concat(content).ToArray(), "with a 00 prepended");
                yield return (new byte[] { 0xFF }.Concat(content).ToArray(), "with an FF prepended");
                foreach (var v in new[] { new byte[] { 0x00 }, new byte[] { 0xFF }, new byte[] { 0x00, 0x7F }, new byte[] { 0x00, 0x80 }, new byte[] { 0xFF, 0x7F }, new byte[] { 0xFF, 0x80 }, new byte[] { 0x01, 0x00 } })
                    yield return (v, "replaced");
                break;
            case 0x06:
                yield return (new byte[] { 0x80 }.Concat(content).ToArray(), "with 80 prepended");
                yield return (content[..^1].Concat(new[] { (byte)(content[^1] | 0x80) }).ToArray(), "with the last sub-identifier unfinished");
                yield return (content[..1].Concat(new byte[] { 0x80 }).Concat(content[1..]).ToArray(), "with a sub-identifier starting 80");
                foreach (var v in new[] { new byte[] { 0x80 }, new byte[] { 0x01 }, new byte[] { 0x81, 0x80, 0x01 }, new byte[] { 0x2A, 0x81, 0x80, 0x01 }, new byte[] { 0x2A, 0x80, 0x01 }, new byte[] { 0x2A, 0x86 } })
                    yield return (v, "replaced");
                break;
            case 0x03:
                if (content.Length > 0)
                {
                    yield return (new byte[] { 0x08 }.Concat(content[1..]).ToArray(), "with 8 unused bits");
                    yield return (new byte[] { 0x07 }.Concat(content[1..]).ToArray(), "with 7 unused bits");
                    if (content.Length > 1)
                        yield return (new byte[] { 0x03 }.Concat(content[1..^1]).Concat(new[] { (byte)(content[^1] | 0x07) }).ToArray(), "with 3 unused bits, set");
                }
                foreach (var v in new[] { new byte[] { 0x00 }, new byte[] { 0x01 }, new byte[] { 0x07 }, new byte[] { 0x08 } })
                    yield return (v, "replaced");
                break;
            case 0x01:
                foreach (var v in new[] { new byte[] { 0x00 }, new byte[] { 0x01 }, new byte[] { 0xFF, 0xFF } })
                    yield return (v, "replaced");
                break;
            case 0x05:
                yield return (new byte[] { 0x00 }, "replaced");
                break;
            case 0x17:
            case 0x18:
                yield return (content.Concat(new byte[] { 0x30 }).ToArray(), "with a digit appended");
                break;
        }
    }

    /// <summary>Strings with the encodings OpenSSL canonicalises or refuses in a name: UTF-8, BMP (UCS-2), Universal (UCS-4).</summary>
    private static readonly (byte Tag, byte[] Content, string What)[] StringEncodings =
    {
        (0x0C, new byte[] { 0xC3, 0xA9 }, "UTF-8 e-acute"), (0x0C, new byte[] { 0xC0, 0x80 }, "overlong UTF-8 NUL"),
        (0x0C, new byte[] { 0xC2, 0x80 }, "UTF-8 U+0080"), (0x0C, new byte[] { 0xE0, 0x9F, 0xBF }, "overlong 3-byte UTF-8"),
        (0x0C, new byte[] { 0xE0, 0xA0, 0x80 }, "UTF-8 U+0800"), (0x0C, new byte[] { 0xED, 0xA0, 0x80 }, "a UTF-8 surrogate"),
        (0x0C, new byte[] { 0xEE, 0x80, 0x80 }, "UTF-8 U+E000"), (0x0C, new byte[] { 0xED, 0x9F, 0xBF }, "UTF-8 U+D7FF"),
        (0x0C, new byte[] { 0xF0, 0x8F, 0xBF, 0xBF }, "overlong 4-byte UTF-8"), (0x0C, new byte[] { 0xF0, 0x90, 0x80, 0x80 }, "UTF-8 U+10000"),
        (0x0C, new byte[] { 0xF4, 0x8F, 0xBF, 0xBF }, "UTF-8 U+10FFFF"), (0x0C, new byte[] { 0xF4, 0x90, 0x80, 0x80 }, "UTF-8 above U+10FFFF"),
        (0x0C, new byte[] { 0xF8, 0x88, 0x80, 0x80, 0x80 }, "a 5-byte UTF-8 form"), (0x0C, new byte[] { 0x41, 0xE2, 0x82 }, "truncated UTF-8"),
        (0x0C, new byte[] { 0x41, 0xC3 }, "UTF-8 cut after a lead byte"), (0x0C, new byte[] { 0x80 }, "a lone UTF-8 continuation byte"),
        (0x0C, new byte[] { 0xC3, 0x41 }, "a UTF-8 lead byte without continuation"), (0x0C, Array.Empty<byte>(), "nothing"),
        (0x1E, new byte[] { 0x00, 0x41 }, "BMP A"), (0x1E, new byte[] { 0x00 }, "an odd BMP length"), (0x1E, new byte[] { 0x00, 0x41, 0x00 }, "3 BMP bytes"),
        (0x1E, new byte[] { 0xD8, 0x00 }, "a BMP surrogate"), (0x1E, new byte[] { 0xDF, 0xFF }, "the last BMP surrogate"),
        (0x1E, new byte[] { 0xD7, 0xFF }, "BMP U+D7FF"), (0x1E, new byte[] { 0xE0, 0x00 }, "BMP U+E000"), (0x1E, new byte[] { 0xFF, 0xFF }, "BMP U+FFFF"),
        (0x1C, new byte[] { 0x00, 0x00, 0x00, 0x41 }, "Universal A"), (0x1C, new byte[] { 0x00, 0x00, 0x41 }, "3 Universal bytes"),
        (0x1C, new byte[] { 0x00, 0x00, 0x00, 0x41, 0x00, 0x00 }, "6 Universal bytes"), (0x1C, new byte[] { 0x00, 0x10, 0xFF, 0xFF }, "Universal U+10FFFF"),
        (0x1C, new byte[] { 0x00, 0x11, 0x00, 0x00 }, "Universal above U+10FFFF"), (0x1C, new byte[] { 0x00, 0x00, 0xD8, 0x00 }, "a Universal surrogate"),
        (0x1C, new byte[] { 0x00, 0x00, 0xDF, 0xFF }, "the last Universal surrogate"), (0x1C, new byte[] { 0x01, 0x00, 0x00, 0x41 }, "Universal with a high byte"),
        (0x03, new byte[] { 0x00, 0xAB }, "a BIT STRING"), (0x03, new byte[] { 0x08, 0xAB }, "a BIT STRING with 8 unused bits"), (0x03, Array.Empty<byte>(), "an empty BIT STRING"),
    };

    /// <summary>ANY values for AlgorithmIdentifier.parameters, each a whole element.</summary>
    private static readonly (byte[] Element, string What)[] Parameters =
    {
        (new byte[] { 0x05, 0x00 }, "NULL"), (new byte[] { 0x05, 0x01, 0x00 }, "NULL with a byte"),
        (new byte[] { 0x01, 0x01, 0xFF }, "BOOLEAN"), (new byte[] { 0x01, 0x02, 0x00, 0x00 }, "2-byte BOOLEAN"), (new byte[] { 0x01, 0x00 }, "empty BOOLEAN"),
        (new byte[] { 0x02, 0x01, 0x05 }, "INTEGER"), (new byte[] { 0x02, 0x02, 0x00, 0x05 }, "padded INTEGER"), (new byte[] { 0x02, 0x00 }, "empty INTEGER"),
        (new byte[] { 0x0A, 0x01, 0x01 }, "ENUMERATED"), (new byte[] { 0x0A, 0x00 }, "empty ENUMERATED"),
        (new byte[] { 0x06, 0x01, 0x2A }, "OID"), (new byte[] { 0x06, 0x01, 0x80 }, "OID 80"), (new byte[] { 0x06, 0x01, 0xAA }, "unfinished OID"),
        (new byte[] { 0x03, 0x01, 0x00 }, "empty BIT STRING"), (new byte[] { 0x03, 0x02, 0x07, 0xFF }, "BIT STRING with 7 unused bits set"),
        (new byte[] { 0x03, 0x02, 0x08, 0x00 }, "BIT STRING with 8 unused bits"), (new byte[] { 0x03, 0x00 }, "BIT STRING without its unused-bits octet"),
        (new byte[] { 0x1E, 0x02, 0x00, 0x41 }, "BMPString"), (new byte[] { 0x1E, 0x01, 0x41 }, "odd BMPString"), (new byte[] { 0x1E, 0x02, 0xD8, 0x00 }, "BMP surrogate"),
        (new byte[] { 0x1C, 0x04, 0x00, 0x00, 0x00, 0x41 }, "UniversalString"), (new byte[] { 0x1C, 0x03, 0x00, 0x00, 0x41 }, "3-byte UniversalString"),
        (new byte[] { 0x0C, 0x02, 0xC0, 0x80 }, "overlong UTF8String"), (new byte[] { 0x04, 0x02, 0xAB, 0xCD }, "OCTET STRING"),
        (new byte[] { 0x13, 0x02, 0x41, 0x42 }, "PrintableString"), (new byte[] { 0x00, 0x00 }, "universal tag 0"),
        (new byte[] { 0x30, 0x00 }, "empty SEQUENCE"), (new byte[] { 0x31, 0x00 }, "empty SET"), (new byte[] { 0x30, 0x03, 0x02, 0x01, 0x01 }, "SEQUENCE"),
        (new byte[] { 0x30, 0x02, 0x02, 0x05 }, "SEQUENCE holding a broken element"), (new byte[] { 0x10, 0x00 }, "primitive SEQUENCE"),
        (new byte[] { 0xA0, 0x00 }, "[0]"), (new byte[] { 0x80, 0x01, 0x00 }, "primitive [0]"), (new byte[] { 0x40, 0x00 }, "[APPLICATION 0]"),
        (new byte[] { 0x1F, 0x20, 0x00 }, "universal tag 32"), (new byte[] { 0x5F, 0x20, 0x00 }, "[APPLICATION 32]"), (new byte[] { 0x9F, 0x81, 0x00, 0x00 }, "[128]"),
        (new byte[] { 0x24, 0x06, 0x04, 0x01, 0xAB, 0x04, 0x01, 0xCD }, "constructed OCTET STRING"),
        (new byte[] { 0x24, 0x04, 0x05, 0x00, 0x04, 0x00 }, "constructed OCTET STRING with a NULL piece"),
        (new byte[] { 0x24, 0x00 }, "empty constructed OCTET STRING"),
        (new byte[] { 0x24, 0x02, 0x00, 0x00 }, "constructed OCTET STRING holding end-of-contents"),
        (new byte[] { 0x24, 0x0C, 0x24, 0x0A, 0x24, 0x08, 0x24, 0x06, 0x24, 0x04, 0x24, 0x02, 0x04, 0x00 }, "constructed OCTET STRING nested 6 deep"),
        (new byte[] { 0x24, 0x0A, 0x24, 0x08, 0x24, 0x06, 0x24, 0x04, 0x24, 0x02, 0x04, 0x00 }, "constructed OCTET STRING nested 5 deep"),
        (new byte[] { 0x23, 0x04, 0x03, 0x02, 0x00, 0xAB }, "constructed BIT STRING"),
        (new byte[] { 0x2C, 0x04, 0x0C, 0x02, 0x41, 0x42 }, "constructed UTF8String"),
        (new byte[] { 0x3E, 0x04, 0x1E, 0x02, 0x00, 0x41 }, "constructed BMPString"),
        (new byte[] { 0x3C, 0x03, 0x04, 0x01, 0x41 }, "constructed UniversalString of 1 byte"),
        (new byte[] { 0x21, 0x03, 0x01, 0x01, 0xFF }, "constructed BOOLEAN"), (new byte[] { 0x22, 0x03, 0x02, 0x01, 0x05 }, "constructed INTEGER"),
        (new byte[] { 0x25, 0x02, 0x05, 0x00 }, "constructed NULL"), (new byte[] { 0x26, 0x03, 0x06, 0x01, 0x2A }, "constructed OID"),
        (new byte[] { 0x2A, 0x03, 0x0A, 0x01, 0x01 }, "constructed ENUMERATED"), (new byte[] { 0x27, 0x00 }, "constructed tag 7"),
        (new byte[] { 0x20, 0x00 }, "constructed universal tag 0"), (new byte[] { 0x00, 0x01, 0xAB }, "universal tag 0 with a byte"),
        (new byte[] { 0x20, 0x03, 0x04, 0x01, 0xAB }, "constructed universal tag 0 with a piece"), (new byte[] { 0x30, 0x02, 0x00, 0x00 }, "SEQUENCE holding end-of-contents"),
        (new byte[] { 0x3E, 0x03, 0x1E, 0x01, 0x41 }, "constructed BMPString of 1 byte"), (new byte[] { 0x23, 0x03, 0x03, 0x01, 0x08 }, "constructed BIT STRING with 8 unused bits"),
        (new byte[] { 0x2A, 0x02, 0x0A, 0x00 }, "constructed empty ENUMERATED"), (new byte[] { 0x0A, 0x02, 0x00, 0x05 }, "padded ENUMERATED"),
    };
}
