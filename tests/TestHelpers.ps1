# Shared helpers for the Pester suite; every test file dot-sources this in BeforeAll. It imports the laid-out
# module: the one tests/Invoke-PesterSuite.ps1 names in PSSSLSESSION_MODULE, else out/PSSslSession.
$ModuleManifest = if ($env:PSSSLSESSION_MODULE) { $env:PSSSLSESSION_MODULE } else { Join-Path $PSScriptRoot '../out/PSSslSession/PSSslSession.psd1' }
Import-Module $ModuleManifest -Force

$SamplesPath = Join-Path $PSScriptRoot '../samples'

# The sample sessions (OpenSSL 3.0 client sessions, see samples/README.md); their start times are in the past.
$Sample = @{
    Tls12Id        = '0AAC216506057DB3FD3875740F5DDC0B9E3AEB4FE02EA445FF9FF312232860C8'
    Tls12MasterKey = '15EE381265C141CA3A55F6BEF674A450D0FE0586ECEF4054FC73A43D352C6D36C5FA8EA64657A1A602709A3BEBC4622B'
    Tls12TicketId  = '5DA2ECD5808108BC02CD8E4279EAB62998BC6221525428C4E54B86C2E485B412'
    Tls13Id        = 'D6373B352FD443212121C61ECEA49BE4E266B6D866B3C8BB7AE276FFCE71D85D'
    EcdsaId        = '45F692B5A1D7E72BBC30BCD84ABB8FEF4672B86C3ACE458E7FF6575504801D23'
}

function New-TestContextName {
    # Contexts live in a process-wide registry: every test gets its own name.
    "pester-$([guid]::NewGuid().ToString('N'))"
}

function New-TestSessionIdHex {
    param([int] $Length = 32)
    $bytes = [byte[]]::new($Length)
    $rng = [System.Security.Cryptography.RandomNumberGenerator]::Create()
    try { $rng.GetBytes($bytes) } finally { $rng.Dispose() }
    -join ($bytes | ForEach-Object { $_.ToString('X2') })
}

function New-TestSession {
    # A TLS 1.2 server session with a random id; unexpired unless -StartTime/-Timeout say otherwise.
    param(
        [string] $SessionId = (New-TestSessionIdHex),
        [string] $Protocol = 'TLSv1.2',
        [string] $Cipher = 'ECDHE-RSA-AES128-GCM-SHA256',
        [datetime] $StartTime = (Get-Date),
        [int] $Timeout = 7200,
        [string] $MasterKey = ('5A' * 48)
    )
    New-SslSession -Protocol $Protocol -Cipher $Cipher -SessionId $SessionId -MasterKey $MasterKey -StartTime $StartTime -Timeout $Timeout
}

function New-ExpiredTestSession {
    param([string] $SessionId = (New-TestSessionIdHex))
    New-TestSession -SessionId $SessionId -StartTime (Get-Date).AddHours(-3) -Timeout 3600
}

function ConvertFrom-TestHex {
    # Hex text to one byte[]; the leading comma stops the pipeline from unrolling it.
    param([Parameter(Mandatory)] [AllowEmptyString()] [string] $Hex)
    $bytes = [byte[]]::new($Hex.Length / 2)
    for ($i = 0; $i -lt $bytes.Length; $i++) {
        $bytes[$i] = [Convert]::ToByte($Hex.Substring(2 * $i, 2), 16)
    }
    , $bytes
}

function Remove-TestContext {
    param([string] $Name)
    if ($Name) {
        Get-SslContext -Name $Name -ErrorAction SilentlyContinue | Remove-SslContext -Confirm:$false
    }
}

function Invoke-FreshPwsh {
    # Runs arguments in a new PowerShell process of the same build as this one: pwsh itself, or dotnet with
    # pwsh.dll when this one runs as the .NET tool.
    param([Parameter(ValueFromRemainingArguments)] [string[]] $ArgumentList)
    $host_ = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($host_) -eq 'dotnet') { & $host_ (Join-Path $PSHOME 'pwsh.dll') @ArgumentList }
    else { & $host_ @ArgumentList }
}

function New-StandInAssembly {
    # Compiles $Source into $Path as the assembly $Name $Version (with pwsh's own Roslyn: Add-Type -OutputAssembly would
    # give it a random name): another module's copy of a dependency, for the isolation tests.
    param([string] $Path, [string] $Name, [string] $Version, [string] $Source)
    Add-Type -AssemblyName Microsoft.CodeAnalysis.CSharp
    $runtime = [IO.Path]::GetDirectoryName([object].Assembly.Location)
    $references = [Microsoft.CodeAnalysis.MetadataReference[]]@([object].Assembly.Location, (Join-Path $runtime 'System.Runtime.dll') |
        ForEach-Object { [Microsoft.CodeAnalysis.MetadataReference]::CreateFromFile($_) })
    $text = "[assembly: System.Reflection.AssemblyVersion(""$Version"")] $Source"
    $compilation = [Microsoft.CodeAnalysis.CSharp.CSharpCompilation]::Create($Name,
        [Microsoft.CodeAnalysis.SyntaxTree[]]@([Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree]::ParseText($text)), $references,
        [Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions]::new([Microsoft.CodeAnalysis.OutputKind]::DynamicallyLinkedLibrary))
    $stream = [IO.File]::Create($Path)
    try { $emitted = $compilation.Emit($stream, $null, $null, $null, $null, $null, [Threading.CancellationToken]::None) } finally { $stream.Dispose() }
    if (-not $emitted.Success) { throw "The stand-in $Name did not compile: $($emitted.Diagnostics -join '; ')" }
}
