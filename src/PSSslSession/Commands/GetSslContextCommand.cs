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
            var contexts = SslContextRegistry.Default.Contexts;
            if (Name == null)
            {
                WriteObject(contexts, true);
                return;
            }
            foreach (var name in Name)
            {
                var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                var found = false;
                foreach (var context in contexts)
                {
                    if (!pattern.IsMatch(context.Name)) continue;
                    WriteObject(context);
                    found = true;
                }
                // A pattern that matches nothing is no error, as for Get-Item *; a plain name that matches nothing is.
                if (!found && !WildcardPattern.ContainsWildcardCharacters(name))
                {
                    var e = new SslContextException(SslContextError.ContextNotFound, ShouldProcessTarget.NotFound(name));
                    WriteError(Error(e, name));
                }
            }
        }

        #endregion
    }
}
