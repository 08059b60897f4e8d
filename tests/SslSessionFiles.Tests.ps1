# Import-SslSession, Export-SslSession, ConvertTo-SslSession, ConvertFrom-SslSession, the DER rejection table
# and the views (no default view shows a secret).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Import-SslSession' -Tag 'CI' {
    It 'Reads every session of a PEM bundle' {
        $sessions = Import-SslSession -Path (Join-Path $SamplesPath 'all.pem')
        $sessions.Count | Should -Be 4
        $sessions[0].SessionId.ToString() | Should -Be $Sample.Tls12Id
        $sessions[2].Protocol | Should -Be 'TLSv1.3'
    }

    It 'Reads the fields OpenSSL wrote' {
        $s = Import-SslSession -Path (Join-Path $SamplesPath 'tls12-session-id.pem')
        $s.Cipher | Should -Be 'ECDHE-RSA-AES128-GCM-SHA256'
        $s.Alpn | Should -Be 'h2'
        $s.ExtendedMasterSecret | Should -BeTrue
        $s.VerifyResult | Should -Be 18
        $s.StartTimeUnixSeconds | Should -Be 1795323083
        $s.MasterKey.Reveal() | Should -Be $Sample.Tls12MasterKey
        $s.PeerCertificate | Should -BeOfType ([System.Security.Cryptography.X509Certificates.X509Certificate2])
    }

    It 'Reads DER files' {
        (Import-SslSession -Path (Join-Path $SamplesPath 'tls12-session-id.der')).SessionId.ToString() | Should -Be $Sample.Tls12Id
    }

    It 'Expands wildcards in -Path' {
        (Import-SslSession -Path (Join-Path $SamplesPath 'tls1*.pem')).Count | Should -Be 4
    }

    It 'Takes files from Get-ChildItem by property name (-LiteralPath)' {
        (Get-ChildItem -Path $SamplesPath -Filter 'tls12-*.pem' | Import-SslSession).Count | Should -Be 3
    }

    It 'Writes PathNotFound for a missing file and still reads the others' {
        $sessions = Import-SslSession -Path (Join-Path $TestDrive 'missing.pem'), (Join-Path $SamplesPath 'tls13-ticket.pem') -ErrorVariable err -ErrorAction SilentlyContinue
        $sessions.Protocol | Should -Be 'TLSv1.3'
        $err[0].FullyQualifiedErrorId | Should -Be 'PathNotFound,PSSslSession.Commands.ImportSslSessionCommand'
    }

    It 'Writes PathIsDirectory for a folder' {
        { Import-SslSession -LiteralPath $TestDrive -ErrorAction Stop } |
            Should -Throw -ErrorId 'PathIsDirectory,PSSslSession.Commands.ImportSslSessionCommand'
    }

    It 'Writes Empty for an empty file' {
        $file = Join-Path $TestDrive 'empty.pem'
        [IO.File]::WriteAllBytes($file, [byte[]]@())
        { Import-SslSession -LiteralPath $file -ErrorAction Stop } |
            Should -Throw -ErrorId 'Empty,PSSslSession.Commands.ImportSslSessionCommand'
    }

    It 'Writes NoPemBlock for a text file that holds no session' {
        $file = Join-Path $TestDrive 'notes.txt'
        Set-Content -LiteralPath $file -Value 'this is not a session!'
        $err = $null
        Import-SslSession -LiteralPath $file -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'NoPemBlock,PSSslSession.Commands.ImportSslSessionCommand'
        $err[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::InvalidData)
    }

    It 'Refuses bytes after a DER session (TrailingData) unless -AllowTrailingData' {
        $file = Join-Path $TestDrive 'trailing.der'
        $der = [IO.File]::ReadAllBytes((Join-Path $SamplesPath 'tls12-session-id.der'))
        [IO.File]::WriteAllBytes($file, [byte[]]($der + [byte[]](0, 0)))
        { Import-SslSession -LiteralPath $file -ErrorAction Stop } |
            Should -Throw -ErrorId 'TrailingData,PSSslSession.Commands.ImportSslSessionCommand'
        (Import-SslSession -LiteralPath $file -AllowTrailingData).SessionId.ToString() | Should -Be $Sample.Tls12Id
    }
}

