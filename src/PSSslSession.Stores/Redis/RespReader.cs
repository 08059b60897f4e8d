using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace PSSslSession.Stores.Redis
{
    /// <summary>
    /// A strict RESP2 reply parser: exact CRLF framing, decimal lengths without signs or spaces beyond what
    /// the protocol allows, bounded sizes and nesting. Any deviation is a <see cref="SessionStoreError.ProtocolError"/>;
    /// a closed stream is <see cref="SessionStoreError.IoError"/>.
    /// </summary>
    internal sealed class RespReader
    {
        public const int MaxLineLength = 64 * 1024;
        public const int MaxBulkLength = 64 * 1024 * 1024;
        public const int MaxArrayLength = 1024 * 1024;
        public const int MaxDepth = 8;

        private readonly Stream _stream;
        private readonly byte[] _buffer = new byte[16 * 1024];
        private int _pos;
        private int _end;

        public RespReader(Stream stream) { _stream = stream; }

        // Whether the reply being read has begun: a close before its first byte is a server that went away (stopped,
        // restarted, idle timeout), a close after it a reply cut short; the message says which.
        private bool _replyBegun;

        /// <summary>Reads one complete reply.</summary>
        public RespValue Read()
        {
            _replyBegun = false;
            return Read(0);
        }

        private RespValue Read(int depth)
        {
            var type = ReadByte();
            switch (type)
            {
                case (byte)'+': return RespValue.Simple(ReadLine());
                case (byte)'-': return RespValue.Error(ReadLine());
                case (byte)':': return RespValue.Int(ParseInteger(ReadLine()));
                case (byte)'$':
                {
                    var length = ParseInteger(ReadLine());
                    if (length == -1) return RespValue.Null;
                    if (length < 0 || length > MaxBulkLength) throw Protocol($"bulk string length {length} is out of range (-1 or 0…{MaxBulkLength})");
                    var bytes = new byte[length];
                    ReadExact(bytes);
                    ExpectCrLf("after a bulk string");
                    return RespValue.Bulk(bytes);
                }
                case (byte)'*':
                {
                    var count = ParseInteger(ReadLine());
                    if (count == -1) return RespValue.Null;
                    if (count < 0 || count > MaxArrayLength) throw Protocol($"array length {count} is out of range (-1 or 0…{MaxArrayLength})");
                    if (depth >= MaxDepth) throw Protocol($"arrays nested deeper than {MaxDepth}");
                    var items = new List<RespValue>((int)Math.Min(count, 1024));
                    for (long i = 0; i < count; i++) items.Add(Read(depth + 1));
                    return RespValue.Array(items);
                }
                default:
                    throw Protocol($"byte 0x{type:X2} where a reply type (+ - : $ *) was expected");
            }
        }

        private static long ParseInteger(byte[] line)
        {
            var text = System.Text.Encoding.ASCII.GetString(line);
            var digits = text.StartsWith("-", StringComparison.Ordinal) ? text.Substring(1) : text;
            if (digits.Length == 0 || digits.Length > 19) throw Protocol($"'{Printable(line)}' is not an integer");
            foreach (var c in digits) if (c < '0' || c > '9') throw Protocol($"'{Printable(line)}' is not an integer");
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                throw Protocol($"'{Printable(line)}' does not fit in 64 bits");
            return value;
        }

        private byte[] ReadLine()
        {
            var line = new MemoryStream();
            while (true)
            {
                var b = ReadByte();
                if (b == '\r')
                {
                    if (ReadByte() != '\n') throw Protocol("a CR not followed by LF inside a reply line");
                    return line.ToArray();
                }
                if (b == '\n') throw Protocol("a line ended with LF alone (RESP requires CRLF)");
                if (line.Length >= MaxLineLength) throw Protocol($"a reply line longer than {MaxLineLength} bytes");
                line.WriteByte(b);
            }
        }

        private void ExpectCrLf(string where)
        {
            if (ReadByte() != '\r' || ReadByte() != '\n') throw Protocol("missing CRLF " + where);
        }

        private void ReadExact(byte[] target)
        {
            var done = 0;
            while (done < target.Length)
            {
                if (_pos == _end) Fill();
                var n = Math.Min(target.Length - done, _end - _pos);
                Buffer.BlockCopy(_buffer, _pos, target, done, n);
                _pos += n;
                done += n;
            }
        }

        private byte ReadByte()
        {
            if (_pos == _end) Fill();
            _replyBegun = true;
            return _buffer[_pos++];
        }

        private void Fill()
        {
            var n = _stream.Read(_buffer, 0, _buffer.Length);
            if (n <= 0)
                throw new SessionStoreException(SessionStoreError.IoError, _replyBegun
                    ? "The Redis server closed the connection in the middle of a reply."
                    : "The Redis server closed the connection before replying (it stopped, restarted or dropped the connection).");
            _pos = 0;
            _end = n;
        }

        private static string Printable(byte[] line)
        {
            var chars = new char[Math.Min(line.Length, 60)];
            for (int i = 0; i < chars.Length; i++) chars[i] = line[i] >= 0x20 && line[i] < 0x7F ? (char)line[i] : '.';
            return new string(chars);
        }

        private static SessionStoreException Protocol(string what) =>
            new SessionStoreException(SessionStoreError.ProtocolError, "The Redis server's reply is not valid RESP2: " + what + ".");
    }
}
