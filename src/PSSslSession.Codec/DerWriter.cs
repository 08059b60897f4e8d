using System;

namespace PSSslSession.Codec
{
    /// <summary>
    /// DER writer into a pre-sized array: the caller computes the exact size with the <c>*Size</c>
    /// helpers first, so encoding allocates only the result.
    /// </summary>
    internal struct DerWriter
    {
        private readonly byte[] _buffer;
        private int _pos;

        public DerWriter(byte[] buffer) { _buffer = buffer; _pos = 0; }

        public int Position => _pos;

        public static int LengthSize(int length) =>
            length < 0x80 ? 1 : length < 0x100 ? 2 : length < 0x10000 ? 3 : length < 0x1000000 ? 4 : 5;

        /// <summary>Size of a whole TLV with a one-byte tag.</summary>
        public static int TlvSize(int contentLength) => 1 + LengthSize(contentLength) + contentLength;

        /// <summary>Content octets of the minimal two's-complement encoding of a signed value.</summary>
        public static int SignedContentSize(long value)
        {
            int n = 1;
            while (n < 8)
            {
                long top = value >> (8 * n - 1);
                if (top == 0 || top == -1) break;
                n++;
            }
            return n;
        }

        /// <summary>Content octets of the minimal encoding of an unsigned value (a 0x00 pad when the top bit is set).</summary>
        public static int UnsignedContentSize(ulong value)
        {
            int n = 1;
            while (n < 9 && (value >> (8 * n - 1)) != 0) n++;
            return n;
        }

        public void Header(byte tag, int length)
        {
            _buffer[_pos++] = tag;
            if (length < 0x80) { _buffer[_pos++] = (byte)length; return; }
            int n = LengthSize(length) - 1;
            _buffer[_pos++] = (byte)(0x80 | n);
            for (int i = n - 1; i >= 0; i--) _buffer[_pos++] = (byte)(length >> (8 * i));
        }

        public void Bytes(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(new Span<byte>(_buffer, _pos, bytes.Length));
            _pos += bytes.Length;
        }

        public void OctetString(ReadOnlySpan<byte> bytes)
        {
            Header(0x04, bytes.Length);
            Bytes(bytes);
        }

        public void Signed(long value)
        {
            int n = SignedContentSize(value);
            Header(0x02, n);
            for (int i = n - 1; i >= 0; i--) _buffer[_pos++] = (byte)(value >> (8 * i));
        }

        public void Unsigned(ulong value)
        {
            int n = UnsignedContentSize(value);
            Header(0x02, n);
            for (int i = n - 1; i >= 0; i--) _buffer[_pos++] = i >= 8 ? (byte)0 : (byte)(value >> (8 * i));
        }
    }
}
