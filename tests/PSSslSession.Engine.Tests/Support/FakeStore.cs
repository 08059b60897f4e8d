using PSSslSession.Codec;
using PSSslSession.Engine;

namespace PSSslSession.Engine.Tests.Support;

/// <summary>An in-memory ISslSessionStore that records calls and can be switched into an outage.</summary>
public sealed class FakeStore : ISslSessionStore
{
    private readonly object _gate = new();
    private readonly Dictionary<(int, string), SslSession> _sessions = new();

    public bool Failing { get; set; }

    /// <summary>Thrown by Put when set: a failure that is not transient.</summary>
    public Exception? RefuseWith { get; set; }

    /// <summary>Thrown by Get when set: a failure that is not transient.</summary>
    public Exception? RefuseGetsWith { get; set; }
    public List<string> Calls { get; } = new();
    public List<SslSession> Puts { get; } = new();
    public List<(SessionId Id, SslProtocol Protocol)> Removes { get; } = new();
    public int Gets { get; private set; }

    public string Kind => "Fake";

    /// <summary>The outage (<see cref="Failing"/>) is transient; anything else thrown is not.</summary>
    public bool IsTransient(Exception failure) => failure is IOException;
    public string Location => "memory";
    public string State => Failing ? "Disconnected: test outage" : "Open";
    public bool CanEnumerate => true;

    public void Seed(SslSession s) { lock (_gate) _sessions[(s.ProtocolVersion, s.SessionId)] = s; }

    public bool Holds(SslSession s) { lock (_gate) return _sessions.ContainsKey((s.ProtocolVersion, s.SessionId)); }

    /// <summary>
    /// When set, a Put on thread <see cref="HoldPutsOnThread"/> signals <see cref="PutEntered"/>, waits for this, and then
    /// succeeds even while <see cref="Failing"/> (which still fails every other thread's Put, e.g. a replay timer's).
    /// </summary>
    public ManualResetEventSlim? HoldPuts { get; set; }
    public int HoldPutsOnThread { get; set; }
    public ManualResetEventSlim PutEntered { get; } = new();

    public void Put(SslSession session, DateTimeOffset now)
    {
        var hold = HoldPuts;
        bool held = hold != null && Environment.CurrentManagedThreadId == HoldPutsOnThread;
        if (held)
        {
            PutEntered.Set();
            hold!.Wait();
        }
        lock (_gate)
        {
            Calls.Add("Put");
            if (!held) ThrowIfFailing();
            if (RefuseWith != null) throw RefuseWith;
            Puts.Add(session);
            _sessions[(session.ProtocolVersion, session.SessionId)] = session;
        }
    }

    public SslSession? Get(SessionId sessionId, SslProtocol? protocol, DateTimeOffset now)
    {
        lock (_gate)
        {
            Calls.Add("Get");
            Gets++;
            ThrowIfFailing();
            if (RefuseGetsWith != null) throw RefuseGetsWith;
            foreach (var pair in _sessions)
                if (pair.Key.Item2 == sessionId.ToString() && (protocol == null || pair.Key.Item1 == protocol.Value.Number))
                    return pair.Value;
            return null;
        }
    }

    public bool Remove(SessionId sessionId, SslProtocol protocol)
    {
        lock (_gate)
        {
            Calls.Add("Remove");
            ThrowIfFailing();
            Removes.Add((sessionId, protocol));
            return _sessions.Remove((protocol.Number, sessionId.ToString()));
        }
    }

    public IReadOnlyList<SslSession> LoadUnexpired(DateTimeOffset now)
    {
        lock (_gate)
        {
            Calls.Add("Load");
            ThrowIfFailing();
            return _sessions.Values.Where(s => !s.IsExpiredAt(now)).ToList();
        }
    }

    public void Dispose() { }

    private void ThrowIfFailing()
    {
        if (Failing) throw new IOException("store unreachable");
    }
}
