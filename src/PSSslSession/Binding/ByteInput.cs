using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using PSSslSession.Codec;

using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// Turns what a user typed for a byte parameter (-SessionId, -SessionIdContext, -MasterKey …) into bytes:
    /// a byte[], hex text ("0A1B", "0a:1b", "0x0A1B"), or a list of numbers 0…255 (PowerShell hands
    /// <c>1,2,3</c> over as an object[] of ints). The cmdlets strip PSObject wrappers before calling.
    /// </summary>
    internal static class ByteInput
    {
        /// <summary>The bytes of <paramref name="value"/>.</summary>
        /// <exception cref="FormatException">Not hex, not bytes, or a number outside 0…255.</exception>
        public static byte[] ToBytes(object? value)
        {
            switch (value)
            {
                case null:
                    throw new FormatException("A value was expected: hex text or bytes.");
                case byte[] bytes:
                    return (byte[])bytes.Clone();
                case SessionId id:
                    return id.ToArray();
                case SslSecret secret:
                    // A session's MasterKey given back (New-SslSession from a session): copied, never shown.
                    return secret.ToArray();
                case string text when text.StartsWith("(secret, ", StringComparison.Ordinal):
                    throw new FormatException($"'{text}' is how a session shows its master key, not the key: text forms (tables, CSV, JSON) never carry it. Give the session object itself, or keep sessions with Export-SslSession.");
                case string text:
                    return Hex.Decode(text);
                case IEnumerable items:
                    var result = new List<byte>();
                    foreach (var item in items) result.Add(ToByte(item));
                    return result.ToArray();
                default:
                    return new[] { ToByte(value) };
            }
        }

        private static byte ToByte(object? item)
        {
            switch (item)
            {
                case byte b: return b;
                case sbyte _: case short _: case ushort _: case int _: case uint _: case long _: case ulong _:
                    var n = Convert.ToDecimal(item, CultureInfo.InvariantCulture);
                    if (n < 0 || n > 255) throw new FormatException($"{item} is not a byte (0…255).");
                    return (byte)n;
                case string s:
                    var one = Hex.Decode(s);
                    if (one.Length != 1) throw new FormatException($"'{s}' is not one byte.");
                    return one[0];
                default:
                    throw new FormatException($"A value of type {item?.GetType().Name ?? "null"} is not a byte.");
            }
        }
    }
}
