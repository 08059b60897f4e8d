using PSSslSession.Engine;
using Xunit;

namespace PSSslSession.Commands.Tests;

public class CallbackArgumentsTests
{
    private static readonly Dictionary<string, object?> Values = new()
    {
        ["Session"] = "s", ["Context"] = "c", ["Reason"] = SessionRemovalReason.Evicted,
    };

    [Fact]
    public void Without_a_param_block_remove_callbacks_get_session_context_reason() =>
        Assert.Equal(new object?[] { "s", "c", SessionRemovalReason.Evicted }, CallbackArguments.Order(Array.Empty<string>(), Values, SessionCallbackEvent.Remove));

    [Fact]
    public void Declared_parameters_get_their_values_whatever_their_order() =>
        Assert.Equal(new object?[] { SessionRemovalReason.Evicted, "s" }, CallbackArguments.Order(new[] { "Reason", "Session" }, Values, SessionCallbackEvent.Remove));

    [Fact]
    public void Parameter_names_match_case_insensitively() =>
        Assert.Equal(new object?[] { "c" }, CallbackArguments.Order(new[] { "context" }, Values, SessionCallbackEvent.Remove));

    [Fact]
    public void An_unknown_declared_parameter_gets_null() =>
        Assert.Equal(new object?[] { null, "s" }, CallbackArguments.Order(new[] { "Other", "Session" }, Values, SessionCallbackEvent.Remove));

    [Fact]
    public void Get_callbacks_get_the_session_id_first() =>
        Assert.Equal(new[] { "SessionId", "Context" }, CallbackArguments.NamesFor(SessionCallbackEvent.Get));
}
