using PSSslSession.Codec;
using PSSslSession.Engine;
using PSSslSession.Engine.Interop;
using Xunit;

namespace PSSslSession.Commands.Tests.Interop;

public class ErrorCatalogTests
{
    [Theory]
    [InlineData(SslContextError.NameInUse, ErrorKind.ResourceExists)]
    [InlineData(SslContextError.ContextNotFound, ErrorKind.ObjectNotFound)]
    [InlineData(SslContextError.InvalidCacheSize, ErrorKind.InvalidArgument)]
    [InlineData(SslContextError.InvalidTimeout, ErrorKind.InvalidArgument)]
    [InlineData(SslContextError.SessionIdContextTooLong, ErrorKind.InvalidArgument)]
    [InlineData(SslContextError.InvalidSessionIdLength, ErrorKind.InvalidArgument)]
    [InlineData(SslContextError.ContextClosed, ErrorKind.InvalidOperation)]
    [InlineData(SslContextError.SessionIdContextUninitialized, ErrorKind.InvalidOperation)]
    public void Context_errors_use_the_reason_as_id_with_its_category(SslContextError reason, ErrorKind category)
    {
        var d = ErrorCatalog.For(new SslContextException(reason, "x"));
        Assert.Equal(reason.ToString(), d.Id);
        Assert.Equal(category, d.Category);
    }

    [Fact]
    public void Every_context_error_has_an_explicit_category()
    {
        foreach (SslContextError reason in Enum.GetValues(typeof(SslContextError)))
            Assert.NotEqual(ErrorKind.NotSpecified, ErrorCatalog.For(new SslContextException(reason, "x")).Category);
    }

    [Fact]
    public void Codec_errors_are_InvalidData_named_for_the_rule()
    {
        var d = ErrorCatalog.For(new SslSessionFormatException(SslSessionFormatError.CipherCodeWrongLength, "x"));
        Assert.Equal(("CipherCodeWrongLength", ErrorKind.InvalidData), (d.Id, d.Category));
    }

    [Fact]
    public void An_existing_export_target_is_FileExists_ResourceExists()
    {
        var d = ErrorCatalog.For(new SessionExportException(SessionExportError.FileExists, "x"));
        Assert.Equal(("FileExists", ErrorKind.ResourceExists), (d.Id, d.Category));
    }

    [Fact]
    public void Several_sessions_as_DER_is_MultipleSessionsForDer_InvalidArgument()
    {
        var d = ErrorCatalog.For(new SessionExportException(SessionExportError.MultipleSessionsForDer, "x"));
        Assert.Equal(("MultipleSessionsForDer", ErrorKind.InvalidArgument), (d.Id, d.Category));
    }

    [Fact]
    public void A_missing_file_is_PathNotFound_ObjectNotFound()
    {
        var d = ErrorCatalog.For(new FileNotFoundException("x"));
        Assert.Equal(("PathNotFound", ErrorKind.ObjectNotFound), (d.Id, d.Category));
    }

    [Fact]
    public void An_IO_failure_while_reading_is_a_ReadError() =>
        Assert.Equal(ErrorKind.ReadError, ErrorCatalog.For(new IOException("x"), reading: true).Category);

    [Fact]
    public void Wrapped_exceptions_are_named_for_the_inner_failure()
    {
        var inner = new SslContextException(SslContextError.NameInUse, "x");
        Assert.Equal("NameInUse", ErrorCatalog.For(new System.Reflection.TargetInvocationException(inner)).Id);
    }

    [Fact]
    public void An_exception_with_a_reason_enum_uses_it_as_a_ResourceUnavailable_id()
    {
        var d = ErrorCatalog.For(new StoreLikeException(StoreLikeReason.ConnectionFailed));
        Assert.Equal(("ConnectionFailed", ErrorKind.ResourceUnavailable), (d.Id, d.Category));
    }

    [Fact]
    public void A_throwing_callback_is_SessionCallbackFailed() =>
        Assert.Equal("SessionCallbackFailed", ErrorCatalog.ForFault(new SslCacheFault(SslCacheFaultSource.RemoveCallback, new InvalidOperationException("boom"), null)).Id);

    [Fact]
    public void A_store_fault_is_SessionStoreUnavailable()
    {
        var d = ErrorCatalog.ForFault(new SslCacheFault(SslCacheFaultSource.Store, new IOException("down"), null));
        Assert.Equal(("SessionStoreUnavailable", ErrorKind.ResourceUnavailable), (d.Id, d.Category));
    }

    [Fact]
    public void A_callback_skipped_for_its_runspace_is_CallbackRunspaceMismatch() =>
        Assert.Equal("CallbackRunspaceMismatch", ErrorCatalog.ForFault(new SslCacheFault(SslCacheFaultSource.NewCallback, new CallbackRunspaceMismatchException("New", "web"), null)).Id);

    [Fact]
    public void An_unusable_get_callback_result_is_InvalidCallbackResult() =>
        Assert.Equal("InvalidCallbackResult", ErrorCatalog.ForFault(new SslCacheFault(SslCacheFaultSource.GetCallback, new CallbackResultException("x"), null)).Id);

    private enum StoreLikeReason { ConnectionFailed }

    private sealed class StoreLikeException(StoreLikeReason reason) : Exception("store")
    {
        public StoreLikeReason Reason { get; } = reason;
    }
}
