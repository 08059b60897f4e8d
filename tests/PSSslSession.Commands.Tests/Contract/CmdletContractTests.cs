using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace PSSslSession.Commands.Tests.Contract;

/// <summary>The module's public surface (SPEC §1, §6, §7), read from the built assembly and the module files.</summary>
public sealed class CmdletContractTests : IClassFixture<ModuleMetadata>
{
    /// <summary>Get-Verb in PowerShell 7.4.</summary>
    private static readonly HashSet<string> ApprovedVerbs = new(StringComparer.Ordinal)
    {
        // Common
        "Add", "Clear", "Close", "Copy", "Enter", "Exit", "Find", "Format", "Get", "Hide", "Join", "Lock", "Move", "New",
        "Open", "Optimize", "Pop", "Push", "Redo", "Remove", "Rename", "Reset", "Resize", "Search", "Select", "Set", "Show",
        "Skip", "Split", "Step", "Switch", "Undo", "Unlock", "Watch",
        // Communications
        "Connect", "Disconnect", "Read", "Receive", "Send", "Write",
        // Data
        "Backup", "Checkpoint", "Compare", "Compress", "Convert", "ConvertFrom", "ConvertTo", "Dismount", "Edit", "Expand",
        "Export", "Group", "Import", "Initialize", "Limit", "Merge", "Mount", "Out", "Publish", "Restore", "Save", "Sync",
        "Unpublish", "Update",
        // Diagnostic
        "Debug", "Measure", "Ping", "Repair", "Resolve", "Test", "Trace",
        // Lifecycle
        "Approve", "Assert", "Build", "Complete", "Confirm", "Deny", "Deploy", "Disable", "Enable", "Install", "Invoke",
        "Register", "Request", "Restart", "Resume", "Start", "Stop", "Submit", "Suspend", "Uninstall", "Unregister", "Wait",
        // Security
        "Block", "Grant", "Protect", "Revoke", "Unblock", "Unprotect",
        // Other
        "Use",
    };

    /// <summary>
    /// Verbs that change state: the cache (Add, Set, Remove, Clear, Complete), callbacks (Register, Unregister)
    /// or files (Export). Get/Test/Resolve are lookups, Import/ConvertTo/ConvertFrom only read or compute, and
    /// New is decided per cmdlet (see <see cref="Cmdlets_that_register_or_create_files_support_ShouldProcess"/>).
    /// </summary>
    private static readonly HashSet<string> MutatingVerbs = new(StringComparer.Ordinal)
    {
        "Add", "Set", "Remove", "Clear", "Complete", "Register", "Unregister", "Export",
    };

    /// <summary>SPEC §1's 22 cmdlets plus Test-SslSessionCache (field notes item 4) and the live-server pair (issue 13).</summary>
    private static readonly string[] SpecifiedCmdlets =
    {
        "New-SslContext", "Get-SslContext", "Set-SslContext", "Remove-SslContext", "New-SslSession", "Add-SslSession",
        "Complete-SslHandshake", "Resolve-SslSession", "Get-SslSession", "Set-SslSession", "Remove-SslSession",
        "Clear-SslSessionCache", "Get-SslSessionStats", "Register-SslSessionCallback", "Unregister-SslSessionCallback",
        "New-SslSessionId", "Test-SslSessionId", "Import-SslSession", "Export-SslSession", "ConvertTo-SslSession",
        "ConvertFrom-SslSession", "New-SslSessionStore", "Test-SslSessionCache", "Get-SslServerSession", "Test-SslResumption",
    };

    private readonly ModuleMetadata _module;

    public CmdletContractTests(ModuleMetadata module) => _module = module;

    public static IEnumerable<object[]> CmdletNames() => SpecifiedCmdlets.Select(n => new object[] { n });

    [Fact]
    public void The_assembly_holds_exactly_the_specified_cmdlets() =>
        Assert.Equal(SpecifiedCmdlets.OrderBy(n => n), _module.Cmdlets.Select(ModuleMetadata.CommandName).OrderBy(n => n));

    [Fact]
    public void Every_cmdlet_verb_is_approved() =>
        Assert.Empty(_module.Cmdlets.Select(ModuleMetadata.CommandName).Where(n => !ApprovedVerbs.Contains(n.Split('-')[0])));

