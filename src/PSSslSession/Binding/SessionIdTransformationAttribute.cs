using System;
using System.Management.Automation;
using PSSslSession.Engine.Interop;

namespace PSSslSession.Commands
{
    /// <summary>Lets -SessionId take hex text ("0A1B…", "0a:1b"), bytes, a SessionId or a session.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class SessionIdTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = PSValue.Unwrap(inputData);
            if (value == null) return null;
            try { return SessionIdInput.ToSessionId(value); }
            catch (FormatException e) { throw new ArgumentTransformationMetadataException(e.Message, e); }
        }
    }
}
