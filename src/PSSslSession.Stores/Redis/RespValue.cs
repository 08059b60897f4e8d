using System;
using System.Collections.Generic;
using System.Text;

namespace PSSslSession.Stores.Redis
{
    /// <summary>The five RESP2 reply types (plus the two null forms, <c>$-1</c> and <c>*-1</c>).</summary>
    internal enum RespKind
    {
        SimpleString,
        Error,
        Integer,
        BulkString,
        Array,
        Null,
    }

    /// <summary>One parsed RESP2 reply.</summary>
    internal sealed class RespValue
    {
        public static readonly RespValue Null = new RespValue(RespKind.Null, null, 0, null);

        private RespValue(RespKind kind, byte[]? bytes, long integer, IReadOnlyList<RespValue>? items)
        {
            Kind = kind;
            Bytes = bytes;
            Integer = integer;
            Items = items;
        }

        public RespKind Kind { get; }

        /// <summary>Payload of a simple string, error or bulk string.</summary>
        public byte[]? Bytes { get; }

        public long Integer { get; }

        public IReadOnlyList<RespValue>? Items { get; }

        public string Text => Bytes == null ? "" : Encoding.UTF8.GetString(Bytes);

        public static RespValue Simple(byte[] text) => new RespValue(RespKind.SimpleString, text, 0, null);
        public static RespValue Error(byte[] text) => new RespValue(RespKind.Error, text, 0, null);
        public static RespValue Int(long value) => new RespValue(RespKind.Integer, null, value, null);
        public static RespValue Bulk(byte[] bytes) => new RespValue(RespKind.BulkString, bytes, 0, null);
        public static RespValue Array(IReadOnlyList<RespValue> items) => new RespValue(RespKind.Array, null, 0, items);

        /// <summary>A short, safe description for error messages (payloads cut, binary shown as length only).</summary>
        public string Describe()
        {
            switch (Kind)
            {
                case RespKind.SimpleString: return "status '" + Clip(Text) + "'";
                case RespKind.Error: return "error '" + Clip(Text) + "'";
                case RespKind.Integer: return "integer " + Integer;
                case RespKind.BulkString: return "bulk string of " + Bytes!.Length + " bytes";
                case RespKind.Array: return "array of " + Items!.Count + " elements";
                default: return "null";
            }
        }

        private static string Clip(string s) => s.Length <= 120 ? s : s.Substring(0, 120) + "…";
    }
}
