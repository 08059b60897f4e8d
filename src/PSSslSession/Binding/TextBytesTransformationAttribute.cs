using System;
using System.Management.Automation;
using PSSslSession.Codec;

using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// For -SessionIdContext and -SessionIdPrefix, which OpenSSL (s_server -context) and Apache take as text: a string
    /// is its UTF-8 bytes, "0x" and hex digits are those bytes (<see cref="TextOrHex"/>, the form the objects show), and
    /// a byte[] or a list of numbers stays bytes.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class TextBytesTransformationAttribute : ParsingTransformationAttribute
    {
        protected override object? Convert(object? value, object? inputData)
        {
            switch (value)
            {
                case null: return null;
                case string text: return TextOrHex.Parse(text);
                case int _: case long _: case uint _: case ulong _:
                    // PowerShell reads an unquoted 0xC0FFEE as the number 12648430.
                    throw new FormatException($"{value} is a number. Give text in quotes ('myapp'), hex in quotes ('0xC0FFEE'), or bytes ([byte[]] (0xC0, 0xFF, 0xEE)); unquoted, 0xC0FFEE is a number to PowerShell.");
                default: return ByteInput.ToBytes(value);
            }
        }
    }
}
