using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using PSSslSession.Codec;
using PSSslSession.Engine.IO;

namespace PSSslSession.Commands
{
    /// <summary>
    /// Reads session files with bounds: only regular files (a device or pipe would never end, or block), at most a
    /// given size, and PEM bundles a block at a time, so memory follows the largest block rather than the file and a
    /// reader can stop between blocks. DER and one-line base64 files are read whole (they hold one session). A block
    /// that is not a session is reported with its line and the blocks after it are still read.
    /// </summary>
    internal sealed class SessionFileReader
    {
        private const string End = "-----END ";
        private readonly SslSessionDecodeOptions _options;
        private readonly long _maxFileSize;

        public SessionFileReader(SslSessionDecodeOptions options, long maxFileSize)
        {
            _options = options;
            _maxFileSize = maxFileSize;
        }

        /// <summary>
        /// The sessions of <paramref name="path"/> in file order, each block's failure (an <see cref="SslSessionFormatException"/>
        /// naming the block's first line) in its place; <paramref name="stopping"/> is asked between blocks.
        /// </summary>
        /// <exception cref="NotARegularFileException">Not a regular file (links are followed).</exception>
        /// <exception cref="FileTooLargeException">Larger than the limit.</exception>
        public IEnumerable<KeyValuePair<SslSession?, Exception?>> Read(string path, Func<bool> stopping)
        {
            var kind = FileKinds.OfTarget(path);
            if (kind == FileKind.Missing) throw new FileNotFoundException($"'{path}' does not exist.", path);
            if (kind != FileKind.Regular)
                throw new NotARegularFileException(path, kind, "Session files are read only from regular files.");
            var length = new FileInfo(path).Length;
            if (length > _maxFileSize) throw new FileTooLargeException(path, length, _maxFileSize);
            return ReadChecked(path, stopping);
        }

        private IEnumerable<KeyValuePair<SslSession?, Exception?>> ReadChecked(string path, Func<bool> stopping)
        {
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 65536, FileOptions.SequentialScan))
            {
                if (!StartsAsText(stream))
                {
                    foreach (var item in Decode(ReadAll(stream), path, 0)) yield return item;
                    yield break;
                }
                // Text: each block, from its BEGIN line to its END line, goes to the codec's reader as it is, so other
                // labels and the strict body rules stay exactly the codec's. Text between blocks is dropped (the codec
                // skips it); text before the first block is kept, bounded, for a file of base64 without PEM lines.
                var lines = new BoundedLineReader(new StreamReader(stream, new UTF8Encoding(false), false, 65536), MaxBlockChars, stopping);
                var line = new StringBuilder();
                var segment = new StringBuilder();
                bool anyBlock = false, inBlock = false, oversized = false;
                int lineNumber = 0, blockStart = 0;
                while (lines.TryReadLine(line, out bool overlong))
                {
                    lineNumber++;
                    if ((lineNumber & 1023) == 0 && stopping()) yield break;
                    if (!inBlock && StartsWith(line, Begin))
                    {
                        inBlock = true;
                        blockStart = lineNumber;
                        segment.Clear();
                        oversized = false;
                    }
                    else if (!inBlock && anyBlock) continue;
                    if (overlong || segment.Length + line.Length + 1 > MaxBlockChars) oversized = true;
                    if (!oversized) segment.Append(line).Append('\n');
                    if (!inBlock || !StartsWith(line, End)) continue;
                    anyBlock = true;
                    inBlock = false;
                    foreach (var item in oversized ? Oversized(path, blockStart) : Decode(Encoding.UTF8.GetBytes(segment.ToString()), path, blockStart))
                        yield return item;
                    segment.Clear();
                    if (stopping()) yield break;
                }
                if (lines.Stopped) yield break;
                // What follows the last block is read as the codec reads it: a block without its end, or (with no block
                // at all) base64 text or text that holds no session.
                if (anyBlock && !inBlock) yield break;
                var where = inBlock ? blockStart : 0;
                foreach (var item in oversized ? Oversized(path, where) : Decode(Encoding.UTF8.GetBytes(segment.ToString()), path, where))
                    yield return item;
            }
        }

        /// <summary>Far more than any session's PEM block or base64 (sessions are kilobytes; a peer certificate rarely passes 100 KB).</summary>
        internal const int MaxBlockChars = 16 * 1024 * 1024;

        private const string Begin = "-----BEGIN ";

        private static bool StartsWith(StringBuilder line, string prefix)
        {
            if (line.Length < prefix.Length) return false;
            for (int i = 0; i < prefix.Length; i++)
                if (line[i] != prefix[i]) return false;
            return true;
        }

        private static IEnumerable<KeyValuePair<SslSession?, Exception?>> Oversized(string path, int line)
        {
            var what = line > 0 ? "the block is" : "the text holds no PEM block and is";
            yield return new KeyValuePair<SslSession?, Exception?>(null, new SslSessionFormatException(line > 0 ? SslSessionFormatError.BadPem : SslSessionFormatError.NoPemBlock,
                $"{Where(path, line)}: {what} over {MaxBlockChars / (1024 * 1024)} MiB of text, far more than any session."));
        }

        /// <summary>How a failure names its place: the file, and in a bundle the line its block starts at (0 = none).</summary>
        private static string Where(string path, int line) => line > 0 ? $"{path}, the block from line {line}" : path;

        /// <summary>The sessions of one part of a file, or its failure, named for the file (and the line it starts at).</summary>
        private IEnumerable<KeyValuePair<SslSession?, Exception?>> Decode(byte[] bytes, string path, int line)
        {
            IReadOnlyList<SslSession> sessions;
            try
            {
                sessions = SslSessionReader.ReadAny(bytes, _options);
            }
            catch (SslSessionFormatException e)
            {
                return new[] { new KeyValuePair<SslSession?, Exception?>(null, new SslSessionFormatException(e.Reason, $"{Where(path, line)}: {e.Message}", e) { Offset = e.Offset }) };
            }
            var items = new KeyValuePair<SslSession?, Exception?>[sessions.Count];
            for (int i = 0; i < items.Length; i++) items[i] = new KeyValuePair<SslSession?, Exception?>(sessions[i], null);
            return items;
        }

        // DER starts with a SEQUENCE tag (0x30, which is also '0' in text: a base64 line never starts with it, PEM
        // starts with '-' or prose). An empty file goes to the codec, which names it Empty.
        private static bool StartsAsText(Stream stream)
        {
            int first = stream.ReadByte();
            stream.Position = 0;
            return first >= 0 && first != 0x30;
        }

        private static byte[] ReadAll(Stream stream)
        {
            var bytes = new byte[stream.Length];
            int read = 0;
            while (read < bytes.Length)
            {
                int n = stream.Read(bytes, read, bytes.Length - read);
                if (n == 0) break;
                read += n;
            }
            return read == bytes.Length ? bytes : bytes.AsSpan(0, read).ToArray();
        }
    }
}
