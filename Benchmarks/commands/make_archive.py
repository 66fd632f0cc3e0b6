"""Makes a large case archive fast, for the benchmarks that need "N cases already there".

Going through `mail-bot` for 50,000 cases takes many minutes, so this makes ONE real case
with the program (a Maildir request through `run --once`, so every file, row and registry
entry has the shape the program writes), then clones it N times directly:

- case folders `CASES/SMO-<year>-<seq>/` with `case.json` and `summary.html` rewritten for the
  new id and date, and `original.eml`, `reply.eml`, `attachments/` hard-linked to the
  template's (the program never rewrites those in place);
- one `case_rows` row per case (the board's row store, in the journal), received from 61 days
  before now backwards, one case every 50 minutes (50,000 cases span about 4.75 years), so
  the board shows none of them and the archive pages hold all of them;
- the case registry: the journal's `registry_*` tables when the program has them, else
  `CASES/.mail-bot/index.json` (versions before the registry moved into the journal), so the
  same archive can be measured before and after;
- `messages` and `outbox` rows (processed, sent) as the journal would hold them.

The template case is removed afterwards. The first `run` after this writes every archive
month page and `cases.csv` once (the benchmarks warm up with one message for that).

Usage: python3 make_archive.py MAIL_BOT WORK COUNT       (makes WORK/cases and WORK/state)
Takes about 15 s for 50,000 cases.
"""
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import make_corpus  # noqa: E402

LONDON = ZoneInfo("Europe/London")
TEMPLATE_TIME = 978_307_200 + 9 * 3600  # 2001-01-01 09:00 UTC: id SMO-2001-000001


def iso(t):
    return datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def config(work, maildir):
    path = os.path.join(work, "archive-seed.toml")
    with open(path, "w") as f:
        f.write(f'[maildir]\npath = "{maildir}"\nread_only = true\n[outbox]\npath = "{work}/outbox"\n'
                f'[cases]\npath = "{work}/cases"\n[journal]\npath = "{work}/state/journal.sqlite"\n')
    return path


def template_case(mail_bot, work):
    """One real case, made by the program, received in 2001."""
    maildir = tempfile.mkdtemp(prefix="archive-template-", dir=work)
    for sub in ["new", "cur", "tmp"]:
        os.makedirs(os.path.join(maildir, sub))
    with open(os.path.join(maildir, "new", f"{TEMPLATE_TIME}.M1P1.template"), "wb") as f:
        f.write(make_corpus.request(random.Random(7), 999_999))
    subprocess.run([mail_bot, "run", "--config", config(work, maildir), "--once"], check=True,
                   stdout=subprocess.DEVNULL)
    ids = [n for n in os.listdir(os.path.join(work, "cases")) if n.startswith("SMO-2001-")]
    if len(ids) != 1:
        raise SystemExit(f"expected one template case, found {ids}")
    return ids[0]


