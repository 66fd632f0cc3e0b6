"""The bot's own CPU per message, into an empty archive and onto a large one, side by side.

No servers: a read-only Maildir of small requests (make_corpus.request) in, a file outbox
out, so what is measured is mail-bot's own work per message (parse, rules, reply, case
folder, registry, row store, board) and nothing of Dovecot's or the SMTP sink's. For each
archive size, in a fresh folder:

  1. the archive (make_archive.py: N cases cloned from one real case, rows and registry
     entries written straight into the journal), cached once per binary and copied per round;
  2. a warm-up `run --once` on one request, so the first publication after the archive was
     made (every archive month page, the whole cases.csv) is not counted;
  3. the measured `run --once` on COUNT requests: CPU (user + system, from wait4) and wall.

CPU ms/message = CPU / COUNT (start-up included: about 10 ms in all for the process). The
ratio column divides by the empty archive's figure in the same run; rounds alternate sizes.

Usage: python3 bench_cpu.py MAIL_BOT [--count 300] [--archives 0,50000] [--rounds 3]
"""
import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)
import make_corpus  # noqa: E402
from make_archive import make_archive  # noqa: E402


def median(values):
    values = sorted(values)
    n = len(values)
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


def maildir(work, name, count, offset):
    path = os.path.join(work, name)
    for sub in ["new", "cur", "tmp"]:
        os.makedirs(os.path.join(path, sub), exist_ok=True)
    rng = random.Random(offset)
    now = int(time.time())
    for i in range(count):
        with open(os.path.join(path, "new", f"{now}.M{offset + i}P1.bench"), "wb") as f:
            f.write(make_corpus.request(rng, offset + i))
    return path


def config(work, mailbox):
    path = os.path.join(work, f"{os.path.basename(mailbox)}.toml")
    with open(path, "w") as f:
        f.write(f'[maildir]\npath = "{mailbox}"\nread_only = true\n[outbox]\npath = "{work}/outbox"\n'
                f'[cases]\npath = "{work}/cases"\n[journal]\npath = "{work}/state/journal.sqlite"\n')
    return path


def run_once(mail_bot, path):
    start = time.perf_counter()
    child = subprocess.Popen([mail_bot, "run", "--config", path, "--once"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    out = child.stdout.read().decode()
    if status != 0:
        raise SystemExit(f"run --once failed ({status}): {child.stderr.read().decode()[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, out


def cached_archive(mail_bot, size):
    """WORK/cases + WORK/state for `size` cases, made once per binary (its size and mtime)."""
    stat = os.stat(mail_bot)
    cache = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"mail-cpu-archive-{size}-{stat.st_size}-{int(stat.st_mtime)}")
    if not os.path.isdir(os.path.join(cache, "cases")):
        shutil.rmtree(cache, ignore_errors=True)
        start = time.perf_counter()
        make_archive(mail_bot, cache, size)
        print(f"  (archive of {size} cases made in {time.perf_counter() - start:.0f} s)", file=sys.stderr)
    return cache


def one_round(mail_bot, size, count):
    work = tempfile.mkdtemp(prefix="cpu-bench-")
    try:
        if size:
            cache = cached_archive(mail_bot, size)
            # Case folders hard-linked (the program replaces files, never edits them in place);
            # the journal copied.
            subprocess.run(["cp", "-al", os.path.join(cache, "cases"), work], check=True)
            subprocess.run(["cp", "-a", os.path.join(cache, "state"), work], check=True)
        run_once(mail_bot, config(work, maildir(work, "warmup", 1, 5_000_000)))
        before = sum(1 for n in os.listdir(os.path.join(work, "cases")) if n.startswith("SMO-"))
        wall, cpu, out = run_once(mail_bot, config(work, maildir(work, "requests", count, 6_000_000)))
        made = sum(1 for n in os.listdir(os.path.join(work, "cases")) if n.startswith("SMO-")) - before
        if made != count:
            raise SystemExit(f"expected {count} new cases, got {made}: {out}")
        return wall, cpu
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mail_bot")
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--archives", default="0,50000")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    mail_bot = os.path.abspath(args.mail_bot)
    sizes = [int(s) for s in args.archives.split(",")]
    for size in sizes:
        if size:
            cached_archive(mail_bot, size)
    results = {size: [] for size in sizes}
    for _ in range(args.rounds):
        for size in sizes:
            results[size].append(one_round(mail_bot, size, args.count))
    load = os.getloadavg()
    print(f"\n{args.count} small requests per run, {args.rounds} rounds, medians; load average {load[0]:.1f} {load[1]:.1f}\n")
    print("| cases already in the archive | wall s | CPU s | CPU ms/message | msgs/s (CPU) | ÷ empty archive |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    base = None
    for size in sizes:
        wall = median([r[0] for r in results[size]])
        cpu = median([r[1] for r in results[size]])
        per = cpu / args.count * 1000
        base = base or per
        print(f"| {size:,} | {wall:.2f} | {cpu:.2f} | {per:.2f} | {args.count / cpu:.0f} | {per / base:.2f} |")


if __name__ == "__main__":
    main()