Describe 'Export-SslSession' -Tag 'CI' {
    BeforeEach {
        $name = New-TestContextName
        $null = New-SslContext -Name $name
        Import-SslSession -Path (Join-Path $SamplesPath 'all.pem') | Add-SslSession -Context $name
    }
    AfterEach { Remove-TestContext $name }

    It 'Writes a cache to one PEM bundle (Get-SslSession -Context | Export-SslSession -Path)' {
        $file = Join-Path $TestDrive 'all.pem'
        Get-SslSession -Context $name | Export-SslSession -Path $file
        (Select-String -LiteralPath $file -Pattern '-----BEGIN SSL SESSION PARAMETERS-----' -SimpleMatch).Count | Should -Be 4
        $back = Import-SslSession -LiteralPath $file | ForEach-Object { $_.SessionId.ToString() } | Sort-Object
        $back | Should -Be (@($Sample.Tls12Id, $Sample.Tls12TicketId, $Sample.Tls13Id, $Sample.EcdsaId) | Sort-Object)
    }

    It 'Writes DER that OpenSSL wrote, byte for byte' {
        $file = Join-Path $TestDrive 'one.der'
        $original = Join-Path $SamplesPath 'tls12-session-id.der'
        Import-SslSession -LiteralPath $original | Export-SslSession -Path $file -Format Der
        [IO.File]::ReadAllBytes($file) | Should -Be ([IO.File]::ReadAllBytes($original))
    }

    It 'Outputs the file with -PassThru' {
        $file = Join-Path $TestDrive 'passthru.pem'
        $info = Get-SslSession -Context $name | Export-SslSession -Path $file -PassThru
        $info | Should -BeOfType ([System.IO.FileInfo])
        $info.FullName | Should -Be ([IO.Path]::GetFullPath($file))
    }

    It 'Creates the file readable by its owner only' -Skip:(-not $IsLinux) {
        $file = Join-Path $TestDrive 'private.pem'
        Get-SslSession -Context $name | Export-SslSession -Path $file
        (Get-Item -LiteralPath $file).UnixMode | Should -Be '-rw-------'
    }

    It 'Refuses to replace a file without -Force (FileExists)' {
        $file = Join-Path $TestDrive 'exists.pem'
        Set-Content -LiteralPath $file -Value 'keep me'
        { Get-SslSession -Context $name | Export-SslSession -Path $file -ErrorAction Stop } |
            Should -Throw -ErrorId 'FileExists,PSSslSession.Commands.ExportSslSessionCommand'
        Get-Content -LiteralPath $file | Should -Be 'keep me'
    }

    It 'Replaces a file with -Force' {
        $file = Join-Path $TestDrive 'replace.pem'
        Set-Content -LiteralPath $file -Value 'old'
        Get-SslSession -Context $name | Export-SslSession -Path $file -Force
        (Import-SslSession -LiteralPath $file).Count | Should -Be 4
    }

    It 'Refuses to replace a file with -NoClobber even with -Force (FileExists)' {
        $file = Join-Path $TestDrive 'noclobber.pem'
        Set-Content -LiteralPath $file -Value 'keep me'
        Get-SslSession -Context $name | Export-SslSession -Path $file -Force -NoClobber -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'FileExists,PSSslSession.Commands.ExportSslSessionCommand'
        Get-Content -LiteralPath $file | Should -Be 'keep me'
    }

    It 'Refuses several sessions in one DER file (MultipleSessionsForDer)' {
        { Get-SslSession -Context $name | Export-SslSession -Path (Join-Path $TestDrive 'many.der') -Format Der } |
            Should -Throw -ErrorId 'MultipleSessionsForDer,PSSslSession.Commands.ExportSslSessionCommand'
    }

    It 'Reports a session it cannot write in the form as a non-terminating error and writes the others' {
        $file = Join-Path $TestDrive 'partial.log'
        $noId = New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 -SessionId '' -MasterKey ('AB' * 48)
        $good = Import-SslSession -Path (Join-Path $SamplesPath 'tls12-session-id.pem')
        $noId, $good | Export-SslSession -Path $file -Format KeyLog -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'CannotFormat,PSSslSession.Commands.ExportSslSessionCommand'
        $err[0].TargetObject | Should -Be $noId
        @(Get-Content -LiteralPath $file).Count | Should -Be 1
    }

    It 'Stops before writing anything with -ErrorAction Stop when a session cannot be written' {
        $file = Join-Path $TestDrive 'stopped.log'
        $noId = New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 -SessionId '' -MasterKey ('AB' * 48)
        { $noId, (Import-SslSession -Path (Join-Path $SamplesPath 'tls12-session-id.pem')) | Export-SslSession -Path $file -Format KeyLog -ErrorAction Stop } |
            Should -Throw -ErrorId 'CannotFormat,PSSslSession.Commands.ExportSslSessionCommand'
        Test-Path -LiteralPath $file | Should -BeFalse
    }

    It 'Reports a failed write the same way, naming the file asked for and not a temporary one' {
        $file = Join-Path $TestDrive 'no-such-folder/x.pem'
        Get-SslSession -Context $name | Export-SslSession -Path $file -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'PathNotFound,PSSslSession.Commands.ExportSslSessionCommand'
        $err[0].TargetObject | Should -Be $file
        "$($err[0])" | Should -BeLike "*'$file'*"
        "$($err[0])" | Should -Not -BeLike '*.tmp*'
    }

    It 'Names the session in the message of an error about it' {
        $noId = New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 -SessionId '' -MasterKey ('AB' * 48)
        $noId | ConvertFrom-SslSession -Format KeyLog -ErrorVariable err -ErrorAction SilentlyContinue
        "$($err[0])" | Should -BeLike 'Session (no id) (TLSv1.2): *'
    }

    It 'Outputs the file as Get-Item does with -PassThru' {
        $file = Join-Path $TestDrive 'passthru-item.pem'
        $item = Get-SslSession -Context $name | Export-SslSession -Path $file -PassThru
        $item.PSProvider.Name | Should -Be 'FileSystem'
        $item.FullName | Should -Be $file
        $item.Length | Should -BeGreaterThan 0
    }

    It 'Writes a key log line per session' {
        $file = Join-Path $TestDrive 'keys.log'
        Import-SslSession -Path (Join-Path $SamplesPath 'tls12-session-id.pem') | Export-SslSession -Path $file -Format KeyLog
        Get-Content -LiteralPath $file | Should -Be "RSA Session-ID:$($Sample.Tls12Id) Master-Key:$($Sample.Tls12MasterKey)"
    }

    It 'Writes nothing with -WhatIf' {
        $file = Join-Path $TestDrive 'whatif.pem'
        Get-SslSession -Context $name | Export-SslSession -Path $file -WhatIf
        Test-Path -LiteralPath $file | Should -BeFalse
    }

    It 'Warns and writes nothing when no session comes down the pipeline' {
        $file = Join-Path $TestDrive 'nothing.pem'
        @() | Export-SslSession -Path $file -WarningVariable warn -WarningAction SilentlyContinue
        $warn.Count | Should -Be 1
        Test-Path -LiteralPath $file | Should -BeFalse
    }
}

