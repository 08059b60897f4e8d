using Xunit;

namespace PSSslSession.Commands.Tests;

public sealed class ModuleDependencyResolverTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pss-resolver").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void A_shipped_dependency_is_found_whatever_version_is_requested()
    {
        File.WriteAllBytes(Path.Combine(_dir, "System.Memory.dll"), new byte[1]);
        Assert.Equal(Path.Combine(_dir, "System.Memory.dll"),
            ModuleDependencyResolver.FindInModule(_dir, "System.Memory, Version=4.0.1.2, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51"));
    }

    [Fact]
    public void The_Redis_client_and_its_dependencies_are_found_in_the_redis_subfolder()
    {
        var redis = Directory.CreateDirectory(Path.Combine(_dir, ModuleDependencyResolver.RedisFolder)).FullName;
        File.WriteAllBytes(Path.Combine(redis, "StackExchange.Redis.dll"), new byte[1]);
        Assert.Equal(Path.Combine(redis, "StackExchange.Redis.dll"),
            ModuleDependencyResolver.FindInModule(_dir, "StackExchange.Redis, Version=2.0.0.0, Culture=neutral, PublicKeyToken=c219ff1ca8c2ce46"));
    }

    [Fact]
    public void The_TLS_client_and_BouncyCastle_are_found_in_the_tls_subfolder()
    {
        var tls = Directory.CreateDirectory(Path.Combine(_dir, ModuleDependencyResolver.TlsFolder)).FullName;
        File.WriteAllBytes(Path.Combine(tls, "PSSslSession.Client.BouncyCastle.dll"), new byte[1]);
        File.WriteAllBytes(Path.Combine(tls, "BouncyCastle.Cryptography.dll"), new byte[1]);
        Assert.Equal(Path.Combine(tls, "PSSslSession.Client.BouncyCastle.dll"),
            ModuleDependencyResolver.FindInModule(_dir, "PSSslSession.Client.BouncyCastle, Version=0.1.0.0, Culture=neutral, PublicKeyToken=null"));
        Assert.Equal(Path.Combine(tls, "BouncyCastle.Cryptography.dll"),
            ModuleDependencyResolver.FindInModule(_dir, "BouncyCastle.Cryptography, Version=2.0.0.0, Culture=neutral, PublicKeyToken=072edcf4a5328938"));
    }

    [Fact]
    public void The_module_folder_wins_over_the_redis_subfolder()
    {
        var redis = Directory.CreateDirectory(Path.Combine(_dir, ModuleDependencyResolver.RedisFolder)).FullName;
        File.WriteAllBytes(Path.Combine(redis, "System.Memory.dll"), new byte[1]);
        File.WriteAllBytes(Path.Combine(_dir, "System.Memory.dll"), new byte[1]);
        Assert.Equal(Path.Combine(_dir, "System.Memory.dll"), ModuleDependencyResolver.FindInModule(_dir, "System.Memory, Version=4.0.5.0"));
    }

    [Fact]
    public void An_assembly_the_module_does_not_ship_is_left_to_the_runtime()
    {
        Assert.Null(ModuleDependencyResolver.FindInModule(_dir, "System.Text.Json, Version=8.0.0.0"));
    }

    [Fact]
    public void Satellite_resource_requests_are_left_to_the_runtime()
    {
        File.WriteAllBytes(Path.Combine(_dir, "PSSslSession.resources.dll"), new byte[1]);
        Assert.Null(ModuleDependencyResolver.FindInModule(_dir, "PSSslSession.resources, Version=0.1.0.0, Culture=de"));
    }

    [Fact]
    public void A_malformed_request_is_not_answered()
    {
        Assert.Null(ModuleDependencyResolver.FindInModule(_dir, "=,,"));
    }

    [Fact]
    public void The_resolver_is_not_needed_on_modern_dotnet()
    {
        Assert.False(ModuleDependencyResolver.IsNeeded);
        Assert.False(ModuleDependencyResolver.IsNeededOn(".NET 10.0.0"));
    }

    [Fact]
    public void The_resolver_is_needed_on_the_dotnet_framework_of_Windows_PowerShell()
    {
        Assert.True(ModuleDependencyResolver.IsNeededOn(".NET Framework 4.8.9290.0"));
    }

    [Fact]
    public void On_Windows_PowerShell_a_request_for_a_shipped_dependency_loads_the_modules_copy()
    {
        // What the AssemblyResolve handler does there, with a loader that records instead of Assembly.LoadFrom.
        File.WriteAllBytes(Path.Combine(_dir, "System.Memory.dll"), new byte[1]);
        string? loaded = null;
        var answer = ModuleDependencyResolver.Resolve(_dir, "System.Memory, Version=4.0.1.1, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51",
            path => { loaded = path; return typeof(ModuleDependencyResolverTests).Assembly; });
        Assert.Equal(Path.Combine(_dir, "System.Memory.dll"), loaded);
        Assert.Same(typeof(ModuleDependencyResolverTests).Assembly, answer);
    }

    [Fact]
    public void On_Windows_PowerShell_a_request_for_anything_else_is_left_to_the_runtime_without_loading()
    {
        bool called = false;
        Assert.Null(ModuleDependencyResolver.Resolve(_dir, "System.Text.Json, Version=8.0.0.0", _ => { called = true; return null!; }));
        Assert.False(called);
    }
}
