namespace PSSslSession.Engine.Cache
{
    /// <summary>
    /// The context's sid_ctx with a small tag that changes whenever it is set. A session whose sid_ctx equals the
    /// context's at add time gets the tag in its index slot, so the resume lookup's isolation check compares two
    /// numbers instead of reading the session's sid_ctx bytes. Tags count 1 … <see cref="SessionIndex.MaxTag"/> and
    /// then start over after every slot's tag is cleared; a reader trusts a tag only if the state it read before the
    /// probe is still the context's afterwards, so a tag from before the restart can never pass for a new one.
    /// </summary>
    internal sealed class SessionIdContextState
    {
        public static readonly SessionIdContextState Initial = new SessionIdContextState(System.Array.Empty<byte>(), 1);

        public SessionIdContextState(byte[] bytes, int tag)
        {
            Bytes = bytes;
            Tag = tag;
        }

        /// <summary>The sid_ctx bytes (never changed; a new state replaces the whole object).</summary>
        public byte[] Bytes { get; }

        public int Tag { get; }
    }
}
