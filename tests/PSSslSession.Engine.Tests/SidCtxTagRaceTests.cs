using System.Text;
using PSSslSession.Codec;
using PSSslSession.Engine.Tests.Support;
using Xunit;

namespace PSSslSession.Engine.Tests;

/// <summary>
/// The session-id-context tag an entry gets must stand for the context's sid_ctx when the entry is written (issue 14):
/// a tag read before the cache lock, while another thread changes the sid_ctx until the tag numbers start over, could
/// match a different sid_ctx later and let the lookup skip the isolation check.
/// </summary>
public class SidCtxTagRaceTests
{
    private readonly FakeClock _clock = new();

    [Fact]
    public void A_sid_ctx_change_between_add_and_its_lock_cannot_make_another_contexts_session_resumable()
    {
        var ctx = new SslContext("t", _clock);
        var a = Encoding.ASCII.GetBytes("tenant-a");
        ctx.SetSessionIdContext(a);
        int tagOfA = ctx.SessionIdContextTag;
        var session = Sessions.Make(1, _clock.Seconds, 300, SslProtocol.TLSv12, a);
        ctx.BeforeAddLock = () =>
        {
            ctx.BeforeAddLock = null;
            // Change the sid_ctx until the tag numbering has started over and handed out A's number for other bytes.
            int i = 0;
            do ctx.SetSessionIdContext(Encoding.ASCII.GetBytes("tenant-b" + i++));
            while (ctx.SessionIdContextTag != tagOfA);
        };
        ctx.Add(session);
        Assert.Equal(SslLookupOutcome.ContextMismatch, ctx.Lookup(session.GetSessionId(), SslProtocol.TLSv12).Outcome);
        Assert.Null(ctx.CheckConsistency());
    }
}
