using System;
using System.Management.Automation;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// Lets -Context take an <see cref="SslContext"/> or the name of a registered one
    /// (<see cref="SslContextRegistry.Default"/>). An unknown name fails parameter binding, naming the
    /// registered contexts.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class SslContextTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = PSValue.Unwrap(inputData);
            switch (value)
            {
                case null:
                case SslContext _:
                    return value;
                case string name:
                    if (SslContextRegistry.Default.TryGet(name, out var context) && context != null) return context;
                    var known = string.Join(", ", SslContextRegistry.Default.Names);
                    throw new ArgumentTransformationMetadataException(
                        $"No SSL context named '{name}' is registered (ContextNotFound). Registered: {(known.Length == 0 ? "none" : known)}. Create one with New-SslContext.",
                        new SslContextException(SslContextError.ContextNotFound, $"No SSL context named '{name}' is registered."));
                default:
                    throw new ArgumentTransformationMetadataException($"-Context takes an SslContext or a context name, not a {value.GetType().Name}.");
            }
        }
    }
}
