using System;
using System.Management.Automation;

using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>Lets a byte parameter (-MasterKey, -Ticket, -TicketAppData) take hex text or bytes, as the session objects show them.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ByteArrayTransformationAttribute : ParsingTransformationAttribute
    {
        protected override object? Convert(object? value, object? inputData) =>
            value == null ? null : ByteInput.ToBytes(value);
    }
}
