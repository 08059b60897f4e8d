using PSSslSession.Engine;

namespace PSSslSession.Engine.Tests.Support;

/// <summary>A clock the test moves by hand; never sleeps.</summary>
public sealed class FakeClock : IClock
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public DateTimeOffset UtcNow { get; set; } = Start;

    public long Seconds => UtcNow.ToUnixTimeSeconds();

    public void Advance(long seconds) => UtcNow = UtcNow.AddSeconds(seconds);
}
