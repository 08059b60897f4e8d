using System;

using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>Why <see cref="SessionFileWriter"/> or <see cref="SessionFormatter"/> refused to write.</summary>
    public enum SessionExportError
    {
        /// <summary>The target exists and overwriting was not allowed (no -Force, or -NoClobber).</summary>
        FileExists,
        /// <summary>DER holds exactly one session (<c>i2d_SSL_SESSION</c>); several cannot share one file.</summary>
        MultipleSessionsForDer,
    }

    /// <summary>An export that was refused before anything was written.</summary>
    public sealed class SessionExportException : InvalidOperationException
    {
        /// <summary>Creates the exception for <paramref name="path"/>, when a file is concerned.</summary>
        public SessionExportException(SessionExportError reason, string message, string? path = null) : base(message)
        {
            Reason = reason;
            Path = path;
        }

        /// <summary>Why the export was refused.</summary>
        public SessionExportError Reason { get; }

        /// <summary>The file concerned, when there is one.</summary>
        public string? Path { get; }
    }
}
