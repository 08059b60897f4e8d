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
                // Text: each segment runs to the end of a PEM block and goes to the codec's reader as it is, so text
                // before a block, other labels and the strict body rules stay exactly the codec's.
                var reader = new StreamReader(stream, new UTF8Encoding(false), false, 65536);
                var segment = new StringBuilder();
                bool anyBlock = false;
                int lineNumber = 0, segmentStart = 1;
                string? line;
                while ((line = reader.ReadLine()) != null)
                {
                    lineNumber++;
                    segment.Append(line).Append('\n');
                    if (!line.StartsWith(End, StringComparison.Ordinal)) continue;
                    anyBlock = true;
                    foreach (var item in Decode(Encoding.UTF8.GetBytes(segment.ToString()), path, segmentStart)) yield return item;
                    segment.Clear();
                    segmentStart = lineNumber + 1;
                    if (stopping()) yield break;
                }
                // What follows the last block is read as the codec reads it: ignored text, or a block without its end.
                var rest = segment.ToString();
                if (!anyBlock || rest.IndexOf("-----BEGIN ", StringComparison.Ordinal) >= 0)
                    foreach (var item in Decode(Encoding.UTF8.GetBytes(rest), path, anyBlock ? segmentStart : 0)) yield return item;
            }
        }

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
                var where = line > 0 ? $"{path}, the block from line {line}" : path;
                sessions = Array.Empty<SslSession>();
                return new[] { new KeyValuePair<SslSession?, Exception?>(null, new SslSessionFormatException(e.Reason, $"{where}: {e.Message}", e) { Offset = e.Offset }) };
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
