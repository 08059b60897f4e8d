using System;
using System.Threading;

namespace PSSslSession.Engine
{
    /// <summary>
    /// The system clock in whole Unix seconds for the lookup path, read from the system clock only near a second's end:
    /// in between, the cheap coarse tick count (<see cref="Environment.TickCount"/>) says the second has not ended yet.
    /// </summary>
    /// <remarks>
    /// A reading is reused while the tick count is more than <see cref="MarginMs"/> before the end of the second it was
    /// taken in. The tick count lags real time by at most one timer tick (1–16 ms; Windows: 15.6 ms), so a reused reading is always
    /// the current second; in the last <see cref="MarginMs"/> of every second each call reads the system clock. A wall
    /// clock set backwards or forwards is seen within a second.
    /// </remarks>
    internal static class CoarseUnixClock
    {
        internal const int MarginMs = 20;
        private static readonly long UnixEpochTicks = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

        /// <summary>One reading: the second, and the tick count up to which it stays current.</summary>
        private sealed class Reading
        {
            public readonly long Seconds;
            public readonly int ValidUntilTick;
            public Reading(long seconds, int validUntilTick) { Seconds = seconds; ValidUntilTick = validUntilTick; }
        }

        private static Reading? s_last;

        public static long NowSeconds()
        {
            int tick = Environment.TickCount;
            var last = Volatile.Read(ref s_last);
            // The tick count wraps every 49.7 days: compare by difference.
            if (last != null && unchecked(last.ValidUntilTick - tick) > 0) return last.Seconds;
            return Read(tick);
        }

        private static long Read(int tick)
        {
            long sinceEpoch = DateTime.UtcNow.Ticks - UnixEpochTicks;
            long seconds = sinceEpoch / TimeSpan.TicksPerSecond;
            int msLeft = (int)((TimeSpan.TicksPerSecond - sinceEpoch % TimeSpan.TicksPerSecond) / TimeSpan.TicksPerMillisecond);
            Volatile.Write(ref s_last, new Reading(seconds, unchecked(tick + msLeft - MarginMs)));
            return seconds;
        }
    }
}
