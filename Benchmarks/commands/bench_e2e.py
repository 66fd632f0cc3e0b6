"""End to end: loopback Dovecot → `mail-bot run` → case folders + acknowledgements at an
aiosmtpd sink (scripts/smtp_sink.py).

Scenarios (each in a fresh work folder unless said otherwise):
  once N     N requests waiting in INBOX, `mail-bot run --once` (whole process timed,
             peak RSS by /usr/bin/time -v); msgs/s = N / wall
  archive    the same, onto an archive of --archive cases made beforehand by the same program
             (seeded once through a [maildir] + [outbox] run and kept as a tarball in /tmp)
  idle N     the daemon running with IDLE: N requests delivered at once (doveadm save), time
             until the last acknowledgement reaches the sink; then single requests one at a
             time, arrival (doveadm save returns) to acknowledgement accepted by the sink

Usage: python3 bench_e2e.py MAIL_BOT [--counts 300,1000] [--archive 50000] [--rounds 3] [--idle 300]
"""
import argparse
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import time

from rig import Dovecot, SMTPSink, free_port, median

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import make_corpus  # noqa: E402


def requests(count, offset=0):
    rng = random.Random(11 + offset)
    return [make_corpus.request(rng, offset + i) for i in range(count)]


def config(work, dovecot, sink, idle=False, interval=60):
    path = os.path.join(work, "mail-bot.toml")
    with open(path, "w") as f:
        f.write(f'''[imap]
url = "imaps://127.0.0.1:{dovecot.imaps_port}/INBOX"
username = "{dovecot.user}"
password_env = "BENCH_IMAP_PASSWORD"
ca_file = "{dovecot.ca_file}"

[smtp]
url = "smtp://127.0.0.1:{sink.port}"
allow_plaintext = true
from = "Second Medical Opinion <secondopinion@example.org>"

[cases]
path = "{work}/cases"

[journal]
path = "{work}/state/journal.sqlite"

[poll]
interval_seconds = {interval}
idle = {"true" if idle else "false"}

[monitoring]
listen = "127.0.0.1:{free_port()}"
''')
    return path


def case_count(work):
    root = os.path.join(work, "cases")
    return sum(1 for n in os.listdir(root) if n.startswith("SMO-")) if os.path.isdir(root) else 0


def timed_once(mail_bot, path, env):
    run = subprocess.run(["/usr/bin/time", "-v", mail_bot, "run", "--config", path, "--once"],
                         env=env, capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"run --once failed ({run.returncode}): {run.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", run.stderr)
    seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr).group(1)) / 1024
    cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", run.stderr))
    return seconds, rss, cpu


