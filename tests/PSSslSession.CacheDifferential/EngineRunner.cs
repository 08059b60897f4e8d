using System.Globalization;
using PSSslSession.Codec;
using PSSslSession.Engine;

namespace PSSslSession.CacheDifferential;

/// <summary>
/// Runs a script through the module's engine and prints the trace line the driver prints for libssl (see
/// native/cachedriver.c): the command's result, the remove callbacks with their reasons, the counters, and the cached
/// instances. The context is set up as the driver's: mode Server, NoAutoClear, default size, and
/// <see cref="SslContext.OpenSslCompat"/> unless the caller asks for the module's defaults.
/// </summary>
public static class EngineRunner
{
    /// <summary>The script's time zero in Unix seconds; the driver uses the same.</summary>
    public const long T0 = 1700000000;

    private static readonly SslCipher Cipher = SslCipher.FromCode(0xC02F)!;

    public static IReadOnlyList<string> Run(Script script, bool openSslCompat = true)
    {
        var clock = new ScriptClock();
        var context = new SslContext("differential", clock)
        {
            CacheMode = SslSessionCacheMode.Server | SslSessionCacheMode.NoAutoClear,
            OpenSslCompat = openSslCompat,
        };
        var objects = new List<SslSession>();
        var removals = new List<string>();
        context.RegisterRemoveCallback((_, session, reason) => removals.Add($"h{HandleOf(objects, session)}:{reason}"));
        var trace = new List<string>(script.Commands.Count);
        try
        {
            foreach (var command in script.Commands)
            {
                removals.Clear();
                string result = Execute(context, clock, objects, command);
                trace.Add(TraceLine(context, objects, result, removals));
            }
        }
        finally
        {
            context.Close();
        }
        return trace;
    }

    private static string Execute(SslContext context, ScriptClock clock, List<SslSession> objects, string command)
    {
        var f = command.Split(' ');
        SslSession Object(int i) => objects[int.Parse(f[i], CultureInfo.InvariantCulture)];
        long Number(int i) => long.Parse(f[i], CultureInfo.InvariantCulture);
        switch (f[0])
        {
            case "mode":
                context.CacheMode = SslSessionCacheMode.Server | SslSessionCacheMode.NoAutoClear
                    | (f[1] == "update" ? SslSessionCacheMode.UpdateTime : 0);
                return "-";
            case "size":
                context.CacheSize = (int)Number(1);
                return "-";
            case "sidctx":
                context.SetSessionIdContext(Hex(f[1]));
                return "-";
            case "now":
                clock.Seconds = T0 + Number(1);
                return "-";
            case "new":
                if (Number(1) != objects.Count) throw new FormatException($"handles must be numbered 0, 1, 2, ...: {command}");
                objects.Add(new SslSessionBuilder
                {
                    Protocol = SslProtocol.TLSv12,
                    Cipher = Cipher,
                    SessionId = Hex(f[2]),
                    MasterKey = new byte[48],
                    StartTimeUnixSeconds = T0 + Number(3),
                    TimeoutSeconds = Number(4),
                    SessionIdContext = Hex(f[5]),
                }.Build());
                return "-";
            case "add":
                return context.Add(Object(1)).Added ? "1" : "0";
            case "remove":
                return context.Remove(Object(1)).Removed ? "1" : "0";
            case "settime":
                Object(1).SetTimes(T0 + Number(2), null);
                return "-";
            case "settimeout":
                Object(1).SetTimes(null, Number(2));
                return "-";
            case "flush":
                context.Flush(DateTimeOffset.FromUnixTimeSeconds(T0 + Number(1)));
                return "-";
            case "flushall":
                context.FlushAll();
                return "-";
            case "has":
                return context.HasMatchingSessionId(Object(1).GetSessionId(), SslProtocol.TLSv12) ? "1" : "0";
            case "lookup":
                return Outcome(context.Lookup(Object(1).GetSessionId(), SslProtocol.TLSv12).Outcome);
            default:
                throw new FormatException($"unknown command: {command}");
        }
    }

    /// <summary>The driver's names: what libssl's counters and the server's resumption say happened.</summary>
    private static string Outcome(SslLookupOutcome outcome) => outcome switch
    {
        SslLookupOutcome.Hit => "hit",
        SslLookupOutcome.Expired => "timeout",
        SslLookupOutcome.Miss => "miss",
        // Found but not resumable here: OpenSSL treats both like a miss without counting one.
        SslLookupOutcome.ContextMismatch or SslLookupOutcome.VersionMismatch => "reject",
        _ => outcome.ToString(),
    };

    private static string TraceLine(SslContext context, List<SslSession> objects, string result, List<string> removals)
    {
        var stats = context.GetStatistics();
        var cached = context.GetSessions().Select(s => HandleOf(objects, s)).OrderBy(h => h);
        string events = removals.Count == 0 ? "-" : string.Join(" ", removals);
        return $"{result} | {events} | n={stats.Count} hits={stats.Hits} misses={stats.Misses} timeouts={stats.Timeouts} full={stats.CacheFull} |"
               + string.Concat(cached.Select(h => $" h{h}"));
    }

    private static int HandleOf(List<SslSession> objects, SslSession session) =>
        objects.FindIndex(o => ReferenceEquals(o, session));

    private static byte[] Hex(string text) => text == "-" ? Array.Empty<byte>() : Convert.FromHexString(text);

    private sealed class ScriptClock : IClock
    {
        public long Seconds { get; set; } = T0;
        public DateTimeOffset UtcNow => DateTimeOffset.FromUnixTimeSeconds(Seconds);
    }
}
