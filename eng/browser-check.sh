#!/usr/bin/env bash
# The browser stage of .ci/run: opens the HTML reports in a real browser.
# Installs Debian's chromium (apt-get update once, then apt-get install -y chromium; skipped when /usr/bin/chromium
# exists), builds tests/Pikumo.ImageGen.BrowserCheck with warnings as errors, and runs it: it makes the reports offline
# (the modes page for two providers and its side-by-side page, a 16-beat sequence in both tiers, one single result),
# opens each from file:// in Chromium through Microsoft.Playwright with ExecutablePath=/usr/bin/chromium (no browser
# download: Playwright's node driver ships inside its NuGet package), asserts every image loaded (naturalWidth > 0),
# no script and no load error, and saves screenshots under artifacts/browser-check/screenshots/.
# Exits non-zero when any page fails. Usage: eng/browser-check.sh [output folder]
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
output="${1:-$PWD/artifacts/browser-check}"
chromium=/usr/bin/chromium
start=$(date +%s)

if [ ! -x "$chromium" ]; then
  echo "browser check: installing Debian's chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q chromium
fi
"$chromium" --version

dotnet build tests/Pikumo.ImageGen.BrowserCheck/Pikumo.ImageGen.BrowserCheck.csproj -c Release -warnaserror
dotnet artifacts/bin/Pikumo.ImageGen.BrowserCheck/release/Pikumo.ImageGen.BrowserCheck.dll "$output" "$chromium"
echo "browser check: stage took $(( $(date +%s) - start )) s"
