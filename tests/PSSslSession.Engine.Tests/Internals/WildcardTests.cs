using PSSslSession.Engine.Cache;
using Xunit;

namespace PSSslSession.Engine.Tests.Internals;

public class WildcardTests
{
    [Theory]
    [InlineData("web1", "web*", true)]
    [InlineData("web1", "*1", true)]
    [InlineData("web1", "w?b1", true)]
    [InlineData("web1", "w?b", false)]
    [InlineData("WEB1", "web[0-9]", true)]
    [InlineData("weba", "web[0-9]", false)]
    [InlineData("web*", "web`*", true)]
    [InlineData("web1", "web`*", false)]
    [InlineData("", "*", true)]
    [InlineData("a", "", false)]
    public void Matches_like_PowerShell_wildcards(string text, string pattern, bool expected)
    {
        Assert.Equal(expected, Wildcard.IsMatch(text, pattern));
    }
}
