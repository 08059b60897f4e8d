namespace PSSslSession.Engine.Interop
{
    /// <summary>
    /// The error categories the cmdlets use, by the same names as PowerShell's <c>ErrorCategory</c>
    /// (the engine does not reference PowerShell; the cmdlets convert by name).
    /// </summary>
    public enum ErrorKind
    {
        InvalidArgument,
        InvalidData,
        InvalidOperation,
        ObjectNotFound,
        ResourceExists,
        ResourceUnavailable,
        PermissionDenied,
        ReadError,
        WriteError,
        NotSpecified,
    }
}