def make_archive(mail_bot, work, count, now=None):
    now = now or time.time()
    os.makedirs(work, exist_ok=True)
    template = template_case(mail_bot, work)
    cases = os.path.join(work, "cases")
    folder = os.path.join(cases, template)
    case_json = open(os.path.join(folder, "case.json")).read()
    summary = open(os.path.join(folder, "summary.html")).read()
    template_received = json.loads(case_json)["receivedAt"]
    linked = [n for n in os.listdir(folder) if n not in ("case.json", "summary.html")]

    db = sqlite3.connect(os.path.join(work, "state", "journal.sqlite"))
    db.row_factory = sqlite3.Row
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    row = dict(db.execute("SELECT * FROM case_rows WHERE case_id = ?", (template,)).fetchone())
    message = db.execute("SELECT * FROM messages WHERE case_id = ?", (template,)).fetchone()
    outbox = db.execute("SELECT * FROM outbox WHERE case_id = ?", (template,)).fetchone()

    sequences, registry_messages, registry_acks = {}, [], []
    rows, messages, replies = [], [], []
    rng = random.Random(count)
    for n in range(count):
        received = now - 61 * 86_400 - n * 3_000
        year = datetime.fromtimestamp(received, timezone.utc).year
        sequences[year] = sequences.get(year, 0) + 1
        case_id = f"SMO-{year}-{sequences[year]:06d}"
        target = os.path.join(cases, case_id)
        os.mkdir(target, 0o700)
        for name in linked:
            source = os.path.join(folder, name)
            if os.path.isdir(source):
                os.mkdir(os.path.join(target, name), 0o700)
                for inner in os.listdir(source):
                    os.link(os.path.join(source, inner), os.path.join(target, name, inner))
            else:
                os.link(source, os.path.join(target, name))
        for name, text in [("case.json", case_json.replace(template_received, iso(received))), ("summary.html", summary)]:
            with open(os.path.join(target, name), "w") as f:
                f.write(text.replace(template, case_id))
        digest = "%064x" % rng.getrandbits(256)
        message_id = f"<archive-{n}-{rng.getrandbits(32):x}@example.net>"
        ack = f"<{case_id}.ack-1@example.org>"
        registry_messages += [("mid:" + message_id, case_id), ("sha256:" + digest, case_id)]
        registry_acks.append((ack, case_id))
        r = dict(row, case_id=case_id, received_at=received, callback_due=received + 86_400,
                 month=datetime.fromtimestamp(received, LONDON).strftime("%Y-%m"),
                 event_fingerprint="%064x" % rng.getrandbits(256), pages_dirty=0,
                 subject=f"Second opinion request {n}", requester_email=f"archive{n}@example.net")
        rows.append(r)
        if message is not None:
            messages.append(dict(message, key=f"maildir:archive-{n}", uid=f"archive-{n}", message_id=message_id,
                                 sha256=digest, case_id=case_id, first_seen=received, updated=received))
        if outbox is not None:
            replies.append(dict(outbox, case_id=case_id, message_id=ack, created=received, updated=received,
                                next_attempt=received))

    def insert(table, items):
        if not items:
            return
        names = list(items[0].keys())
        db.executemany(f"INSERT OR REPLACE INTO {table}({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                       [tuple(i[k] for k in names) for i in items])

    with db:
        insert("case_rows", rows)
        insert("messages", messages)
        insert("outbox", replies)
        db.execute("DELETE FROM case_rows WHERE case_id = ?", (template,))
        if "registry_messages" in tables:
            db.executemany("INSERT OR REPLACE INTO registry_messages(key, case_id) VALUES (?, ?)", registry_messages)
            db.executemany("INSERT OR REPLACE INTO registry_acknowledgements(message_id, case_id) VALUES (?, ?)",
                           registry_acks)
            db.executemany("INSERT OR REPLACE INTO registry_sequences(year, last) VALUES (?, ?)",
                           [(y, s) for y, s in sequences.items()])
            for table in ["registry_messages", "registry_acknowledgements"]:
                db.execute(f"DELETE FROM {table} WHERE case_id = ?", (template,))
            db.execute("DELETE FROM registry_sequences WHERE year = 2001")
    db.close()
    if "registry_messages" not in tables:
        path = os.path.join(cases, ".mail-bot", "index.json")
        registry = json.load(open(path))
        registry["messages"] = {k: v for k, v in registry["messages"].items() if v != template}
        registry["acknowledgements"] = {k: v for k, v in registry["acknowledgements"].items() if v != template}
        registry["sequences"] = {str(y): s for y, s in sequences.items()}
        registry["messages"].update(dict(registry_messages))
        registry["acknowledgements"].update(dict(registry_acks))
        with open(path, "w") as f:
            json.dump(registry, f, indent=2, sort_keys=True)
    for base, dirs, files in os.walk(folder, topdown=False):
        for name in files:
            os.unlink(os.path.join(base, name))
        os.rmdir(base)
    return count


def main():
    mail_bot, work, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    start = time.perf_counter()
    make_archive(mail_bot, work, count)
    print(f"{count} cases in {work}/cases ({time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()