    [Fact]
    public void Every_cmdlet_class_is_named_verb_noun_Command_in_the_commands_namespace() =>
        Assert.All(_module.Cmdlets, t =>
        {
            Assert.Equal(ModuleMetadata.CommandName(t).Replace("-", "") + "Command", t.Name);
            Assert.Equal("PSSslSession.Commands", t.Namespace);
        });

    [Fact]
    public void Every_cmdlet_derives_from_the_shared_base() =>
        Assert.All(_module.Cmdlets, t => Assert.Contains(t.BaseType?.Name, new[] { "SslSessionCmdlet", "SslContextCmdlet", "SslServerCmdlet" }));

    [Fact]
    public void Every_Context_parameter_is_the_one_the_context_base_declares() =>
        Assert.All(_module.Cmdlets.Where(t => ModuleMetadata.Parameters(t).Contains("Context")),
            t => Assert.Equal("SslContextCmdlet", t.GetProperty("Context")!.DeclaringType!.Name));

    [Fact]
    public void Fourteen_cmdlets_take_a_context() =>
        Assert.Equal(14, _module.Cmdlets.Count(t => ModuleMetadata.Parameters(t).Contains("Context")));

    [Fact]
    public void Every_SessionId_parameter_binds_by_value_and_by_property_name() =>
        Assert.All(_module.Cmdlets.Select(t => t.GetProperty("SessionId")).Where(p => p != null && p.CustomAttributes.Any(a => a.AttributeType.Name == "ParameterAttribute")), p =>
        {
            var parameter = p!.CustomAttributes.First(a => a.AttributeType.Name == "ParameterAttribute");
            Assert.True(ModuleMetadata.NamedArgument<bool>(parameter, "ValueFromPipeline"), p.DeclaringType!.Name);
            Assert.True(ModuleMetadata.NamedArgument<bool>(parameter, "ValueFromPipelineByPropertyName"), p.DeclaringType!.Name);
        });

    [Fact]
    public void Every_cmdlet_declares_its_output_type() =>
        Assert.Empty(_module.Cmdlets.Where(t => !t.CustomAttributes.Any(a => a.AttributeType.FullName == "System.Management.Automation.OutputTypeAttribute")).Select(t => t.Name));

    [Fact]
    public void Every_cmdlet_with_a_mutating_verb_supports_ShouldProcess()
    {
        var missing = _module.Cmdlets
            .Where(t => MutatingVerbs.Contains(ModuleMetadata.CommandName(t).Split('-')[0]))
            .Where(t => !ModuleMetadata.NamedArgument<bool>(ModuleMetadata.CmdletAttribute(t), "SupportsShouldProcess"))
            .Select(ModuleMetadata.CommandName);
        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("New-SslContext")]
    [InlineData("New-SslSessionStore")]
    public void Cmdlets_that_register_or_create_files_support_ShouldProcess(string name) =>
        Assert.True(ModuleMetadata.NamedArgument<bool>(ModuleMetadata.CmdletAttribute(_module.Cmdlets.Single(t => ModuleMetadata.CommandName(t) == name)), "SupportsShouldProcess"));

    [Fact]
    public void The_manifest_exports_exactly_the_cmdlet_classes_sorted()
    {
        var exported = ManifestList("CmdletsToExport");
        Assert.Equal(exported.OrderBy(n => n, StringComparer.Ordinal), exported);
        Assert.Equal(_module.Cmdlets.Select(ModuleMetadata.CommandName).OrderBy(n => n, StringComparer.Ordinal), exported);
    }

    [Theory]
    [InlineData("FunctionsToExport")]
    [InlineData("AliasesToExport")]
    [InlineData("VariablesToExport")]
    public void The_manifest_exports_no_functions_aliases_or_variables(string key) =>
        Assert.Matches(new Regex($@"(?m)^\s*{key}\s*=\s*@\(\)\s*$"), Manifest());

    [Fact]
    public void The_manifest_targets_both_editions_from_PowerShell_5_1()
    {
        var text = Manifest();
        Assert.Matches(@"RootModule\s*=\s*'PSSslSession\.dll'", text);
        Assert.Matches(@"PowerShellVersion\s*=\s*'5\.1'", text);
        Assert.Equal(new[] { "Desktop", "Core" }, ManifestList("CompatiblePSEditions"));
    }

