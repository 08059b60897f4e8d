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
    public sealed class ProtocolTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            if (!(PSValue.Unwrap(inputData) is string text)) return inputData;
            try { return SslProtocol.Parse(text); }
            catch (FormatException e) { throw new ArgumentTransformationMetadataException(e.Message, e); }
        }
    }
}
