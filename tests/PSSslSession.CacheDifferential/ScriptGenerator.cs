namespace PSSslSession.CacheDifferential;

/// <summary>
/// Random operation scripts that keep the cache busy where OpenSSL's behaviour has corners: small caches (eviction on
/// most adds), few distinct ids (replacement by another instance, re-adds of the same instance, removes of absent
/// ids), a handful of start times and timeouts (equal expiries, so the order among ties matters), flushes at and
/// around expiry seconds, expired-on-arrival adds, time changes of cached and uncached sessions, size and session-id
/// context changes, UPDATE_TIME, ids of every length including empty, and has/lookup queries.
/// </summary>
public static class ScriptGenerator
{
    private static readonly string[] SidCtxValues = { "-", "41", "4142" };
    private static readonly long[] Timeouts = { 0, 3, 5, 10, 10, 20, 30 };
    // Start times relative to now: few values, so that many sessions share an expiry second.
    private static readonly long[] Starts = { -10, -5, -5, -2, 0, 0, 0, 3 };
    // A third of the scripts start every session now with one of two timeouts: ties everywhere.
    private static readonly long[] TightTimeouts = { 10, 10, 20 };

    /// <summary>The script for <paramref name="seed"/>: the same seed always gives the same script.</summary>
    public static Script Generate(int seed, int operations)
    {
        var random = new Random(seed);
        var commands = new List<string>();
        if (random.Next(4) == 0) commands.Add("mode update");
        commands.Add($"size {random.Next(0, 6)}");
        if (random.Next(2) == 0) commands.Add($"sidctx {Pick(random, SidCtxValues)}");

        var ids = new List<string>();
        int distinct = random.Next(2, 8);
        for (int i = 0; i < distinct; i++) ids.Add(RandomId(random));
        var objects = new List<(string Id, long Expiry)>();
        long now = 0;
        bool tight = random.Next(3) == 0;

        for (int op = 0; op < operations; op++)
        {
            int roll = random.Next(100);
            if (objects.Count == 0 || roll < 15)
            {
                long start = tight ? now : now + Pick(random, Starts);
                long timeout = Pick(random, tight ? TightTimeouts : Timeouts);
                string id = Pick(random, ids);
                commands.Add($"new {objects.Count} {id} {start} {timeout} {Pick(random, SidCtxValues)}");
                objects.Add((id, start + timeout));
            }
            else if (roll < 42) commands.Add($"add {random.Next(objects.Count)}");
            else if (roll < 50) commands.Add($"remove {random.Next(objects.Count)}");
            else if (roll < 54) commands.Add($"settime {random.Next(objects.Count)} {now + Pick(random, Starts)}");
            else if (roll < 58) commands.Add($"settimeout {random.Next(objects.Count)} {Pick(random, Timeouts)}");
            else if (roll < 66)
            {
                // Half the flushes land on a session's expiry second or next to it: the strict boundary.
                long at = random.Next(2) == 0
                    ? objects[random.Next(objects.Count)].Expiry + random.Next(-1, 2)
                    : now + random.Next(-5, 40);
                commands.Add($"flush {at}");
            }
            else if (roll < 67) commands.Add("flushall");
            else if (roll < 73) commands.Add($"has {random.Next(objects.Count)}");
            else if (roll < 85)
            {
                // A client cannot offer an empty id (no lookup happens), so lookups pick objects with an id.
                var candidates = Enumerable.Range(0, objects.Count).Where(i => objects[i].Id != "-").ToList();
                if (candidates.Count > 0) commands.Add($"lookup {Pick(random, candidates)}");
            }
            else if (roll < 94)
            {
                // Mostly forward, sometimes back: the clock is whatever the host says.
                now += random.Next(10) == 0 ? -random.Next(0, 5) : random.Next(0, 8);
                commands.Add($"now {now}");
            }
            else if (roll < 97) commands.Add($"size {random.Next(0, 6)}");
            else commands.Add($"sidctx {Pick(random, SidCtxValues)}");
        }
        return new Script(seed.ToString(System.Globalization.CultureInfo.InvariantCulture), commands);
    }

    private static string RandomId(Random random)
    {
        int roll = random.Next(10);
        int length = roll == 0 ? 0 : roll == 1 ? random.Next(1, 32) : 32;
        if (length == 0) return "-";
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return Convert.ToHexString(bytes).ToLowerInvariant();
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];
}
