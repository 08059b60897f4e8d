using System;
using System.IO;
using System.Text;

namespace PSSslSession.Commands
{
    /// <summary>
    /// Reads text lines (ended by \n, \r\n or \r, as <see cref="TextReader.ReadLine"/>) keeping at most a given number of
    /// characters of each: a file of a billion characters without a line break costs one buffer, not a billion-character
    /// string. Asks <c>stopping</c> at every buffer refill, so even the skipping of an endless line can be stopped.
    /// </summary>
    internal sealed class BoundedLineReader
    {
        private readonly TextReader _reader;
        private readonly int _maxLineChars;
        private readonly Func<bool> _stopping;
        private readonly char[] _buffer = new char[65536];
        private int _position, _length;

        public BoundedLineReader(TextReader reader, int maxLineChars, Func<bool> stopping)
        {
            _reader = reader;
            _maxLineChars = maxLineChars;
            _stopping = stopping;
        }

        /// <summary>True when the last read ended because the caller is stopping.</summary>
        public bool Stopped { get; private set; }

        /// <summary>
        /// Puts the next line into <paramref name="line"/> (cleared first; without its end); false at the end of the text
        /// or when stopping. <paramref name="overlong"/>: the line was longer than the limit and holds only its start.
        /// </summary>
        public bool TryReadLine(StringBuilder line, out bool overlong)
        {
            line.Clear();
            overlong = false;
            bool any = false;
            while (true)
            {
                if (_position == _length && !Fill()) return any && !Stopped;
                any = true;
                int start = _position;
                while (_position < _length && _buffer[_position] != '\n' && _buffer[_position] != '\r') _position++;
                Keep(line, start, _position - start, ref overlong);
                if (_position == _length) continue;
                char end = _buffer[_position++];
                if (end == '\r' && (_position < _length || Fill()) && _buffer[_position] == '\n') _position++;
                return true;
            }
        }

        private void Keep(StringBuilder line, int start, int count, ref bool overlong)
        {
            int room = _maxLineChars - line.Length;
            if (count > room)
            {
                overlong = true;
                count = Math.Max(room, 0);
            }
            line.Append(_buffer, start, count);
        }

        private bool Fill()
        {
            if (_stopping())
            {
                Stopped = true;
                return false;
            }
            _position = 0;
            _length = _reader.Read(_buffer, 0, _buffer.Length);
            return _length > 0;
        }
    }
}
