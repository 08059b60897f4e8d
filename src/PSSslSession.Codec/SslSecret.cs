using System;

namespace PSSslSession.Codec
{
    /// <summary>
    /// Key material (the master key, or a TLS 1.3 resumption PSK). It never renders its bytes:
    /// <see cref="ToString"/> says only how long it is, so default formatting, logs and
    /// <c>Format-List *</c> cannot leak it. Call <see cref="ToArray"/> to get the bytes on purpose.
    /// </summary>
    public sealed class SslSecret : IEquatable<SslSecret>
    {
        private readonly byte[] _bytes;

        /// <summary>Copies <paramref name="bytes"/>.</summary>
        public SslSecret(byte[] bytes) : this((ReadOnlySpan<byte>)(bytes ?? throw new ArgumentNullException(nameof(bytes)))) { }
        /// <summary>Copies <paramref name="bytes"/>.</summary>
        public SslSecret(ReadOnlySpan<byte> bytes) { _bytes = bytes.ToArray(); }
        private SslSecret(byte[] owned, bool _) { _bytes = owned; }
        internal static SslSecret FromOwned(byte[] owned) => new SslSecret(owned, true);

        /// <summary>No key material (an empty master key is legal in a session).</summary>
        public static SslSecret Empty { get; } = new SslSecret(new byte[0], true);

        /// <summary>Number of bytes (<c>master_key_length</c>).</summary>
        public int Length => _bytes.Length;
        /// <summary>True when there are no bytes.</summary>
        public bool IsEmpty => _bytes.Length == 0;

        /// <summary>The secret bytes, without copying. Internal: only the codec and engine read them.</summary>
        internal ReadOnlySpan<byte> Span => _bytes;

        /// <summary>A copy of the secret bytes. The caller is responsible for not leaking them.</summary>
        public byte[] ToArray() => (byte[])_bytes.Clone();

        /// <summary>Uppercase hex of the secret, for the explicit -IncludeSecret paths only.</summary>
        public string Reveal() => Hex.ToUpper(_bytes);

        /// <summary>Never the bytes: "(secret, N bytes)".</summary>
        public override string ToString() => $"(secret, {_bytes.Length} bytes)";

        /// <summary>Constant-time byte-wise equality.</summary>
        public bool Equals(SslSecret? other) => other != null && FixedTimeEquals(_bytes, other._bytes);
        /// <summary>Constant-time byte-wise equality.</summary>
        public override bool Equals(object? obj) => Equals(obj as SslSecret);
        /// <summary>The length only, so that hashing reveals nothing of the bytes.</summary>
        public override int GetHashCode() => _bytes.Length;

        // netstandard2.0 lacks CryptographicOperations.FixedTimeEquals; compare secrets without early exit.
        private static bool FixedTimeEquals(byte[] a, byte[] b)
        {
            if (a.Length != b.Length) return false;
            int diff = 0;
            for (int i = 0; i < a.Length; i++) diff |= a[i] ^ b[i];
            return diff == 0;
        }
    }
}
