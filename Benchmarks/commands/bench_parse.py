"""`mail-bot parse FILE… --json` next to GMime's and fast-mail-parser's command-level harnesses.

Each tool is one process given the same file list and printing one JSON line per file (the
contract's fields, SHA-256 of every decoded leaf), so start-up, argument handling, reading,
parsing, hashing and writing out all count. Rounds are interleaved (ours, GMime, fmp, ours, …)
so that a busy machine slows every tool alike; the table gives medians of wall and CPU time.

Usage: python3 bench_parse.py MAIL_BOT [--rounds N] [--small N] [--corpus DIR]
Needs: libgmime-3.0-dev (pkg-config gmime-3.0), pip install fast-mail-parser.
"""
import argparse
import os
import resource
import subprocess
import sys
import time

from rig import median

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)


def corpus(directory, kind, count):
    folder = os.path.join(directory, f"{kind}-{count}")
    if not os.path.exists(folder + "/.complete"):
        subprocess.run([sys.executable, os.path.join(BENCH, "make_corpus.py"), kind, str(count), folder], check=True)
        open(folder + "/.complete", "w").close()
    return sorted(os.path.join(folder, n) for n in os.listdir(folder) if n.endswith(".eml"))


def gmime_binary():
    out = os.path.join(BENCH, ".build", "gmime-parse-json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "gmime-3.0"], capture_output=True, text=True, check=True).stdout.split()
    subprocess.run(["cc", "-O2", "-Wall", os.path.join(BENCH, "gmime-harness", "parse-json.c"), *flags, "-o", out], check=True)
    return out


def timed(command, files):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    run = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if run.returncode != 0 or run.stdout.count(b"\n") != len(files):
        raise SystemExit(f"{command[0]} failed ({run.returncode}): {run.stderr[:500]!r}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mail_bot")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--small", type=int, default=5000)
    parser.add_argument("--big", type=int, default=20)
    parser.add_argument("--corpus", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "mail-bench-corpus"))
    args = parser.parse_args()

    tools = [("mail-bot parse --json", lambda files: [args.mail_bot, "parse", *files, "--json"])]
    try:
        gmime = gmime_binary()
        tools.append(("GMime 3.2 harness (C)", lambda files: [gmime, *files]))
    except (subprocess.CalledProcessError, FileNotFoundError):
        print("note: gmime-3.0 not found (apt-get install libgmime-3.0-dev); skipped", file=sys.stderr)
    if subprocess.run([sys.executable, "-c", "import fast_mail_parser"], capture_output=True).returncode == 0:
        script = os.path.join(BENCH, "fmp_parse_json.py")
        tools.append(("fast-mail-parser harness (Rust via Python)", lambda files: [sys.executable, script, *files]))
    else:
        print("note: fast-mail-parser not installed (pip install fast-mail-parser); skipped", file=sys.stderr)

    corpora = [(f"small ({args.small} files)", corpus(args.corpus, "small", args.small)),
               (f"big ({args.big} files)", corpus(args.corpus, "big", args.big))]
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; {args.rounds} interleaved rounds, medians\n")
    print("| corpus | tool | wall s | CPU s | MB/s (wall) | ours ÷ this (wall) | ours ÷ this (CPU) |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for name, files in corpora:
        size = sum(os.path.getsize(f) for f in files) / 1e6
        for _, command in tools:  # warm the page cache and the binaries
            timed(command(files), files)
        samples = {tool: [] for tool, _ in tools}
        for _ in range(args.rounds):
            for tool, command in tools:
                samples[tool].append(timed(command(files), files))
        ours_wall = median([w for w, _ in samples[tools[0][0]]])
        ours_cpu = median([c for _, c in samples[tools[0][0]]])
        for tool, _ in tools:
            wall = median([w for w, _ in samples[tool]])
            cpu = median([c for _, c in samples[tool]])
            print(f"| {name} | {tool} | {wall:.3f} | {cpu:.3f} | {size / wall:.0f} | {ours_wall / wall:.2f} | {ours_cpu / cpu:.2f} |")
    print(f"\nload average at the end {os.getloadavg()[0]:.1f}. 'ours ÷ this' below 1 means mail-bot took less time.")


if __name__ == "__main__":
    main()
