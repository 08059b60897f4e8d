using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using PSSslSession.Codec;

namespace PSSslSession.Commands
{
    /// <summary>
    /// <c>Import-SslSession</c> (<c>PEM_read_bio_SSL_SESSION</c> / <c>d2i_SSL_SESSION</c>): reads session files,
    /// PEM (also bundles) or DER or base64, autodetected; one object per session. Only regular files up to
    /// -MaxFileSize are read (a device or pipe is NotARegularFile, a larger file FileTooLarge), PEM a block at a time.
    /// A file or block that cannot be read is a non-terminating error named for the codec's reason (InvalidData), and
    /// the rest still loads.
    /// </summary>
    [Cmdlet(VerbsData.Import, "SslSession", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(SslSession))]
    public sealed class ImportSslSessionCommand : SslSessionCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private const int ProgressThreshold = 4;
        private readonly List<string> _files = new List<string>();

        #region Parameters

        /// <summary>Session files; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = PathSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = null!;

        /// <summary>Session files, taken literally (also PSPath from Get-ChildItem).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralPathSet)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = null!;

        /// <summary>Accept bytes after a DER session (as <c>openssl sess_id -inform DER</c> does).</summary>
        [Parameter]
        public SwitchParameter AllowTrailingData { get; set; }

        /// <summary>Refuse files larger than this many bytes (FileTooLarge); 1 GB by default.</summary>
        [Parameter]
        [ValidateRange(1, long.MaxValue)]
        public long MaxFileSize { get; set; } = DefaultMaxFileSize;

        /// <summary>1 GB: far above any real bundle (a million sessions of PEM is about 1.5 GB of RAM once decoded).</summary>
        public const long DefaultMaxFileSize = 1L << 30;

        #endregion

        #region Overrides

        protected override void ProcessRecord()
        {
            if (ParameterSetName == LiteralPathSet)
            {
                foreach (var literal in LiteralPath)
                    Collect(literal, () => new[] { SessionState.Path.GetUnresolvedProviderPathFromPSPath(literal) });
                return;
            }
            foreach (var pattern in Path)
                Collect(pattern, () => ResolveFiles(pattern));
        }

        /// <summary>Files are read at the end so that progress can show how far the import is.</summary>
        protected override void EndProcessing()
        {
            var reader = new SessionFileReader(new SslSessionDecodeOptions { AllowTrailingData = AllowTrailingData.IsPresent }, MaxFileSize);
            var progress = _files.Count >= ProgressThreshold ? new ProgressRecord(1, "Import-SslSession", "Reading session files") : null;
            for (int i = 0; i < _files.Count; i++)
            {
                var file = _files[i];
                if (progress != null)
                {
                    progress.StatusDescription = $"{i + 1} of {_files.Count}: {System.IO.Path.GetFileName(file)}";
                    progress.PercentComplete = i * 100 / _files.Count;
                    WriteProgress(progress);
                }
                try
                {
                    foreach (var item in reader.Read(file, () => Stopping))
                    {
                        if (item.Value != null) WriteError(Error(item.Value, file, reading: true));
                        else WriteObject(item.Key);
                    }
                }
                catch (Exception e) when (IsReportable(e))
                {
                    WriteError(Error(e, file, reading: true));
                }
                if (Stopping) return;
            }
            if (progress != null)
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
        }

        #endregion

        #region Private methods

        private IEnumerable<string> ResolveFiles(string pattern)
        {
            var paths = SessionState.Path.GetResolvedProviderPathFromPSPath(pattern, out var provider);
            if (provider.Name != "FileSystem")
                throw new NotSupportedException($"'{pattern}' is a {provider.Name} path; Import-SslSession reads files.");
            return paths;
        }

        private void Collect(string given, Func<IEnumerable<string>> resolve)
        {
            try
            {
                foreach (var file in resolve())
                {
                    if (Directory.Exists(file))
                    {
                        WriteError(Error(new IOException($"'{file}' is a directory; give session files."), ErrorCatalog.PathIsDirectory, ErrorCategory.InvalidArgument, file));
                        continue;
                    }
                    _files.Add(file);
                }
            }
            catch (ItemNotFoundException e)
            {
                WriteError(Error(e, ErrorCatalog.PathNotFound, ErrorCategory.ObjectNotFound, given));
            }
            catch (Exception e) when (IsReportable(e))
            {
                WriteError(Error(e, given, reading: true));
            }
        }

        #endregion
    }
}
