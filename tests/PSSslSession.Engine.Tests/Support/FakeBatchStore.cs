using PSSslSession.Codec;

namespace PSSslSession.Engine.Tests.Support;

/// <summary>
/// A <see cref="FakeStore"/> that also takes batches: each PutMany is recorded as one call, and is all or none
/// (it refuses the whole batch when <see cref="RefuseSession"/> is in it, as a SQLite transaction rolls back).
/// </summary>
public sealed class FakeBatchStore : ISslSessionBatchStore
{
    private readonly FakeStore _inner = new();

    public FakeStore Inner => _inner;

    /// <summary>The sizes of the batches written, in order.</summary>
    public List<int> Batches { get; } = new();

    /// <summary>A session this store refuses for good, alone or in a batch.</summary>
    public SslSession? RefuseSession { get; set; }

    public void PutMany(IReadOnlyList<SslSession> sessions, DateTimeOffset now)
    {
        if (_inner.Failing) throw new IOException("test outage");
        if (RefuseSession != null && sessions.Contains(RefuseSession)) throw new InvalidOperationException("cannot hold this session");
        Batches.Add(sessions.Count);
        foreach (var s in sessions) _inner.Seed(s);
    }

    public void Put(SslSession session, DateTimeOffset now)
    {
        if (ReferenceEquals(session, RefuseSession)) throw new InvalidOperationException("cannot hold this session");
        _inner.Put(session, now);
    }

    public string Kind => _inner.Kind;
    public string Location => _inner.Location;
    public string State => _inner.State;
    public bool CanEnumerate => _inner.CanEnumerate;
    public SslSession? Get(SessionId sessionId, SslProtocol? protocol, DateTimeOffset now) => _inner.Get(sessionId, protocol, now);
    public bool Remove(SessionId sessionId, SslProtocol protocol) => _inner.Remove(sessionId, protocol);
    public IReadOnlyList<SslSession> LoadUnexpired(DateTimeOffset now) => _inner.LoadUnexpired(now);
    public bool IsTransient(Exception failure) => _inner.IsTransient(failure);
    public void Dispose() { }
}
