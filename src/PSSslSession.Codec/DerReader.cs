using System;

namespace PSSslSession.Codec
{
    /// <summary>
    /// Minimal forward-only DER reader over a span (no allocation). Definite lengths only; a long-form
    /// length with leading zero octets is accepted as OpenSSL's <c>ASN1_get_object</c> accepts it.
    /// Errors are <see cref="SslSessionFormatException"/> with reason Malformed and the absolute offset.
    /// </summary>
    internal ref struct DerReader
    {
        /// <summary>Tag value reported for a high-tag-number identifier (never one the session uses).</summary>
        public const int HighTag = 0x10000;

        private readonly ReadOnlySpan<byte> _data;
        private readonly int _base;
        private int _pos;

        public DerReader(ReadOnlySpan<byte> data, int baseOffset)
        {
            _data = data;
            _base = baseOffset;
            _pos = 0;
        }

        public bool HasMore => _pos < _data.Length;

        /// <summary>Absolute offset of the next element.</summary>
        public int Offset => _base + _pos;

        /// <summary>The identifier of the next element without consuming it (<see cref="HighTag"/> for multi-byte tags).</summary>
        public int PeekTag() => (_data[_pos] & 0x1F) == 0x1F ? HighTag | (_data[_pos] & 0xE0) : _data[_pos];

        /// <summary>Reads one TLV; returns its content and the absolute offset of that content.</summary>
        public ReadOnlySpan<byte> Read(string field, out int tag, out int contentOffset)
        {
            int start = _pos;
            if (_pos >= _data.Length) throw Error(field, "the element is missing: no bytes are left", start);
            tag = _data[_pos++];
            if ((tag & 0x1F) == 0x1F)
            {
                tag = HighTag | (tag & 0xE0);
                // DER writes numbers below 31 in the one-byte form; OpenSSL reads the long form as that low tag, which
                // could not come back byte-identical, so it is refused (a deliberate difference).
                if (_pos < _data.Length && _data[_pos] < 0x1F)
                    throw Error(field, $"found tag number {_data[_pos]} in the multi-byte form; DER writes numbers below 31 in one byte", start);
                do
                {
                    if (_pos >= _data.Length) throw Error(field, "the input ends inside a multi-byte tag", start);
                } while ((_data[_pos++] & 0x80) != 0);
            }
            if (_pos >= _data.Length) throw Error(field, "the input ends before the length octet", start);
            int len = _data[_pos++];
            if (len >= 0x80)
            {
                int n = len & 0x7F;
                if (n == 0) throw Error(field, "found an indefinite length (BER); only definite DER lengths are allowed", start);
                if (n == 0x7F) throw Error(field, "found the reserved length octet 0xFF", start);
                // OpenSSL's asn1_get_length wants at least one byte after the length octets inside the enclosing
                // element ("header too long"), so an empty element in long form cannot end its parent.
                if (_data.Length - _pos < n + 1)
                    throw Error(field, $"found a {n}-byte long-form length with fewer than {n + 1} bytes left in the enclosing element (OpenSSL: header too long)", start);
                long v = 0;
                for (int i = 0; i < n; i++)
                {
                    if (_pos >= _data.Length) throw Error(field, "the input ends inside a long-form length", start);
                    v = (v << 8) | _data[_pos++];
                    if (v > int.MaxValue) throw Error(field, "found a length larger than 2 GiB", start);
                }
                len = (int)v;
            }
            if (len > _data.Length - _pos)
                throw Error(field, $"found length {len} but only {_data.Length - _pos} bytes remain", start);
            contentOffset = _base + _pos;
            var content = _data.Slice(_pos, len);
            _pos += len;
            return content;
        }

        /// <summary>Reads one TLV; returns the whole element (header included) and its content.</summary>
        public ReadOnlySpan<byte> ReadElement(string field, out int tag, out ReadOnlySpan<byte> content)
        {
            int start = _pos;
            content = Read(field, out tag, out _);
            return _data.Slice(start, _pos - start);
        }

        /// <summary>Reads one TLV whose identifier must be <paramref name="expected"/>.</summary>
        public ReadOnlySpan<byte> Read(string field, int expected, out int contentOffset)
        {
            int at = Offset;
            var content = Read(field, out int tag, out contentOffset);
            if (tag != expected)
                throw Error(field, $"found tag 0x{TagText(tag)} where 0x{expected:X2} is required", at - _base);
            return content;
        }

        /// <summary>
        /// asn1_collect: the content of a constructed (BER) string is its pieces' contents, any tags, nested at
        /// most 5 deep, with no end-of-contents octets. Returns the concatenated bytes.
        /// </summary>
        public static byte[] Gather(ReadOnlySpan<byte> content, string field, int baseOffset)
        {
            var into = new System.Collections.Generic.List<byte>(content.Length);
            Gather(content, field, baseOffset, 0, into);
            return into.ToArray();
        }

        private static void Gather(ReadOnlySpan<byte> content, string field, int baseOffset, int depth, System.Collections.Generic.List<byte> into)
        {
            var r = new DerReader(content, baseOffset);
            while (r.HasMore)
            {
                int at = r.Offset;
                var piece = r.Read(field, out int tag, out int pieceOffset);
                if (tag == 0x00 && piece.Length == 0)
                    throw new SslSessionFormatException(SslSessionFormatError.Malformed, $"{field}: found end-of-contents inside a definite-length constructed string.") { Offset = at };
                if ((tag & 0x20) != 0)
                {
                    if (depth >= 5)
                        throw new SslSessionFormatException(SslSessionFormatError.Malformed, $"{field}: found a constructed string nested more than 5 deep.") { Offset = at };
                    Gather(piece, field, pieceOffset, depth + 1, into);
                }
                else
                {
                    foreach (var b in piece) into.Add(b);
                }
            }
        }

        public static string TagText(int tag) => tag >= HighTag ? "1F.. (multi-byte tag)" : tag.ToString("X2");

        private SslSessionFormatException Error(string field, string what, int relative) =>
            new SslSessionFormatException(SslSessionFormatError.Malformed, $"{field}: {what}.") { Offset = _base + relative };
    }
}
