using System;
using System.Management.Automation;
using PSSslSession.Codec;

namespace PSSslSession.Commands
{
    /// <summary>Reads -Cipher text with <see cref="SslCipher.Parse"/> and refuses bad text with its reason (see <see cref="ProtocolTransformationAttribute"/>).</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class CipherTransformationAttribute : ParsingTransformationAttribute
    {
        protected override object? Convert(object? value, object? inputData) =>
            value is string text ? SslCipher.Parse(text) : inputData;
    }
}
