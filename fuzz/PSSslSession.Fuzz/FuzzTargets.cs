using System.Text;
using PSSslSession.Codec;
using PSSslSession.Stores;

namespace PSSslSession.Fuzz;

/// <summary>
/// The fuzz targets: each feeds untrusted bytes to one parser and lets through only the exceptions that parser documents
/// for bad input; anything else (an IndexOutOfRange, a NullReference, an OverflowException, a broken round trip) escapes
/// and is a crash for afl-fuzz and a failure for the corpus replay.
/// </summary>
public static class FuzzTargets
{
    public static readonly IReadOnlyDictionary<string, Action<byte[]>> All = new Dictionary<string, Action<byte[]>>
    {
        ["der"] = Der,
        ["pem"] = Pem,
        ["text"] = Text,
        ["row"] = Row,
    };

    /// <summary>i2d/d2i: a session that decodes re-encodes to a fixed point, with the length EncodedLength predicts.</summary>
    public static void Der(byte[] data)
    {
        SslSession session;
        try { session = SslSessionCodec.Decode(data); }
        catch (SslSessionFormatException) { return; }
        var once = SslSessionCodec.Encode(session);
        if (once.Length != session.EncodedLength) throw new InvalidOperationException($"EncodedLength {session.EncodedLength} but the encoding has {once.Length} bytes");
        var twice = SslSessionCodec.Encode(SslSessionCodec.Decode(once));
        if (!once.AsSpan().SequenceEqual(twice)) throw new InvalidOperationException("re-encoding a decoded session is not a fixed point");
        _ = SslSessionText.Format(session, includeSecret: true);
        _ = SslSessionText.FormatKeyLog(session);
    }

    /// <summary>PEM_read (bundles too) and the DER/PEM autodetecting reader.</summary>
    public static void Pem(byte[] data)
    {
        try { _ = SslSessionPem.ReadAll(Encoding.UTF8.GetString(data)); }
        catch (SslSessionFormatException) { }
        try { _ = SslSessionReader.ReadAny(data); }
        catch (SslSessionFormatException) { }
    }

    /// <summary>The text parsers behind -SessionId and -SessionIdContext: hex ids, 0x-hex and text.</summary>
    public static void Text(byte[] data)
    {
        var text = Encoding.UTF8.GetString(data);
        if (SessionId.TryParse(text, out var id) && id.ToString() != SessionId.Parse(id.ToString()).ToString())
            throw new InvalidOperationException("a parsed id does not parse back to itself");
        try { _ = SessionId.Parse(text); }
        catch (FormatException) { }
        try { _ = TextOrHex.Format(TextOrHex.Parse(text)); }
        catch (FormatException) { }
        try { _ = Hex.Decode(text); }
        catch (FormatException) { }
    }

    /// <summary>A stored row of the SQLite store: refused with an error, never thrown.</summary>
    public static void Row(byte[] data)
    {
        _ = StoredSessionCodec.TryDecode(data, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), out _);
    }
}
