using PSSslSession.Codec;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>
/// The words users read (conflicts with a shared cache, registry refusals, fault descriptions) and the bookkeeping of
/// callback registrations.
/// </summary>
public class MessagesAndRegistrationsTests
{
    private readonly FakeClock _clock = new();

    [Fact]
    public void Each_cache_setting_that_differs_from_a_shared_cache_is_named_with_both_values()
    {
        var host = new SslContext("host", _clock) { CacheSize = 10, MaxSessionSize = 4000, MaxBytes = 100_000, OpenSslCompat = false };
        Assert.Equal("CacheSize 5 (the cache's is 10)", new SslContextSettings { CacheSize = 5 }.ConflictWithCacheOf(host));
        Assert.Equal("Timeout 00:01:00 (the cache's is 02:00:00)", new SslContextSettings { Timeout = TimeSpan.FromMinutes(1) }.ConflictWithCacheOf(host));
        Assert.Equal("MaxSessionSize 3000 (the cache's is 4000)", new SslContextSettings { MaxSessionSize = 3000 }.ConflictWithCacheOf(host));
        Assert.Equal("MaxBytes 5 (the cache's is 100000)", new SslContextSettings { MaxBytes = 5 }.ConflictWithCacheOf(host));
        Assert.Equal("OpenSslCompat True (the cache's is False)", new SslContextSettings { OpenSslCompat = true }.ConflictWithCacheOf(host));
        Assert.Equal("Store Fake memory (the cache's is none)", new SslContextSettings { Store = new NamedStore() }.ConflictWithCacheOf(host));
        Assert.StartsWith("FlushInterval 00:00:07 (the cache's is ", new SslContextSettings { FlushInterval = TimeSpan.FromSeconds(7) }.ConflictWithCacheOf(host));
    }

    [Fact]
    public void Settings_equal_to_the_shared_cache_s_are_no_conflict()
    {
        var store = new FakeStore();
        var host = new SslContext("host", _clock) { CacheSize = 10, MaxSessionSize = 4000, MaxBytes = 100_000, OpenSslCompat = true };
        host.AttachStore(store, load: false);
        var same = new SslContextSettings
        {
            CacheSize = 10, MaxSessionSize = 4000, MaxBytes = 100_000, OpenSslCompat = true, FlushInterval = host.FlushInterval, Store = store,
        };
        Assert.Null(same.ConflictWithCacheOf(host));
        Assert.Throws<ArgumentNullException>(() => same.ConflictWithCacheOf(null!));
    }

    [Fact]
    public void Detaching_the_store_of_a_shared_cache_that_has_none_is_no_conflict_but_detaching_one_that_has_is()
    {
        var host = new SslContext("host", _clock);
        Assert.Null(new SslContextSettings { Store = null }.ConflictWithCacheOf(host));
        host.AttachStore(new NamedStore(), load: false);
        Assert.Equal("Store none (the cache's is Fake memory)", new SslContextSettings { Store = null }.ConflictWithCacheOf(host));
    }

    [Fact]
    public void Setting_an_id_generator_even_to_null_marks_it_as_a_change()
    {
        Assert.False(new SslContextSettings().ChangesSessionIdGenerator);
        Assert.True(new SslContextSettings { SessionIdGenerator = null }.ChangesSessionIdGenerator);
    }

    [Fact]
    public void The_registry_refuses_a_closed_context_and_names_contexts_in_its_refusals()
    {
        var registry = new SslContextRegistry();
        var closed = new SslContext("old");
        closed.Close();
        var e = Assert.Throws<SslContextException>(() => registry.Register(closed));
        Assert.Equal((SslContextError.ContextClosed, "The SSL context 'old' was closed and cannot be registered."), (e.Reason, e.Message));
        registry.Register(new SslContext("Web"));
        Assert.Equal("An SSL context named 'Web' already exists.", Assert.Throws<SslContextException>(() => registry.Register(new SslContext("web"))).Message);
        Assert.Equal("No SSL context named 'nope' exists.", Assert.Throws<SslContextException>(() => registry.Get("nope")).Message);
        Assert.Equal("The SSL context 'x' is not registered.", Assert.Throws<SslContextException>(() => registry.Remove(new SslContext("x"))).Message);
        Assert.Throws<ArgumentNullException>(() => registry.Register(null!));
        Assert.Throws<ArgumentNullException>(() => registry.Remove(null!));
        Assert.False(registry.TryGet(null!, out _));
    }

    [Fact]
    public void Removing_a_context_twice_says_it_was_already_removed_and_leaves_its_successor()
    {
        var registry = new SslContextRegistry();
        var first = new SslContext("web");
        registry.Register(first);
        registry.Remove(first);
        var successor = new SslContext("web");
        registry.Register(successor);
        var e = Assert.Throws<SslContextException>(() => registry.Remove(first));
        Assert.Equal((SslContextError.ContextClosed, "The SSL context 'web' was already removed."), (e.Reason, e.Message));
        Assert.Same(successor, registry.Get("web"));
    }

