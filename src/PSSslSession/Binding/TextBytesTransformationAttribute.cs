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
    public sealed class TextBytesTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = PSValue.Unwrap(inputData);
            try
            {
                switch (value)
                {
                    case null: return null;
                    case string text: return TextOrHex.Parse(text);
                    default: return ByteInput.ToBytes(value);
                }
            }
            catch (FormatException e) { throw new ArgumentTransformationMetadataException(e.Message, e); }
        }
    }
}
