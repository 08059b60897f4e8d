using PSSslSession.Codec;
using Xunit;
using static PSSslSession.Codec.Tests.Der;

namespace PSSslSession.Codec.Tests;

/// <summary>SslSession's read-only views: expiry, resumability, ticket, group, certificate, times as instants and spans.</summary>
public class SslSessionPropertyTests
{
    private const long Start = 1_700_000_000;

    private static SslSessionBuilder Plain() => new()
    {
        Protocol = SslProtocol.TLSv12,
        Cipher = SslCipher.Parse("ECDHE-ECDSA-AES256-GCM-SHA384"),
        SessionId = new byte[] { 0xAB, 0xCD },
        StartTimeUnixSeconds = Start,
        TimeoutSeconds = 300,
    };

    private static SslSession With(Action<SslSessionBuilder> change)
    {
        var b = Plain();
        change(b);
        return b.Build();
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(300, false)]
    [InlineData(301, true)]
    public void A_session_is_expired_only_strictly_after_start_plus_timeout(long secondsAfterStart, bool expired) =>
        Assert.Equal(expired, Plain().Build().IsExpiredAt(DateTimeOffset.FromUnixTimeSeconds(Start + secondsAfterStart)));

    [Fact]
    public void Expiry_is_start_plus_timeout() =>
        Assert.Equal(Start + 300, Plain().Build().ExpiresAtUnixSeconds);

    [Fact]
    public void A_zero_timeout_expires_at_the_start() =>
        Assert.Equal(Start, With(b => b.TimeoutSeconds = 0).ExpiresAtUnixSeconds);

    [Fact]
    public void Expiry_past_the_last_unix_second_saturates() =>
        Assert.Equal(long.MaxValue, With(b => { b.StartTimeUnixSeconds = long.MaxValue - 10; b.TimeoutSeconds = 100; }).ExpiresAtUnixSeconds);

    [Theory]
    [InlineData(long.MaxValue - 10, 100, long.MaxValue)]
    [InlineData(long.MinValue + 10, -100, long.MinValue)]
    [InlineData(-5, 3, -2)]
    public void Saturating_addition_clamps_at_the_ends_of_long(long a, long b, long sum) =>
        Assert.Equal(sum, SslSession.SaturatingAdd(a, b));

    [Fact]
    public void A_session_with_an_id_is_resumable() =>
        Assert.True(Plain().Build().IsResumable);

    [Fact]
    public void A_session_with_only_a_ticket_is_resumable() =>
        Assert.True(With(b => { b.SessionId = Array.Empty<byte>(); b.Ticket = new byte[] { 1 }; }).IsResumable);

    [Fact]
    public void A_session_with_neither_id_nor_ticket_is_not_resumable() =>
        Assert.False(With(b => b.SessionId = Array.Empty<byte>()).IsResumable);

    [Fact]
    public void A_session_with_no_id_and_an_empty_ticket_is_not_resumable() =>
        Assert.False(With(b => { b.SessionId = Array.Empty<byte>(); b.Ticket = Array.Empty<byte>(); }).IsResumable);

    [Fact]
    public void A_session_marked_not_resumable_is_not_resumable()
    {
        var s = Plain().Build();
        s.NotResumable = true;
        Assert.False(s.IsResumable);
    }

    [Fact]
    public void A_session_without_a_ticket_has_none() =>
        Assert.False(Plain().Build().HasTicket);

    [Fact]
    public void An_empty_ticket_is_no_ticket() =>
        Assert.False(With(b => b.Ticket = Array.Empty<byte>()).HasTicket);

    [Fact]
    public void The_peer_certificate_is_parsed_once_and_the_same_object_returned_after()
    {
        var s = With(b => b.PeerCertificate = Certificate);
        Assert.Same(s.PeerCertificate, s.PeerCertificate);
    }

    [Fact]
    public void The_ticket_lifetime_hint_is_its_seconds_as_a_time_span() =>
        Assert.Equal(TimeSpan.FromHours(2), With(b => b.TicketLifetimeHintSeconds = 7200).TicketLifetimeHint);

    [Fact]
    public void A_ticket_lifetime_hint_beyond_what_a_time_span_holds_is_the_largest_time_span() =>
        Assert.Equal(TimeSpan.MaxValue, With(b => b.TicketLifetimeHintSeconds = ulong.MaxValue).TicketLifetimeHint);

    [Fact]
    public void Ticket_app_data_shows_as_uppercase_hex() =>
        Assert.Equal("0A0B0C", With(b => b.TicketAppData = new byte[] { 0x0A, 0x0B, 0x0C }).TicketAppData);

    [Fact]
    public void Absent_ticket_app_data_is_null() =>
        Assert.Null(Plain().Build().TicketAppData);

    [Fact]
    public void Group_id_zero_has_no_group_name() =>
        Assert.Null(Plain().Build().KeyExchangeGroup);

    [Fact]
    public void A_known_group_id_shows_as_its_openssl_name() =>
        Assert.Equal("x25519", With(b => b.KeyExchangeGroupId = 0x1D).KeyExchangeGroup);

    [Fact]
    public void The_text_form_is_protocol_id_and_cipher_never_the_key() =>
        Assert.Equal("TLSv1.2 ABCD ECDHE-ECDSA-AES256-GCM-SHA384", With(b => b.MasterKey = new byte[] { 0x99 }).ToString());

    [Fact]
    public void A_start_time_reads_as_that_utc_instant() =>
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Start), Plain().Build().StartTime);

    [Theory]
    [InlineData(253402300799L)] // 9999-12-31T23:59:59Z, the last whole second DateTimeOffset holds
    [InlineData(long.MaxValue)]
    public void A_start_time_from_the_last_representable_second_on_is_the_largest_instant(long seconds) =>
        Assert.Equal(DateTimeOffset.MaxValue, With(b => b.StartTimeUnixSeconds = seconds).StartTime);

    [Fact]
    public void A_start_time_before_year_1_is_the_smallest_instant() =>
        Assert.Equal(DateTimeOffset.MinValue, With(b => b.StartTimeUnixSeconds = long.MinValue).StartTime);

    [Fact]
    public void The_timeout_is_its_seconds_as_a_time_span() =>
        Assert.Equal(TimeSpan.FromMinutes(5), Plain().Build().Timeout);

    [Theory]
    [InlineData(922337203685L, false)] // long.MaxValue / TimeSpan.TicksPerSecond: the first second a TimeSpan cannot hold exactly
    [InlineData(long.MaxValue, false)]
    [InlineData(-922337203685L, true)]
    [InlineData(long.MinValue, true)]
    public void Seconds_beyond_what_a_time_span_holds_saturate(long seconds, bool negative) =>
        Assert.Equal(negative ? TimeSpan.MinValue : TimeSpan.MaxValue, SslSession.SecondsToTimeSpan(seconds));

    [Theory]
    [InlineData(922337203684L)]
    [InlineData(-922337203684L)]
    [InlineData(-5L)]
    [InlineData(0L)]
    public void Seconds_a_time_span_holds_convert_exactly(long seconds) =>
        Assert.Equal(TimeSpan.FromTicks(seconds * TimeSpan.TicksPerSecond), SslSession.SecondsToTimeSpan(seconds));

    [Fact]
    public void A_negative_timeout_read_from_der_is_a_negative_time_span() =>
        Assert.Equal(TimeSpan.FromSeconds(-5), SslSessionCodec.Decode(Session(Exp(1, Int("01")), Exp(2, Int("FB")))).Timeout);
}
