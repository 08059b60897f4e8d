namespace PSSslSession.Interop.Tests.Infrastructure;

/// <summary>A session file written by <c>s_client -sess_out</c>, and its DER as <c>openssl sess_id -outform DER</c> writes it.</summary>
public sealed record RealSession(SessionKind Kind, string PemPath, string Pem, byte[] Der, ClientHandshake Handshake);
