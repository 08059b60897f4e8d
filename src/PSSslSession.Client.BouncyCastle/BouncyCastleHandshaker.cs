using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace PSSslSession.Client.BouncyCastle
{
    /// <summary>
    /// <see cref="ITlsHandshaker"/> over BouncyCastle's blocking TlsClientProtocol. The request's time limit covers the name
    /// lookup, each address tried and the handshake: a timer closes the socket when it runs out (BouncyCastle has no
    /// cancellation of its own), as does the caller's cancellation.
    /// </summary>
    internal sealed class BouncyCastleHandshaker : ITlsHandshaker
    {
        // TLS 1.3 tickets come after the handshake: how long to wait for the first one, and then for more.
        private static readonly TimeSpan TicketWait = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan MoreTicketsWait = TimeSpan.FromMilliseconds(200);

        private readonly BcTlsCrypto _crypto = new BcTlsCrypto(new SecureRandom());

        public TlsHandshakeResult Handshake(TlsHandshakeRequest request, CancellationToken cancel)
        {
            var clock = Stopwatch.StartNew();
            TimeSpan Left() => request.Timeout - clock.Elapsed;
            var where = request.Endpoint;
            using (var socket = Connect(request, where, Left, cancel))
            {
                var timedOut = 0;
                using (new Timer(_ => { Interlocked.Exchange(ref timedOut, 1); socket.Dispose(); }, null, Positive(Left()), Timeout.InfiniteTimeSpan))
                using (cancel.Register(socket.Dispose))
                {
                    var client = new CapturingClient(_crypto, request);
                    var protocol = new RecordingClientProtocol(new NetworkStream(socket, ownsSocket: false));
                    client.Protocol = protocol;
                    try
                    {
                        protocol.Connect(client);
                        var result = client.Result ?? throw new TlsClientException(TlsClientError.HandshakeFailed, $"The handshake with {where} ended without completing.");
                        if (result.Version == 0x0304) ReadTickets(socket, protocol, Left);
                        KeepTls13Ticket(result, client, protocol);
                        Close(protocol);
                        return result;
                    }
                    catch (Exception e) when (!(e is TlsClientException))
                    {
                        if (cancel.IsCancellationRequested) throw new TlsClientException(TlsClientError.Canceled, $"The handshake with {where} was stopped.", e);
                        if (Volatile.Read(ref timedOut) == 1)
                            throw new TlsClientException(TlsClientError.HandshakeFailed, $"The handshake with {where} did not finish within {Seconds(request.Timeout)}.", e, timedOut: true);
                        if (client.CertificateProblem != null)
                            throw new TlsClientException(TlsClientError.CertificateRejected, $"The certificate of {where} was rejected: {client.CertificateProblem}.", e);
                        var alert = client.AlertReceived ?? (e as TlsFatalAlertReceived)?.AlertDescription;
                        if (alert != null)
                            throw new TlsClientException(TlsClientError.HandshakeFailed,
                                $"{where} ended the handshake with a {AlertDescription.GetText(alert.Value)} alert{(alert == AlertDescription.protocol_version ? $" (it does not speak {Versions(request)})" : "")}.",
                                e, alertReceived: alert);
                        if (!client.ServerAnswered && e is TlsFatalAlert)
                            throw new TlsClientException(TlsClientError.HandshakeFailed, $"{where} did not answer with TLS (its first bytes are not a TLS handshake record).", e);
                        throw new TlsClientException(TlsClientError.HandshakeFailed, $"The handshake with {where} failed: {Describe(e)}", e);
                    }
                }
            }
        }

        /// <summary>
        /// Lets BouncyCastle read what follows the handshake (TLS 1.3 NewSessionTicket messages) until nothing more arrives:
        /// its blocking read only returns application data, so a short read timeout ends the wait.
        /// </summary>
        private static void ReadTickets(Socket socket, RecordingClientProtocol protocol, Func<TimeSpan> left)
        {
            var wait = Min(TicketWait, left());
            if (wait <= TimeSpan.Zero || !socket.Poll((int)(wait.Ticks / 10), SelectMode.SelectRead)) return;
            socket.ReceiveTimeout = (int)Math.Max(1, Min(MoreTicketsWait, left()).TotalMilliseconds);
            try
            {
                protocol.Stream.Read(new byte[1024], 0, 1024);
            }
            catch (Exception e) when (e is IOException || e is SocketException || e is ObjectDisposedException)
            {
                // The wait ran out (or the server closed): the tickets that came are counted.
            }
        }

        /// <summary>
        /// The first TLS 1.3 ticket and its resumption PSK go into the result. (OpenSSL's client keeps a session per ticket and
        /// <c>s_client -sess_out</c> writes the last; but a server that keeps TLS 1.3 ticket state in its cache, as Apache does
        /// with SSLSessionTickets off, removes the session of the last ticket when the client leaves without a request, since
        /// OpenSSL drops the current session of a connection that did not shut down. The first ticket's session stays.)
        /// </summary>
        private static void KeepTls13Ticket(TlsHandshakeResult result, CapturingClient client, RecordingClientProtocol protocol)
        {
            var tickets = protocol.Tls13Tickets;
            result.Tls13TicketCount = tickets.Count;
            if (tickets.Count == 0) return;
            result.Tls13TicketLifetime = tickets[0].Lifetime;
            var first = tickets[0];
            var psk = client.ResumptionPsk(first.Nonce);
            if (psk == null) return;
            result.MasterSecret = psk;
            result.Ticket = first.Ticket;
            result.TicketLifetimeHint = first.Lifetime;
            result.TicketAgeAdd = first.AgeAdd;
            result.MaxEarlyData = first.MaxEarlyData;
        }

        private static void Close(TlsClientProtocol protocol)
        {
            try { protocol.Close(); }
            catch (Exception e) when (e is IOException || e is SocketException || e is ObjectDisposedException) { }
        }

        private static Socket Connect(TlsHandshakeRequest request, string where, Func<TimeSpan> left, CancellationToken cancel)
        {
            IPAddress[] addresses;
            if (IPAddress.TryParse(request.Host.Trim('[', ']'), out var literal)) addresses = new[] { literal };
            else
            {
                var lookup = Dns.GetHostAddressesAsync(request.Host);
                if (!Wait(lookup, left(), cancel))
                    throw new TlsClientException(TlsClientError.HostUnreachable, $"The name '{request.Host}' did not resolve within {Seconds(request.Timeout)}.", timedOut: true);
                if (lookup.IsFaulted)
                    throw new TlsClientException(TlsClientError.HostUnreachable, $"The name '{request.Host}' does not resolve: {Describe(lookup.Exception!.InnerException!)}", lookup.Exception!.InnerException);
                addresses = lookup.Result;
                if (addresses.Length == 0) throw new TlsClientException(TlsClientError.HostUnreachable, $"The name '{request.Host}' has no address.");
            }
            var failures = new List<string>();
            Exception? last = null;
            foreach (var address in addresses)
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                var connect = Task.Factory.FromAsync(socket.BeginConnect, socket.EndConnect, (EndPoint)new IPEndPoint(address, request.Port), null);
                bool done;
                try { done = Wait(connect, left(), cancel); }
                catch { socket.Dispose(); throw; }
                if (done && !connect.IsFaulted) return socket;
                socket.Dispose();
                if (!done)
                {
                    _ = connect.ContinueWith(t => _ = t.Exception, TaskScheduler.Default); // observed: the socket is gone
                    throw new TlsClientException(TlsClientError.HostUnreachable, $"{where} did not accept a connection within {Seconds(request.Timeout)}.", timedOut: true);
                }
                last = connect.Exception!.InnerException;
                failures.Add($"{address}: {Describe(last!)}");
            }
            throw new TlsClientException(TlsClientError.HostUnreachable, $"Could not connect to {where} ({string.Join("; ", failures)}).", last);
        }

        /// <summary>True when <paramref name="task"/> finished in time (faulted or not); throws when <paramref name="cancel"/> fires.</summary>
        private static bool Wait(Task task, TimeSpan limit, CancellationToken cancel)
        {
            try
            {
                return task.Wait((int)Math.Min(int.MaxValue, Positive(limit).TotalMilliseconds), cancel);
            }
            catch (OperationCanceledException e)
            {
                throw new TlsClientException(TlsClientError.Canceled, "The connection was stopped.", e);
            }
            catch (AggregateException)
            {
                return true; // faulted: the caller reads task.Exception
            }
        }

        private static string Versions(TlsHandshakeRequest request) =>
            string.Join(" or ", request.Versions.Select(v => v == 0x0304 ? "TLS 1.3" : "TLS 1.2"));

        private static string Describe(Exception e)
        {
            var socket = e as SocketException ?? e.InnerException as SocketException;
            if (socket != null) return $"{socket.SocketErrorCode} ({socket.Message})";
            if (e is TlsFatalAlert alert) return $"{AlertDescription.GetText(alert.AlertDescription)}: {e.Message}";
            if (e is EndOfStreamException || e.Message.IndexOf("closed", StringComparison.OrdinalIgnoreCase) >= 0)
                return "the server closed the connection";
            return e.Message;
        }

        private static string Seconds(TimeSpan t) => t.TotalSeconds == 1 ? "1 second" : $"{t.TotalSeconds:0.###} seconds";

        private static TimeSpan Positive(TimeSpan t) => t > TimeSpan.Zero ? t : TimeSpan.Zero;

        private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
    }
}
