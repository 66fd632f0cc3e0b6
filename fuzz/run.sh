#!/usr/bin/env bash
# Fuzzes MIMEParser with libFuzzer for a while, on one core.
#
#   fuzz/run.sh [seconds]            (default 600) the whole parser: fuzz/FuzzMIME
#   fuzz/run.sh --legacy [seconds]   only the TNEF and uuencode readers: fuzz/FuzzLegacy
#
# Builds MIMEParser's sources plus fuzz/FuzzMIME/main.swift into one instrumented binary
# (fuzz/out/fuzz-mime, with AddressSanitizer), seeds a working corpus (fuzz/corpus-work, not
# in git) from every .eml / .tnef fixture and sample, and runs. Crashes, timeouts and
# out-of-memory inputs land in fuzz/out/ as crash-*, timeout-*, oom-*; minimise one with
#   fuzz/out/fuzz-mime -minimize_crash=1 -runs=10000 fuzz/out/crash-…
# and keep it under Tests/MIMEParserTests/Fixtures/fuzz-regressions/ (FuzzRegressionTests
# parses every file there). The final stats line "stat::number_of_executed_units" is
# appended with the duration to fuzz/out/runs.log.
set -euo pipefail

# Everything runs inside main so that bash has read the whole script before fuzzing starts
# (editing this file during a run must not change what the running copy does).
main() {
  cd "$(dirname "$0")/.."
  target=FuzzMIME
  if [ "${1:-}" = "--legacy" ]; then target=FuzzLegacy; shift; fi
  seconds="${1:-600}"
  export PATH="/opt/swift/usr/bin:$PATH"

  mkdir -p fuzz/out fuzz/corpus-work
  if [ "$target" = FuzzMIME ]; then
    binary=fuzz/out/fuzz-mime
    sources=$(find Sources/MIMEParser -name '*.swift' | sort)
  else
    binary=fuzz/out/fuzz-legacy
    sources=$(ls Sources/MIMEParser/Legacy/{ByteCursor,LegacyText,TNEF,TNEFProperties,UUEncode}.swift)
  fi
  newest=$(ls -t $sources "fuzz/$target/main.swift" | head -1)
  if [ ! -x "$binary" ] || [ "$newest" -nt "$binary" ]; then
    echo "fuzz: building $binary"
    # -O with AddressSanitizer: about five times the executions per second of -Onone, and
    # Swift's own checks (bounds, overflow) stay on. FUZZ_OPT=-Onone for a quicker build.
    swiftc -sanitize=fuzzer,address -parse-as-library "${FUZZ_OPT:--O}" -g -use-ld=lld \
      -module-name "$target" -package-name mail_intake $sources "fuzz/$target/main.swift" -o "$binary"
  fi

  # Seeds: our fixtures, the samples and the regression inputs (small files only).
  seed_dirs=$(ls -d Tests/MIMEParserTests/Fixtures samples 2>/dev/null || true)
  find $seed_dirs -type f \( -name '*.eml' -o -name '*.tnef' -o -path '*fuzz-regressions*' \) \
    -size -64k 2>/dev/null | while read -r f; do
    cp -n "$f" "fuzz/corpus-work/seed-$(sha1sum "$f" | cut -c1-16)" 2>/dev/null || true
  done || true

  log="fuzz/out/last-run-$target.log"
  started=$(date -u +%FT%TZ)
  set +e
  "$binary" fuzz/corpus-work -dict=fuzz/mime.dict -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix=fuzz/out/ >"$log" 2>&1
  status=$?
  set -e
  grep -aE "DONE|ERROR|SUMMARY|Test unit written|stat::" "$log" | tail -20
  units=$(grep -ao 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  echo "$started target=$target seconds=$seconds units=${units:-0} exit=$status" >> fuzz/out/runs.log
  echo "fuzz: exit $status after $seconds s, $units inputs; totals in fuzz/out/runs.log"
  return "$status"
}

main "$@"
