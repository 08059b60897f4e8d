namespace PSSslSession.CacheDifferential;

/// <summary>
/// The one list of differences from libssl's cache that the module documents as deliberate and that remain under
/// <c>-OpenSslCompat</c> (about_PSSslSession, "Differences from OpenSSL"; Remove-SslSession). The driver marks the exact
/// events they concern, and each is set aside here by name, counted, and nothing else is relaxed: every other event,
/// result, counter and cached instance is compared as printed.
/// </summary>
public static class DeliberateDifferences
{
    /// <summary>
    /// SSL_CTX_remove_session calls the remove callback even when the cache holds no session with that key; the module
    /// calls remove callbacks only for sessions that actually left (SPEC §3).
    /// </summary>
    public const string RemoveCallbackForAbsentSession = nameof(RemoveCallbackForAbsentSession);

    /// <summary>
    /// SSL_CTX_remove_session hands the callback its argument, even when the instance that left the cache is another
    /// one with the same id; the module hands it the instance that left (the argument was not cached).
    /// </summary>
    public const string RemoveCallbackGetsTheCachedInstance = nameof(RemoveCallbackGetsTheCachedInstance);

    public static IReadOnlyList<string> Names { get; } = new[] { RemoveCallbackForAbsentSession, RemoveCallbackGetsTheCachedInstance };

    /// <summary>
    /// Libssl's trace line as the module, by design, would print it: drops the <c>{absent}</c> callback events and
    /// names the instance that left for <c>{cached=hN}</c> ones. Each use is counted in <paramref name="applied"/>.
    /// </summary>
    public static string Apply(string libsslLine, IDictionary<string, int> applied)
    {
        var parts = libsslLine.Split(" | ");
        if (parts.Length < 3 || parts[1] == "-" || !parts[1].Contains('{')) return libsslLine;
        var kept = new List<string>();
        foreach (var ev in parts[1].Split(' '))
        {
            if (ev.EndsWith("{absent}", StringComparison.Ordinal))
            {
                Count(applied, RemoveCallbackForAbsentSession);
                continue;
            }
            int mark = ev.IndexOf("{cached=", StringComparison.Ordinal);
            if (mark > 0 && ev.EndsWith('}'))
            {
                Count(applied, RemoveCallbackGetsTheCachedInstance);
                string cached = ev.Substring(mark + "{cached=".Length).TrimEnd('}');
                kept.Add(cached + ev.Substring(ev.IndexOf(':'), mark - ev.IndexOf(':')));
                continue;
            }
            kept.Add(ev);
        }
        parts[1] = kept.Count == 0 ? "-" : string.Join(" ", kept);
        return string.Join(" | ", parts);
    }

    private static void Count(IDictionary<string, int> applied, string name) =>
        applied[name] = applied.TryGetValue(name, out int n) ? n + 1 : 1;
}
