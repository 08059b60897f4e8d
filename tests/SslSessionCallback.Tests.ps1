# Register-SslSessionCallback, Unregister-SslSessionCallback and the callback contract: variables, $_, param
# blocks, get callbacks returning DER or PEM, re-entrant callbacks, failures as non-terminating errors.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Register-SslSessionCallback' -Tag 'CI' {
    BeforeEach {
        $name = New-TestContextName
        $ctx = New-SslContext -Name $name
        $seen = [System.Collections.Generic.List[object]]::new()
    }
    AfterEach { Remove-TestContext $name }

    It 'Gives a Remove callback of another runspace the removals made here, through that runspace''s event queue' {
        $ids = 1..5 | ForEach-Object { $s = New-TestSession; $s | Add-SslSession -Context $name; "$($s.SessionId)" }
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                param($ModulePath, $Name, $Expected)
                Import-Module $ModulePath
                $seen = [System.Collections.Generic.List[string]]::new()
                Register-SslSessionCallback -Context $Name -Event Remove -ScriptBlock {
                    param($Session) $seen.Add("$([runspace]::DefaultRunspace.InstanceId) $($Session.SessionId)")
                }.GetNewClosure()
                $ready = $true
                $deadline = (Get-Date).AddSeconds(15)
                while ($seen.Count -lt $Expected -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 50 }
                [pscustomobject]@{ Runspace = "$([runspace]::DefaultRunspace.InstanceId)"; Seen = $seen.ToArray() }
            }).AddArgument((Resolve-Path $ModuleManifest).Path).AddArgument($name).AddArgument($ids.Count)
            $handle = $ps.BeginInvoke()
            # Wait until the other runspace has registered its callback.
            $deadline = (Get-Date).AddSeconds(15)
            while ((Get-SslContext -Name $name).Callbacks.Count -lt 1 -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $ids | ForEach-Object { Remove-SslSession -Context $name -SessionId $_ -ErrorVariable err }
            $err.Count | Should -Be 0
            $result = $ps.EndInvoke($handle)
            $result.Seen.Count | Should -Be 5
            ($result.Seen | ForEach-Object { ($_ -split ' ')[0] } | Sort-Object -Unique) | Should -Be $result.Runspace
            ($result.Seen | ForEach-Object { ($_ -split ' ')[1] } | Sort-Object) | Should -Be ($ids | Sort-Object)
        }
        finally { $ps.Dispose() }
    }

    It 'Lets a break in a callback leave the loop around the cmdlet, as break does' {
        $ids = 1..3 | ForEach-Object { $s = New-TestSession; $s | Add-SslSession -Context $name; $s.SessionId }
        Register-SslSessionCallback -Context $name -Event Remove -ScriptBlock { break }
        $count = 0
        foreach ($id in $ids) { $count++; Remove-SslSession -Context $name -SessionId $id -ErrorVariable err }
        $count | Should -Be 1
        $err.Count | Should -Be 0
        (Get-SslSessionStats -Context $name).Count | Should -Be 2
    }

    It 'Lets exit in a callback end the script, as exit does' {
        $script = "Import-Module '$ModuleManifest'; `$null = New-SslContext -Name x; `$s = New-SslSession TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256; `$s | Add-SslSession x; " +
            "Register-SslSessionCallback -Context x -Event Remove -ScriptBlock { exit 7 }; Remove-SslSession -Context x -InputObject `$s; 'not reached'"
        $out = Invoke-FreshPwsh -NoProfile -NonInteractive -Command $script 2>&1
        $LASTEXITCODE | Should -Be 7
        $out | Should -Not -Contain 'not reached'
    }

    It 'Gives a New callback $Session, $Context and $_ as variables' {
        $onNew = { $seen.Add(@($Session, $Context, $_)) }
        Register-SslSessionCallback -Context $name -Event New -ScriptBlock $onNew
        $s = New-TestSession
        Complete-SslHandshake -Context $name -Session $s -Role Server | Out-Null
        $seen.Count | Should -Be 1
        [object]::ReferenceEquals($seen[0][0], $s) | Should -BeTrue
        [object]::ReferenceEquals($seen[0][1], $ctx) | Should -BeTrue
        [object]::ReferenceEquals($seen[0][2], $s) | Should -BeTrue
    }

    It 'Binds a param block by name, in any order' {
        $onRemove = { param($Reason, $Context, $Session) $seen.Add(@("$Reason", $Context.Name, $Session.SessionId.ToString())) }
        Register-SslSessionCallback -Context $name -Event Remove -ScriptBlock $onRemove
        $s = New-TestSession
        $s | Add-SslSession -Context $name
        Remove-SslSession -Context $name -InputObject $s
        $seen[0] | Should -Be @('Removed', $name, $s.SessionId.ToString())
    }

    It 'Gives a Remove callback the reason Evicted for an eviction' {
        Set-SslContext -Context $name -CacheSize 1
        $onRemove = { $seen.Add("$Reason") }
        Register-SslSessionCallback -Context $name -Event Remove -ScriptBlock $onRemove
        (New-TestSession -Timeout 100), (New-TestSession -Timeout 200) | Add-SslSession -Context $name
        $seen | Should -Be @('Evicted')
    }

    It 'Gives a Remove callback the reason Expired when a lookup finds an expired session' {
        $onRemove = { $seen.Add("$Reason") }
        Register-SslSessionCallback -Context $name -Event Remove -ScriptBlock $onRemove
        $old = New-ExpiredTestSession
        $old | Add-SslSession -Context $name
        $null = Resolve-SslSession -Context $name -SessionId $old.SessionId
        $seen | Should -Be @('Expired')
    }

    It 'Gives a Get callback $SessionId and $_ as the id' {
        $onGet = { $seen.Add($SessionId.ToString()); $seen.Add($_.ToString()) }
        Register-SslSessionCallback -Context $name -Event Get -ScriptBlock $onGet
        $id = New-TestSessionIdHex
        (Resolve-SslSession -Context $name -SessionId $id).Outcome | Should -Be 'Miss'
        $seen | Should -Be @($id, $id)
    }

    It 'Resumes from a Get callback that outputs DER bytes (enumerated by the pipeline)' {
        $stored = New-TestSession
        $der = $stored | ConvertFrom-SslSession -Format Der
        $onGet = { if ($SessionId.ToString() -eq $stored.SessionId.ToString()) { $der } }
        Register-SslSessionCallback -Context $name -Event Get -ScriptBlock $onGet
        $r = Resolve-SslSession -Context $name -SessionId $stored.SessionId
        $r.Outcome | Should -Be 'CallbackHit'
        $r.Session.MasterKey.Reveal() | Should -Be $stored.MasterKey.Reveal()
        $stats = Get-SslSessionStats -Context $name
        $stats.CallbackHits | Should -Be 1
        $stats.Misses | Should -Be 1
        $ctx.Count | Should -Be 1
    }

    It 'Resumes from a Get callback that outputs DER as one array' {
        $stored = New-TestSession
        $der = $stored | ConvertFrom-SslSession -Format Der
        $onGet = { , $der }
        Register-SslSessionCallback -Context $name -Event Get -ScriptBlock $onGet
        (Resolve-SslSession -Context $name -SessionId $stored.SessionId).Outcome | Should -Be 'CallbackHit'
    }

    It 'Resumes from a Get callback that outputs PEM text' {
        $stored = New-TestSession
        $pem = $stored | ConvertFrom-SslSession -Format Pem
        $onGet = { $pem }
        Register-SslSessionCallback -Context $name -Event Get -ScriptBlock $onGet
        (Resolve-SslSession -Context $name -SessionId $stored.SessionId).Outcome | Should -Be 'CallbackHit'
    }

    It 'Reports a Get callback output that is not a session (InvalidCallbackResult) as a miss' {
        $onGet = { Get-Date }
        Register-SslSessionCallback -Context $name -Event Get -ScriptBlock $onGet
        $r = Resolve-SslSession -Context $name -SessionId (New-TestSessionIdHex) -ErrorVariable err -ErrorAction SilentlyContinue
        $r.Outcome | Should -Be 'Miss'
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidCallbackResult,PSSslSession.Commands.ResolveSslSessionCommand'
    }

    It 'Runs a New callback even with NoInternalStore' {
        Set-SslContext -Context $name -CacheMode Server, NoInternalStore
        $onNew = { $seen.Add($_) }
        Register-SslSessionCallback -Context $name -Event New -ScriptBlock $onNew
        (Complete-SslHandshake -Context $name -Session (New-TestSession) -Role Server).NewCallbackCalled | Should -BeTrue
        $seen.Count | Should -Be 1
        $ctx.Count | Should -Be 0
    }

    It 'Lets a callback call Get-SslSessionStats and Clear-SslSessionCache on the same context' {
        $onNew = {
            param($Context)
            $seen.Add((Get-SslSessionStats -Context $Context).Count)
            Clear-SslSessionCache -Context $Context -All -Force
        }
        Register-SslSessionCallback -Context $name -Event New -ScriptBlock $onNew
        $r = Complete-SslHandshake -Context $name -Session (New-TestSession) -Role Server
        $r.Cached | Should -BeTrue
        $seen | Should -Be @(1)
        $ctx.Count | Should -Be 0
        Test-SslSessionCache -Context $name | Should -BeTrue
    }

    It 'Turns a throwing callback into a non-terminating SessionCallbackFailed error; the operation completes' {
        Register-SslSessionCallback -Context $name -Event New -ScriptBlock { throw 'callback failed on purpose' }
        $s = New-TestSession
        $r = Complete-SslHandshake -Context $name -Session $s -Role Server -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'SessionCallbackFailed,PSSslSession.Commands.CompleteSslHandshakeCommand'
        $r.Cached | Should -BeTrue
        Test-SslSessionId -Context $name -SessionId $s.SessionId | Should -BeTrue
    }

    It 'Names the event and the context in a throwing callback''s error, and keeps the callback''s own exception' {
        Register-SslSessionCallback -Context $name -Event Remove -ScriptBlock { throw 'remove failed on purpose' }
        $s = New-TestSession
        $s | Add-SslSession -Context $name
        Remove-SslSession -Context $name -InputObject $s -ErrorVariable err -ErrorAction SilentlyContinue
        "$($err[0])" | Should -Be "The Remove callback of context '$name' failed: remove failed on purpose"
        $err[0].Exception.InnerException.Message | Should -Be 'remove failed on purpose'
        $err[0].TargetObject.SessionId | Should -Be $s.SessionId
        $shown = $err[0] | Out-String
        $shown | Should -BeLike 'Remove-SslSession:*'
        $shown | Should -Not -BeLike '*Exception:*'
    }

    It 'Passes a callback''s output on as the output of the cmdlet that triggered it' {
        Register-SslSessionCallback -Context $name -Event Remove -ScriptBlock { param($Session, $Reason) "$Reason $($Session.SessionId)" }
        $s = New-TestSession
        $s | Add-SslSession -Context $name
        Remove-SslSession -Context $name -InputObject $s | Should -Be "Removed $($s.SessionId)"
    }

    It 'Passes the output of a New callback on from Complete-SslHandshake, after nothing else' {
        Register-SslSessionCallback -Context $name -Event New -ScriptBlock { 'new session' }
        $out = Complete-SslHandshake -Context $name -Session (New-TestSession) -Role Server
        $out[0] | Should -Be 'new session'
        $out[1].Cached | Should -BeTrue
    }

    It 'Passes output of callbacks run by cmdlets inside a callback outwards' {
        $other = New-TestContextName
        try {
            $null = New-SslContext -Name $other
            Register-SslSessionCallback -Context $other -Event Remove -ScriptBlock { 'inner' }
            New-TestSession | Add-SslSession -Context $other
            Register-SslSessionCallback -Context $name -Event Remove -ScriptBlock ([scriptblock]::Create("'outer'; Clear-SslSessionCache -Context '$other' -All -Force"))
            $s = New-TestSession
            $s | Add-SslSession -Context $name
            Remove-SslSession -Context $name -InputObject $s | Should -Be @('outer', 'inner')
        }
        finally { Remove-TestContext $other }
    }

    It 'Reports a throwing remove callback from the cmdlet that removed the session' {
        Register-SslSessionCallback -Context $name -Event Remove -ScriptBlock { throw 'remove failed on purpose' }
        $s = New-TestSession
        $s | Add-SslSession -Context $name
        { Remove-SslSession -Context $name -InputObject $s -ErrorAction Stop } |
            Should -Throw -ErrorId 'SessionCallbackFailed,PSSslSession.Commands.RemoveSslSessionCommand'
        $ctx.Count | Should -Be 0
    }

    It 'Runs several callbacks of one event in registration order' {
        $first = { $seen.Add('first') }
        $second = { $seen.Add('second') }
        Register-SslSessionCallback -Context $name -Event New -ScriptBlock $first
        Register-SslSessionCallback -Context $name -Event New -ScriptBlock $second
        Complete-SslHandshake -Context $name -Session (New-TestSession) -Role Server | Out-Null
        $seen | Should -Be @('first', 'second')
    }

    It 'Outputs the registration with -PassThru and lists it on the context' {
        $r = Register-SslSessionCallback -Context $name -Event Remove -ScriptBlock { } -PassThru
        $r | Should -BeOfType ([PSSslSession.Engine.SessionCallbackRegistration])
        $r.Event | Should -Be 'Remove'
        $ctx.Callbacks.Count | Should -Be 1
    }

    It 'Outputs nothing without -PassThru' {
        Register-SslSessionCallback -Context $name -Event New -ScriptBlock { } | Should -BeNullOrEmpty
    }

    It 'Refuses an event name that does not exist' {
        { Register-SslSessionCallback -Context $name -Event Update -ScriptBlock { } } |
            Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,PSSslSession.Commands.RegisterSslSessionCallbackCommand'
    }

    It 'Registers nothing with -WhatIf' {
        Register-SslSessionCallback -Context $name -Event New -ScriptBlock { } -WhatIf
        $ctx.Callbacks.Count | Should -Be 0
    }
}

