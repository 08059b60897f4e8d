using System;
using System.Collections;
using System.Collections.Generic;
using System.Text;

namespace PSSslSession.Commands
{
    /// <summary>
    /// -Alpn: names as PowerShell gives them (h2, http/1.1) or in openssl's comma form ('h2,http/1.1'); each must be 1 to
    /// 255 bytes of UTF-8 (RFC 7301), checked here rather than by the server.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class AlpnTransformationAttribute : ParsingTransformationAttribute
    {
        protected override object? Convert(object? value, object? inputData)
        {
            var items = value is string one ? new object[] { one } : value as IEnumerable;
            if (items == null) return inputData;
            var names = new List<string>();
            foreach (var item in items)
            {
                if (!(PSValue.Unwrap(item) is string text)) return inputData;
                foreach (var part in text.Split(','))
                {
                    var name = part.Trim();
                    var length = Encoding.UTF8.GetByteCount(name);
                    if (length == 0 || length > 255)
                        throw new FormatException($"'{(name.Length > 40 ? name.Substring(0, 40) + "…" : name)}' is not an ALPN protocol name: a name is 1 to 255 bytes (RFC 7301).");
                    names.Add(name);
                }
            }
            return names.ToArray();
        }
    }
}
