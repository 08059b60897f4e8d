using System.Security.Cryptography;
using PSSslSession.Client;
using PSSslSession.Codec;
using Xunit;

namespace PSSslSession.Client.Tests;

/// <summary>SslServerProbe's decisions over a scripted handshaker: what each method offers, and what it reports.</summary>
public sealed class SslServerProbeTests
{
    private static readonly SslServerTarget Target = new("web.example", 8443) { SkipCertificateCheck = true };
    private static readonly byte[] Id = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] Ticket = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();

    private static IReadOnlyList<SslResumptionResult> Test(FakeHandshaker fake, SslProtocol? protocol) =>
        SslServerProbe.MethodsFor(protocol).Select(method => new SslServerProbe(fake).TestResumption(Target, method, CancellationToken.None)).ToList();

    [Fact]
    public void SessionId_offers_TLS_1_2_without_tickets_then_the_id_master_secret_and_suite_it_got()
    {
        var fake = new FakeHandshaker().Then(FakeHandshaker.Tls12(Id)).Then(FakeHandshaker.Tls12(Id, resumed: true))
            .Then(FakeHandshaker.Tls12(Id)).Then(FakeHandshaker.Tls12(Id, resumed: true));
        Test(fake, SslProtocol.TLSv12);

        Assert.Equal(new[] { 0x0303 }, fake.Requests[0].Versions);
        Assert.False(fake.Requests[0].OfferTicket);
        Assert.Null(fake.Requests[0].Resume);
        var offered = fake.Requests[1].Resume!;
        Assert.Equal(Id, offered.SessionId);
        Assert.Equal(48, offered.MasterSecret.Length);
        Assert.Equal(0xC030, offered.CipherSuite);
        Assert.True(offered.ExtendedMasterSecret);
        Assert.False(fake.Requests[1].OfferTicket);
    }

    [Fact]
    public void SessionId_resumed_says_so_and_names_both_ids()
    {
        var fake = new FakeHandshaker().Then(FakeHandshaker.Tls12(Id)).Then(FakeHandshaker.Tls12(Id, resumed: true))
            .Then(FakeHandshaker.Tls12(Id)).Then(FakeHandshaker.Tls12(Id, resumed: true));
        var result = Test(fake, SslProtocol.TLSv12)[0];

        Assert.Equal(ResumptionMethod.SessionId, result.Method);
        Assert.True(result.Resumed);
        Assert.Equal("resumed the session id", result.ServerSaid);
        Assert.Equal(Convert.ToHexString(Id), result.OfferedSessionId);
        Assert.Equal(Convert.ToHexString(Id), result.SessionId);
        Assert.Equal("web.example", result.ComputerName);
        Assert.Equal(8443, result.Port);
    }

    [Fact]
    public void SessionId_without_an_id_from_the_server_is_not_resumed_and_is_not_offered_again()
    {
        var fake = new FakeHandshaker().Then(FakeHandshaker.Tls12()).Then(FakeHandshaker.Tls12(ticket: Ticket)).Then(FakeHandshaker.Tls12(resumed: true));
        var result = Test(fake, SslProtocol.TLSv12)[0];

        Assert.False(result.Resumed);
        Assert.StartsWith("no session id issued", result.ServerSaid);
        Assert.Null(fake.Requests[1].Resume); // the next request is the Ticket method's first connection
    }

    [Fact]
    public void SessionId_answered_with_a_new_id_is_a_full_handshake_with_a_new_session_id()
    {
        var other = Enumerable.Repeat((byte)0xEE, 32).ToArray();
        var fake = new FakeHandshaker().Then(FakeHandshaker.Tls12(Id)).Then(FakeHandshaker.Tls12(other))
            .Then(FakeHandshaker.Tls12()).Then(FakeHandshaker.Tls12());
        var result = Test(fake, SslProtocol.TLSv12)[0];

        Assert.False(result.Resumed);
        Assert.Equal("full handshake: the session id was not accepted; a new session id was issued", result.ServerSaid);
        Assert.Equal(Convert.ToHexString(other), result.SessionId);
    }

    [Fact]
    public void Ticket_asks_for_a_ticket_then_offers_it_under_the_SHA_256_of_the_ticket_as_id()
    {
        var fake = new FakeHandshaker().Then(FakeHandshaker.Tls12()).Then(FakeHandshaker.Tls12(ticket: Ticket))
            .Then(FakeHandshaker.Tls12(resumed: true));
        var result = Test(fake, SslProtocol.TLSv12)[1];

        Assert.True(fake.Requests[1].OfferTicket);
        Assert.Null(fake.Requests[1].Resume);
        Assert.True(fake.Requests[2].OfferTicket);
        Assert.Equal(Ticket, fake.Requests[2].Resume!.Ticket);
        Assert.Equal(SHA256.HashData(Ticket), fake.Requests[2].Resume!.SessionId);
        Assert.True(result.Resumed);
        Assert.Equal("resumed the ticket", result.ServerSaid);
    }

    [Fact]
    public void Ticket_without_a_ticket_from_the_server_is_not_resumed()
    {
        var fake = new FakeHandshaker().Then(FakeHandshaker.Tls12()).Then(FakeHandshaker.Tls12());
        var result = Test(fake, SslProtocol.TLSv12)[1];
        Assert.False(result.Resumed);
        Assert.Equal("no ticket issued", result.ServerSaid);
        Assert.Equal(2, fake.Requests.Count);
    }

    [Fact]
    public void Ticket_refused_with_a_new_ticket_says_a_new_ticket_was_issued()
    {
        var fake = new FakeHandshaker().Then(FakeHandshaker.Tls12()).Then(FakeHandshaker.Tls12(ticket: Ticket))
            .Then(FakeHandshaker.Tls12(ticket: new byte[] { 1, 2, 3 }));
        var result = Test(fake, SslProtocol.TLSv12)[1];
        Assert.False(result.Resumed);
        Assert.Equal("full handshake: the ticket was not accepted; a new ticket was issued", result.ServerSaid);
    }

    [Fact]
    public void A_server_that_refuses_TLS_1_2_makes_its_methods_not_resumed_rather_than_an_error()
    {
        var fake = new FakeHandshaker().ThenFail(FakeHandshaker.VersionRefused()).ThenFail(FakeHandshaker.VersionRefused());
        var results = Test(fake, SslProtocol.TLSv12);
        Assert.All(results, r => Assert.False(r.Resumed));
        Assert.All(results, r => Assert.Equal("the server does not speak TLS 1.2", r.ServerSaid));
    }

    [Fact]
    public void Any_other_failure_is_thrown_for_the_host()
    {
        var fake = new FakeHandshaker().ThenFail(new TlsClientException(TlsClientError.HostUnreachable, "refused"));
        var e = Assert.Throws<TlsClientException>(() => Test(fake, null));
        Assert.Equal(TlsClientError.HostUnreachable, e.Reason);
    }

    [Fact]
    public void Tls13Ticket_with_tickets_issued_is_not_tried_and_says_why()
    {
        var fake = new FakeHandshaker().Then(FakeHandshaker.Tls13(tickets: 2));
        var result = Test(fake, SslProtocol.TLSv13).Single();

        Assert.Equal(new[] { 0x0304 }, fake.Requests[0].Versions);
        Assert.Null(result.Resumed);
        Assert.False(result.Supported);
        Assert.Equal("TLSv1.3", result.Protocol);
        Assert.StartsWith("2 TLS 1.3 ticket(s) issued (lifetime 7200 s); not tried", result.ServerSaid);
    }

    [Fact]
    public void Tls13Ticket_without_tickets_is_not_resumed_whatever_the_client()
    {
        var result = Test(new FakeHandshaker().Then(FakeHandshaker.Tls13(tickets: 0)), SslProtocol.TLSv13).Single();
        Assert.False(result.Resumed);
        Assert.True(result.Supported);
        Assert.Equal("no TLS 1.3 ticket issued", result.ServerSaid);
    }

    [Fact]
    public void Without_a_protocol_all_three_methods_are_reported_in_order()
    {
        var fake = new FakeHandshaker().Then(FakeHandshaker.Tls12()).Then(FakeHandshaker.Tls12()).Then(FakeHandshaker.Tls13(0));
        Assert.Equal(new[] { ResumptionMethod.SessionId, ResumptionMethod.Ticket, ResumptionMethod.Tls13Ticket },
            Test(fake, null).Select(r => r.Method));
    }

    [Fact]
    public void A_given_session_with_a_ticket_is_offered_by_its_ticket_once()
    {
        var session = new SslSessionBuilder { Protocol = SslProtocol.TLSv12, Cipher = SslCipher.Parse("ECDHE-RSA-AES128-GCM-SHA256"), SessionId = Id, MasterKey = new byte[48], Ticket = Ticket }.Build();
        var fake = new FakeHandshaker().Then(FakeHandshaker.Tls12(resumed: true));
        var result = new SslServerProbe(fake).TestResumption(Target, session, CancellationToken.None);

        Assert.Single(fake.Requests);
        Assert.Equal(ResumptionMethod.Ticket, result.Method);
        Assert.True(fake.Requests[0].OfferTicket);
        Assert.Equal(0xC02F, fake.Requests[0].Resume!.CipherSuite);
        Assert.True(result.Resumed);
    }

    [Fact]
    public void A_given_session_whose_certificate_is_not_trusted_is_not_offered_unless_the_check_is_skipped()
    {
        using var key = RSA.Create(2048);
        using var self = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=web.example", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var session = new SslSessionBuilder { Protocol = SslProtocol.TLSv12, Cipher = SslCipher.Parse("ECDHE-RSA-AES128-GCM-SHA256"), SessionId = Id, MasterKey = new byte[48], PeerCertificate = self.RawData }.Build();
        var strict = new FakeHandshaker();
        var e = Assert.Throws<TlsClientException>(() => new SslServerProbe(strict).TestResumption(new SslServerTarget("web.example", 443), session, CancellationToken.None));
        Assert.Equal(TlsClientError.CertificateRejected, e.Reason);
        Assert.Contains("resumed handshake sends no certificate", e.Message);
        Assert.Empty(strict.Requests);

        var skipping = new FakeHandshaker().Then(FakeHandshaker.Tls12(Id, resumed: true));
        Assert.True(new SslServerProbe(skipping).TestResumption(Target, session, CancellationToken.None).Resumed);
    }

    [Fact]
    public void A_given_session_without_a_master_key_is_refused_before_connecting()
    {
        var session = new SslSessionBuilder { Protocol = SslProtocol.TLSv12, Cipher = SslCipher.Parse("ECDHE-RSA-AES128-GCM-SHA256"), SessionId = Id }.Build();
        var fake = new FakeHandshaker();
        var e = Assert.Throws<ArgumentException>(() => new SslServerProbe(fake).TestResumption(Target, session, CancellationToken.None));
        Assert.Contains("no master key", e.Message);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public void A_given_TLS_1_3_session_is_reported_as_not_tried_without_connecting()
    {
        var session = new SslSessionBuilder { Protocol = SslProtocol.TLSv13, Cipher = SslCipher.Parse("TLS_AES_128_GCM_SHA256"), SessionId = Id, MasterKey = new byte[32] }.Build();
        var fake = new FakeHandshaker();
        var result = new SslServerProbe(fake).TestResumption(Target, session, CancellationToken.None);
        Assert.Empty(fake.Requests);
        Assert.False(result.Supported);
        Assert.Null(result.Resumed);
    }

    [Fact]
    public void Capture_lays_a_ticket_session_out_as_OpenSSL_s_client_does()
    {
        var fake = new FakeHandshaker().Then(FakeHandshaker.Tls12(Id, ticket: Ticket));
        var session = new SslServerProbe(fake).Capture(Target, SslProtocol.TLSv12, noTicket: false, alpn: null, CancellationToken.None).Session;

        Assert.Equal(Convert.ToHexString(SHA256.HashData(Ticket)), session.SessionId);
        Assert.Equal(Ticket, session.GetTicket());
        Assert.Equal(7200UL, session.TicketLifetimeHintSeconds);
        Assert.Equal(7200, session.TimeoutSeconds);
        Assert.True(session.ExtendedMasterSecret);
        Assert.Equal(48, session.MasterKey.Length);
        Assert.Empty(session.GetSessionIdContext());
        Assert.Equal(0, session.MaxFragmentLength); // none negotiated: OpenSSL writes no [17] field
    }

    [Fact]
    public void Capture_records_the_key_exchange_group()
    {
        var result = FakeHandshaker.Tls12(Id);
        result.KeyExchangeGroup = 29;
        var session = new SslServerProbe(new FakeHandshaker().Then(result)).Capture(Target, null, false, null, CancellationToken.None).Session;
        Assert.Equal(29u, session.KeyExchangeGroupId);
        Assert.Equal("x25519", session.KeyExchangeGroup);
    }

    [Fact]
    public void Capture_with_NoTicket_does_not_ask_for_a_ticket()
    {
        var fake = new FakeHandshaker().Then(FakeHandshaker.Tls12(Id));
        new SslServerProbe(fake).Capture(Target, null, noTicket: true, alpn: new[] { "h2" }, CancellationToken.None);
        Assert.False(fake.Requests[0].OfferTicket);
        Assert.Equal(new[] { 0x0304, 0x0303 }, fake.Requests[0].Versions);
        Assert.Equal(new[] { "h2" }, fake.Requests[0].Alpn);
    }

    [Fact]
    public void Capture_of_TLS_1_3_keeps_the_ticket_and_its_PSK_the_client_timeout_and_no_EMS_flag()
    {
        var result = FakeHandshaker.Tls13(2);
        result.Ticket = Ticket;
        result.MasterSecret = Enumerable.Repeat((byte)7, 48).ToArray();
        result.TicketLifetimeHint = 3600;
        result.TicketAgeAdd = 0x12345678;
        result.MaxEarlyData = 16384;
        var capture = new SslServerProbe(new FakeHandshaker().Then(result)).Capture(Target, null, false, null, CancellationToken.None);

        Assert.Empty(capture.Notes);
        Assert.True(capture.Session.IsResumable);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(Ticket)), capture.Session.SessionId);
        Assert.Equal(48, capture.Session.MasterKey.Length);
        Assert.Equal(3600UL, capture.Session.TicketLifetimeHintSeconds);
        Assert.Equal(7200, capture.Session.TimeoutSeconds); // as OpenSSL's client: its context's timeout, not the lifetime
        Assert.Equal(0x12345678u, capture.Session.TicketAgeAdd);
        Assert.Equal(16384u, capture.Session.MaxEarlyData);
        Assert.False(capture.Session.ExtendedMasterSecret);
    }

    [Theory]
    [InlineData(0, SslServerProbe.Tls13NoTicket)]
    [InlineData(2, SslServerProbe.Tls13NoResumptionSecret)]
    public void Capture_of_TLS_1_3_without_a_kept_ticket_is_unresumable_and_says_why(int ticketsIssued, string note)
    {
        var capture = new SslServerProbe(new FakeHandshaker().Then(FakeHandshaker.Tls13(ticketsIssued))).Capture(Target, null, false, null, CancellationToken.None);
        Assert.True(capture.Session.MasterKey.IsEmpty);
        Assert.False(capture.Session.IsResumable);
        Assert.Equal(note, Assert.Single(capture.Notes));
    }

    [Fact]
    public void Capture_notes_a_TLS_1_2_session_with_neither_id_nor_ticket()
    {
        var capture = new SslServerProbe(new FakeHandshaker().Then(FakeHandshaker.Tls12())).Capture(Target, null, false, null, CancellationToken.None);
        Assert.Contains("neither a session id nor a ticket", Assert.Single(capture.Notes));
    }

    [Fact]
    public void Capture_of_an_unknown_cipher_suite_fails_as_HandshakeFailed()
    {
        var result = FakeHandshaker.Tls12(Id);
        result.CipherSuite = 0xFAFA;
        var e = Assert.Throws<TlsClientException>(() => new SslServerProbe(new FakeHandshaker().Then(result)).Capture(Target, null, false, null, CancellationToken.None));
        Assert.Equal(TlsClientError.HandshakeFailed, e.Reason);
        Assert.Contains("0xFAFA", e.Message);
    }

    [Fact]
    public void The_certificate_check_rejects_an_untrusted_chain_unless_skipped()
    {
        using var key = RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=web.example", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var self = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var chain = new[] { self.RawData };
        string? checkedAnswer = null, skippedAnswer = null;
        var strict = new SslServerTarget("web.example", 443);
        new SslServerProbe(new FakeHandshaker().Then(r => { checkedAnswer = r.CheckCertificate!(chain); return FakeHandshaker.Tls12(Id); }))
            .Capture(strict, null, false, null, CancellationToken.None);
        new SslServerProbe(new FakeHandshaker().Then(r => { skippedAnswer = r.CheckCertificate!(chain); return FakeHandshaker.Tls12(Id); }))
            .Capture(Target, null, false, null, CancellationToken.None);

        Assert.Contains("self-signed", checkedAnswer);
        Assert.Null(skippedAnswer);
    }

    [Fact]
    public void Only_TLS_1_2_and_1_3_can_be_offered()
    {
        Assert.Throws<ArgumentException>(() => new SslServerProbe(new FakeHandshaker()).Capture(Target, new SslProtocol(SslProtocol.Tls11), false, null, CancellationToken.None));
    }
}