Describe 'ConvertTo-SslSession' -Tag 'CI' {
    BeforeAll {
        $derPath = Join-Path $SamplesPath 'tls12-session-id.der'
        $pemPath = Join-Path $SamplesPath 'tls12-session-id.pem'
    }

    It 'Decodes a whole byte array given to -InputObject' {
        $der = [IO.File]::ReadAllBytes($derPath)
        (ConvertTo-SslSession -InputObject $der).SessionId.ToString() | Should -Be $Sample.Tls12Id
    }

    It 'Decodes a byte array that the pipeline sends byte by byte' {
        $der = [IO.File]::ReadAllBytes($derPath)
        $sessions = @($der | ConvertTo-SslSession)
        $sessions.Count | Should -Be 1
        $sessions[0].SessionId.ToString() | Should -Be $Sample.Tls12Id
    }

    It 'Decodes PEM lines from Get-Content' {
        $sessions = @(Get-Content -LiteralPath $pemPath | ConvertTo-SslSession)
        $sessions.Count | Should -Be 1
        $sessions[0].SessionId.ToString() | Should -Be $Sample.Tls12Id
    }

    It 'Decodes a PEM bundle given as one string' {
        (ConvertTo-SslSession -InputObject (Get-Content -Raw -LiteralPath (Join-Path $SamplesPath 'all.pem'))).Count | Should -Be 4
    }

    It 'Decodes base64 of DER' {
        $b64 = [Convert]::ToBase64String([IO.File]::ReadAllBytes($derPath))
        (ConvertTo-SslSession -InputObject $b64).SessionId.ToString() | Should -Be $Sample.Tls12Id
    }

    It 'Writes InvalidInputType for input that is neither bytes nor text' {
        { ConvertTo-SslSession -InputObject (Get-Date) -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidInputType,PSSslSession.Commands.ConvertToSslSessionCommand'
    }

    # §A.3: each DER that OpenSSL's d2i_SSL_SESSION refuses, with the reason the codec names. The minimal valid
    # session is 300F 020101 020203 03 0402C02F 0400 0400 (version 1, TLSv1.2, ECDHE-RSA-AES128-GCM-SHA256, no id, no key).
    It 'Accepts the minimal session the rejection table is built from' {
        $s = ConvertTo-SslSession -InputObject (ConvertFrom-TestHex '300F020101020203030402C02F04000400')
        $s.Protocol | Should -Be 'TLSv1.2'
        $s.SessionId.Length | Should -Be 0
    }

    It 'Rejects DER with <Reason>: <Case>' -ForEach @(
        @{ Reason = 'Malformed'; Case = 'a SEQUENCE shorter than its length'; Hex = '300F020101020203030402C02F0400' }
        @{ Reason = 'UnknownSslVersion'; Case = 'session format version 2'; Hex = '300F020102020203030402C02F04000400' }
        @{ Reason = 'UnsupportedSslVersion'; Case = 'protocol 0x0200'; Hex = '300F020101020202000402C02F04000400' }
        @{ Reason = 'CipherCodeWrongLength'; Case = 'a 3-byte cipher code'; Hex = '3010020101020203030403C02F0004000400' }
        @{ Reason = 'UnknownCipher'; Case = 'cipher 0xFFFF'; Hex = '300F020101020203030402FFFF04000400' }
        @{ Reason = 'SessionIdTooLong'; Case = 'a 33-byte session id'; Hex = '3030020101020203030402C02F0421' + ('00' * 33) + '0400' }
        @{ Reason = 'MasterKeyTooLong'; Case = 'a 513-byte master key'; Hex = '30820212020101020203030402C02F040004820201' + ('00' * 513) }
        @{ Reason = 'SessionIdContextTooLong'; Case = 'a 33-byte session id context'; Hex = '3034020101020203030402C02F04000400A4230421' + ('00' * 33) }
        @{ Reason = 'BadCompressionLength'; Case = 'a 2-byte compression id'; Hex = '3015020101020203030402C02F04000400AB0404020000' }
        @{ Reason = 'BadPeerCertificate'; Case = 'a NULL where the certificate goes'; Hex = '3013020101020203030402C02F04000400A3020500' }
        @{ Reason = 'UnexpectedField'; Case = 'timeout [2] before time [1]'; Hex = '3019020101020203030402C02F04000400A203020105A103020105' }
        @{ Reason = 'TrailingData'; Case = 'a byte after the SEQUENCE'; Hex = '300F020101020203030402C02F0400040000' }
    ) {
        $bytes = ConvertFrom-TestHex $Hex
        { ConvertTo-SslSession -InputObject $bytes -ErrorAction Stop } |
            Should -Throw -ErrorId "$Reason,PSSslSession.Commands.ConvertToSslSessionCommand"
    }

    It 'Reports the reason as a non-terminating InvalidData error and goes on' {
        $good = [IO.File]::ReadAllBytes($derPath)
        $bad = ConvertFrom-TestHex '300F020102020203030402C02F04000400'
        $sessions = ConvertTo-SslSession -InputObject $bad -ErrorVariable err -ErrorAction SilentlyContinue
        $sessions | Should -BeNullOrEmpty
        $err[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::InvalidData)
        (, $good | ConvertTo-SslSession).SessionId.ToString() | Should -Be $Sample.Tls12Id
    }
}

Describe 'ConvertFrom-SslSession' -Tag 'CI' {
    BeforeAll {
        $s = Import-SslSession -Path (Join-Path $SamplesPath 'tls12-session-id.pem')
    }

    It 'Outputs DER as one byte array that round-trips byte for byte' {
        $der = $s | ConvertFrom-SslSession -Format Der
        , $der | Should -BeOfType ([byte[]])
        $der | Should -Be ([IO.File]::ReadAllBytes((Join-Path $SamplesPath 'tls12-session-id.der')))
    }

    It 'Outputs PEM by default' {
        $pem = $s | ConvertFrom-SslSession
        $pem | Should -BeOfType ([string])
        $pem | Should -BeLike '-----BEGIN SSL SESSION PARAMETERS-----*'
        (ConvertTo-SslSession -InputObject $pem).SessionId.ToString() | Should -Be $Sample.Tls12Id
    }

    It 'Outputs base64 that ConvertTo-SslSession reads back' {
        (ConvertTo-SslSession -InputObject ($s | ConvertFrom-SslSession -Format Base64)).SessionId.ToString() | Should -Be $Sample.Tls12Id
    }

    It 'Masks the master key in text unless -IncludeSecret' {
        $masked = $s | ConvertFrom-SslSession -Format Text
        $masked | Should -BeLike '*Session-ID: 0AAC2165*'
        $masked | Should -Not -BeLike "*$($Sample.Tls12MasterKey)*"
        $s | ConvertFrom-SslSession -Format Text -IncludeSecret | Should -BeLike "*Master-Key: $($Sample.Tls12MasterKey)*"
    }

    It 'Outputs one value per session' {
        (Import-SslSession -Path (Join-Path $SamplesPath 'all.pem') | ConvertFrom-SslSession -Format Base64).Count | Should -Be 4
    }

    It 'Writes CannotFormat for a key log of a session without id' {
        $noId = New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 -SessionId '' -MasterKey ('AB' * 48)
        { $noId | ConvertFrom-SslSession -Format KeyLog -ErrorAction Stop } |
            Should -Throw -ErrorId 'CannotFormat,PSSslSession.Commands.ConvertFromSslSessionCommand'
    }
}

Describe 'Session views' -Tag 'CI' {
    BeforeAll {
        $sessions = Import-SslSession -Path (Join-Path $SamplesPath 'all.pem')
        $tls12 = $sessions[0]
        $tls13 = $sessions[2]
        $tls13Psk = $tls13.MasterKey.Reveal()
    }

    It 'Never shows the master key in <View>' -ForEach @(
        @{ View = 'Format-Table'; Render = { param($x) $x | Format-Table | Out-String -Width 4096 } }
        @{ View = 'Format-List'; Render = { param($x) $x | Format-List | Out-String -Width 4096 } }
        @{ View = 'Format-List *'; Render = { param($x) $x | Format-List -Property * | Out-String -Width 4096 } }
        @{ View = 'Out-String'; Render = { param($x) $x | Out-String -Width 4096 } }
    ) {
        $text = & $Render $tls12
        $text | Should -Not -BeNullOrEmpty
        $text | Should -Not -Match $Sample.Tls12MasterKey
    }

    It 'Never shows the TLS 1.3 resumption PSK in the list view' {
        $tls13Psk.Length | Should -BeGreaterThan 0
        $tls13 | Format-List | Out-String -Width 4096 | Should -Not -Match $tls13Psk
    }
}

Describe 'Default views fit the console' -Tag 'CI' {
    BeforeAll {
        $sessions = Import-SslSession -Path (Join-Path $SamplesPath 'all.pem')
        $name = New-TestContextName
        $ctx = New-SslContext -Name $name -Store (New-SslSessionStore -Path (Join-Path ([IO.Path]::GetTempPath()) "$name.db"))
        function Get-Lines { param($InputObject, [int] $Width) ($InputObject | Out-String -Width $Width) -split "`r?`n" | Where-Object { $_.Trim() } }
    }
    AfterAll {
        Remove-TestContext $name
        Remove-Item (Join-Path ([IO.Path]::GetTempPath()) "$name.db*") -ErrorAction SilentlyContinue
    }

    It 'Shows the whole 64-character session id in a console of 120 columns (tables use 119)' {
        $lines = Get-Lines $sessions 119
        foreach ($s in $sessions) { ($lines -match [regex]::Escape($s.SessionId)).Count | Should -Be 1 }
    }

    It 'Keeps the session table to one header line at 80 columns, every column shown' {
        $lines = Get-Lines $sessions 80
        $lines[0] | Should -Match '^Protocol +Cipher +Expires \(UTC\) +SessionId$'
        $lines[1] | Should -Match '^-+ +-+ +-+ +-+$'
        $lines.Count | Should -Be ($sessions.Count + 2)
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }

    It 'Shows every cipher name whole' {
        $long = New-SslSession TLSv1.2 ECDHE-ECDSA-CHACHA20-POLY1305
        (Get-Lines $long 119)[2] | Should -Match 'ECDHE-ECDSA-CHACHA20-POLY1305 '
    }

    It 'Spends no column on the server name in the session table' {
        (Get-Lines $sessions 120)[0] | Should -Not -Match 'ServerName'
    }

    It 'Keeps the <Type> table to one header line within 80 columns' -ForEach @(
        @{ Type = 'context'; Get = { Get-SslContext -Name $name } }
        @{ Type = 'statistics'; Get = { Get-SslSessionStats -Context $name } }
    ) {
        $lines = Get-Lines (& $Get) 80
        $lines.Count | Should -Be 3
        $lines[1] | Should -Match '^[- ]+$'
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }
}
