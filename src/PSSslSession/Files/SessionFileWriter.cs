using System;
using System.IO;
using PSSslSession.Engine.IO;

using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>How <see cref="SessionFileWriter"/> treats an existing file (Export-SslSession's -Force and -NoClobber).</summary>
    internal enum ExistingFileMode
    {
        /// <summary>Refuse: the default, and -NoClobber (which wins over -Force).</summary>
        Refuse,
        /// <summary>Replace atomically: -Force.</summary>
        Replace,
    }

    /// <summary>
    /// Writes exported sessions (they hold master keys) through <see cref="OwnerOnlyFile"/>: owner-only
    /// permissions from the first byte, atomic replace, and an existing file refused with
    /// <see cref="SessionExportError.FileExists"/> unless replacing is allowed.
    /// </summary>
    internal static class SessionFileWriter
    {
        /// <summary>The mode for Export-SslSession's switches: -NoClobber refuses even with -Force.</summary>
        public static ExistingFileMode ModeFor(bool force, bool noClobber) => force && !noClobber ? ExistingFileMode.Replace : ExistingFileMode.Refuse;

        /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> (a full file-system path).</summary>
        /// <exception cref="SessionExportException">FileExists.</exception>
        /// <exception cref="IOException">The write failed; no partial file is left.</exception>
        public static void Write(string path, byte[] content, ExistingFileMode mode)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            if (content == null) throw new ArgumentNullException(nameof(content));
            // Devices, pipes, sockets, folders and links are refused before anything else (NotARegularFile).
            var kind = OwnerOnlyFile.CheckTarget(path);
            if (mode == ExistingFileMode.Refuse && kind == FileKind.Regular)
                throw FileExists(path);
            try
            {
                OwnerOnlyFile.WriteAllBytes(path, content, overwrite: mode == ExistingFileMode.Replace);
            }
            catch (IOException) when (mode == ExistingFileMode.Refuse && FileKinds.Of(path) == FileKind.Regular)
            {
                // The file appeared between the check and the rename: still a refusal, not an I/O failure.
                throw FileExists(path);
            }
        }

        private static SessionExportException FileExists(string path) =>
            new SessionExportException(SessionExportError.FileExists, $"The file '{path}' already exists. Use -Force to replace it.", path);
    }
}
