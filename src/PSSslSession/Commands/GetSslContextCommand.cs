using System.Management.Automation;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary><c>Get-SslContext</c>: the registered contexts, by name with wildcards (no OpenSSL counterpart).</summary>
    [Cmdlet(VerbsCommon.Get, "SslContext")]
    [OutputType(typeof(SslContext))]
    public sealed class GetSslContextCommand : SslSessionCmdlet
    {
        #region Parameters

        /// <summary>Names or wildcard patterns; all contexts when omitted.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(SslContextNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecord()
        {
            if (Name == null)
            {
                WriteObject(SslContextRegistry.Default.Find(null), true);
                return;
            }
            foreach (var name in Name)
            {
                if (WildcardPattern.ContainsWildcardCharacters(name))
                {
                    WriteObject(SslContextRegistry.Default.Find(name), true);
                }
                else if (SslContextRegistry.Default.TryGet(name, out var context) && context != null)
                {
                    WriteObject(context);
                }
                else
                {
                    var e = new SslContextException(SslContextError.ContextNotFound, $"No SSL context named '{name}' is registered.");
                    WriteError(Error(e, name));
                }
            }
        }

        #endregion
    }
}
