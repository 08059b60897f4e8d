using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using PSSslSession.Codec;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// Runs a scriptblock as an engine callback (sess_set_new_cb/_remove_cb/_get_cb,
    /// set_generate_session_id). The engine calls it on the triggering cmdlet's thread, outside its locks.
    /// The scriptblock only runs where the thread's default runspace is the one it was registered in:
    /// elsewhere (a .NET thread-pool thread, another runspace) invoking it could crash the process, so it
    /// is skipped with a <see cref="CallbackRunspaceMismatchException"/> fault instead.
    /// </summary>
    internal sealed class ScriptBlockCallback
    {
        private readonly ScriptBlock _script;
        private readonly Runspace? _runspace;
        private readonly string _name;
        private readonly IReadOnlyList<string> _parameters;

        /// <summary>Wraps <paramref name="script"/>; the current runspace becomes the only one it runs in.</summary>
        public ScriptBlockCallback(ScriptBlock script, string name)
        {
            _script = script ?? throw new ArgumentNullException(nameof(script));
            _name = name;
            _runspace = Runspace.DefaultRunspace;
            _parameters = DeclaredParameters(script);
        }

        /// <summary>The wrapped scriptblock.</summary>
        public ScriptBlock ScriptBlock => _script;

        /// <summary>The scriptblock as written, "{ … }", for the registration's Description (the table view shows its first line).</summary>
        public string Description => "{ " + _script.ToString().Trim() + " }";

        /// <summary>New-session callback: $Session, $Context; $_ is the session. Its output goes to the triggering cmdlet (<see cref="CallbackOutput"/>).</summary>
        public void OnNew(SslContext context, SslSession session) =>
            CallbackOutput.Write(Invoke(context, session, SessionCallbackEvent.New, new Dictionary<string, object?> { ["Session"] = session, ["Context"] = context }));

        /// <summary>Remove-session callback: $Session, $Context, $Reason; $_ is the session. Its output goes to the triggering cmdlet (<see cref="CallbackOutput"/>).</summary>
        public void OnRemove(SslContext context, SslSession session, SessionRemovalReason reason) =>
            CallbackOutput.Write(Invoke(context, session, SessionCallbackEvent.Remove, new Dictionary<string, object?> { ["Session"] = session, ["Context"] = context, ["Reason"] = reason }));

        /// <summary>Get-session callback: $SessionId (hex), $Context; $_ is the id. Output: a session, DER bytes, PEM/base64 text, or nothing.</summary>
        public SslSession? OnGet(SslContext context, SessionId sessionId)
        {
            // The id as PowerShell users see ids everywhere: uppercase hex.
            var hex = sessionId.ToString();
            var output = Invoke(context, hex, SessionCallbackEvent.Get, new Dictionary<string, object?> { ["SessionId"] = hex, ["Context"] = context });
            return CallbackResultConverter.ToSession(PSValue.BaseObjects(output));
        }

        /// <summary>Session-id generator: $Context, $MaxLength; $_ is the maximum length. Output: bytes or hex text; nothing = failed.</summary>
        public byte[]? OnGenerate(SslContext context, int maxLength)
        {
            EnsureRunspace(context);
            var values = new Dictionary<string, object?> { ["Context"] = context, ["MaxLength"] = maxLength };
            var args = CallbackArguments.Order(_parameters.Count > 0 ? _parameters : new[] { "Context", "MaxLength" }, values, SessionCallbackEvent.New);
            var output = PSValue.BaseObjects(Run(() => _script.InvokeWithContext(null, Variables(maxLength, values), args)));
            if (output.Count == 0) return null;
            return ByteInput.ToBytes(output.Count == 1 ? output[0] : output);
        }

        private Collection<PSObject> Invoke(SslContext context, object dollarUnder, SessionCallbackEvent @event, Dictionary<string, object?> values)
        {
            EnsureRunspace(context);
            return Run(() => _script.InvokeWithContext(null, Variables(dollarUnder, values), CallbackArguments.Order(_parameters, values, @event)));
        }

        /// <summary>
        /// Runs the scriptblock; a stopped pipeline (Ctrl+C) or flow control leaving it (break, continue, exit) is not a
        /// failure of the callback but the user's or the script's decision to stop: it ends the engine's operation
        /// (CallbackAbortException) and reaches PowerShell again at the cmdlet (SslContextCmdlet).
        /// </summary>
        private static Collection<PSObject> Run(Func<Collection<PSObject>> invoke)
        {
            try { return invoke(); }
            catch (Exception e) when (e is PipelineStoppedException || e is FlowControlException)
            {
                throw new CallbackAbortException(e);
            }
        }

        private void EnsureRunspace(SslContext context)
        {
            var current = Runspace.DefaultRunspace;
            if (_runspace == null || !ReferenceEquals(current, _runspace))
                throw new CallbackRunspaceMismatchException(_name, context.Name);
        }

        private static List<PSVariable> Variables(object dollarUnder, Dictionary<string, object?> values)
        {
            var variables = new List<PSVariable> { new PSVariable("_", dollarUnder) };
            foreach (var pair in values) variables.Add(new PSVariable(pair.Key, pair.Value));
            return variables;
        }

        private static IReadOnlyList<string> DeclaredParameters(ScriptBlock script)
        {
            IEnumerable<ParameterAst>? parameters = null;
            switch (script.Ast)
            {
                case ScriptBlockAst block:
                    parameters = block.ParamBlock?.Parameters;
                    break;
                case FunctionDefinitionAst function:
                    // "function f($a, $b)" keeps its parameters on the definition; the reference assembly
                    // does not expose FunctionDefinitionAst.Parameters, every runtime does.
                    parameters = function.GetType().GetProperty("Parameters")?.GetValue(function) as IEnumerable<ParameterAst>
                        ?? function.Body?.ParamBlock?.Parameters;
                    break;
            }
            return parameters?.Select(p => p.Name.VariablePath.UserPath).ToArray() ?? Array.Empty<string>();
        }
    }
}
