using PSSslSession.Codec;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// The sessions of one cmdlet call that a context did not cache because they were over its size limits, summed into
    /// one warning with the size (field note 12: Traffic Server dropped 5,463-byte sessions at a fixed 4,096 without a
    /// word, and saw no hits at all).
    /// </summary>
    internal sealed class TooLargeReport
    {
        private int _count;
        private SslSession? _largest;
        private SslContext? _context;

        public void Add(SslSession session, SslContext context)
        {
            _count++;
            _context = context;
            if (_largest == null || session.EncodedLength > _largest.EncodedLength) _largest = session;
        }

        /// <summary>The warning, or null when every session fitted.</summary>
        public string? WarningText()
        {
            if (_count == 0 || _largest == null || _context == null) return null;
            string limit = LimitText(_context, _largest.EncodedLength);
            string which = $"{_largest.GetSessionId()} ({_largest.Protocol})";
            return _count == 1
                ? $"Session {which} was not cached in context '{_context.Name}': its encoding is {_largest.EncodedLength} bytes, over {limit}. Get-SslSessionStats counts such sessions in TooLarge."
                : $"{_count} sessions were not cached in context '{_context.Name}': their encodings are over {limit}; the largest is session {which} with {_largest.EncodedLength} bytes. Get-SslSessionStats counts such sessions in TooLarge.";
        }

        private static string LimitText(SslContext context, int bytes)
        {
            int perSession = context.MaxSessionSize;
            long budget = context.MaxBytes;
            if (perSession > 0 && bytes > perSession) return $"its MaxSessionSize of {perSession} bytes";
            if (budget > 0) return $"its whole MaxBytes budget of {budget} bytes";
            return "its size limits";
        }
    }
}