    [Fact]
    public void A_registered_but_other_context_of_the_same_name_is_not_removed_by_another_instance()
    {
        var registry = new SslContextRegistry();
        var registered = new SslContext("web");
        registry.Register(registered);
        Assert.Equal(SslContextError.ContextNotFound, Assert.Throws<SslContextException>(() => registry.Remove(new SslContext("web"))).Reason);
        Assert.Same(registered, registry.Get("web"));
        Assert.False(registered.IsClosed);
    }

    [Fact]
    public void Unregistering_the_middle_callback_keeps_the_others_in_order()
    {
        var ctx = new SslContext("t", _clock);
        var order = new List<string>();
        ctx.RegisterNewCallback((_, _) => order.Add("a"), "a");
        var middle = ctx.RegisterNewCallback((_, _) => order.Add("b"), "b");
        ctx.RegisterNewCallback((_, _) => order.Add("c"), "c");
        Assert.True(ctx.UnregisterCallback(middle));
        ctx.CompleteHandshake(Sessions.Make(_clock, 1), SslRole.Server);
        Assert.Equal(new[] { "a", "c" }, order);
        Assert.False(ctx.UnregisterCallback(middle));
        Assert.Throws<ArgumentNullException>(() => ctx.UnregisterCallback(null!));
        Assert.Throws<ArgumentNullException>(() => ctx.RegisterNewCallback(null!));
    }

    [Fact]
    public void A_registration_describes_itself_by_event_and_description()
    {
        var ctx = new SslContext("t", _clock);
        Assert.Equal("Remove: audit", ctx.RegisterRemoveCallback((_, _, _) => { }, "audit").ToString());
    }

    [Theory]
    [InlineData(SslCacheFaultSource.NewCallback, "The New callback of context 'web' failed: boom")]
    [InlineData(SslCacheFaultSource.RemoveCallback, "The Remove callback of context 'web' failed: boom")]
    [InlineData(SslCacheFaultSource.GetCallback, "The Get callback of context 'web' failed: boom")]
    [InlineData(SslCacheFaultSource.Store, "The session store of context 'web' failed: boom")]
    public void A_fault_names_its_source_and_context(SslCacheFaultSource source, string message)
    {
        var fault = new SslCacheFault(source, new InvalidOperationException("boom"), null, "web");
        Assert.Equal(message, fault.Message);
        Assert.Equal(message, fault.ToString());
    }

    [Fact]
    public void A_fault_without_a_context_name_has_an_empty_one()
    {
        Assert.Equal("", new SslCacheFault(SslCacheFaultSource.Store, new IOException("x"), null, null!).ContextName);
    }

    [Theory]
    [InlineData(SslCacheFaultSource.Store, true, 0, true)]
    [InlineData(SslCacheFaultSource.Store, false, 1, true)]
    [InlineData(SslCacheFaultSource.Store, false, 0, false)]
    [InlineData(SslCacheFaultSource.GetCallback, true, 1, false)]
    public void Only_a_store_fault_that_is_an_outage_or_lost_writes_is_an_outage_or_loss(SslCacheFaultSource source, bool transient, int dropped, bool expected)
    {
        var fault = new SslCacheFault(source, new IOException("x"), null, "t") { IsTransient = transient, DroppedWrites = dropped };
        Assert.Equal(expected, fault.IsStoreOutageOrLoss);
    }

    [Fact]
    public void A_callback_abort_says_why_in_its_message()
    {
        var e = new CallbackAbortException(new InvalidOperationException("stopped by the user"));
        Assert.Equal("A callback ended the operation: stopped by the user", e.Message);
    }

    [Fact]
    public void Statistics_of_a_context_carry_its_name()
    {
        Assert.Equal("web", new SslContext("web", _clock).GetStatistics().ContextName);
        Assert.Equal("", new SslSessionStatistics().ContextName);
    }

    private sealed class NamedStore : ISslSessionStore
    {
        private readonly FakeStore _inner = new();
        public string Kind => "Fake";
        public string Location => "memory";
        public string State => "Open";
        public bool CanEnumerate => false;
        public bool IsTransient(Exception failure) => false;
        public void Put(SslSession session, DateTimeOffset now) => _inner.Put(session, now);
        public SslSession? Get(SessionId sessionId, SslProtocol? protocol, DateTimeOffset now) => null;
        public bool Remove(SessionId sessionId, SslProtocol protocol) => false;
        public IReadOnlyList<SslSession> LoadUnexpired(DateTimeOffset now) => Array.Empty<SslSession>();
        public void Dispose() { }
        public override string ToString() => "Fake memory";
    }
}
