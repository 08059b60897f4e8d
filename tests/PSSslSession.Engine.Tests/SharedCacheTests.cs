using System.Text;
using PSSslSession.Codec;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>
/// One cache for several contexts (issue 12, field note 8; Akamai's SSL_CTX_share_session_cache): partitioned by
/// session-id context, each member with its own counters and callbacks, settings of the cache shared, members leaving
/// one by one.
/// </summary>
public class SharedCacheTests
{
    private readonly FakeClock _clock = new();
    private static readonly byte[] Web = Encoding.ASCII.GetBytes("web"), Mail = Encoding.ASCII.GetBytes("mail");

    private SslSession Session(int n, byte[] sidCtx, long timeout = 300) => Sessions.Make(n, _clock.Seconds, timeout, SslProtocol.TLSv12, sidCtx);

    /// <summary>rsa and ecdsa serve "web" (one service, two certificates); mail shares the cache with its own sid_ctx.</summary>
    private (SslContext Rsa, SslContext Ecdsa, SslContext MailCtx) Members()
    {
        var rsa = new SslContext("rsa", _clock);
        rsa.SetSessionIdContext(Web);
        var ecdsa = new SslContext("ecdsa", _clock, shareCacheWith: rsa);
        ecdsa.SetSessionIdContext(Web);
        var mail = new SslContext("mail", _clock, shareCacheWith: rsa);
        mail.SetSessionIdContext(Mail);
        return (rsa, ecdsa, mail);
    }

    [Fact]
    public void A_resumption_that_lands_on_a_sibling_with_the_same_session_id_context_hits()
    {
        var (rsa, ecdsa, _) = Members();
        var s = Session(1, Web);
        rsa.Add(s);
        var r = ecdsa.Lookup(s.GetSessionId(), SslProtocol.TLSv12);
        Assert.Equal(SslLookupOutcome.Hit, r.Outcome);
        Assert.Same(s, r.Session);
    }

    [Fact]
    public void A_member_with_another_session_id_context_cannot_resume_it()
    {
        var (rsa, _, mail) = Members();
        var s = Session(1, Web);
        rsa.Add(s);
        Assert.Equal(SslLookupOutcome.ContextMismatch, mail.Lookup(s.GetSessionId(), SslProtocol.TLSv12).Outcome);
    }

    [Fact]
    public void Each_member_counts_its_own_lookups()
    {
        var (rsa, ecdsa, mail) = Members();
        var s = Session(1, Web);
        rsa.Add(s);
        ecdsa.Lookup(s.GetSessionId(), SslProtocol.TLSv12);
        ecdsa.Lookup(Sessions.Id(99), SslProtocol.TLSv12);
        Assert.Equal((1L, 1L), (ecdsa.GetStatistics().Hits, ecdsa.GetStatistics().Misses));
        Assert.Equal((0L, 0L), (rsa.GetStatistics().Hits, rsa.GetStatistics().Misses));
        Assert.Equal(0L, mail.GetStatistics().Hits);
    }

    [Fact]
    public void Each_member_lists_the_sessions_of_its_session_id_context()
    {
        var (rsa, ecdsa, mail) = Members();
        SslSession w = Session(1, Web), m = Session(2, Mail);
        rsa.Add(w);
        rsa.Add(m);
        Assert.Equal(new[] { w }, ecdsa.GetSessions());
        Assert.Equal(new[] { m }, mail.GetSessions());
        Assert.Equal(new[] { m }, mail.FindSessions(m.GetSessionId()));
        Assert.Empty(mail.FindSessions(w.GetSessionId()));
    }

    [Fact]
    public void Count_size_and_bytes_are_the_whole_caches()
    {
        var (rsa, _, mail) = Members();
        rsa.Add(Session(1, Web));
        mail.Add(Session(2, Mail));
        Assert.Equal(2, mail.Count);
        Assert.Equal(rsa.GetStatistics().Bytes, mail.GetStatistics().Bytes);
    }

    [Fact]
    public void The_size_limit_holds_for_the_whole_cache_and_evicts_across_members()
    {
        var (rsa, _, mail) = Members();
        mail.CacheSize = 2;
        Assert.Equal(2, rsa.CacheSize);
        var earliest = Session(1, Web, timeout: 10);
        rsa.Add(earliest);
        mail.Add(Session(2, Mail, timeout: 20));
        var r = mail.Add(Session(3, Mail, timeout: 30));
        Assert.Equal(new[] { earliest }, r.Evicted);
        Assert.Equal(1, mail.GetStatistics().CacheFull);
        Assert.Equal(0, rsa.GetStatistics().CacheFull);
    }

    [Fact]
    public void A_removal_is_announced_to_the_members_whose_part_it_was_in()
    {
        var (rsa, ecdsa, mail) = Members();
        var told = new List<string>();
        rsa.RegisterRemoveCallback((c, s, why) => told.Add($"rsa {why}"));
        ecdsa.RegisterRemoveCallback((c, s, why) => told.Add($"ecdsa {why}"));
        mail.RegisterRemoveCallback((c, s, why) => told.Add($"mail {why}"));
        mail.CacheSize = 1;
        rsa.Add(Session(1, Web));
        mail.Add(Session(2, Mail));
        Assert.Equal(new[] { "rsa Evicted", "ecdsa Evicted" }, told);
    }

