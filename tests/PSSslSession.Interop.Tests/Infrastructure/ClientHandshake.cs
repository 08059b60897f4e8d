namespace PSSslSession.Interop.Tests.Infrastructure;

/// <summary>What s_client reported about one handshake.</summary>
/// <param name="Reused">"Reused, …": the server accepted the offered session.</param>
/// <param name="Protocol">e.g. TLSv1.2.</param>
/// <param name="Cipher">OpenSSL cipher name.</param>
public sealed record ClientHandshake(bool Reused, string Protocol, string Cipher, ProcessResult Output);
