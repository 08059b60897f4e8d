using System.Reflection;
using System.Runtime.InteropServices;

namespace PSSslSession.Commands.Tests.Contract;

/// <summary>
/// The built cmdlet assembly loaded as metadata only (MetadataLoadContext), with PowerShell's reference
/// System.Management.Automation from the PowerShellStandard.Library package, plus the module's files.
/// </summary>
public sealed class ModuleMetadata : IDisposable
{
    private readonly MetadataLoadContext _context;

    public ModuleMetadata()
    {
        RepositoryRoot = Setting("RepositoryRoot");
        var bin = Setting("ModuleBinDirectory");
        var sma = FindSma(bin);
        var paths = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
            .Where(p => !Path.GetFileName(p).Equals("System.Management.Automation.dll", StringComparison.OrdinalIgnoreCase))
            .Concat(Directory.GetFiles(bin, "*.dll").Where(p => !Path.GetFileName(p).Equals("System.Management.Automation.dll", StringComparison.OrdinalIgnoreCase)))
            .Append(sma);
        _context = new MetadataLoadContext(new PathAssemblyResolver(paths), "netstandard");
        Module = _context.LoadFromAssemblyPath(Path.Combine(bin, "PSSslSession.dll"));
        Automation = _context.LoadFromAssemblyPath(sma);
        Cmdlets = Module.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.CustomAttributes.Any(a => a.AttributeType.FullName == "System.Management.Automation.CmdletAttribute"))
            .OrderBy(t => t.Name)
            .ToArray();
    }

    public string RepositoryRoot { get; }
    public Assembly Module { get; }
    public Assembly Automation { get; }
    public IReadOnlyList<Type> Cmdlets { get; }

    public Assembly Load(string assemblyName) => _context.LoadFromAssemblyName(assemblyName);

    public static CustomAttributeData CmdletAttribute(Type cmdlet) =>
        cmdlet.CustomAttributes.Single(a => a.AttributeType.FullName == "System.Management.Automation.CmdletAttribute");

    /// <summary>"Verb-Noun" from the [Cmdlet] attribute.</summary>
    public static string CommandName(Type cmdlet)
    {
        var a = CmdletAttribute(cmdlet);
        return $"{a.ConstructorArguments[0].Value}-{a.ConstructorArguments[1].Value}";
    }

    public static T? NamedArgument<T>(CustomAttributeData attribute, string name) =>
        attribute.NamedArguments.Where(n => n.MemberName == name).Select(n => (T?)n.TypedValue.Value).FirstOrDefault();

    /// <summary>The cmdlet's own parameters (properties with [Parameter]), declared on it or its bases.</summary>
    public static IReadOnlyList<string> Parameters(Type cmdlet) =>
        cmdlet.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CustomAttributes.Any(a => a.AttributeType.FullName == "System.Management.Automation.ParameterAttribute"))
            .Select(p => p.Name)
            .Distinct()
            .OrderBy(n => n)
            .ToArray();

    public void Dispose() => _context.Dispose();

    private static string Setting(string key) =>
        typeof(ModuleMetadata).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"The test assembly has no {key} setting.");

    // The module's build output carries a copy (CopyLocalLockFileAssemblies); the package folder is the fallback.
    private static string FindSma(string bin)
    {
        foreach (var candidate in new[] { Path.Combine(bin, "System.Management.Automation.dll"), Path.Combine(Setting("PowerShellStandardDirectory"), "System.Management.Automation.dll") })
            if (File.Exists(candidate)) return candidate;
        throw new FileNotFoundException("System.Management.Automation.dll (PowerShellStandard.Library 5.1.1) was found neither in the module's build output nor in the NuGet package folder.");
    }
}
