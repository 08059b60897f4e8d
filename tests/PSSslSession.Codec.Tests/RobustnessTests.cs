using PSSslSession.Codec;
using Xunit;
using static PSSslSession.Codec.Tests.Der;

namespace PSSslSession.Codec.Tests;

/// <summary>Mutated encodings: Decode either succeeds or throws SslSessionFormatException, never anything else.</summary>
public class RobustnessTests
{
    [Fact]
    public void Mutated_encodings_fail_only_with_format_errors_and_successes_are_stable()
    {
        var original = SslSessionCodec.Encode(Rich());
        var random = new Random(20261122);
        var options = new SslSessionDecodeOptions { Now = Now };
        int decoded = 0;
        for (int round = 0; round < 5000; round++)
        {
            var input = Mutate(original, random);
            SslSession session;
            try
            {
                session = SslSessionCodec.Decode(input, options);
            }
            catch (SslSessionFormatException)
            {
                continue;
            }
            decoded++;
            var once = SslSessionCodec.Encode(session);
            var twice = SslSessionCodec.Encode(SslSessionCodec.Decode(once, options));
            Assert.Equal(X(once), X(twice));
        }
        Assert.InRange(decoded, 1, 4999); // both paths were exercised
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var b = (byte[])original.Clone();
        switch (random.Next(5))
        {
            case 0: // flip a bit
                int i = random.Next(b.Length);
                b[i] ^= (byte)(1 << random.Next(8));
                return b;
            case 1: // overwrite a byte
                b[random.Next(b.Length)] = (byte)random.Next(256);
                return b;
            case 2: // truncate
                return b.Take(random.Next(b.Length)).ToArray();
            case 3: // insert a random byte
                int at = random.Next(b.Length);
                return b.Take(at).Append((byte)random.Next(256)).Concat(b.Skip(at)).ToArray();
            default: // overwrite a few bytes in a row
                int start = random.Next(b.Length);
                for (int k = start; k < Math.Min(b.Length, start + 4); k++) b[k] = (byte)random.Next(256);
                return b;
        }
    }
}
