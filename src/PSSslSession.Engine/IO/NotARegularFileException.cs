using System.IO;

namespace PSSslSession.Engine.IO
{
    /// <summary>
    /// A path that names something other than a regular file where session files are read or written: a device, a
    /// named pipe, a socket, a directory, or a symbolic link (neither followed nor replaced). Nothing was touched.
    /// </summary>
    public sealed class NotARegularFileException : IOException
    {
        public NotARegularFileException(string path, FileKind kind, string? advice = null)
            : base($"'{path}' is {FileKinds.Describe(kind)}, not a regular file.{(advice == null ? "" : " " + advice)}")
        {
            Path = path;
            Kind = kind;
        }

        /// <summary>The path given.</summary>
        public string Path { get; }

        /// <summary>What it names.</summary>
        public FileKind Kind { get; }
    }
}