    [Fact]
    public void The_manifest_version_is_the_build_version()
    {
        var props = File.ReadAllText(Path.Combine(_module.RepositoryRoot, "Directory.Build.props"));
        var version = Regex.Match(props, "<Version>([^<]+)</Version>").Groups[1].Value;
        Assert.Matches($@"ModuleVersion\s*=\s*'{Regex.Escape(version)}'", Manifest());
    }

    [Fact]
    public void Every_type_the_views_select_exists_in_the_module_assemblies()
    {
        var format = XDocument.Load(Path.Combine(_module.RepositoryRoot, "src/PSSslSession/PSSslSession.format.ps1xml"));
        // PSSslSession.ServerSession is a type name Get-SslServerSession adds to the sessions it outputs (no class).
        var typeNames = format.Descendants("TypeName").Select(e => e.Value.Trim()).Distinct().Where(n => n != "PSSslSession.ServerSession").ToList();
        Assert.NotEmpty(typeNames);
        var assemblies = new[] { "PSSslSession.Codec", "PSSslSession.Engine", "PSSslSession.Client" }.Select(_module.Load).ToList();
        Assert.All(typeNames, name => Assert.Contains(assemblies, a => a.GetType(name) != null));
    }

    [Fact]
    public void No_view_shows_a_master_key()
    {
        var format = File.ReadAllText(Path.Combine(_module.RepositoryRoot, "src/PSSslSession/PSSslSession.format.ps1xml"));
        Assert.DoesNotContain("MasterKey", format);
        Assert.DoesNotContain("Reveal", format);
    }

    [Fact]
    public void The_manifest_loads_the_format_file_that_exists() =>
        Assert.Equal(new[] { "PSSslSession.format.ps1xml" }, ManifestList("FormatsToProcess"));

    [Theory]
    [InlineData("SessionId", "SessionIdTransformationAttribute")]
    [InlineData("Timeout", "DurationTransformationAttribute")]
    [InlineData("Timeout", "ValidateNonNegativeDurationAttribute")]
    [InlineData("SessionIdContext", "TextBytesTransformationAttribute")]
    [InlineData("SessionIdContext", "ValidateCountAttribute")]
    [InlineData("Protocol", "ArgumentCompleterAttribute")]
    [InlineData("CacheSize", "ValidateRangeAttribute")]
    public void Every_parameter_of_a_shared_name_accepts_the_same_input(string parameter, string attribute)
    {
        var properties = _module.Cmdlets
            .Select(t => t.GetProperty(parameter, BindingFlags.Public | BindingFlags.Instance))
            .Where(p => p != null && p.CustomAttributes.Any(a => a.AttributeType.Name == "ParameterAttribute"))
            .ToList();
        Assert.NotEmpty(properties);
        Assert.Empty(properties.Where(p => !p!.CustomAttributes.Any(a => a.AttributeType.Name == attribute)).Select(p => p!.DeclaringType!.Name));
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Every_cmdlet_has_a_docs_page_naming_every_parameter(string name)
    {
        var page = Path.Combine(_module.RepositoryRoot, "docs", name + ".md");
        Assert.True(File.Exists(page), $"docs/{name}.md is missing.");
        var text = File.ReadAllText(page);
        var cmdlet = _module.Cmdlets.Single(t => ModuleMetadata.CommandName(t) == name);
        Assert.Empty(ModuleMetadata.Parameters(cmdlet).Where(p => !Regex.IsMatch(text, $@"(?m)^###\s+-{p}\b")));
    }

    private string Manifest() => File.ReadAllText(Path.Combine(_module.RepositoryRoot, "PSSslSession.psd1"));

    /// <summary>The quoted items of "Key = @( ... )" in the manifest.</summary>
    private IReadOnlyList<string> ManifestList(string key)
    {
        var match = Regex.Match(Manifest(), $@"(?s){key}\s*=\s*@\((.*?)\)");
        Assert.True(match.Success, $"The manifest has no {key} list.");
        return Regex.Matches(match.Groups[1].Value, "'([^']*)'").Select(m => m.Groups[1].Value).ToArray();
    }
}
