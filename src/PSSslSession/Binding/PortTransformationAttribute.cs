using System;
using PSSslSession.Client;

namespace PSSslSession.Commands
{
    /// <summary>-Port: an empty value (an empty CSV cell) is the default port, not 0.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class PortTransformationAttribute : ParsingTransformationAttribute
    {
        protected override object? Convert(object? value, object? inputData) =>
            value is string text && text.Trim().Length == 0 ? SslServerTarget.DefaultPort : inputData;
    }
}
