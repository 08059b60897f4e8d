namespace PSSslSession.Interop.Tests.Infrastructure;

/// <summary>How to obtain each <see cref="SessionKind"/> from s_client.</summary>
public static class SessionKinds
{
    /// <summary>The s_client options that produce a session of <paramref name="kind"/>.</summary>
    public static string[] ClientOptions(this SessionKind kind) => kind switch
    {
        SessionKind.Tls12SessionId => new[] { "-tls1_2", "-no_ticket", "-alpn", "h2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256" },
        SessionKind.Tls12Ticket => new[] { "-tls1_2", "-cipher", "ECDHE-RSA-AES256-GCM-SHA384" },
        SessionKind.Tls13Ticket => new[] { "-tls1_3", "-alpn", "http/1.1" },
        SessionKind.Tls12Ecdsa => new[] { "-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-GCM-SHA384" },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Every kind, as xunit theory data.</summary>
    public static Xunit.TheoryData<SessionKind> All => new(Enum.GetValues<SessionKind>());
}
