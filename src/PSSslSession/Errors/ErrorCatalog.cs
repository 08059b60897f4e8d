using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using PSSslSession.Client;
using PSSslSession.Codec;
using PSSslSession.Engine;
using PSSslSession.Engine.IO;
using PSSslSession.Stores;

namespace PSSslSession.Commands
{
    /// <summary>
    /// The one table from engine, codec, store and cmdlet failures to ErrorRecord ids and categories, so every cmdlet
    /// reports the same failure the same way. A failure with a reason (context, codec, store, export) is named for it.
    /// </summary>
    internal static class ErrorCatalog
    {
        /// <summary>A callback threw: non-terminating error of the triggering cmdlet.</summary>
        public const string SessionCallbackFailed = nameof(SessionCallbackFailed);
        /// <summary>The attached store failed; the context kept serving from its internal cache.</summary>
        public const string SessionStoreUnavailable = nameof(SessionStoreUnavailable);
        /// <summary>Writes to the attached store were lost: its backlog was full, or it refused them for good.</summary>
        public const string SessionStoreWritesDropped = nameof(SessionStoreWritesDropped);
        /// <summary>A scriptblock callback fired on a thread of another runspace and was skipped.</summary>
        public const string CallbackRunspaceMismatch = nameof(CallbackRunspaceMismatch);
        /// <summary>A get callback returned something that is not one session.</summary>
        public const string InvalidCallbackResult = nameof(InvalidCallbackResult);
        /// <summary>No session with that id in the context's cache (ObjectNotFound).</summary>
        public const string SessionNotFound = nameof(SessionNotFound);
        /// <summary>Unregister-SslSessionCallback -Registration for a callback the context does not have (ObjectNotFound).</summary>
        public const string CallbackNotFound = nameof(CallbackNotFound);
        /// <summary>A path that does not exist (ObjectNotFound).</summary>
        public const string PathNotFound = nameof(PathNotFound);
        /// <summary>A directory where a session file was expected (InvalidArgument).</summary>
        public const string PathIsDirectory = nameof(PathIsDirectory);
        /// <summary>ConvertTo-SslSession input that is neither bytes nor text (InvalidType).</summary>
        public const string InvalidInputType = nameof(InvalidInputType);
        /// <summary>New-SslSessionStore -Redis text that is not host[:port] (InvalidArgument).</summary>
        public const string InvalidRedisAddress = nameof(InvalidRedisAddress);
        /// <summary>A device, pipe, socket, folder or link where a session file is read or written (InvalidArgument).</summary>
        public const string NotARegularFile = nameof(NotARegularFile);
        /// <summary>A session file larger than Import-SslSession's -MaxFileSize (LimitsExceeded).</summary>
        public const string FileTooLarge = nameof(FileTooLarge);
        /// <summary>A cipher suite that the session's protocol version cannot use (InvalidArgument).</summary>
        public const string CipherProtocolMismatch = nameof(CipherProtocolMismatch);

        /// <summary>A live server's name did not resolve, refused the connection, or did not answer in time.</summary>
        public const string HostUnreachable = nameof(HostUnreachable);
        /// <summary>A live server's TLS handshake failed (an alert, a protocol error, a closed connection, or no answer in time).</summary>
        public const string HandshakeFailed = nameof(HandshakeFailed);
        /// <summary>A live server's certificate is not trusted or does not name the host (SecurityError).</summary>
        public const string CertificateRejected = nameof(CertificateRejected);
        /// <summary>The module's TLS client (tls/ folder) could not be loaded (ResourceUnavailable).</summary>
        public const string TlsClientUnavailable = nameof(TlsClientUnavailable);

        /// <summary>Whether a reason is in the tables below rather than left to the fallback category (tests).</summary>
        internal static bool HasExplicitCategory(SslContextError reason) => ContextCategories.ContainsKey(reason);

        /// <summary>Whether a store error is in the tables below rather than left to the fallback category (tests).</summary>
        internal static bool HasExplicitCategory(SessionStoreError reason) => StoreCategories.ContainsKey(reason);

