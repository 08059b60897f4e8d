using System;
using System.Management.Automation;
using PSSslSession.Codec;

namespace PSSslSession.Commands
{
    /// <summary>-Protocol of the live-server cmdlets: only the versions the TLS client offers (TLSv1.2, TLSv1.3).</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateClientProtocolAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            if (PSValue.Unwrap(arguments) is SslProtocol protocol && protocol.Number != SslProtocol.Tls12 && !protocol.IsTls13)
                throw new ValidationMetadataException($"{protocol.Name} is not offered to servers: use TLSv1.2 or TLSv1.3.");
        }
    }
}
