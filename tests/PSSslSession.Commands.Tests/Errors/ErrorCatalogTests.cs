using PSSslSession.Client;
using PSSslSession.Codec;
using PSSslSession.Engine;
using System.Management.Automation;
using PSSslSession.Stores;
using Xunit;

namespace PSSslSession.Commands.Tests;

public class ErrorCatalogTests
{
    [Theory]
    [InlineData(SslContextError.NameInUse, ErrorCategory.ResourceExists)]
    [InlineData(SslContextError.ContextNotFound, ErrorCategory.ObjectNotFound)]
    [InlineData(SslContextError.InvalidCacheSize, ErrorCategory.InvalidArgument)]
    [InlineData(SslContextError.InvalidTimeout, ErrorCategory.InvalidArgument)]
    [InlineData(SslContextError.InvalidByteLimit, ErrorCategory.InvalidArgument)]
    [InlineData(SslContextError.InvalidFlushInterval, ErrorCategory.InvalidArgument)]
    [InlineData(SslContextError.SharedCacheConflict, ErrorCategory.InvalidArgument)]
    [InlineData(SslContextError.SessionIdContextTooLong, ErrorCategory.InvalidArgument)]
    [InlineData(SslContextError.InvalidSessionIdLength, ErrorCategory.InvalidArgument)]
    [InlineData(SslContextError.ContextClosed, ErrorCategory.InvalidOperation)]
    [InlineData(SslContextError.SessionIdContextUninitialized, ErrorCategory.InvalidOperation)]
    public void Context_errors_use_the_reason_as_id_with_its_category(SslContextError reason, ErrorCategory category)
    {
        var d = ErrorCatalog.For(new SslContextException(reason, "x"));
        Assert.Equal(reason.ToString(), d.Id);
        Assert.Equal(category, d.Category);
    }

