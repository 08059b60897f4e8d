using System;
using System.Management.Automation;
using PSSslSession.Codec;

namespace PSSslSession.Commands
{
    /// <summary>
    /// Reads -Protocol text with <see cref="SslProtocol.Parse"/> and refuses bad text with its reason. Without it, a bad
    /// positional value ("TLSv1.4") fails conversion quietly and PowerShell blames the position instead.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ProtocolTransformationAttribute : ParsingTransformationAttribute
    {
        protected override object? Convert(object? value, object? inputData) =>
            value is string text ? SslProtocol.Parse(text) : inputData;
    }
}
