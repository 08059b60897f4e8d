using System;
using System.Collections.Generic;
using System.Management.Automation;
using PSSslSession.Codec;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// <c>Add-SslSession</c> (<c>SSL_CTX_add_session</c>): puts sessions into a context's cache. The same
    /// instance already cached is a warning and a no-op (with UpdateTime or OpenSslCompat it is re-ordered); another
    /// instance with the same key replaces it;
    /// a full cache evicts the earliest expiry (remove callbacks fire, reason Evicted).
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "SslSession", SupportsShouldProcess = true)]
    [OutputType(typeof(SslSession))]
    public sealed class AddSslSessionCommand : SslContextCmdlet
    {
        #region Parameters

        /// <summary>Sessions to add (SslSession), e.g. from Import-SslSession.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
        [Alias("Session")]
        public SslSession[] InputObject { get; set; } = null!;

        /// <summary>Outputs each session that was added.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        #endregion

        #region Overrides

        protected override void ProcessContext()
        {
            foreach (var session in InputObject)
            {
                if (session == null || !ShouldProcess(Describe(session), $"Add to {Describe(TargetContext)}")) continue;
                _batch.Add(session);
                if (_batch.Count >= BatchSize) AddBatch();
            }
        }

        protected override void EndContext() => AddBatch();

        /// <summary>
        /// Sessions are added in batches (from an array or from the pipeline), so that a store writes each batch in one
        /// transaction; what each add did is reported per session, in order, when its batch is added.
        /// </summary>
        private const int BatchSize = 1000;

        private readonly List<SslSession> _batch = new List<SslSession>();

        private void AddBatch()
        {
            if (_batch.Count == 0) return;
            var sessions = _batch.ToArray();
            _batch.Clear();
            IReadOnlyList<AddSessionResult> results;
            try
            {
                results = TargetContext.AddRange(sessions);
            }
            catch (Exception e) when (IsReportable(e))
            {
                foreach (var session in sessions) WriteError(Error(e, session));
                return;
            }
            for (int i = 0; i < sessions.Length; i++) Report(sessions[i], results[i]);
        }

        private void Report(SslSession session, AddSessionResult result)
        {
            if (result.TooLarge) NoteTooLarge(session);
            else if (!result.Added)
                WriteWarning($"Session {Describe(session)} is already in {Describe(TargetContext)}; {ReAddEffect()}.");
            if (result.Replaced != null)
                WriteVerbose($"Replaced the cached instance of {Describe(result.Replaced)}.");
            foreach (var evicted in result.Evicted)
                WriteVerbose($"Evicted {Describe(evicted)} to make room.");
            WriteFaults(result);
            if (PassThru && result.Added) WriteObject(session);
        }

        #endregion

        /// <summary>What adding the cached instance again did (SslContext.Add): nothing, unless UpdateTime or OpenSslCompat.</summary>
        private string ReAddEffect()
        {
            if ((TargetContext.CacheMode & SslSessionCacheMode.UpdateTime) != 0) return "its start time became now (UpdateTime)";
            if (TargetContext.OpenSslCompat) return "it moved behind the sessions with the same expiry, to be evicted and flushed after them (OpenSslCompat)";
            return "nothing changed";
        }
    }
}
