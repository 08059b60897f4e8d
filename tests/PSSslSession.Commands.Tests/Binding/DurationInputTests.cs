using Xunit;

namespace PSSslSession.Commands.Tests;

public class DurationInputTests
{
    [Fact]
    public void A_timespan_passes_through() =>
        Assert.Equal(TimeSpan.FromMinutes(3), DurationInput.ToTimeSpan(TimeSpan.FromMinutes(3)));

    [Fact]
    public void An_int_is_seconds() =>
        Assert.Equal(TimeSpan.FromSeconds(300), DurationInput.ToTimeSpan(300));

    [Fact]
    public void A_double_is_fractional_seconds() =>
        Assert.Equal(TimeSpan.FromMilliseconds(1500), DurationInput.ToTimeSpan(1.5));

    [Fact]
    public void Numeric_text_is_seconds() =>
        Assert.Equal(TimeSpan.FromSeconds(7200), DurationInput.ToTimeSpan("7200"));

    [Fact]
    public void Timespan_text_is_parsed() =>
        Assert.Equal(TimeSpan.FromMinutes(90), DurationInput.ToTimeSpan("01:30:00"));

    [Fact]
    public void Other_text_is_refused() =>
        Assert.Throws<FormatException>(() => DurationInput.ToTimeSpan("soon"));

    [Fact]
    public void A_date_is_refused() =>
        Assert.Throws<FormatException>(() => DurationInput.ToTimeSpan(DateTime.UtcNow));

    [Fact]
    public void Infinite_seconds_are_refused() =>
        Assert.Throws<FormatException>(() => DurationInput.ToTimeSpan(double.PositiveInfinity));

    [Fact]
    public void Whole_seconds_round_toward_zero() =>
        Assert.Equal(2, DurationInput.ToSeconds(TimeSpan.FromMilliseconds(2999)));
}
