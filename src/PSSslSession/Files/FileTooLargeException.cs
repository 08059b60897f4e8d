using System.IO;

namespace PSSslSession.Commands
{
    /// <summary>A session file larger than the size a reader accepts (ErrorId FileTooLarge); nothing of it was read.</summary>
    public sealed class FileTooLargeException : IOException
    {
        public FileTooLargeException(string path, long length, long limit)
            : base($"'{path}' is {length:N0} bytes, more than the {limit:N0} bytes -MaxFileSize allows; nothing of it was read.")
        {
            Path = path;
            Length = length;
            Limit = limit;
        }

        public string Path { get; }
        public long Length { get; }
        public long Limit { get; }
    }
}