    [Fact]
    public void Every_context_error_has_an_explicit_category()
    {
        // The catalog falls back to InvalidOperation for a reason it does not list: ask the table, not the result.
        var missing = Enum.GetValues(typeof(SslContextError)).Cast<SslContextError>().Where(r => !ErrorCatalog.HasExplicitCategory(r));
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_store_error_has_an_explicit_category()
    {
        var missing = Enum.GetValues(typeof(SessionStoreError)).Cast<SessionStoreError>().Where(r => !ErrorCatalog.HasExplicitCategory(r));
        Assert.Empty(missing);
    }

    [Theory]
    [InlineData(TlsClientError.HostUnreachable, false, "HostUnreachable", ErrorCategory.ConnectionError)]
    [InlineData(TlsClientError.HostUnreachable, true, "HostUnreachable", ErrorCategory.OperationTimeout)]
    [InlineData(TlsClientError.HandshakeFailed, false, "HandshakeFailed", ErrorCategory.ProtocolError)]
    [InlineData(TlsClientError.HandshakeFailed, true, "HandshakeFailed", ErrorCategory.OperationTimeout)]
    [InlineData(TlsClientError.CertificateRejected, false, "CertificateRejected", ErrorCategory.SecurityError)]
    [InlineData(TlsClientError.ClientUnavailable, false, "TlsClientUnavailable", ErrorCategory.ResourceUnavailable)]
    [InlineData(TlsClientError.Canceled, false, "OperationStopped", ErrorCategory.OperationStopped)]
    public void Live_server_failures_are_named_for_what_failed_in_the_category_of_how(TlsClientError reason, bool timedOut, string id, ErrorCategory category)
    {
        var d = ErrorCatalog.For(new TlsClientException(reason, "x", timedOut: timedOut));
        Assert.Equal((id, category), (d.Id, d.Category));
    }

    [Fact]
    public void Codec_errors_are_InvalidData_named_for_the_rule()
    {
        var d = ErrorCatalog.For(new SslSessionFormatException(SslSessionFormatError.CipherCodeWrongLength, "x"));
        Assert.Equal(("CipherCodeWrongLength", ErrorCategory.InvalidData), (d.Id, d.Category));
    }

    [Fact]
    public void An_existing_export_target_is_FileExists_ResourceExists()
    {
        var d = ErrorCatalog.For(new SessionExportException(SessionExportError.FileExists, "x"));
        Assert.Equal(("FileExists", ErrorCategory.ResourceExists), (d.Id, d.Category));
    }

    [Fact]
    public void Several_sessions_as_DER_is_MultipleSessionsForDer_InvalidArgument()
    {
        var d = ErrorCatalog.For(new SessionExportException(SessionExportError.MultipleSessionsForDer, "x"));
        Assert.Equal(("MultipleSessionsForDer", ErrorCategory.InvalidArgument), (d.Id, d.Category));
    }

    [Fact]
    public void A_missing_file_is_PathNotFound_ObjectNotFound()
    {
        var d = ErrorCatalog.For(new FileNotFoundException("x"));
        Assert.Equal(("PathNotFound", ErrorCategory.ObjectNotFound), (d.Id, d.Category));
    }

    [Fact]
    public void An_IO_failure_while_reading_is_a_ReadError() =>
        Assert.Equal(ErrorCategory.ReadError, ErrorCatalog.For(new IOException("x"), reading: true).Category);

    [Fact]
    public void Wrapped_exceptions_are_named_for_the_inner_failure()
    {
        var inner = new SslContextException(SslContextError.NameInUse, "x");
        Assert.Equal("NameInUse", ErrorCatalog.For(new System.Reflection.TargetInvocationException(inner)).Id);
    }

    [Theory]
    [InlineData(SessionStoreError.Unreachable, ErrorCategory.ResourceUnavailable)]
    [InlineData(SessionStoreError.Timeout, ErrorCategory.OperationTimeout)]
    [InlineData(SessionStoreError.AuthFailed, ErrorCategory.AuthenticationError)]
    [InlineData(SessionStoreError.ProtocolError, ErrorCategory.ProtocolError)]
    [InlineData(SessionStoreError.IncompatibleSchema, ErrorCategory.InvalidData)]
    public void Store_errors_are_named_for_their_reason_with_its_category(SessionStoreError reason, ErrorCategory category)
    {
        var d = ErrorCatalog.For(new SessionStoreException(reason, "x"));
        Assert.Equal((reason.ToString(), category), (d.Id, d.Category));
    }

    [Fact]
    public void An_exception_of_another_type_is_named_after_its_type_and_NotSpecified()
    {
        var d = ErrorCatalog.For(new StoreLikeException(StoreLikeReason.ConnectionFailed));
        Assert.Equal(("StoreLike", ErrorCategory.NotSpecified), (d.Id, d.Category));
    }

    [Fact]
    public void A_fault_record_names_the_event_and_the_context_and_keeps_the_callbacks_exception()
    {
        var boom = new InvalidOperationException("boom");
        var record = ErrorCatalog.Record(new SslCacheFault(SslCacheFaultSource.RemoveCallback, boom, null, "web"));
        Assert.Equal("The Remove callback of context 'web' failed: boom", record.Exception.Message);
        Assert.IsType<SessionCallbackException>(record.Exception);
        Assert.Same(boom, record.Exception.InnerException);
        Assert.Equal("SessionCallbackFailed", record.FullyQualifiedErrorId);
    }

    [Fact]
    public void A_store_fault_record_names_the_store_and_the_context()
    {
        var record = ErrorCatalog.Record(new SslCacheFault(SslCacheFaultSource.Store, new SessionStoreException(SessionStoreError.Unreachable, "down"), null, "api"));
        Assert.Equal("The session store of context 'api' failed: down", record.ErrorDetails.Message);
        Assert.Equal(ErrorCategory.ResourceUnavailable, record.CategoryInfo.Category);
    }

    [Fact]
    public void A_throwing_callback_is_SessionCallbackFailed() =>
        Assert.Equal("SessionCallbackFailed", ErrorCatalog.ForFault(new SslCacheFault(SslCacheFaultSource.RemoveCallback, new InvalidOperationException("boom"), null)).Id);

    [Fact]
    public void A_store_that_did_not_answer_is_SessionStoreUnavailable()
    {
        var d = ErrorCatalog.ForFault(new SslCacheFault(SslCacheFaultSource.Store, new IOException("down"), null, isTransient: true));
        Assert.Equal(("SessionStoreUnavailable", ErrorCategory.ResourceUnavailable), (d.Id, d.Category));
    }

    [Fact]
    public void A_store_failure_for_good_is_named_for_its_reason()
    {
        var d = ErrorCatalog.ForFault(new SslCacheFault(SslCacheFaultSource.Store, new SessionStoreException(SessionStoreError.CorruptRecord, "bad row"), null));
        Assert.Equal(("CorruptRecord", ErrorCategory.InvalidData), (d.Id, d.Category));
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
