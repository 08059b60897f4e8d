using System;
using System.Management.Automation;
using PSSslSession.Engine.Interop;

namespace PSSslSession.Commands
{
    /// <summary>Lets a byte parameter (-SessionIdContext, -MasterKey, …) take hex text or bytes.</summary>
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
