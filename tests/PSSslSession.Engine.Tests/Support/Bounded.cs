namespace PSSslSession.Engine.Tests.Support;

/// <summary>Runs work on a task and fails (instead of hanging the run) if it does not finish in time.</summary>
public static class Bounded
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    public static T Run<T>(Func<T> work)
    {
        var task = Task.Run(work);
        if (!task.Wait(Limit)) throw new Xunit.Sdk.XunitException($"The operation did not finish within {Limit.TotalSeconds} s (deadlock?).");
        return task.Result;
    }

    public static void Run(Action work) => Run(() => { work(); return 0; });
}
