using System.IO;
using PSSslSession.Codec;

namespace PSSslSession.Benchmarks
{
    /// <summary>
    /// Makes benchmark session number i the way the C harness does (d2i of the template, then set1_id,
    /// set_timeout, set_time): decode the template once, then build each session with id IdFor(i),
    /// start t0 + i and timeout 7200 s. Expiry order is creation order, so "flush at t0 + 7200 + k"
    /// removes exactly sessions 0..k-1. Each session gets its own copies of the template's byte fields.
    /// </summary>
    internal sealed class SessionFactory
    {
        /// <summary>Timeout of every benchmark session (the TLS methods' default).</summary>
        public const long Timeout = 7200;

        private readonly SslSessionBuilder _builder;
        private readonly long _t0;

        public SessionFactory(string templatePath, long t0)
        {
            Template = SslSessionCodec.Decode(File.ReadAllBytes(templatePath));
            _builder = Template.ToBuilder();
            _builder.TimeoutSeconds = Timeout;
            _t0 = t0;
        }

        /// <summary>The decoded template.</summary>
        public SslSession Template { get; }

        /// <summary>Start time of session 0 (Unix seconds).</summary>
        public long T0 => _t0;

        /// <summary>The template's protocol: the key version of every cached session.</summary>
        public SslProtocol Protocol => Template.GetProtocol();

        public SslSession Make(ulong i) => Make(i, _t0 + (long)i);

        /// <summary>Session number i with another start time (the varied-expiry rows).</summary>
        public SslSession Make(ulong i, long startUnixSeconds)
        {
            _builder.SessionId = BenchIds.IdFor(i);
            _builder.StartTimeUnixSeconds = startUnixSeconds;
            return _builder.Build();
        }
    }
}
