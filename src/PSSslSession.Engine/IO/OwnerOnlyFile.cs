using System;
using System.IO;
using System.Runtime.InteropServices;

namespace PSSslSession.Engine.IO
{
    /// <summary>
    /// Files that hold master keys: created owner-only (0600 on Unix) and replaced atomically
    /// (temp file in the same folder, flushed, then renamed), so a failed write never leaves a
    /// half-written or world-readable file behind.
    /// </summary>
    public static class OwnerOnlyFile
    {
        private const int OwnerReadWrite = 0x180; // 0600

        /// <summary>True where POSIX permissions apply.</summary>
        public static bool IsUnix => !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>
        /// Writes <paramref name="content"/> to <paramref name="path"/> atomically with owner-only permissions.
        /// </summary>
        /// <param name="path">Target file; its folder must exist.</param>
        /// <param name="content">Bytes to write.</param>
        /// <param name="overwrite">False: an existing file is an <see cref="IOException"/> and stays untouched.</param>
        /// <exception cref="NotARegularFileException">The path names a device, pipe, socket, directory or symbolic link:
        /// only regular files are ever replaced, and links are neither followed nor replaced.</exception>
        public static void WriteAllBytes(string path, byte[] content, bool overwrite)
        {
            var full = Path.GetFullPath(path);
            var dir = Path.GetDirectoryName(full) ?? ".";
            var kind = CheckTarget(full);
            if (!overwrite && kind == FileKind.Regular)
                throw new IOException($"The file '{full}' already exists.");
            var temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            try
            {
                WriteThroughTemp(full, temp, content, overwrite);
            }
            // The temporary file is ours, not the caller's: a failure names the file the caller asked for.
            catch (UnauthorizedAccessException e)
            {
                throw new UnauthorizedAccessException($"Could not write '{full}': access to its folder or the file is denied.", e);
            }
            catch (FileNotFoundException e)
            {
                throw new IOException($"Could not write '{full}': the file cannot be created in '{dir}'.", e);
            }
            catch (DirectoryNotFoundException e)
            {
                throw new DirectoryNotFoundException($"Could not write '{full}': its folder '{dir}' does not exist.", e);
            }
            catch (IOException e)
            {
                throw new IOException($"Could not write '{full}': {e.Message.Replace(temp, full)}", e);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }

        private static void WriteThroughTemp(string full, string temp, byte[] content, bool overwrite)
        {
            using (var stream = CreateNew(temp, FileShare.None))
            {
                stream.Write(content, 0, content.Length);
                stream.Flush(true);
            }
            if (overwrite && File.Exists(full)) File.Replace(temp, full, null, true);
            // Without overwrite, Move fails if the target appeared meanwhile: no clobbering by a race either.
            else File.Move(temp, full);
        }

        /// <summary>
        /// What <paramref name="path"/> names, when it may be written: nothing yet, or a regular file. Anything else
        /// (device, pipe, socket, folder, symbolic link) is a <see cref="NotARegularFileException"/>.
        /// </summary>
        public static FileKind CheckTarget(string path)
        {
            var kind = FileKinds.Of(path);
            if (kind == FileKind.Missing || kind == FileKind.Regular) return kind;
            throw new NotARegularFileException(Path.GetFullPath(path), kind, kind == FileKind.SymbolicLink
                ? "Session files are not written through links: give the path of the file itself."
                : "Session files are written only as regular files; nothing was changed.");
        }

        /// <summary>Creates an empty owner-only file if none exists (e.g. before a database opens it); a regular file stays as it is.</summary>
        /// <exception cref="NotARegularFileException">Something other than a regular file is there.</exception>
        public static void EnsureExists(string path)
        {
            var full = Path.GetFullPath(path);
            if (CheckTarget(full) == FileKind.Regular) return;
            using (CreateNew(full, FileShare.ReadWrite)) { }
        }

        /// <summary>
        /// Creates a new file for writing that is owner-only from the start (0600 on Unix): created with that mode, not
        /// chmod'ed afterwards, so no other user can open it in between and keep the handle. Fails when the file exists.
        /// </summary>
        internal static FileStream CreateNew(string path, FileShare share)
        {
            if (!IsUnix) return new FileStream(path, FileMode.CreateNew, FileAccess.Write, share);
            var options = UnixCreateOptions(share);
            if (options != null)
            {
                try { return (FileStream)Activator.CreateInstance(typeof(FileStream), path, options)!; }
                // The file system's own exception (IOException "exists", UnauthorizedAccessException, ...), not reflection's.
                catch (System.Reflection.TargetInvocationException e) when (e.InnerException != null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                    throw;
                }
            }
            // Runtimes before .NET 7 cannot create with a mode: the narrowest window left is to restrict at once.
            var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, share);
            Restrict(path);
            return stream;
        }

        // FileStreamOptions.UnixCreateMode (.NET 7+, every PowerShell 7 on Unix today), found at run time because this
        // assembly targets netstandard2.0 for Windows PowerShell 5.1 too.
        private static readonly Type? FileStreamOptionsType = Type.GetType("System.IO.FileStreamOptions");
        private static readonly Type? UnixFileModeType = Type.GetType("System.IO.UnixFileMode");

        private static object? UnixCreateOptions(FileShare share)
        {
            var unixCreateMode = FileStreamOptionsType?.GetProperty("UnixCreateMode");
            if (FileStreamOptionsType == null || UnixFileModeType == null || unixCreateMode == null) return null;
            var options = Activator.CreateInstance(FileStreamOptionsType)!;
            FileStreamOptionsType.GetProperty("Mode")!.SetValue(options, FileMode.CreateNew);
            FileStreamOptionsType.GetProperty("Access")!.SetValue(options, FileAccess.Write);
            FileStreamOptionsType.GetProperty("Share")!.SetValue(options, share);
            unixCreateMode.SetValue(options, Enum.ToObject(UnixFileModeType, OwnerReadWrite));
            return options;
        }

        /// <summary>Sets 0600 on Unix; on Windows files inherit the user's profile ACLs and this does nothing.</summary>
        public static void Restrict(string path)
        {
            if (!IsUnix) return;
            if (chmod(path, OwnerReadWrite) != 0)
                throw new IOException($"Could not restrict '{path}' to owner-only access (errno {Marshal.GetLastWin32Error()}).");
        }

        /// <summary>The file's permission bits on Unix (for tests and diagnostics); -1 on Windows.</summary>
        public static int GetUnixMode(string path)
        {
            if (!IsUnix) return -1;
            // netstandard2.0 has no File.GetUnixFileMode; ask ls-free via stat through the runtime when available.
            var method = typeof(File).GetMethod("GetUnixFileMode", new[] { typeof(string) });
            if (method != null) return Convert.ToInt32(method.Invoke(null, new object[] { path }));
            return -1;
        }

        [DllImport("libc", SetLastError = true, EntryPoint = "chmod")]
        private static extern int chmod(string path, int mode);
    }
}
