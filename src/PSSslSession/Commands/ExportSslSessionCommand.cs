using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using PSSslSession.Codec;

namespace PSSslSession.Commands
{
    /// <summary>
    /// <c>Export-SslSession</c> (<c>PEM_write_bio_SSL_SESSION</c>, <c>i2d_SSL_SESSION</c>, <c>sess_id -text</c>,
    /// <c>sess_id -outform NSS</c>): collects every input session and writes one file at the end: a PEM
    /// bundle, one DER session, text or a key log. The file is created owner-only and replaced atomically;
    /// an existing file needs -Force (-NoClobber always refuses). A session that cannot be written in the form and a
    /// file that cannot be written are both non-terminating errors naming the item.
    /// </summary>
    [Cmdlet(VerbsData.Export, "SslSession", SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportSslSessionCommand : SslSessionCmdlet
    {
        // Encoding a few thousand sessions takes long enough to show that something is happening.
        private const int ProgressThreshold = 1000;
        private readonly List<SslSession> _sessions = new List<SslSession>();

        #region Parameters

        /// <summary>Sessions to write; all input goes into one file.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [Alias("Session")]
        public SslSession[] InputObject { get; set; } = null!;

        /// <summary>The file to write (not a wildcard pattern).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [Alias("LiteralPath", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>Pem (bundle), Der (one session), Base64, Text or KeyLog; default Pem.</summary>
        [Parameter]
        public SessionOutputFormat Format { get; set; } = SessionOutputFormat.Pem;

        /// <summary>With -Format Text: write the master key / resumption PSK instead of masking it.</summary>
        [Parameter]
        public SwitchParameter IncludeSecret { get; set; }

        /// <summary>Replace an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Never replace an existing file, even with -Force.</summary>
        [Parameter]
        public SwitchParameter NoClobber { get; set; }

        /// <summary>Outputs the written file.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessRecord()
        {
            foreach (var session in InputObject)
                if (session != null) _sessions.Add(session);
        }

        protected override void EndProcessing()
        {
            if (_sessions.Count == 0)
            {
                WriteWarning("No sessions were given; nothing was written.");
                return;
            }
            var file = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (Format == SessionOutputFormat.Der && _sessions.Count > 1)
                ThrowTerminatingError(Error(SessionFormatter.MultipleSessionsForDer(_sessions.Count), file));

            // Per item: a session that cannot be written in this form is a non-terminating error and is left out;
            // with -ErrorAction Stop the first one stops the export before anything is written.
            var formatted = new List<object>(_sessions.Count);
            var progress = _sessions.Count >= ProgressThreshold ? new ProgressRecord(1, "Export-SslSession", $"Encoding {_sessions.Count} sessions as {Format}") : null;
            for (int i = 0; i < _sessions.Count; i++)
            {
                if (progress != null && i % ProgressThreshold == 0)
                {
                    progress.PercentComplete = i * 100 / _sessions.Count;
                    WriteProgress(progress);
                }
                try
                {
                    formatted.Add(SessionFormatter.Format(_sessions[i], Format, IncludeSecret.IsPresent));
                }
                catch (Exception e) when (IsReportable(e))
                {
                    WriteError(Error(e, _sessions[i]));
                }
            }
            if (progress != null)
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
            if (formatted.Count == 0) return;

            if (!ShouldProcess(file, $"Write {formatted.Count} session(s) as {Format}")) return;
            try
            {
                SessionFileWriter.Write(file, SessionFormatter.Join(formatted, Format), SessionFileWriter.ModeFor(Force, NoClobber));
            }
            catch (Exception e) when (IsReportable(e))
            {
                // The same way as an encoding failure: non-terminating, naming the item (here the file).
                WriteError(Error(e, file));
                return;
            }
            // The provider's item, as Get-Item gives it (mode, size, folder header in the default view).
            if (PassThru) WriteObject(InvokeProvider.Item.Get(new[] { WildcardPattern.Escape(file) }, false, true), true);
        }

        #endregion
    }
}
