namespace PSSslSession.Interop.Tests.Infrastructure;

/// <summary>
/// Deterministic corruptions of a well-formed session encoding for the differential test: truncations,
/// single bit flips, length-byte corruptions (±1 in place, non-minimal long form, indefinite 0x80 forms)
/// and insertions (stray bytes, and whole elements with the outer length fixed up).
/// </summary>
public static class DerMutations
{
    public const string Truncate = "truncate";
    public const string BitFlip = "bit-flip";
    public const string LengthPlusOne = "length+1";
    public const string LengthMinusOne = "length-1";
    public const string LengthLongForm = "length-long-form";
    public const string LengthIndefinite = "length-indefinite";
    public const string LengthIndefiniteWithoutEnd = "length-0x80-no-eoc";
    public const string InsertByte = "insert-byte";
    public const string InsertElement = "insert-element";

    private static readonly string[] MandatoryFields = { "version", "ssl_version", "cipher", "session_id", "master_key" };

    /// <summary>Every mutation of <paramref name="der"/> for <paramref name="seed"/>; the same inputs give the same list.</summary>
    public static IReadOnlyList<Mutation> Generate(byte[] der, int seed)
    {
        var root = DerNode.Parse(der);
        var random = new Random(seed);
        var fields = root.Children!;
        var list = new List<Mutation>();

        string FieldAt(int offset)
        {
            for (int i = 0; i < fields.Count; i++)
                if (offset >= fields[i].Offset && offset < fields[i].End) return FieldName(fields[i], i);
            return "SEQUENCE header";
        }
        void Add(string @class, string description, int offset, byte[] bytes) =>
            list.Add(new Mutation(@class, description, offset, FieldAt(offset), bytes));

        // Truncations: at every field boundary and inside every field header, plus random points.
        var cuts = new SortedSet<int> { 0, 1, 2, 3 };
        foreach (var field in fields)
        {
            cuts.Add(field.Offset);
            cuts.Add(field.Offset + 1);
            cuts.Add(field.ContentOffset);
            cuts.Add(field.End - 1);
        }
        for (int i = 0; i < 12; i++) cuts.Add(random.Next(der.Length));
        foreach (var cut in cuts.Where(c => c < der.Length))
            Add(Truncate, $"first {cut} of {der.Length} bytes", cut, der[..cut]);

        // Bit flips: most outside the peer certificate (the session's own fields), some inside it.
        var peer = fields.FirstOrDefault(f => f.Tag == 0xA3);
        bool InPeer(int offset) => peer != null && offset >= peer.ContentOffset && offset < peer.End;
        var flips = new SortedSet<(int Offset, int Bit)>();
        foreach (var field in fields)
        {
            flips.Add((field.Offset, random.Next(8)));
            flips.Add((field.LengthOffset, random.Next(8)));
        }
        while (flips.Count(f => !InPeer(f.Offset)) < 70) { int o = random.Next(der.Length); if (!InPeer(o)) flips.Add((o, random.Next(8))); }
        if (peer != null)
            for (int i = 0; i < 20; i++) flips.Add((peer.ContentOffset + random.Next(peer.Content.Length), random.Next(8)));
        foreach (var (offset, bit) in flips)
        {
            var bytes = (byte[])der.Clone();
            bytes[offset] ^= (byte)(1 << bit);
            Add(BitFlip, $"bit {bit} of byte {offset}: {der[offset]:X2} -> {bytes[offset]:X2}", offset, bytes);
        }

        // Length corruptions on the outer SEQUENCE, every field, the element inside each field, and a few deeper ones.
        var targets = root.Walk().Where(n => n.Depth <= 2).Select(n => n.Node).ToList();
        var deeper = root.Walk().Where(n => n.Depth > 2).Select(n => n.Node).ToList();
        for (int i = 0; i < 8 && deeper.Count > 0; i++) targets.Add(deeper[random.Next(deeper.Count)]);
        foreach (var node in targets.Distinct())
        {
            int lengthBytes = node.HeaderLength - 1;
            int length = node.Content.Length;
            foreach (var (delta, @class) in new[] { (1, LengthPlusOne), (-1, LengthMinusOne) })
            {
                int changed = length + delta;
                if (changed < 0 || (lengthBytes == 1 && changed >= 0x80)) continue;
                var bytes = (byte[])der.Clone();
                if (lengthBytes == 1) bytes[node.LengthOffset] = (byte)changed;
                else for (int i = 0; i < lengthBytes - 1; i++) bytes[node.LengthOffset + lengthBytes - 1 - i] = (byte)(changed >> (8 * i));
                Add(@class, $"tag {node.Tag:X2} length {length} -> {changed}, nothing else adjusted", node.LengthOffset, bytes);
            }

            // The same length in one more byte than needed (valid BER, not DER); enclosing lengths fixed up.
            var longForm = root.Encode((n, content) => ReferenceEquals(n, node) ? NonMinimalTlv(n.Tag, content) : null);
            Add(LengthLongForm, $"tag {node.Tag:X2} length {length} written non-minimally", node.LengthOffset, longForm);

            if (node.IsConstructed)
            {
                // Indefinite length with end-of-contents (valid BER, not DER); enclosing lengths fixed up.
                var indefinite = root.Encode((n, content) => ReferenceEquals(n, node) ? new[] { n.Tag, (byte)0x80 }.Concat(content).Concat(new byte[2]).ToArray() : null);
                Add(LengthIndefinite, $"tag {node.Tag:X2} with indefinite length and end-of-contents", node.LengthOffset, indefinite);
            }

            if (lengthBytes == 1)
            {
                var bytes = (byte[])der.Clone();
                bytes[node.LengthOffset] = 0x80;
                Add(LengthIndefiniteWithoutEnd, $"tag {node.Tag:X2} length byte {length:X2} -> 80, no end-of-contents", node.LengthOffset, bytes);
            }
        }

        // Stray bytes inserted, nothing adjusted.
        for (int i = 0; i < 25; i++)
        {
            int offset = random.Next(der.Length + 1);
            byte value = (byte)random.Next(256);
            var bytes = der[..offset].Concat(new[] { value }).Concat(der[offset..]).ToArray();
            Add(InsertByte, $"byte {value:X2} inserted before offset {offset}", offset, bytes);
        }

        // Whole elements inserted into the SEQUENCE, its length fixed up.
        var encodedFields = fields.Select(f => der[f.Offset..f.End]).ToList();
        void InsertField(int index, byte[] element, string description)
        {
            var content = encodedFields.Take(index).Concat(new[] { element }).Concat(encodedFields.Skip(index)).SelectMany(b => b).ToArray();
            int offset = index < fields.Count ? fields[index].Offset : root.End;
            Add(InsertElement, description, offset, DerNode.Tlv(0x30, content));
        }
        InsertField(5, new byte[] { 0x80, 0x02, 0xAB, 0xCD }, "[0] key_arg after master_key");
        InsertField(fields.Count, new byte[] { 0xB4, 0x04, 0x04, 0x02, 0x30, 0x00 }, "[20] peer_rpk at the end");
        InsertField(fields.Count, new byte[] { 0xB5, 0x03, 0x02, 0x01, 0x00 }, "unknown [21] at the end");
        InsertField(fields.Count, new byte[] { 0x05, 0x00 }, "NULL at the end");
        InsertField(0, new byte[] { 0x02, 0x01, 0x01 }, "a second version INTEGER first");
        for (int i = 0; i < fields.Count; i++)
            InsertField(i + 1, encodedFields[i], $"{FieldName(fields[i], i)} repeated right after itself");
        for (int i = 6; i < fields.Count; i++)
            InsertField(5, encodedFields[i], $"{FieldName(fields[i], i)} repeated right after master_key (out of order)");

        return list;
    }

