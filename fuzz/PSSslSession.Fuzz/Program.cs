using PSSslSession.Fuzz;

// afl-fuzz ... -- dotnet PSSslSession.Fuzz.dll <target>: one target of FuzzTargets, in SharpFuzz's persistent loop.
// dotnet PSSslSession.Fuzz.dll <target> <file>...: runs the files once (a crash's reproducer, say).
if (args.Length == 0 || !FuzzTargets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: PSSslSession.Fuzz <{string.Join("|", FuzzTargets.All.Keys)}> [files...]");
    return 2;
}
if (args.Length > 1)
{
    foreach (var file in args.Skip(1)) target(File.ReadAllBytes(file));
    Console.WriteLine($"{args.Length - 1} input(s) ran without a crash");
    return 0;
}
SharpFuzz.Fuzzer.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target(buffer.ToArray());
});
return 0;