    [Fact]
    public void A_member_removes_only_sessions_of_its_part()
    {
        var (rsa, _, mail) = Members();
        var s = Session(1, Web);
        rsa.Add(s);
        Assert.False(mail.Remove(s.GetSessionId()).Removed);
        Assert.False(mail.Remove(s).Removed);
        Assert.True(rsa.Remove(s.GetSessionId()).Removed);
    }

    [Fact]
    public void A_member_does_not_delete_another_parts_session_from_the_shared_store()
    {
        var (rsa, _, mail) = Members();
        var store = new FakeStore();
        rsa.AttachStore(store);
        var s = Session(1, Web);
        rsa.Add(s);
        mail.Remove(s);
        Assert.Empty(store.Removes);
    }

    [Fact]
    public void Flushing_expired_sessions_removes_them_for_every_member()
    {
        var (rsa, _, mail) = Members();
        rsa.Add(Session(1, Web, timeout: 10));
        rsa.Add(Session(2, Mail, timeout: 10));
        _clock.Advance(11);
        Assert.Equal(2, mail.Flush(_clock.UtcNow).Removed.Count);
        Assert.Equal(0, rsa.Count);
    }

    [Fact]
    public void FlushAll_removes_the_members_part_only()
    {
        var (rsa, ecdsa, mail) = Members();
        rsa.Add(Session(1, Web));
        rsa.Add(Session(2, Mail));
        Assert.Single(mail.FlushAll().Removed);
        Assert.Single(ecdsa.GetSessions());
        Assert.Null(rsa.CheckConsistency());
    }

    [Fact]
    public void The_cache_settings_are_shared_and_the_context_settings_are_not()
    {
        var (rsa, ecdsa, _) = Members();
        var store = new FakeStore();
        ecdsa.Configure(new SslContextSettings { CacheSize = 7, Timeout = TimeSpan.FromSeconds(60), MaxBytes = 1 << 20, MaxSessionSize = 8000, Store = store, OpenSslCompat = true, CacheMode = SslSessionCacheMode.Both });
        Assert.Equal(7, rsa.CacheSize);
        Assert.Equal(TimeSpan.FromSeconds(60), rsa.Timeout);
        Assert.Equal(1 << 20, rsa.MaxBytes);
        Assert.Equal(8000, rsa.MaxSessionSize);
        Assert.Same(store, rsa.Store);
        Assert.True(rsa.OpenSslCompat);
        Assert.Equal(SslSessionCacheMode.Server, rsa.CacheMode);
    }

    [Fact]
    public void SharedWith_names_the_other_members()
    {
        var (rsa, ecdsa, mail) = Members();
        Assert.Equal(new[] { "ecdsa", "mail" }, rsa.SharedWith);
        Assert.True(mail.SharesCacheWith(ecdsa));
        Assert.Empty(new SslContext("alone", _clock).SharedWith);
    }

    [Fact]
    public void Removing_one_member_leaves_the_cache_and_its_sessions_to_the_others()
    {
        var (rsa, ecdsa, mail) = Members();
        var told = new List<SslSession>();
        rsa.RegisterRemoveCallback((_, s, _) => told.Add(s));
        var s = Session(1, Web);
        rsa.Add(s);
        var result = rsa.Close();
        Assert.Empty(result.Removed);
        Assert.Empty(told);
        Assert.Equal(SslLookupOutcome.Hit, ecdsa.Lookup(s.GetSessionId(), SslProtocol.TLSv12).Outcome);
        Assert.Equal(new[] { "mail" }, ecdsa.SharedWith);
        Assert.True(s.IsResumable);
    }

    [Fact]
    public void Removing_the_last_member_frees_the_cache()
    {
        var (rsa, ecdsa, mail) = Members();
        var store = new FakeStore();
        rsa.AttachStore(store);
        rsa.Add(Session(1, Web));
        rsa.Close();
        mail.Close();
        var told = new List<SslSession>();
        ecdsa.RegisterRemoveCallback((_, s, _) => told.Add(s));
        Assert.Single(ecdsa.Close().Removed);
        Assert.Single(told);
        Assert.Null(ecdsa.Store);
    }

    [Fact]
    public void A_closed_context_cannot_be_shared()
    {
        var host = new SslContext("host", _clock);
        host.Close();
        var e = Assert.Throws<SslContextException>(() => new SslContext("late", _clock, shareCacheWith: host));
        Assert.Equal(SslContextError.ContextClosed, e.Reason);
    }

