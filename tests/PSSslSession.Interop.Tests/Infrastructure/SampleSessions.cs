namespace PSSslSession.Interop.Tests.Infrastructure;

/// <summary>The committed real sessions in samples/ (see samples/README.md), read without the codec under test.</summary>
public static class SampleSessions
{
    /// <summary>The single-session PEM files, in the order of samples/all.pem.</summary>
    public static readonly string[] Files = { "tls12-session-id.pem", "tls12-ticket.pem", "tls13-ticket.pem", "tls12-ecdsa.pem" };

    public static Xunit.TheoryData<string> All => new(Files);

    public static string PathOf(string name) => Path.Combine(RepositoryPaths.Samples, name);

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    /// <summary>The DER inside a one-session PEM file: base64 of the lines between BEGIN and END.</summary>
    public static byte[] Der(string name) =>
        Convert.FromBase64String(string.Concat(Text(name).Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----"))));
}
