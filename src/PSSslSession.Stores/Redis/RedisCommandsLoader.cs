using System;
using System.IO;
using System.Reflection;

namespace PSSslSession.Stores.Redis
{
    /// <summary>
    /// Creates the StackExchange.Redis side of the store. It is found by name, not referenced, so that this assembly (shared
    /// by everything in the process) never binds to the client's dependencies: in a plain .NET application the name
    /// resolves from its deps.json; inside PowerShell the module's loader answers it from the module's redis/ folder, in an
    /// isolated load context on PowerShell 7 and through AssemblyResolve on Windows PowerShell 5.1.
    /// </summary>
    internal static class RedisCommandsLoader
    {
        internal const string AssemblyName = "PSSslSession.Stores.Redis";
        internal const string TypeName = "PSSslSession.Stores.Redis.StackExchangeRedisCommands";

        public static IRedisCommands Create(RedisStoreOptions options)
        {
            Assembly assembly;
            try
            {
                assembly = Assembly.Load(new AssemblyName(AssemblyName));
            }
            catch (Exception e) when (e is FileNotFoundException || e is FileLoadException || e is BadImageFormatException)
            {
                throw new SessionStoreException(SessionStoreError.IoError,
                    $"The Redis client ({AssemblyName} with StackExchange.Redis) could not be loaded: {e.Message}", e);
            }
            var type = assembly.GetType(TypeName, throwOnError: true)!;
            try
            {
                return (IRedisCommands)Activator.CreateInstance(type, options)!;
            }
            catch (TargetInvocationException e) when (e.InnerException is SessionStoreException inner)
            {
                throw inner;
            }
        }
    }
}