        private static readonly Dictionary<SslContextError, ErrorCategory> ContextCategories = new Dictionary<SslContextError, ErrorCategory>
        {
            [SslContextError.NameInUse] = ErrorCategory.ResourceExists,
            [SslContextError.ContextNotFound] = ErrorCategory.ObjectNotFound,
            [SslContextError.ContextClosed] = ErrorCategory.InvalidOperation,
            [SslContextError.InvalidCacheSize] = ErrorCategory.InvalidArgument,
            [SslContextError.InvalidTimeout] = ErrorCategory.InvalidArgument,
            [SslContextError.InvalidByteLimit] = ErrorCategory.InvalidArgument,
            [SslContextError.InvalidFlushInterval] = ErrorCategory.InvalidArgument,
            [SslContextError.SharedCacheConflict] = ErrorCategory.InvalidArgument,
            [SslContextError.SessionIdContextTooLong] = ErrorCategory.InvalidArgument,
            [SslContextError.SessionIdCallbackFailed] = ErrorCategory.InvalidOperation,
            [SslContextError.SessionIdHasBadLength] = ErrorCategory.InvalidOperation,
            [SslContextError.SessionIdConflict] = ErrorCategory.ResourceExists,
            [SslContextError.InvalidSessionIdLength] = ErrorCategory.InvalidArgument,
            [SslContextError.SessionIdContextUninitialized] = ErrorCategory.InvalidOperation,
            [SslContextError.InvalidSession] = ErrorCategory.InvalidArgument,
            [SslContextError.CallbackSessionMismatch] = ErrorCategory.SecurityError,
        };

        private static readonly Dictionary<SessionStoreError, ErrorCategory> StoreCategories = new Dictionary<SessionStoreError, ErrorCategory>
        {
            [SessionStoreError.Unreachable] = ErrorCategory.ResourceUnavailable,
            [SessionStoreError.Timeout] = ErrorCategory.OperationTimeout,
            [SessionStoreError.ProtocolError] = ErrorCategory.ProtocolError,
            [SessionStoreError.AuthFailed] = ErrorCategory.AuthenticationError,
            [SessionStoreError.CorruptRecord] = ErrorCategory.InvalidData,
            [SessionStoreError.IoError] = ErrorCategory.ResourceUnavailable,
            [SessionStoreError.IncompatibleSchema] = ErrorCategory.InvalidData,
            [SessionStoreError.Unavailable] = ErrorCategory.ResourceUnavailable,
            [SessionStoreError.Disposed] = ErrorCategory.InvalidOperation,
            [SessionStoreError.InvalidSession] = ErrorCategory.InvalidArgument,
            [SessionStoreError.NotARegularFile] = ErrorCategory.InvalidArgument,
            [SessionStoreError.Unsupported] = ErrorCategory.InvalidArgument,
        };

        private static readonly Dictionary<SessionExportError, ErrorCategory> ExportCategories = new Dictionary<SessionExportError, ErrorCategory>
        {
            [SessionExportError.FileExists] = ErrorCategory.ResourceExists,
            [SessionExportError.MultipleSessionsForDer] = ErrorCategory.InvalidArgument,
        };

