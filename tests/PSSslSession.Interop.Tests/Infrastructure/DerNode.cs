namespace PSSslSession.Interop.Tests.Infrastructure;

/// <summary>
/// A minimal BER/DER TLV tree of a well-formed encoding (definite lengths, tags below 31): enough to
/// aim mutations at headers and to re-encode with the enclosing lengths fixed up. Test-only, and
/// independent of the codec under test on purpose.
/// </summary>
public sealed class DerNode
{
    private DerNode(byte tag, int offset, int headerLength, byte[] content, List<DerNode>? children)
    {
        Tag = tag;
        Offset = offset;
        HeaderLength = headerLength;
        Content = content;
        Children = children;
    }

    /// <summary>The identifier byte; bit 0x20 = constructed.</summary>
    public byte Tag { get; }

    /// <summary>Offset of the identifier byte in the original encoding.</summary>
    public int Offset { get; }

    /// <summary>Identifier plus length bytes.</summary>
    public int HeaderLength { get; }

    /// <summary>The content bytes as in the original encoding.</summary>
    public byte[] Content { get; }

    /// <summary>Child elements of a constructed element; null for a primitive one.</summary>
    public List<DerNode>? Children { get; }

    public bool IsConstructed => (Tag & 0x20) != 0;

    /// <summary>Offset of the first length byte.</summary>
    public int LengthOffset => Offset + 1;

    public int ContentOffset => Offset + HeaderLength;

    public int End => ContentOffset + Content.Length;

    /// <summary>This element and all elements inside it, depth first, each with its depth (0 = this).</summary>
    public IEnumerable<(DerNode Node, int Depth)> Walk(int depth = 0)
    {
        yield return (this, depth);
        if (Children == null) yield break;
        foreach (var child in Children)
            foreach (var item in child.Walk(depth + 1))
                yield return item;
    }

    public static DerNode Parse(byte[] der)
    {
        var node = Parse(der, 0, der.Length);
        if (node.End != der.Length) throw new FormatException("Bytes after the outer element.");
        return node;
    }

    private static DerNode Parse(byte[] der, int offset, int limit)
    {
        byte tag = der[offset];
        if ((tag & 0x1F) == 0x1F) throw new FormatException("High tag numbers are not used in sessions.");
        int position = offset + 1;
        int length = der[position++];
        if (length >= 0x80)
        {
            int count = length & 0x7F;
            if (count == 0 || count > 3) throw new FormatException("Indefinite or huge length in a well-formed input.");
            length = 0;
            for (int i = 0; i < count; i++) length = (length << 8) | der[position++];
        }
        if (position + length > limit) throw new FormatException("Element runs past its parent.");
        var content = der.AsSpan(position, length).ToArray();
        List<DerNode>? children = null;
        if ((tag & 0x20) != 0)
        {
            children = new List<DerNode>();
            for (int at = position; at < position + length;)
            {
                var child = Parse(der, at, position + length);
                children.Add(child);
                at = child.End;
            }
        }
        return new DerNode(tag, offset, position - offset, content, children);
    }

    /// <summary>
    /// Re-encodes the tree. <paramref name="rewrite"/> may replace any element's complete encoding
    /// (given the element and its re-encoded content); enclosing elements get correct DER lengths for it.
    /// </summary>
    public byte[] Encode(Func<DerNode, byte[], byte[]?> rewrite)
    {
        byte[] content = Children == null ? Content : Children.SelectMany(c => c.Encode(rewrite)).ToArray();
        return rewrite(this, content) ?? Tlv(Tag, content);
    }

    /// <summary>A DER TLV (minimal length form).</summary>
    public static byte[] Tlv(byte tag, byte[] content) => new[] { tag }.Concat(DerLength(content.Length)).Concat(content).ToArray();

    /// <summary>Minimal DER length bytes.</summary>
    public static byte[] DerLength(int length)
    {
        if (length < 0x80) return new[] { (byte)length };
        var bytes = new List<byte>();
        for (int v = length; v > 0; v >>= 8) bytes.Insert(0, (byte)v);
        bytes.Insert(0, (byte)(0x80 | bytes.Count));
        return bytes.ToArray();
    }
}
