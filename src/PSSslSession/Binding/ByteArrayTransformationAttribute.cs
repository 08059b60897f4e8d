using System;
using System.Management.Automation;

using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>Lets a byte parameter (-MasterKey, -Ticket, -TicketAppData) take hex text or bytes, as the session objects show them.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ByteArrayTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = PSValue.Unwrap(inputData);
            if (value == null) return null;
            try { return ByteInput.ToBytes(value); }
            catch (FormatException e) { throw new ArgumentTransformationMetadataException(e.Message, e); }
        }
    }
}