    private static string FieldName(DerNode field, int index)
    {
        if (field.Tag >= 0xA0 && field.Tag <= 0xBF) return $"[{field.Tag - 0xA0}] " + ContextFieldName(field.Tag - 0xA0);
        if (field.Tag == 0x80) return "[0] key_arg";
        return index < MandatoryFields.Length ? MandatoryFields[index] : $"tag {field.Tag:X2}";
    }

    private static string ContextFieldName(int number) => number switch
    {
        1 => "time", 2 => "timeout", 3 => "peer", 4 => "sid_ctx", 5 => "verify_result", 6 => "hostname",
        7 => "psk_identity_hint", 8 => "psk_identity", 9 => "ticket_lifetime_hint", 10 => "ticket",
        11 => "comp_id", 12 => "srp_username", 13 => "flags", 14 => "tick_age_add", 15 => "max_early_data",
        16 => "alpn_selected", 17 => "max_fragment_len_mode", 18 => "ticket_appdata", 19 => "kex_group",
        20 => "peer_rpk", _ => "unknown",
    };

    private static byte[] NonMinimalTlv(byte tag, byte[] content)
    {
        var minimal = DerNode.DerLength(content.Length);
        int valueBytes = minimal.Length == 1 ? 1 : minimal.Length - 1;
        var length = new byte[2 + valueBytes];
        length[0] = (byte)(0x80 | (valueBytes + 1));
        for (int i = 0; i < valueBytes; i++) length[length.Length - 1 - i] = (byte)(content.Length >> (8 * i));
        return new[] { tag }.Concat(length).Concat(content).ToArray();
    }
}
