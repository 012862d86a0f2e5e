#!/usr/bin/env bash
# Release check: the packages as a user gets them. Run after a Release build of the solution (.ci/run does both).
#   1. pack every package under src/ (version from git tags by MinVer; package validation runs inside pack),
#   2. inspect the core package: no native assets, only the allowed dependencies, docs, readme, icon, symbols,
#   3. restore the packages by version from a local folder into a fresh console app (eng/consumer), run it on the
#      simulator, check the Imaging package keeps SkiaSharp's native debug symbols out of the app's output,
#   4. publish it trimmed for linux-x64 without trimming warnings, and run the trimmed app,
#   5. build fresh apps from the docs' code as a reader copies it (eng/update-snippets.py --extract reads the pages):
#      the README's quick start compiles, the Testing package readme's example runs offline, and every whole test file
#      of docs/testing.md runs and passes as a new xunit project, all against the packed packages only
#      (on by default; RELEASE_CHECK_DOCS=0 skips it while iterating).
# Usage: eng/release-check.sh [configuration]     (default Release; set RELEASE_CHECK_KEEP=1 to keep the work folder)
set -euo pipefail
cd "$(dirname "$0")/.."
configuration="${1:-Release}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

allowed_core_dependencies="Microsoft.Extensions.AI.Abstractions Microsoft.Extensions.Configuration.Abstractions Microsoft.Extensions.Configuration.Binder Microsoft.Extensions.Http Microsoft.Extensions.Http.Resilience Microsoft.Extensions.Logging.Abstractions Microsoft.Extensions.Options"
packages="Pikumo.ImageGen Pikumo.ImageGen.Testing Pikumo.ImageGen.Imaging Pikumo.ImageGen.Azure Pikumo.ImageGen.Storage.Blobs Pikumo.ImageGen.Orleans"

work="$(mktemp -d "${TMPDIR:-/tmp}/pikumo-release-check.XXXXXX")"
cleanup() { if [ "${RELEASE_CHECK_KEEP:-0}" != 1 ]; then rm -rf "$work"; else echo "kept $work"; fi; }
trap cleanup EXIT
fail() { echo "release check FAILED: $*" >&2; exit 1; }
feed="$work/feed"

echo "== pack (with package validation)"
for package in $packages; do
  dotnet pack "src/$package/$package.csproj" -c "$configuration" --no-build -o "$feed" -v q -nologo
done

