using System;
using System.IO;
using System.Runtime.InteropServices;

namespace PSSslSession.Engine.IO
{
    /// <summary>What a path names, without following a symbolic link (<c>lstat</c>).</summary>
    public enum FileKind
    {
        /// <summary>Nothing is there.</summary>
        Missing,
        /// <summary>A regular file: the only kind session files are written to or read from.</summary>
        Regular,
        Directory,
        SymbolicLink,
        /// <summary>A named pipe: reading blocks until a writer comes, writing until a reader does.</summary>
        Fifo,
        CharacterDevice,
        BlockDevice,
        Socket,
        Other,
    }

    /// <summary>Finds the <see cref="FileKind"/> of a path.</summary>
    public static class FileKinds
    {
        // S_IFMT and its kinds, as the .NET runtime's System.Native reports them on every Unix.
        private const int TypeMask = 0xF000, Fifo = 0x1000, Chr = 0x2000, Dir = 0x4000, Blk = 0x6000, Reg = 0x8000, Lnk = 0xA000, Sock = 0xC000;

        /// <summary>The kind of <paramref name="path"/>; a symbolic link is reported as such, not followed.</summary>
        public static FileKind Of(string path)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            if (OwnerOnlyFile.IsUnix)
            {
                var kind = UnixKind(path, followLinks: false);
                if (kind.HasValue) return kind.Value;
            }
            return FromAttributes(path);
        }

        /// <summary>The kind of what <paramref name="path"/> leads to, following symbolic links (<c>stat</c>).</summary>
        public static FileKind OfTarget(string path)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            if (OwnerOnlyFile.IsUnix)
            {
                var kind = UnixKind(path, followLinks: true);
                if (kind.HasValue) return kind.Value;
            }
            var direct = FromAttributes(path);
            // Without stat (Windows), a link to a file reads as the file.
            return direct == FileKind.SymbolicLink ? (File.Exists(path) ? FileKind.Regular : Directory.Exists(path) ? FileKind.Directory : FileKind.Missing) : direct;
        }

        /// <summary>"a character device", "a named pipe (FIFO)", …, for messages.</summary>
        public static string Describe(FileKind kind)
        {
            switch (kind)
            {
                case FileKind.Missing: return "missing";
                case FileKind.Regular: return "a regular file";
                case FileKind.Directory: return "a directory";
                case FileKind.SymbolicLink: return "a symbolic link";
                case FileKind.Fifo: return "a named pipe (FIFO)";
                case FileKind.CharacterDevice: return "a character device";
                case FileKind.BlockDevice: return "a block device";
                case FileKind.Socket: return "a socket";
                default: return "not a regular file";
            }
        }

        private static FileKind FromMode(int mode)
        {
            switch (mode & TypeMask)
            {
                case Reg: return FileKind.Regular;
                case Dir: return FileKind.Directory;
                case Lnk: return FileKind.SymbolicLink;
                case Fifo: return FileKind.Fifo;
                case Chr: return FileKind.CharacterDevice;
                case Blk: return FileKind.BlockDevice;
                case Sock: return FileKind.Socket;
                default: return FileKind.Other;
            }
        }

        // Windows (and a runtime without System.Native): attributes tell links, devices and folders apart.
        private static FileKind FromAttributes(string path)
        {
            FileAttributes attributes;
            try { attributes = File.GetAttributes(path); }
            catch (FileNotFoundException) { return FileKind.Missing; }
            catch (DirectoryNotFoundException) { return FileKind.Missing; }
            if ((attributes & FileAttributes.ReparsePoint) != 0) return FileKind.SymbolicLink;
            if ((attributes & FileAttributes.Directory) != 0) return FileKind.Directory;
            if ((attributes & FileAttributes.Device) != 0) return FileKind.CharacterDevice;
            return FileKind.Regular;
        }

        /// <summary>The kind from the runtime's own lstat wrapper; null where that is not available.</summary>
        private static FileKind? UnixKind(string path, bool followLinks)
        {
            // The runtime's FileStatus starts with int Flags, int Mode; the buffer is larger than any version of it.
            var status = new byte[512];
            try
            {
                // Failing means nothing can be reached there (ENOENT, ENOTDIR, EACCES on the way): missing, for us.
                if ((followLinks ? Stat(path, status) : LStat(path, status)) != 0) return FileKind.Missing;
            }
            catch (DllNotFoundException) { return null; }
            catch (EntryPointNotFoundException) { return null; }
            return FromMode(BitConverter.ToInt32(status, 4));
        }

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
        private static extern int LStat(string path, [Out] byte[] status);

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
        private static extern int Stat(string path, [Out] byte[] status);
    }
}
