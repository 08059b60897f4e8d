namespace PSSslSession.CacheDifferential;

/// <summary>
/// One operation script: the commands both sides run, in the driver's input language (native/cachedriver.c lists
/// them). The first line is <c>script &lt;name&gt;</c>; the <c>end</c> line is implied.
/// </summary>
public sealed class Script
{
    public Script(string name, IReadOnlyList<string> commands)
    {
        Name = name;
        Commands = commands;
    }

    /// <summary>The name (the generator's seed), which reproduces the script.</summary>
    public string Name { get; }

    /// <summary>The commands after the <c>script</c> line; each gives one trace line.</summary>
    public IReadOnlyList<string> Commands { get; }

    /// <summary>The script as the driver reads it.</summary>
    public string ToDriverInput() => $"script {Name}\n{string.Join("\n", Commands)}\nend\n";

    public override string ToString() => ToDriverInput();
}
