using System;
using System.Collections;
using System.Management.Automation;

namespace PSSslSession.Commands
{
    /// <summary>
    /// -ComputerName takes text, or an object's ComputerName property. Without this, PowerShell would turn any piped object
    /// into its text form to fill the mandatory parameter: a session piped without -ComputerName would become a "host name"
    /// holding its session id, sent to the name resolver. (The binder tries a piped object by value before by property
    /// name, and this transformation sees it then, so it answers with the property itself.)
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ComputerNameTransformationAttribute : ParsingTransformationAttribute
    {
        /// <summary>The parameter's name and aliases, as property names of piped objects.</summary>
        internal static readonly string[] PropertyNames = { "ComputerName", "HostName", "Host", "DnsName", "Server" };

        protected override object? Convert(object? value, object? inputData)
        {
            if (value == null || value is string) return inputData;
            var properties = PSObject.AsPSObject(inputData).Properties;
            foreach (var name in PropertyNames)
            {
                var property = properties[name];
                if (property != null) return property.Value;
            }
            if (value is IEnumerable items)
            {
                foreach (var item in items)
                {
                    var element = PSValue.Unwrap(item);
                    if (element != null && !(element is string)) throw NotAName(element);
                }
                return inputData;
            }
            throw NotAName(value);
        }

        private static FormatException NotAName(object item) => new FormatException(
            $"An object of type {item.GetType().Name} is not a computer name. Give -ComputerName (a host name, an address, or host:port), or pipe objects with a ComputerName (or HostName, Host, DnsName, Server) and a Port property (Get-SslServerSession's sessions carry them).");
    }
}
