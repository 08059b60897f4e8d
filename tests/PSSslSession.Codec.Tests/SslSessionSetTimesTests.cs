using PSSslSession.Codec;
using Xunit;

namespace PSSslSession.Codec.Tests;

/// <summary>SslSession.SetTimes (SSL_SESSION_set_time / _set_timeout), alone and while a cache owns the session.</summary>
public class SslSessionSetTimesTests
{
    private static SslSession New() => new SslSessionBuilder
    {
        Cipher = SslCipher.Parse("TLS_AES_128_GCM_SHA256"),
        SessionId = new byte[] { 1 },
        StartTimeUnixSeconds = 1_000,
        TimeoutSeconds = 300,
    }.Build();

    private sealed class RecordingOwner : ISessionOwner
    {
        public readonly List<(long Start, long Timeout)> Calls = new();

        public void UpdateTimes(SslSession session, long startTimeUnixSeconds, long timeoutSeconds)
        {
            if (Calls.Count > 0) throw new InvalidOperationException("UpdateTimes was called more than once.");
            Calls.Add((startTimeUnixSeconds, timeoutSeconds));
            session.ApplyTimes(startTimeUnixSeconds, timeoutSeconds);
        }
    }

    [Fact]
    public void Both_times_change_on_a_session_no_cache_holds()
    {
        var s = New();
        s.SetTimes(2_000, 600);
        Assert.Equal((2_000L, 600L), (s.StartTimeUnixSeconds, s.TimeoutSeconds));
    }

    [Fact]
    public void A_null_start_time_keeps_the_start_time()
    {
        var s = New();
        s.SetTimes(null, 600);
        Assert.Equal((1_000L, 600L), (s.StartTimeUnixSeconds, s.TimeoutSeconds));
    }

    [Fact]
    public void A_null_timeout_keeps_the_timeout()
    {
        var s = New();
        s.SetTimes(2_000, null);
        Assert.Equal((2_000L, 300L), (s.StartTimeUnixSeconds, s.TimeoutSeconds));
    }

    [Fact]
    public void A_zero_timeout_is_accepted()
    {
        var s = New();
        s.SetTimes(null, 0);
        Assert.Equal(0, s.TimeoutSeconds);
    }

    [Fact]
    public void A_negative_timeout_is_refused_and_changes_nothing()
    {
        var s = New();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => s.SetTimes(2_000, -1));
        Assert.Equal("timeoutSeconds", e.ParamName);
        Assert.Contains("negative", e.Message);
        Assert.Equal((1_000L, 300L), (s.StartTimeUnixSeconds, s.TimeoutSeconds));
    }

    [Fact]
    public void The_encoded_length_follows_a_time_change()
    {
        var s = New();
        _ = s.EncodedLength;
        s.SetTimes(1_700_000_000, 7200);
        Assert.Equal(SslSessionCodec.Encode(s).Length, s.EncodedLength);
    }

    [Fact]
    public void Taking_ownership_returns_the_expiry_to_order_by() =>
        Assert.Equal(1_300, New().CaptureExpiryAndOwn(new RecordingOwner()));

    [Fact]
    public void A_time_change_of_an_owned_session_goes_once_through_its_owner_with_the_kept_values_filled_in()
    {
        var s = New();
        var owner = new RecordingOwner();
        s.CaptureExpiryAndOwn(owner);
        s.SetTimes(null, 600);
        Assert.Equal(new[] { (1_000L, 600L) }, owner.Calls);
    }

    [Fact]
    public void A_new_start_time_of_an_owned_session_reaches_the_owner_with_the_kept_timeout()
    {
        var s = New();
        var owner = new RecordingOwner();
        s.CaptureExpiryAndOwn(owner);
        s.SetTimes(2_000, null);
        Assert.Equal(new[] { (2_000L, 300L) }, owner.Calls);
    }
}
