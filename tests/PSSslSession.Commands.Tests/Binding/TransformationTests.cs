using System.Management.Automation;
using PSSslSession.Codec;
using PSSslSession.Engine;
using Xunit;

namespace PSSslSession.Commands.Tests;

/// <summary>The argument transformations as PowerShell calls them (they use no engine intrinsics).</summary>
public class TransformationTests
{
    private static object? SessionId(object? input) => new SessionIdTransformationAttribute().Transform(null!, input);
    private static object? TextBytes(object? input) => new TextBytesTransformationAttribute().Transform(null!, input);

    [Fact]
    public void A_session_id_transformation_turns_hex_into_the_id() =>
        Assert.Equal(new SessionId(new byte[] { 0xAB, 0xCD }), SessionId("abcd"));

    [Fact]
    public void A_session_id_transformation_unwraps_PSObjects() =>
        Assert.Equal(new SessionId(new byte[] { 0xAB }), SessionId(PSObject.AsPSObject("AB")));

    [Fact]
    public void A_session_id_transformation_passes_text_that_is_no_id_through_for_PowerShell_to_report()
    {
        // Piped into Get-SslSession, a context name must fail -SessionId quietly, not the whole binding.
        Assert.Equal("web", SessionId("web"));
    }

    [Fact]
    public void A_session_id_transformation_passes_other_objects_through_for_binding_by_property_name()
    {
        var row = new PSObject();
        row.Properties.Add(new PSNoteProperty("SessionId", "AB"));
        Assert.Same(row, SessionId(row));
    }

    [Fact]
    public void A_session_id_transformation_takes_a_list_of_numbers_as_bytes() =>
        Assert.Equal(new SessionId(new byte[] { 1, 2 }), SessionId(new object[] { 1, 2 }));

    [Fact]
    public void A_text_transformation_turns_text_into_its_UTF8_bytes() =>
        Assert.Equal("myapp"u8.ToArray(), TextBytes("myapp"));

    [Fact]
    public void A_text_transformation_turns_0x_hex_into_bytes() =>
        Assert.Equal(new byte[] { 0xC0, 0xFF, 0xEE }, TextBytes("0xC0FFEE"));

    [Fact]
    public void A_text_transformation_keeps_bytes() =>
        Assert.Equal(new byte[] { 9, 8 }, TextBytes(new byte[] { 9, 8 }));

    [Fact]
    public void A_text_transformation_reports_odd_hex_as_a_transformation_error() =>
        Assert.Throws<ArgumentTransformationMetadataException>(() => TextBytes("0xABC"));
}

/// <summary>-Context: an object, or a name resolved when the cmdlet runs.</summary>
public class SslContextReferenceTests
{
    [Fact]
    public void A_context_object_resolves_to_itself_even_unregistered()
    {
        var context = new SslContext("unregistered-" + Guid.NewGuid());
        Assert.True(new SslContextReference(context).TryResolve(out var resolved));
        Assert.Same(context, resolved);
    }

    [Fact]
    public void A_registered_name_resolves_ignoring_case()
    {
        var context = new SslContext("ref-" + Guid.NewGuid().ToString("N"));
        SslContextRegistry.Default.Register(context);
        try
        {
            Assert.True(new SslContextReference(context.Name.ToUpperInvariant()).TryResolve(out var resolved));
            Assert.Same(context, resolved);
        }
        finally { SslContextRegistry.Default.Remove(context); }
    }

    [Fact]
    public void An_unknown_name_does_not_resolve() =>
        Assert.False(new SslContextReference("no-such-" + Guid.NewGuid()).TryResolve(out _));

    [Fact]
    public void PowerShell_converts_a_name_and_a_context_to_a_reference()
    {
        var context = new SslContext("conv");
        Assert.Equal("conv", LanguagePrimitives.ConvertTo<SslContextReference>("conv").Name);
        Assert.Equal("conv", LanguagePrimitives.ConvertTo<SslContextReference>(context).Name);
    }
}

/// <summary>Callback output goes to the cmdlet that triggered the callback, innermost first.</summary>
public class CallbackOutputTests
{
    [Fact]
    public void Output_goes_to_the_current_sink_and_back_to_the_outer_one_after()
    {
        var outer = new List<object>();
        var inner = new List<object>();
        using (CallbackOutput.To(outer.Add))
        {
            using (CallbackOutput.To(inner.Add)) CallbackOutput.Write(new System.Collections.ObjectModel.Collection<PSObject> { PSObject.AsPSObject("a") });
            CallbackOutput.Write(new System.Collections.ObjectModel.Collection<PSObject> { PSObject.AsPSObject("b") });
        }
        Assert.Equal(new[] { "a" }, inner.Select(o => o.ToString()));
        Assert.Equal(new[] { "b" }, outer.Select(o => o.ToString()));
    }

    [Fact]
    public void Output_with_no_sink_is_dropped() =>
        CallbackOutput.Write(new System.Collections.ObjectModel.Collection<PSObject> { PSObject.AsPSObject("lost") });
}