Describe 'Unregister-SslSessionCallback' -Tag 'CI' {
    BeforeEach {
        $name = New-TestContextName
        $ctx = New-SslContext -Name $name
        $newReg = Register-SslSessionCallback -Context $name -Event New -ScriptBlock { } -PassThru
        $removeReg = Register-SslSessionCallback -Context $name -Event Remove -ScriptBlock { } -PassThru
    }
    AfterEach { Remove-TestContext $name }

    It 'Removes every callback of one event' {
        Unregister-SslSessionCallback -Context $name -Event New
        $ctx.Callbacks.Event | Should -Be @('Remove')
    }

    It 'Removes every callback without -Event' {
        Unregister-SslSessionCallback -Context $name
        $ctx.Callbacks.Count | Should -Be 0
    }

    It 'Removes piped registrations' {
        $newReg | Unregister-SslSessionCallback -Context $name
        $ctx.Callbacks.Count | Should -Be 1
    }

    It 'Writes CallbackNotFound for a registration that is not attached' {
        Unregister-SslSessionCallback -Context $name -Registration $newReg
        { Unregister-SslSessionCallback -Context $name -Registration $newReg -ErrorAction Stop } |
            Should -Throw -ErrorId 'CallbackNotFound,PSSslSession.Commands.UnregisterSslSessionCallbackCommand'
    }

    It 'Keeps the callbacks with -WhatIf' {
        Unregister-SslSessionCallback -Context $name -WhatIf
        Unregister-SslSessionCallback -Context $name -Registration $removeReg -WhatIf
        $ctx.Callbacks.Count | Should -Be 2
    }
}
