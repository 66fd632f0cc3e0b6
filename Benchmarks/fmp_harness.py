"""fast-mail-parser (Rust, from PyPI) reference for mime-bench: the same full job.

Loads every .eml file of a folder into memory first, then times only the parse loop:
parse_email_tree (full mode: every leaf transfer-decoded by the Rust code), the header
fields intake reads, a walk over every part, and every leaf's decoded content touched.

Usage: python3 fmp_harness.py DIR CORPUS RUNS      prints one JSON line, like mime-bench run
"""
import json
import os
import sys
import time

from fast_mail_parser import ParseError, parse_email_tree, walk


def status_kb(key):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key):
                return int(line.split()[1])
    return 0


def one_pass(messages):
    tally = {"messages": 0, "parts": 0, "decoded": 0, "header_chars": 0, "errors": 0}
    for payload in messages:
        try:
            root = parse_email_tree(payload)
        except ParseError:
            tally["errors"] += 1
            continue
        tally["messages"] += 1
        headers = root.headers
        for name in ("Subject", "From", "To", "Cc", "Message-ID", "Date"):
            for value in headers.get(name, ()):
                tally["header_chars"] += len(value)
        for part in walk(root):
            content = part.content
            if content is not None and not part.children:
                tally["parts"] += 1
                tally["decoded"] += len(content)
                tally["header_chars"] += len(part.filename or "")
    return tally


def main():
    directory, corpus, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    names = sorted(n for n in os.listdir(directory) if n.endswith(".eml"))
    messages = []
    for name in names:
        with open(os.path.join(directory, name), "rb") as f:
            messages.append(f.read())
    try:  # reset VmHWM so the peak measures the job, not the loading
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass
    base_kb = status_kb("VmRSS:")
    best_wall = best_cpu = float("inf")
    tally = {}
    for _ in range(runs):
        w0, c0 = time.perf_counter(), time.process_time()
        tally = one_pass(messages)
        best_cpu = min(best_cpu, time.process_time() - c0)
        best_wall = min(best_wall, time.perf_counter() - w0)
    from importlib.metadata import version
    print(json.dumps({
        "base_kb": base_kb, "bytes": sum(len(m) for m in messages), "corpus": corpus,
        "cpu": best_cpu, "decoded": tally["decoded"], "hwm_kb": status_kb("VmHWM:"),
        "messages": tally["messages"], "errors": tally["errors"],
        "parser": "fast-mail-parser %s (Rust)" % version("fast-mail-parser"),
        "parts": tally["parts"], "wall": best_wall,
    }, sort_keys=True))


if __name__ == "__main__":
    main()
