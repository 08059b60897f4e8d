using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using PSSslSession.Codec;

namespace PSSslSession.Engine.Interop
{
    /// <summary>
    /// The one table from engine, codec and store failures to ErrorRecord ids and categories, so every
    /// cmdlet reports the same failure the same way and tests can check the mapping without PowerShell.
    /// </summary>
    public static class ErrorCatalog
    {
        /// <summary>A callback threw (or returned something unusable): non-terminating error of the triggering cmdlet.</summary>
        public const string SessionCallbackFailed = nameof(SessionCallbackFailed);
        /// <summary>The attached store failed; the context kept serving from its internal cache.</summary>
        public const string SessionStoreUnavailable = nameof(SessionStoreUnavailable);
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

        private static readonly Dictionary<SslContextError, ErrorKind> ContextCategories = new Dictionary<SslContextError, ErrorKind>
        {
            [SslContextError.NameInUse] = ErrorKind.ResourceExists,
            [SslContextError.ContextNotFound] = ErrorKind.ObjectNotFound,
            [SslContextError.ContextClosed] = ErrorKind.InvalidOperation,
            [SslContextError.InvalidCacheSize] = ErrorKind.InvalidArgument,
            [SslContextError.InvalidTimeout] = ErrorKind.InvalidArgument,
            [SslContextError.SessionIdContextTooLong] = ErrorKind.InvalidArgument,
            [SslContextError.SessionIdCallbackFailed] = ErrorKind.InvalidOperation,
            [SslContextError.SessionIdHasBadLength] = ErrorKind.InvalidOperation,
            [SslContextError.SessionIdConflict] = ErrorKind.ResourceExists,
            [SslContextError.InvalidSessionIdLength] = ErrorKind.InvalidArgument,
            [SslContextError.SessionIdContextUninitialized] = ErrorKind.InvalidOperation,
            [SslContextError.InvalidSession] = ErrorKind.InvalidArgument,
        };

        private static readonly Dictionary<SessionExportError, ErrorKind> ExportCategories = new Dictionary<SessionExportError, ErrorKind>
        {
            [SessionExportError.FileExists] = ErrorKind.ResourceExists,
            [SessionExportError.MultipleSessionsForDer] = ErrorKind.InvalidArgument,
        };

        /// <summary>The id and category for a failure of an operation. <paramref name="reading"/> picks ReadError over WriteError for I/O.</summary>
        public static ErrorDescriptor For(Exception exception, bool reading = false)
        {
            var e = Unwrap(exception);
            switch (e)
            {
                case SslContextException c:
                    return new ErrorDescriptor(c.Reason.ToString(), ContextCategories.TryGetValue(c.Reason, out var kind) ? kind : ErrorKind.InvalidOperation);
                case SslSessionFormatException f:
                    return new ErrorDescriptor(f.Reason.ToString(), ErrorKind.InvalidData);
                case SessionExportException x:
                    return new ErrorDescriptor(x.Reason.ToString(), ExportCategories[x.Reason]);
                case CallbackRunspaceMismatchException _:
                    return new ErrorDescriptor(CallbackRunspaceMismatch, ErrorKind.InvalidOperation);
                case CallbackResultException _:
                    return new ErrorDescriptor(InvalidCallbackResult, ErrorKind.InvalidData);
                case FileNotFoundException _:
                case DirectoryNotFoundException _:
                    return new ErrorDescriptor(PathNotFound, ErrorKind.ObjectNotFound);
                case UnauthorizedAccessException _:
                    return new ErrorDescriptor("AccessDenied", ErrorKind.PermissionDenied);
                case IOException _:
                    return new ErrorDescriptor(reading ? "FileReadFailed" : "FileWriteFailed", reading ? ErrorKind.ReadError : ErrorKind.WriteError);
                case ArgumentException _:
                    return new ErrorDescriptor("InvalidArgument", ErrorKind.InvalidArgument);
                case FormatException _:
                    return new ErrorDescriptor("InvalidFormat", ErrorKind.InvalidArgument);
            }
            // The Stores room's SessionStoreException (and any other exception with a reason code) is
            // recognised by shape, so the engine does not depend on the stores.
            var reason = ReasonOf(e);
            if (reason != null) return new ErrorDescriptor(reason, ErrorKind.ResourceUnavailable);
            return new ErrorDescriptor(e.GetType().Name.EndsWith("Exception", StringComparison.Ordinal)
                ? e.GetType().Name.Substring(0, e.GetType().Name.Length - "Exception".Length)
                : e.GetType().Name, ErrorKind.NotSpecified);
        }

        /// <summary>The id and category for a fault that did not stop an operation (a callback or store failure).</summary>
        public static ErrorDescriptor ForFault(SslCacheFault fault)
        {
            if (fault == null) throw new ArgumentNullException(nameof(fault));
            var e = Unwrap(fault.Exception);
            if (fault.Source == SslCacheFaultSource.Store)
                return new ErrorDescriptor(SessionStoreUnavailable, ErrorKind.ResourceUnavailable);
            if (e is CallbackRunspaceMismatchException) return new ErrorDescriptor(CallbackRunspaceMismatch, ErrorKind.InvalidOperation);
            if (e is CallbackResultException) return new ErrorDescriptor(InvalidCallbackResult, ErrorKind.InvalidData);
            return new ErrorDescriptor(SessionCallbackFailed, ErrorKind.InvalidOperation);
        }

        /// <summary>Strips reflection and task wrappers so the id names the real failure.</summary>
        public static Exception Unwrap(Exception exception)
        {
            var e = exception ?? throw new ArgumentNullException(nameof(exception));
            while ((e is TargetInvocationException || e is AggregateException) && e.InnerException != null)
                e = e.InnerException;
            return e;
        }

        private static string? ReasonOf(Exception e)
        {
            var property = e.GetType().GetProperty("Reason", BindingFlags.Public | BindingFlags.Instance);
            if (property == null || !property.PropertyType.IsEnum) return null;
            return property.GetValue(e)?.ToString();
        }
    }
}
