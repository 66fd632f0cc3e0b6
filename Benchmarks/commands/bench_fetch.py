"""`mail-bot fetch` next to Python's imaplib fetching one message at a time and writing files,
on the same loopback Dovecot (IMAPS), whole processes timed, rounds interleaved, medians.

Usage: python3 bench_fetch.py MAIL_BOT [--messages 1010] [--rounds 7]
The mailbox: 1,000 small messages (2-20 KB) and 10 of 1-5 MB, seeded straight into the Maildir.
"""
import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
import time

from rig import Dovecot, median

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import make_corpus  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mail_bot")
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()

    import random
    rng = random.Random(7)
    messages = [make_corpus.small(rng, i) for i in range(args.small)]
    for i in range(args.large):
        big = b"From: patient@example.org\r\nSubject: Scan\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        messages.append(big + make_corpus.b64_lines(rng.randbytes(750_000 * (1 + i % 5))).encode())
    size = sum(map(len, messages)) / 1e6
    dovecot = Dovecot()
    work = tempfile.mkdtemp(prefix="fetch-bench-")
    try:
        dovecot.seed(messages)
        config = os.path.join(work, "mail-bot.toml")
        with open(config, "w") as f:
            f.write(f'[imap]\nurl = "imaps://127.0.0.1:{dovecot.imaps_port}/INBOX"\nusername = "{dovecot.user}"\n'
                    f'password_env = "BENCH_IMAP_PASSWORD"\nca_file = "{dovecot.ca_file}"\n'
                    f'max_message_bytes = 41943040\n[cases]\npath = "{work}/cases"\n[outbox]\npath = "{work}/outbox"\n'
                    f'[journal]\npath = "{work}/journal.sqlite"\n')
        env = dict(os.environ, BENCH_IMAP_PASSWORD=dovecot.password)
        tools = {
            "mail-bot fetch": lambda out: [args.mail_bot, "fetch", "--config", config, "--to", out],
            "Python imaplib, one message at a time": lambda out: [sys.executable, os.path.join(HERE, "imaplib_export.py"),
                                                                   str(dovecot.imaps_port), dovecot.ca_file, dovecot.user,
                                                                   dovecot.password, out],
        }
        samples = {name: [] for name in tools}
        for round in range(args.rounds + 1):  # the first round warms Dovecot's index and caches
            for name, command in tools.items():
                out = os.path.join(work, "out")
                shutil.rmtree(out, ignore_errors=True)
                start = time.perf_counter()
                run = subprocess.run(command(out), env=env, capture_output=True, text=True)
                elapsed = time.perf_counter() - start
                if run.returncode != 0 or run.stdout.strip() != str(len(messages)):
                    raise SystemExit(f"{name} failed: {run.stdout} {run.stderr}")
                if round > 0:
                    samples[name].append(elapsed)
                if round == 0 and name == "mail-bot fetch":
                    shutil.copytree(out, os.path.join(work, "ours"))
                if round == 0 and name != "mail-bot fetch":
                    names = sorted(os.listdir(out))
                    match, mismatch, errors = filecmp.cmpfiles(out, os.path.join(work, "ours"), names, shallow=False)
                    if mismatch or errors or len(names) != len(messages):
                        raise SystemExit(f"outputs differ: {mismatch[:5]} {errors[:5]}")
        seen = subprocess.run(["doveadm", "-c", dovecot.config, "search", "-u", dovecot.user, "mailbox", "INBOX", "SEEN"],
                              capture_output=True, text=True).stdout.split()
        print(f"{len(messages)} messages ({size:.1f} MB) on loopback Dovecot (IMAPS), {args.rounds} interleaved rounds, "
              f"medians; outputs identical byte for byte; messages marked seen afterwards: {len(seen) // 2}\n")
        print("| client | wall s | messages/s | MB/s | ours ÷ imaplib (rate) |")
        print("| --- | ---: | ---: | ---: | ---: |")
        reference = median(samples["Python imaplib, one message at a time"])
        for name, values in samples.items():
            wall = median(values)
            print(f"| {name} | {wall:.3f} | {len(messages) / wall:.0f} | {size / wall:.1f} | {reference / wall:.2f} |")
        print(f"\nload average at the end {os.getloadavg()[0]:.1f}")
    finally:
        dovecot.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
