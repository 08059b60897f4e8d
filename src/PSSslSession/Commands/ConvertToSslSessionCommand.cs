using System;
using System.Management.Automation;
using PSSslSession.Codec;

namespace PSSslSession.Commands
{
    /// <summary>
    /// <c>ConvertTo-SslSession</c> (<c>d2i_SSL_SESSION</c> / <c>PEM_read_bio_SSL_SESSION</c>): DER bytes, PEM text
    /// (also bundles, also as Get-Content lines) or base64 of DER → sessions. Input is decoded at the end of
    /// the pipeline, because PowerShell streams byte arrays byte by byte and files line by line.
    /// </summary>
    [Cmdlet(VerbsData.ConvertTo, "SslSession")]
    [OutputType(typeof(SslSession))]
    public sealed class ConvertToSslSessionCommand : SslSessionCmdlet
    {
        private readonly SessionInputCollector _input = new SessionInputCollector();

        #region Parameters

        /// <summary>byte[] (DER), or string (PEM or base64).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public object InputObject { get; set; } = null!;

        /// <summary>Accept bytes after a DER session (as <c>openssl sess_id -inform DER</c> does).</summary>
        [Parameter]
        public SwitchParameter AllowTrailingData { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecord()
        {
            var value = PSValue.Unwrap(InputObject);
            try
            {
                if (value is object[] items)
                    foreach (var item in items) _input.Add(item);
                else
                    _input.Add(value);
            }
            catch (ArgumentException e)
            {
                WriteError(Error(e, ErrorCatalog.InvalidInputType, ErrorCategory.InvalidType, value));
            }
        }

        protected override void EndProcessing()
        {
            var options = new SslSessionDecodeOptions { AllowTrailingData = AllowTrailingData.IsPresent };
            foreach (var payload in _input.Complete())
            {
                try
                {
                    WriteObject(SslSessionReader.ReadAny(payload, options), true);
                }
                catch (Exception e) when (IsReportable(e))
                {
                    WriteError(Error(e, payload));
                }
            }
        }

        #endregion
    }
}
