using System;
using System.IO;
using PSSslSession.Codec;

namespace PSSslSession.Benchmarks
{
    /// <summary>
    /// Codec rows, mirroring sessbench.c's cmd_codec on the same files: decode (d2i_SSL_SESSION), encode
    /// (i2d_SSL_SESSION into a fresh buffer) and PEM read (PEM_read_bio_SSL_SESSION from memory) of a TLS 1.2
    /// and a TLS 1.3 client session that both carry the server's certificate.
    /// </summary>
    internal static class CodecBenchmarks
    {
        public static void Run(string dataDir, double seconds, int reps)
        {
            foreach (var name in new[] { "tls12", "tls13" })
            {
                var der = File.ReadAllBytes(Path.Combine(dataDir, name + "-cert.der"));
                var pem = File.ReadAllText(Path.Combine(dataDir, name + "-cert.pem"));
                var session = SslSessionCodec.Decode(der);
                if (!SslSessionCodec.Encode(session).AsSpan().SequenceEqual(der))
                    throw new InvalidOperationException($"{name}: re-encoding is not byte-identical; the rows would compare different work.");

                Action decode = () => SslSessionCodec.Decode(der);
                // A fresh instance per call: an encoder may memoise on the instance, OpenSSL's i2d does not.
                var copies = new SslSession[1024];
                for (int k = 0; k < copies.Length; k++) copies[k] = SslSessionCodec.Decode(der);
                int next = 0;
                Action encode = () => SslSessionCodec.Encode(copies[next++ & 1023]);
                Action pemRead = () => SslSessionPem.ReadAll(pem);

                Stats.Row("decode-" + name, Stats.Measure(decode, seconds, reps));
                Stats.Row("encode-" + name, Stats.Measure(encode, seconds, reps));
                Stats.Row("pem-read-" + name, Stats.Measure(pemRead, seconds, reps));
                Stats.Note(FormattableString.Invariant($"alloc decode-{name} {Stats.AllocatedPerCall(decode, 1000):0} B/op (DER {der.Length} B)"));
                Stats.Note(FormattableString.Invariant($"alloc encode-{name} {Stats.AllocatedPerCall(encode, 1000):0} B/op"));
                Stats.Note(FormattableString.Invariant($"alloc pem-read-{name} {Stats.AllocatedPerCall(pemRead, 1000):0} B/op"));
            }
        }
    }
}