    [Fact]
    public void The_timer_flush_of_a_shared_cache_tells_and_counts_each_member_its_part()
    {
        var (rsa, ecdsa, mail) = Members();
        var webTold = new List<SslSession>();
        var mailTold = new List<SslSession>();
        ecdsa.RegisterRemoveCallback((_, s, _) => { lock (webTold) webTold.Add(s); });
        mail.RegisterRemoveCallback((_, s, _) => { lock (mailTold) mailTold.Add(s); });
        rsa.Add(Sessions.Make(1, _clock.Seconds - 100, 10, SslProtocol.TLSv12, Web));
        rsa.Add(Sessions.Make(2, _clock.Seconds - 100, 10, SslProtocol.TLSv12, Mail));
        rsa.Add(Sessions.Make(3, _clock.Seconds - 100, 10, SslProtocol.TLSv12, Mail));
        mail.FlushInterval = SslContext.MinFlushInterval;
        var deadline = DateTime.UtcNow + Bounded.Limit;
        while (mail.GetStatistics().Flushes < 2 || ecdsa.GetStatistics().Flushes < 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "the timer flush did not come");
            Thread.Sleep(5);
        }
        mail.FlushInterval = TimeSpan.Zero;
        lock (webTold) Assert.Single(webTold);
        lock (mailTold) Assert.Equal(2, mailTold.Count);
    }

    [Fact]
    public void Members_never_share_a_sid_ctx_tag_even_after_the_tags_start_over()
    {
        var (rsa, ecdsa, mail) = Members();
        var s = Session(1, Web);
        rsa.Add(s);
        // Far more changes than there are tags: the numbering restarts several times.
        for (int i = 0; i < 1000; i++) mail.SetSessionIdContext(Encoding.ASCII.GetBytes("m" + i));
        mail.SetSessionIdContext(Mail);
        Assert.Null(rsa.CheckConsistency());
        Assert.Equal(SslLookupOutcome.Hit, ecdsa.Lookup(s.GetSessionId(), SslProtocol.TLSv12).Outcome);
        Assert.Equal(SslLookupOutcome.ContextMismatch, mail.Lookup(s.GetSessionId(), SslProtocol.TLSv12).Outcome);
    }

    [Fact]
    public void A_member_that_joins_gets_its_own_tag_so_a_slot_tagged_for_another_never_matches_it()
    {
        var host = new SslContext("host", _clock);
        host.SetSessionIdContext(Web);
        var s = Session(1, Web);
        host.Add(s);
        // Numbered per context, the newcomer's first sid_ctx would get the host's tag (2) and pass the slot's tag check.
        var newcomer = new SslContext("newcomer", _clock, shareCacheWith: host);
        newcomer.SetSessionIdContext(Mail);
        Assert.Equal(SslLookupOutcome.ContextMismatch, newcomer.Lookup(s.GetSessionId(), SslProtocol.TLSv12).Outcome);
        Assert.Null(host.CheckConsistency());
    }

    [Fact]
    public void A_session_of_no_members_session_id_context_belongs_to_every_member()
    {
        var host = new SslContext("host", _clock);
        var stray = Session(1, Encoding.ASCII.GetBytes("s_server"));
        host.Add(stray);
        host.SetSessionIdContext(Web);
        var other = new SslContext("other", _clock, shareCacheWith: host);
        other.SetSessionIdContext(Mail);
        Assert.Equal(new[] { stray }, host.GetSessions());
        Assert.Equal(new[] { stray }, other.GetSessions());
        Assert.Equal(SslLookupOutcome.ContextMismatch, other.Lookup(stray.GetSessionId(), SslProtocol.TLSv12).Outcome);
        Assert.True(other.Remove(stray.GetSessionId()).Removed);
    }

    [Fact]
    public void Sessions_left_behind_by_a_member_that_changed_its_session_id_context_stay_visible_and_removable()
    {
        var (rsa, ecdsa, mail) = Members();
        var s = Session(1, Mail);
        mail.Add(s);
        mail.SetSessionIdContext(Encoding.ASCII.GetBytes("mail2"));
        Assert.Contains(s, rsa.GetSessions());
        Assert.Single(ecdsa.FlushAll().Removed);
    }

    [Fact]
    public void The_last_member_is_told_about_every_session_it_flushes_on_close()
    {
        var (rsa, ecdsa, mail) = Members();
        rsa.Add(Session(1, Web));
        rsa.Add(Session(2, Mail));
        rsa.Close();
        ecdsa.Close();
        var told = new List<SslSession>();
        mail.RegisterRemoveCallback((_, s, _) => told.Add(s));
        mail.Close();
        Assert.Equal(2, told.Count);
    }

    [Fact]
    public void A_new_members_timeout_of_0_is_the_caches_default_timeout_not_a_conflict()
    {
        var host = new SslContext("host", _clock);
        Assert.Null(new SslContextSettings { Timeout = TimeSpan.Zero }.ConflictWithCacheOf(host));
        Assert.NotNull(new SslContextSettings { Timeout = TimeSpan.FromSeconds(60) }.ConflictWithCacheOf(host));
        Assert.NotNull(new SslContextSettings { CacheSize = 5 }.ConflictWithCacheOf(host));
        Assert.Null(new SslContextSettings { CacheMode = SslSessionCacheMode.Both, SessionIdContext = Web }.ConflictWithCacheOf(host));
    }
}
