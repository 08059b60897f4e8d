using PSSslSession.Codec;
using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>The texts -WhatIf and -Confirm show for what a cmdlet is about to change, and that messages name things by.</summary>
    internal static class ShouldProcessTarget
    {
        /// <summary>"&lt;hex id&gt; (TLSv1.2)"; ticket-only and id-less sessions say so instead of an empty id.</summary>
        public static string Of(SslSession session)
        {
            var id = session.SessionId.Length == 0 ? (session.HasTicket ? "(ticket, no id)" : "(no id)") : session.SessionId;
            return $"{id} ({session.Protocol})";
        }

        /// <summary>"&lt;hex id&gt; (TLSv1.2)" or "… (any protocol)"; an empty id says "(no id)".</summary>
        public static string Of(SessionId id, SslProtocol? protocol) =>
            $"{(id.IsEmpty ? "(no id)" : id.ToString())} ({(protocol.HasValue ? protocol.Value.Name : "any protocol")})";

        /// <summary>"context 'web'".</summary>
        public static string Of(SslContext context) => $"context '{context.Name}'";

        /// <summary>The ContextNotFound message: the name, the registered names, and how to make one.</summary>
        public static string NotFound(string name)
        {
            var known = string.Join(", ", SslContextRegistry.Default.Names);
            return $"No SSL context named '{name}' is registered. Registered: {(known.Length == 0 ? "none" : known)}. Create one with New-SslContext.";
        }
    }
}
