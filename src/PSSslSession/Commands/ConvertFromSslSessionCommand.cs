using System;
using System.Management.Automation;
using PSSslSession.Codec;

namespace PSSslSession.Commands
{
    /// <summary>
    /// <c>ConvertFrom-SslSession</c> (<c>i2d_SSL_SESSION</c>, <c>PEM_write_bio_SSL_SESSION</c>,
    /// <c>SSL_SESSION_print</c>, <c>SSL_SESSION_print_keylog</c>): one output per session: DER as one byte[],
    /// the other forms as a string. Text masks the key unless -IncludeSecret.
    /// </summary>
    [Cmdlet(VerbsData.ConvertFrom, "SslSession")]
    [OutputType(typeof(string), typeof(byte[]))]
    public sealed class ConvertFromSslSessionCommand : SslSessionCmdlet
    {
        #region Parameters

        /// <summary>Sessions to convert.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [Alias("Session")]
        public SslSession[] InputObject { get; set; } = null!;

        /// <summary>Der (byte[]), Pem, Base64, Text (sess_id -text) or KeyLog (sess_id -outform NSS); default Pem.</summary>
        [Parameter]
        public SessionOutputFormat Format { get; set; } = SessionOutputFormat.Pem;

        /// <summary>With -Format Text: show the master key / resumption PSK.</summary>
        [Parameter]
        public SwitchParameter IncludeSecret { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecord()
        {
            foreach (var session in InputObject)
            {
                if (session == null) continue;
                try
                {
                    // A byte[] stays one object: WriteObject does not enumerate it.
                    WriteObject(SessionFormatter.Format(session, Format, IncludeSecret.IsPresent));
                }
                catch (Exception e) when (IsReportable(e))
                {
                    WriteError(Error(e, session));
                }
            }
        }

        #endregion
    }
}