        /// <summary>The id and category for a failure of an operation. <paramref name="reading"/> picks ReadError over WriteError for I/O.</summary>
        public static ErrorDescriptor For(Exception exception, bool reading = false)
        {
            switch (Unwrap(exception))
            {
                case SslContextException c:
                    return new ErrorDescriptor(c.Reason.ToString(), ContextCategories.TryGetValue(c.Reason, out var category) ? category : ErrorCategory.InvalidOperation);
                case SslSessionFormatException f:
                    return new ErrorDescriptor(f.Reason.ToString(), ErrorCategory.InvalidData);
                case SessionStoreException s:
                    return new ErrorDescriptor(s.Reason.ToString(), StoreCategories.TryGetValue(s.Reason, out var storeCategory) ? storeCategory : ErrorCategory.ResourceUnavailable);
                case TlsClientException t:
                    return ForClient(t);
                case SessionExportException x:
                    return new ErrorDescriptor(x.Reason.ToString(), ExportCategories[x.Reason]);
                case CallbackRunspaceMismatchException _:
                    return new ErrorDescriptor(CallbackRunspaceMismatch, ErrorCategory.InvalidOperation);
                case CallbackResultException _:
                    return new ErrorDescriptor(InvalidCallbackResult, ErrorCategory.InvalidData);
                case CipherProtocolMismatchException _:
                    return new ErrorDescriptor(CipherProtocolMismatch, ErrorCategory.InvalidArgument);
                case NotARegularFileException _:
                    return new ErrorDescriptor(NotARegularFile, ErrorCategory.InvalidArgument);
                case FileTooLargeException _:
                    return new ErrorDescriptor(FileTooLarge, ErrorCategory.LimitsExceeded);
                case FileNotFoundException _:
                case DirectoryNotFoundException _:
                case ItemNotFoundException _:
                    return new ErrorDescriptor(PathNotFound, ErrorCategory.ObjectNotFound);
                case UnauthorizedAccessException _:
                    return new ErrorDescriptor("AccessDenied", ErrorCategory.PermissionDenied);
                case IOException _:
                    return reading ? new ErrorDescriptor("FileReadFailed", ErrorCategory.ReadError) : new ErrorDescriptor("FileWriteFailed", ErrorCategory.WriteError);
                case ArgumentException _:
                    return new ErrorDescriptor("InvalidArgument", ErrorCategory.InvalidArgument);
                case FormatException _:
                    return new ErrorDescriptor("InvalidFormat", ErrorCategory.InvalidArgument);
                case var other:
                    var name = other.GetType().Name;
                    return new ErrorDescriptor(name.EndsWith("Exception", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Exception".Length) : name, ErrorCategory.NotSpecified);
            }
        }

        /// <summary>
        /// A live server's failure: HostUnreachable, HandshakeFailed (both OperationTimeout when the time limit ran out),
        /// CertificateRejected, TlsClientUnavailable when the TLS client cannot be loaded.
        /// </summary>
        private static ErrorDescriptor ForClient(TlsClientException e)
        {
            switch (e.Reason)
            {
                case TlsClientError.HostUnreachable:
                    return new ErrorDescriptor(HostUnreachable, e.TimedOut ? ErrorCategory.OperationTimeout : ErrorCategory.ConnectionError);
                case TlsClientError.CertificateRejected:
                    return new ErrorDescriptor(CertificateRejected, ErrorCategory.SecurityError);
                case TlsClientError.Canceled:
                    return new ErrorDescriptor("OperationStopped", ErrorCategory.OperationStopped);
                case TlsClientError.ClientUnavailable:
                    return new ErrorDescriptor(TlsClientUnavailable, ErrorCategory.ResourceUnavailable);
                default:
                    return new ErrorDescriptor(HandshakeFailed, e.TimedOut ? ErrorCategory.OperationTimeout : ErrorCategory.ProtocolError);
            }
        }

        /// <summary>The id and category for a fault that did not stop an operation (a callback or store failure).</summary>
        public static ErrorDescriptor ForFault(SslCacheFault fault)
        {
            if (fault == null) throw new ArgumentNullException(nameof(fault));
            var e = Unwrap(fault.Exception);
            // Named for what the store did (writes lost, or it did not answer), in the category of why.
            if (fault.IsStoreOutageOrLoss)
                return new ErrorDescriptor(fault.DroppedWrites > 0 ? SessionStoreWritesDropped : SessionStoreUnavailable,
                    e is SessionStoreException ? For(e).Category : ErrorCategory.ResourceUnavailable);
            if (fault.Source == SslCacheFaultSource.Store) return For(e);
            // A callback that threw is SessionCallbackFailed; the module's own refusals keep their names.
            if (e is CallbackRunspaceMismatchException || e is CallbackResultException || e is SslContextException) return For(e);
            return new ErrorDescriptor(SessionCallbackFailed, ErrorCategory.InvalidOperation);
        }

        /// <summary>An ErrorRecord for <paramref name="exception"/> (unwrapped), named by <see cref="For"/>; <paramref name="target"/> is the failing item.</summary>
        public static ErrorRecord Record(Exception exception, object? target, bool reading = false)
        {
            var inner = Unwrap(exception);
            var descriptor = For(inner, reading);
            return new ErrorRecord(inner, descriptor.Id, descriptor.Category, target);
        }

        /// <summary>
        /// An ErrorRecord for a fault, whose message says which callback or store of which context failed. A throwing
        /// callback becomes a <see cref="SessionCallbackException"/> around what it threw; a store keeps its own exception.
        /// </summary>
        public static ErrorRecord Record(SslCacheFault fault)
        {
            var descriptor = ForFault(fault);
            var target = (object?)fault.Session ?? fault.ContextName;
            var e = Unwrap(fault.Exception);
            if (descriptor.Id == SessionCallbackFailed)
                return new ErrorRecord(new SessionCallbackException(fault.Message, e), descriptor.Id, descriptor.Category, target);
            // A skipped callback's own message already names the callback and the context.
            if (e is CallbackRunspaceMismatchException) return new ErrorRecord(e, descriptor.Id, descriptor.Category, target);
            return new ErrorRecord(e, descriptor.Id, descriptor.Category, target) { ErrorDetails = new ErrorDetails(fault.Message) };
        }

        /// <summary>Strips reflection, task and PowerShell's method-invocation wrappers so the id names the real failure.</summary>
        public static Exception Unwrap(Exception exception)
        {
            var e = exception ?? throw new ArgumentNullException(nameof(exception));
            while ((e is TargetInvocationException || e is AggregateException || e is MethodInvocationException) && e.InnerException != null)
                e = e.InnerException;
            return e;
        }
    }
}
