using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// Gathers ConvertTo-SslSession's pipeline input into payloads to decode. PowerShell streams a byte[] one
    /// byte per object and Get-Content streams text one line per object, so single bytes are joined into one
    /// DER payload, and lines are joined into one text when they hold a PEM block (text before BEGIN, as in
    /// <c>sess_id -text</c> output, is then skipped by the PEM reader). Other strings (base64, whole PEM texts)
    /// and whole byte arrays are payloads of their own.
    /// </summary>
    internal sealed class SessionInputCollector
    {
        private readonly List<byte> _bytes = new List<byte>();
        private readonly List<string> _lines = new List<string>();
        private readonly List<byte[]> _ready = new List<byte[]>();

        /// <summary>Adds one pipeline object (PSObject wrappers removed).</summary>
        /// <exception cref="ArgumentException">Not a byte, byte[] or string.</exception>
        public void Add(object? value)
        {
            switch (value)
            {
                case null:
                    return;
                case byte b:
                    _bytes.Add(b);
                    return;
                case byte[] bytes:
                    _ready.Add((byte[])bytes.Clone());
                    return;
                case string text:
                    _lines.Add(text);
                    return;
                default:
                    throw new ArgumentException($"ConvertTo-SslSession takes DER bytes or PEM/base64 text, not an object of type {value.GetType().Name}.");
            }
        }

        /// <summary>The payloads taken since the last call, in a stable order: byte arrays, then streamed bytes, then text.</summary>
        public IReadOnlyList<byte[]> Complete()
        {
            var result = new List<byte[]>(_ready);
            if (_bytes.Count > 0) result.Add(_bytes.ToArray());
            if (_lines.Any(l => l.IndexOf("-----BEGIN ", StringComparison.Ordinal) >= 0))
                result.Add(Encoding.UTF8.GetBytes(string.Join("\n", _lines)));
            else
                result.AddRange(_lines.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => Encoding.UTF8.GetBytes(l)));
            _ready.Clear();
            _bytes.Clear();
            _lines.Clear();
            return result;
        }
    }
}
