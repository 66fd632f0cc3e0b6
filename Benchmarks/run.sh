#!/usr/bin/env bash
# Runs the MIME parser benchmark: builds mime-bench (release) and the GMime harness,
# generates the two corpora once (deterministic, cached), runs each parser in its own
# process on the same files, and prints a markdown table.
#
#   Benchmarks/run.sh            best of 3 runs per parser and corpus
#   RUNS=5 Benchmarks/run.sh     more runs; MIME_BENCH_CORPUS=DIR to place the corpora
#
# Needs: Swift, a C compiler and libgmime-3.0-dev (pkg-config gmime-3.0), python3 with
# fast-mail-parser (pip install fast-mail-parser). A reference that is missing is skipped
# with a note, so the Swift side always runs.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
runs=${RUNS:-3}
corpus=${MIME_BENCH_CORPUS:-${TMPDIR:-/tmp}/mime-bench-corpus-v1}
results=$(mktemp)
trap 'rm -f "$results"' EXIT

echo "building mime-bench (release)…" >&2
# SwiftPM keeps the build plan of a path dependency and misses source files added to it
# since the last build; drop the plan so it is made again.
rm -f "$here/.build/release.yaml"
swift build -c release --package-path "$here" >&2
bin="$(swift build -c release --package-path "$here" --show-bin-path)/mime-bench"

if [ ! -f "$corpus/.complete" ]; then
    echo "generating corpora in $corpus…" >&2
    rm -rf "$corpus"
    "$bin" generate "$corpus" >&2
    touch "$corpus/.complete"
fi

gmime=""
if pkg-config --exists gmime-3.0 2>/dev/null; then
    gmime="$here/.build/gmime-harness"
    # shellcheck disable=SC2046
    cc -O2 -Wall "$here/gmime-harness/harness.c" $(pkg-config --cflags --libs gmime-3.0) -o "$gmime"
else
    echo "note: gmime-3.0 not found (apt-get install libgmime-3.0-dev); GMime skipped" >&2
fi

fmp=""
if python3 -c "import fast_mail_parser" 2>/dev/null; then
    fmp="$here/fmp_harness.py"
else
    echo "note: fast-mail-parser not installed (pip install fast-mail-parser); skipped" >&2
fi

for c in big small; do
    echo "running on $c…" >&2
    "$bin" run "$corpus/$c" "$runs" array >>"$results"
    "$bin" run "$corpus/$c" "$runs" stream >>"$results"
    [ -n "$gmime" ] && "$gmime" "$corpus/$c" "$c" "$runs" >>"$results"
    [ -n "$fmp" ] && python3 "$fmp" "$corpus/$c" "$c" "$runs" >>"$results"
done

echo
echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average at the end:$(cut -d' ' -f1-3 /proc/loadavg | sed 's/^/ /')"
echo "Best of $runs runs. MB/s is input bytes (the raw .eml files) per second."
echo
python3 "$here/table.py" <"$results"