core=$(ls "$feed"/Pikumo.ImageGen.[0-9]*.nupkg | head -n 1)
version=$(basename "$core" .nupkg); version=${version#Pikumo.ImageGen.}
echo "version $version (MinVer)"
for package in $packages; do
  [ -f "$feed/$package.$version.nupkg" ] || fail "$package.$version.nupkg missing"
  [ -f "$feed/$package.$version.snupkg" ] || fail "$package.$version.snupkg (symbols) missing"
done

echo "== inspect the core package"
entries=$(unzip -Z1 "$core")
for required in lib/net10.0/Pikumo.ImageGen.dll lib/net10.0/Pikumo.ImageGen.xml README.md icon.png; do
  grep -qx "$required" <<<"$entries" || fail "core package lacks $required"
done
if grep -E '^runtimes/|\.so$|\.dylib$' <<<"$entries"; then fail "core package carries native assets"; fi
for dependency in $(unzip -p "$core" '*.nuspec' | grep -o '<dependency id="[^"]*"' | sed 's/.*id="\([^"]*\)"/\1/'); do
  grep -qw -- "$dependency" <<<"$allowed_core_dependencies" || fail "core package depends on $dependency, which is not allowed"
done
# (the listing is read whole: `grep -q` stops at the first match and, under pipefail, unzip's SIGPIPE fails the check at random)
unzip -Z1 "$feed/Pikumo.ImageGen.Imaging.$version.nupkg" | grep -x 'buildTransitive/Pikumo.ImageGen.Imaging.targets' >/dev/null \
  || fail "Imaging package lacks buildTransitive/Pikumo.ImageGen.Imaging.targets"

echo "== consumer: restore by version, run on the simulator"
app="$work/app"
mkdir -p "$app"
cp eng/consumer/Consumer.csproj eng/consumer/Program.cs "$app/"
cat > "$app/NuGet.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="pikumo-local" value="$feed" />
  </packageSources>
</configuration>
XML
cat > "$app/Directory.Build.props" <<XML
<Project><PropertyGroup><PikumoVersion>$version</PikumoVersion></PropertyGroup></Project>
XML
output=$(cd "$app" && dotnet run -c Release 2>&1) || fail "consumer run: $output"
grep -q "ok 1536x1024 openai 8 panels, entra token 14 chars" <<<"$output" || fail "consumer run printed: $output"
bin="$app/bin/Release/net10.0"
if [ -n "$(find "$bin/runtimes" -name '*.pdb')" ]; then fail "SkiaSharp native .pdb files reached the app's output"; fi
echo "consumer output: $(du -sm "$bin" | cut -f1) MB (portable, every runtime's SkiaSharp native library, no native .pdb)"

echo "== consumer: trimmed publish for linux-x64"
publish=$(cd "$app" && dotnet publish -c Release -r linux-x64 --self-contained -p:PublishTrimmed=true -o "$work/trimmed" 2>&1) || fail "publish: $publish"
if grep -q 'warning IL' <<<"$publish"; then fail "trimming warnings: $(grep 'warning IL' <<<"$publish")"; fi
trimmed=$("$work/trimmed/Consumer" 2>&1) || fail "trimmed app: $trimmed"
grep -q "ok 1536x1024 openai 8 panels, entra token 14 chars" <<<"$trimmed" || fail "trimmed app printed: $trimmed"
echo "trimmed self-contained linux-x64: $(du -sm "$work/trimmed" | cut -f1) MB"

if [ "${RELEASE_CHECK_DOCS:-1}" = 1 ]; then
echo "== docs: fresh apps from the code the pages show, against the packed packages"
docs="$work/docs"
version_of() { grep -o "Include=\"$1\" Version=\"[^\"]*\"" Directory.Packages.props | sed 's/.*Version="\([^"]*\)"/\1/'; }
docs_project() { # folder, extra package references
  mkdir -p "$1"
  cp "$app/NuGet.config" "$1/"
  cat > "$1/App.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <NoWarn>MEAI001</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Pikumo.ImageGen.Testing" Version="$version" />
    <PackageReference Include="Pikumo.ImageGen.Imaging" Version="$version" />
$2
  </ItemGroup>
</Project>
XML
}
snippet() { python3 eng/update-snippets.py --extract "$1" || fail "no page shows the snippet $1"; }

docs_project "$docs/quickstart" ""
snippet client-without-di > "$docs/quickstart/Program.cs"
out=$(cd "$docs/quickstart" && dotnet build -c Release 2>&1) || fail "the README's quick start does not build: $out"

docs_project "$docs/offline" ""
snippet testing-package > "$docs/offline/Program.cs"
out=$(cd "$docs/offline" && dotnet run -c Release 2>&1) || fail "the Testing readme's example failed: $out"

docs_project "$docs/tests" "    <PackageReference Include=\"xunit.v3\" Version=\"$(version_of xunit.v3)\" />
    <PackageReference Include=\"Microsoft.Extensions.TimeProvider.Testing\" Version=\"$(version_of Microsoft.Extensions.TimeProvider.Testing)\" />"
tests="user-service-test testing-callback-fake offline-client dependency-injection loopback fake-time faults recorder fal-queue"
for name in $tests; do snippet "$name" > "$docs/tests/$name.cs"; done
out=$(cd "$docs/tests" && dotnet run -c Release 2>&1) || fail "the test files of docs/testing.md failed: $out"
grep -qiE "failed: 0" <<<"$out" || fail "the test files of docs/testing.md: $out"
echo "docs: quick start built, Testing readme example ran, $(wc -w <<<"$tests") test files of docs/testing.md passed"
fi

echo "release check passed: $version"