def archive_tarball(mail_bot, size, env):
    """An archive of `size` cases made by mail-bot itself (Maildir in, outbox out), cached."""
    tarball = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"mail-bench-archive-{size}.tar")
    if os.path.exists(tarball):
        return tarball
    work = tempfile.mkdtemp(prefix="archive-seed-")
    maildir = os.path.join(work, "maildir")
    for sub in ["new", "cur", "tmp"]:
        os.makedirs(os.path.join(maildir, sub))
    batch = 5000
    for start in range(0, size, batch):
        for i, message in enumerate(requests(min(batch, size - start), offset=1_000_000 + start)):
            with open(os.path.join(maildir, "new", f"{start + i:08d}.seed:2,"), "wb") as f:
                f.write(message)
    with open(os.path.join(work, "seed.toml"), "w") as f:
        f.write(f'[maildir]\npath = "{maildir}"\n[outbox]\npath = "{work}/outbox"\n[cases]\npath = "{work}/cases"\n'
                f'[journal]\npath = "{work}/state/journal.sqlite"\n')
    start = time.perf_counter()
    subprocess.run([mail_bot, "run", "--config", os.path.join(work, "seed.toml"), "--once"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    print(f"  (seeded {case_count(work)} cases in {time.perf_counter() - start:.0f} s)", file=sys.stderr)
    with tarfile.open(tarball, "w") as tar:
        tar.add(os.path.join(work, "cases"), arcname="cases")
        tar.add(os.path.join(work, "state"), arcname="state")
    shutil.rmtree(work, ignore_errors=True)
    return tarball


def scenario_once(mail_bot, count, rounds, archive=None):
    results = []
    for _ in range(rounds):
        dovecot, sink = Dovecot(), SMTPSink()
        work = tempfile.mkdtemp(prefix="e2e-bench-")
        try:
            if archive:
                with tarfile.open(archive) as tar:
                    tar.extractall(work)
            before = case_count(work)
            dovecot.seed(requests(count))
            path = config(work, dovecot, sink)
            env = dict(os.environ, BENCH_IMAP_PASSWORD=dovecot.password)
            seconds, rss, cpu = timed_once(mail_bot, path, env)
            made, sent = case_count(work) - before, sink.count()
            if made != count or sent != count:
                raise SystemExit(f"expected {count} cases and replies, got {made} and {sent}")
            results.append((seconds, rss, cpu))
        finally:
            dovecot.stop()
            sink.stop()
            shutil.rmtree(work, ignore_errors=True)
    wall = median([r[0] for r in results])
    return count / wall, wall, max(r[1] for r in results), median([r[2] for r in results])


def wait_for(predicate, timeout):
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            return False
        time.sleep(0.005)
    return True


def scenario_idle(mail_bot, burst, singles):
    dovecot, sink = Dovecot(), SMTPSink()
    work = tempfile.mkdtemp(prefix="e2e-idle-")
    daemon = None
    try:
        path = config(work, dovecot, sink, idle=True, interval=300)
        env = dict(os.environ, BENCH_IMAP_PASSWORD=dovecot.password)
        daemon = subprocess.Popen([mail_bot, "run", "--config", path], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Warm up: one message through, so the connection is open and IDLE is running.
        dovecot.deliver(requests(1, offset=900_000)[0])
        if not wait_for(lambda: sink.count() == 1, 30):
            raise SystemExit("the daemon did not answer the first message")
        time.sleep(0.5)
        latencies = []
        for message in requests(singles, offset=800_000):
            expected = sink.count() + 1
            start = time.perf_counter()
            dovecot.deliver(message)
            if not wait_for(lambda: sink.count() >= expected, 30):
                raise SystemExit("no acknowledgement within 30 s")
            latencies.append(time.perf_counter() - start)
            time.sleep(0.2)
        expected = sink.count() + burst
        dovecot.seed(requests(burst, offset=700_000))
        start = time.perf_counter()
        dovecot.deliver(requests(1, offset=600_000)[0])  # a delivery, so IDLE hears of the new mail
        expected += 1
        if not wait_for(lambda: sink.count() >= expected, 600):
            raise SystemExit(f"burst: only {sink.count()} of {expected} acknowledgements")
        burst_seconds = time.perf_counter() - start
        rss = 0
        with open(f"/proc/{daemon.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    rss = int(line.split()[1]) / 1024
        return sorted(latencies), (burst + 1) / burst_seconds, rss
    finally:
        if daemon:
            daemon.send_signal(signal.SIGTERM)
            daemon.wait()
        dovecot.stop()
        sink.stop()
        shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mail_bot")
    parser.add_argument("--counts", default="300,1000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--archive", type=int, default=0, help="cases already in the archive (0: skip)")
    parser.add_argument("--idle", type=int, default=300, help="burst size with IDLE (0: skip)")
    parser.add_argument("--singles", type=int, default=10)
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; medians of {args.rounds} rounds\n")
    print("| scenario | messages | wall s | msgs/s | CPU s | peak RSS MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for count in [int(c) for c in args.counts.split(",") if c]:
        rate, wall, rss, cpu = scenario_once(args.mail_bot, count, args.rounds)
        print(f"| run --once, empty archive | {count} | {wall:.2f} | {rate:.0f} | {cpu:.2f} | {rss:.0f} |", flush=True)
    if args.archive:
        tarball = archive_tarball(args.mail_bot, args.archive, dict(os.environ))
        for count in [int(c) for c in args.counts.split(",") if c]:
            rate, wall, rss, cpu = scenario_once(args.mail_bot, count, args.rounds, archive=tarball)
            print(f"| run --once, {args.archive} cases in the archive | {count} | {wall:.2f} | {rate:.0f} | {cpu:.2f} | {rss:.0f} |", flush=True)
    if args.idle:
        latencies, rate, rss = scenario_idle(args.mail_bot, args.idle, args.singles)
        print(f"| daemon with IDLE, burst | {args.idle + 1} | {(args.idle + 1) / rate:.2f} | {rate:.0f} | | {rss:.0f} |")
        print(f"\nArrival to acknowledgement with IDLE ({len(latencies)} single messages): median {median(latencies):.3f} s, "
              f"max {latencies[-1]:.3f} s")
    print(f"\nload average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
