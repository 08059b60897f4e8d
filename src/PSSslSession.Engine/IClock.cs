using System;

namespace PSSslSession.Engine
{
    /// <summary>The engine's notion of "now"; inject a fake one in tests instead of sleeping.</summary>
    public interface IClock
    {
        DateTimeOffset UtcNow { get; }
    }

    /// <summary>The system clock.</summary>
    public sealed class SystemClock : IClock
    {
        public static SystemClock Instance { get; } = new SystemClock();
        private SystemClock() { }
        public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
    }
}
