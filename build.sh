#!/usr/bin/env bash
# Main command: build in Release and lay out the module under out/PSSslSession/.
set -euo pipefail
cd "$(dirname "$0")"
dotnet publish src/PSSslSession/PSSslSession.csproj -c Release -o out/PSSslSession "$@"
echo "Module laid out in $(pwd)/out/PSSslSession. In pwsh: Import-Module ./out/PSSslSession/PSSslSession.psd1"
