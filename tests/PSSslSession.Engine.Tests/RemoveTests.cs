using PSSslSession.Codec;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>§B.4 SSL_CTX_remove_session, with SPEC §3's "callback once per session that leaves".</summary>
public class RemoveTests
{
    private readonly FakeClock _clock = new();
    private readonly List<(SslSession Session, SessionRemovalReason Reason)> _removed = new();

    private SslContext NewContext()
    {
        var ctx = new SslContext("t", _clock);
        ctx.RegisterRemoveCallback((_, s, why) => _removed.Add((s, why)));
        return ctx;
    }

    [Fact]
    public void Remove_of_a_cached_session_returns_true_and_announces_it_with_reason_Removed()
    {
        var ctx = NewContext();
        var s = Sessions.Make(_clock, 1);
        ctx.Add(s);
        var r = ctx.Remove(s);
        Assert.True(r.Removed);
        Assert.Equal(0, ctx.Count);
        Assert.Equal((s, SessionRemovalReason.Removed), Assert.Single(_removed));
    }

    [Fact]
    public void Remove_works_by_key_and_hands_the_cached_instance_to_callbacks()
    {
        var ctx = NewContext();
        var cached = Sessions.Make(_clock, 1);
        var argument = Sessions.Make(_clock, 1);
        ctx.Add(cached);
        var r = ctx.Remove(argument);
        Assert.Same(cached, Assert.Single(r.RemovedSessions));
        Assert.Same(cached, Assert.Single(_removed).Session);
    }

    [Fact]
    public void Remove_marks_the_argument_not_resumable_and_leaves_a_different_cached_instance_resumable()
    {
        var ctx = NewContext();
        var cached = Sessions.Make(_clock, 1);
        var argument = Sessions.Make(_clock, 1);
        ctx.Add(cached);
        ctx.Remove(argument);
        Assert.False(argument.IsResumable);
        Assert.True(cached.IsResumable);
    }

    [Fact]
    public void Remove_of_a_session_not_cached_returns_false_without_a_callback()
    {
        var ctx = NewContext();
        var s = Sessions.Make(_clock, 1);
        Assert.False(ctx.Remove(s).Removed);
        Assert.Empty(_removed);
        Assert.False(s.IsResumable);
    }

    [Fact]
    public void With_OpenSslCompat_remove_of_a_session_with_an_empty_id_does_nothing_and_calls_no_callback()
    {
        var ctx = NewContext();
        ctx.OpenSslCompat = true;
        var s = Sessions.Make(1, _clock.Seconds, id: Array.Empty<byte>(), ticket: new byte[] { 7 });
        ctx.Add(s);
        Assert.False(ctx.Remove(s).Removed);
        Assert.Empty(_removed);
        Assert.True(s.IsResumable);
    }

    [Fact]
    public void Remove_by_id_without_a_protocol_removes_the_id_under_every_protocol()
    {
        var ctx = NewContext();
        ctx.Add(Sessions.Make(_clock, 1, protocol: SslProtocol.TLSv13));
        ctx.Add(Sessions.Make(_clock, 1, protocol: SslProtocol.TLSv12));
        ctx.Add(Sessions.Make(_clock, 2));
        var r = ctx.Remove(Sessions.Id(1));
        Assert.Equal(2, r.RemovedSessions.Count);
        Assert.Equal(1, ctx.Count);
        Assert.Equal(2, _removed.Count);
        Assert.All(r.RemovedSessions, s => Assert.False(s.IsResumable));
    }

    [Fact]
    public void Remove_by_id_with_a_protocol_removes_only_that_version()
    {
        var ctx = NewContext();
        ctx.Add(Sessions.Make(_clock, 1, protocol: SslProtocol.TLSv13));
        var tls12 = Sessions.Make(_clock, 1, protocol: SslProtocol.TLSv12);
        ctx.Add(tls12);
        var r = ctx.Remove(Sessions.Id(1), SslProtocol.TLSv13);
        Assert.Single(r.RemovedSessions);
        Assert.Same(tls12, Assert.Single(ctx.GetSessions()));
    }

    [Fact]
    public void Removing_twice_returns_true_only_once()
    {
        var ctx = NewContext();
        var s = Sessions.Make(_clock, 1);
        ctx.Add(s);
        Assert.True(ctx.Remove(Sessions.Id(1), SslProtocol.TLSv13).Removed);
        Assert.False(ctx.Remove(Sessions.Id(1), SslProtocol.TLSv13).Removed);
    }
}
