using Xunit;

namespace PSSslSession.Interop.Tests.Infrastructure;

/// <summary>
/// Every test class that talks to the throwaway server shares one <see cref="OpenSslServer"/>;
/// xunit runs the classes of one collection one after another, which suits the single-threaded s_server.
/// </summary>
[CollectionDefinition(Name)]
public sealed class OpenSslServerCollection : ICollectionFixture<OpenSslServer>
{
    public const string Name = "openssl s_server";
}
