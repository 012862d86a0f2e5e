#!/usr/bin/env bash
# The run behind docs/performance.md: every console mode and BenchmarkDotNet category of the benchmark project, one
# after another, each line stamped with the UTC time and the load average. Run it on a quiet machine; about 25 minutes
# on 2 cores. Not part of CI (no test asserts a timing).
#   bash eng/benchmark-report.sh > benchmark-report.txt
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/Pikumo.ImageGen.Benchmarks -c Release -warnaserror >/dev/null
bench() { dotnet run -c Release --no-build --project tests/Pikumo.ImageGen.Benchmarks -- "$@"; }
stamp() { echo "=== $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg) :: $*"; }

stamp start "$(git log --oneline -1)"
for n in 1 4; do for size in 1024x1024 1536x1024; do for reads in socket 16KB; do
  stamp interleaved "$n" "$size" "$reads"; bench interleaved "$n" "$size" "$reads" --calls 60
done; done; done
stamp memory; bench memory --concurrency 32,128 --delay-ms 2000 --rounds 3
stamp partial; bench partial
stamp sequence-partials; bench sequence-partials --beats 16 --rounds 3 --scale 0.02
stamp load; bench load --floor
stamp sequence; bench sequence
stamp benchmarkdotnet; bench --anyCategories edit overhead upload streaming decode reader inflight sequences multipart --job short
stamp end
