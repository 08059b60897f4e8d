using PSSslSession.Codec;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>§B.10 session-id generation.</summary>
public class SessionIdTests
{
    private readonly FakeClock _clock = new();

    [Fact]
    public void A_generated_id_has_32_bytes_by_default()
    {
        var ctx = new SslContext("t", _clock);
        Assert.Equal(32, ctx.GenerateSessionId().Length);
    }

    [Fact]
    public void Generated_ids_differ()
    {
        var ctx = new SslContext("t", _clock);
        Assert.NotEqual(ctx.GenerateSessionId(), ctx.GenerateSessionId());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    [InlineData(-1)]
    public void A_length_outside_1_to_32_is_rejected_with_InvalidSessionIdLength(int length)
    {
        var ctx = new SslContext("t", _clock);
        var e = Assert.Throws<SslContextException>(() => ctx.GenerateSessionId(length));
        Assert.Equal(SslContextError.InvalidSessionIdLength, e.Reason);
    }

    [Fact]
    public void The_prefix_is_copied_over_the_start_of_the_id()
    {
        var ctx = new SslContext("t", _clock);
        ctx.SetSessionIdPrefix("www-18"u8.ToArray());
        var id = ctx.GenerateSessionId(16).ToArray();
        Assert.Equal(16, id.Length);
        Assert.Equal("www-18"u8.ToArray(), id.Take(6).ToArray());
    }

    [Fact]
    public void A_prefix_that_leaves_no_random_byte_in_the_id_asked_for_is_refused()
    {
        var ctx = new SslContext("t", _clock);
        ctx.SetSessionIdPrefix("www-18"u8.ToArray());
        Assert.Equal(SslContextError.InvalidSessionIdLength, Assert.Throws<SslContextException>(() => ctx.GenerateSessionId(6)).Reason);
    }

    [Fact]
    public void A_prefix_as_long_as_any_id_is_refused_when_set()
    {
        var ctx = new SslContext("t", _clock);
        Assert.Equal(SslContextError.InvalidSessionIdLength, Assert.Throws<SslContextException>(() => ctx.SetSessionIdPrefix(new byte[32])).Reason);
    }

    [Fact]
    public void Ids_the_caller_marks_as_taken_are_drawn_again()
    {
        var ctx = new SslContext("t", _clock);
        ctx.SetSessionIdPrefix(new byte[31]);
        var given = new HashSet<SessionId>();
        for (int i = 0; i < 100; i++) Assert.True(given.Add(ctx.GenerateSessionId(32, given.Contains)));
    }

    [Fact]
    public void When_every_attempt_is_taken_the_error_is_SessionIdConflict_naming_the_taken_ids()
    {
        var ctx = new SslContext("t", _clock);
        var e = Assert.Throws<SslContextException>(() => ctx.GenerateSessionId(32, _ => true));
        Assert.Equal(SslContextError.SessionIdConflict, e.Reason);
        Assert.Contains("already given out", e.Message);
    }

    [Fact]
    public void A_custom_generator_makes_the_id()
    {
        var ctx = new SslContext("t", _clock);
        ctx.SetSessionIdGenerator((_, max) => Enumerable.Repeat((byte)7, max - 2).ToArray());
        Assert.Equal(Enumerable.Repeat((byte)7, 30).ToArray(), ctx.GenerateSessionId().ToArray());
    }

    [Fact]
    public void A_generator_returning_null_fails_with_SessionIdCallbackFailed()
    {
        var ctx = new SslContext("t", _clock);
        ctx.SetSessionIdGenerator((_, _) => null);
        Assert.Equal(SslContextError.SessionIdCallbackFailed, Assert.Throws<SslContextException>(() => ctx.GenerateSessionId()).Reason);
    }

    [Fact]
    public void A_throwing_generator_fails_with_SessionIdCallbackFailed_wrapping_the_exception()
    {
        var boom = new InvalidOperationException("boom");
        var ctx = new SslContext("t", _clock);
        ctx.SetSessionIdGenerator((_, _) => throw boom);
        var e = Assert.Throws<SslContextException>(() => ctx.GenerateSessionId());
        Assert.Equal(SslContextError.SessionIdCallbackFailed, e.Reason);
        Assert.Same(boom, e.InnerException);
    }

    [Fact]
    public void A_generator_returning_too_many_bytes_fails_with_SessionIdHasBadLength()
    {
        var ctx = new SslContext("t", _clock);
        ctx.SetSessionIdGenerator((_, _) => new byte[33]);
        Assert.Equal(SslContextError.SessionIdHasBadLength, Assert.Throws<SslContextException>(() => ctx.GenerateSessionId()).Reason);
    }

    [Fact]
    public void A_generator_that_always_returns_a_cached_id_fails_after_10_attempts_with_SessionIdConflict()
    {
        var ctx = new SslContext("t", _clock);
        ctx.Add(Sessions.Make(_clock, 1));
        int calls = 0;
        ctx.SetSessionIdGenerator((_, _) => { calls++; return Sessions.IdBytes(1); });
        Assert.Equal(SslContextError.SessionIdConflict, Assert.Throws<SslContextException>(() => ctx.GenerateSessionId()).Reason);
        Assert.Equal(10, calls);
    }

    [Fact]
    public void A_colliding_id_is_retried()
    {
        var ctx = new SslContext("t", _clock);
        ctx.Add(Sessions.Make(_clock, 1));
        int calls = 0;
        ctx.SetSessionIdGenerator((_, _) => Sessions.IdBytes(++calls));
        Assert.Equal(Sessions.Id(2), ctx.GenerateSessionId());
    }

    [Fact]
    public void The_id_returned_by_a_generator_is_copied()
    {
        var bytes = new byte[] { 1, 2, 3 };
        var ctx = new SslContext("t", _clock);
        ctx.SetSessionIdGenerator((_, _) => bytes);
        var id = ctx.GenerateSessionId();
        bytes[0] = 9;
        Assert.Equal(new byte[] { 1, 2, 3 }, id.ToArray());
    }
}
