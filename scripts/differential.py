#!/usr/bin/env python3
"""Differential check of MIMEParser against Python's standard `email` package.

    scripts/differential.py [--mail-bot PATH] [--show N] [--json] DIR_OR_FILE...

For every file (recursively; any file counts as a message) it runs `mail-bot parse --json`
and parses the same bytes with `email.message_from_bytes(..., policy=email.policy.default)`,
walks Python's leaves the way the contract lists ours (depth-first, into message/rfc822),
numbers them the way our parser does (IMAP paths), and reports each disagreement in part
count, paths, content types, filenames, sizes and sha256 of the transfer-decoded bodies.

Disagreements that come from our deliberate legacy-container expansion (TNEF files listed
instead of winmail.dat, uuencoded files split out of a text body) are counted apart as
"expected". The summary at the end counts files per outcome and disagreements per kind;
docs/differential.md accounts for the ones that remain.
"""
import argparse
import email
import email.policy
import hashlib
import json
import os
import quopri
import subprocess
import sys
from collections import Counter

BATCH = 100


def python_leaves(data):
    """Python's view: [(path, contentType, filename, size, sha256, legacy_hint)]."""
    msg = email.message_from_bytes(data, policy=email.policy.default)
    out = []

    def payload(part):
        try:
            body = part.get_payload(decode=True)
        except Exception:  # Python's decoders raise on some damage
            body = None
        if body is None:
            raw = part.get_payload()
            body = raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else b""
        return body

    def filename(part):
        try:
            return part.get_filename()
        except Exception:
            return "<python error>"

    def walk_message(m, prefix):
        # Our numbering: a multipart root takes the prefix, its children prefix.1…;
        # a single-part root is prefix.1 (or "1" at the top).
        if m.is_multipart() and m.get_content_maintype() == "multipart":
            walk_children(m, prefix)
        else:
            walk_part(m, f"{prefix}.1" if prefix else "1")

    def walk_children(m, path):
        for n, sub in enumerate(m.get_payload(), start=1):
            walk_part(sub, f"{path}.{n}" if path else str(n))

    def walk_part(part, path):
        ctype = part.get_content_type()
        if ctype in ("message/rfc822", "message/global") and part.is_multipart():
            inner = part.get_payload()
            if inner:
                walk_message(inner[0], path)
            return
        if ctype.startswith("message/") and part.is_multipart():
            # Python parses every message/* body as header blocks (delivery-status,
            # external-body, disposition-notification); for MIME they are one leaf. Its
            # bytes are not recoverable from Python's model, so only the type is compared.
            out.append({"path": path, "contentType": ctype, "filename": filename(part),
                        "size": None, "sha256": None, "hint": "message-body"})
            return
        if part.is_multipart():
            walk_children(part, path)
            return
        body = payload(part)
        hint = None
        if ctype in ("application/ms-tnef", "application/vnd.ms-tnef") or (filename(part) or "").lower() == "winmail.dat":
            hint = "tnef"
        elif ctype == "text/plain" and any(line.startswith(b"begin ") for line in body.splitlines()):
            hint = "uuencode"
        out.append({
            "path": path, "contentType": ctype, "filename": filename(part),
            "size": len(body), "sha256": hashlib.sha256(body).hexdigest(), "hint": hint,
            "sha256_qp_rfc": qp_rfc_sha(part),
        })

    walk_message(msg, "")
    return out


def qp_rfc_sha(part):
    """For a quoted-printable part: the sha256 of the body decoded with RFC 2045 §6.7 rule (3)
    applied (trailing whitespace on each encoded line is transport padding and is deleted),
    which Python's decoder does not do. None for other parts."""
    if str(part.get("Content-Transfer-Encoding", "")).strip().lower() != "quoted-printable":
        return None
    raw = part.get_payload(decode=False)
    if not isinstance(raw, str):
        return None
    lines = raw.encode("utf-8", "surrogateescape").split(b"\n")
    stripped = b"\n".join(l.rstrip(b" \t\r") + (b"\r" if l.endswith(b"\r") else b"") for l in lines)
    return hashlib.sha256(quopri.decodestring(stripped)).hexdigest()


def our_leaves(mail_bot, files):
    """Runs mail-bot over a batch; returns {file: parsed JSON or an error string}."""
    result = {}
    proc = subprocess.run([mail_bot, "parse", *files, "--json"], capture_output=True, timeout=600)
    lines = proc.stdout.decode("utf-8", "replace").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if proc.returncode == 0 and len(lines) == len(files):
        for f, line in zip(files, lines):
            result[f] = json.loads(line)
        return result
    if len(files) > 1:  # find the culprit one by one
        for f in files:
            result.update(our_leaves(mail_bot, [f]))
        return result
    err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
    result[files[0]] = f"mail-bot exit {proc.returncode}: {err[-1] if err else ''}"
    return result


def compare(ours, theirs):
    """List of (kind, detail) disagreements; kinds ending in '(expected)' are by design."""
    problems = []
    our_by_path = {p["path"]: p for p in ours}
    their_by_path = {p["path"]: p for p in theirs}
    legacy = {p["path"]: p["hint"] for p in theirs if p["hint"]}
    for path, mine in our_by_path.items():
        if path in their_by_path:
            continue
        parent = path.rsplit(".", 1)[0] if "." in path else None
        if parent in legacy:
            problems.append((f"{legacy[parent]} expansion (expected)", f"{path}: {mine['contentType']} {mine['filename']!r}"))
        else:
            problems.append(("part only in ours", f"{path}: {mine['contentType']} {mine['filename']!r} {mine['size']}B"))
    for path, py in their_by_path.items():
        mine = our_by_path.get(path)
        if mine is None:
            if py["hint"] in ("tnef", "uuencode") and any(p.startswith(path + ".") for p in our_by_path):
                continue  # replaced by its files, counted above
            problems.append(("part only in Python", f"{path}: {py['contentType']} {py['filename']!r} {py['size']}B"))
            continue
        if mine["contentType"] != py["contentType"]:
            problems.append(("content type", f"{path}: ours {mine['contentType']}, Python {py['contentType']}"))
        if (mine.get("filename") or None) != (py["filename"] or None):
            problems.append(("filename", f"{path}: ours {mine.get('filename')!r}, Python {py['filename']!r}"))
        if py["sha256"] is None:
            problems.append((f"{py['contentType']} body not comparable (expected)", path))
        elif mine["sha256"] != py["sha256"]:
            if py.get("sha256_qp_rfc") == mine["sha256"]:
                kind = "QP trailing whitespace: Python keeps it, RFC 2045 §6.7 (3) deletes it (expected)"
            else:
                kind = "body bytes"
            problems.append((kind, f"{path}: ours {mine['size']}B, Python {py['size']}B"))
    if len(ours) != len(theirs) and not problems:
        problems.append(("part count", f"ours {len(ours)}, Python {len(theirs)}"))
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--mail-bot", default=".build/debug/mail-bot")
    ap.add_argument("--show", type=int, default=1000, help="print at most N disagreeing files")
    ap.add_argument("--json", action="store_true", help="print one JSON record per disagreeing file")
    args = ap.parse_args()

    files = []
    for p in args.paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                files += [os.path.join(root, n) for n in sorted(names)
                          if not n.startswith(".") and not n.endswith(".md")]
        else:
            files.append(p)
    files.sort()

    ours = {}
    for i in range(0, len(files), BATCH):
        ours.update(our_leaves(args.mail_bot, files[i:i + BATCH]))

    outcomes, kinds, shown = Counter(), Counter(), 0
    for f in files:
        data = open(f, "rb").read()
        try:
            theirs = python_leaves(data)
        except Exception as e:  # Python gave up: note it, nothing to compare
            outcomes["Python raised"] += 1
            print(f"{f}: Python raised {type(e).__name__}: {e}")
            continue
        mine = ours.get(f)
        if not isinstance(mine, dict):
            outcomes["mail-bot failed"] += 1
            print(f"{f}: {mine}")
            continue
        problems = compare(mine.get("parts", []), theirs)
        real = [p for p in problems if not p[0].endswith("(expected)")]
        for kind, _ in problems:
            kinds[kind] += 1
        outcomes["agree" if not problems else ("expected differences only" if not real else "disagree")] += 1
        if problems and shown < args.show:
            shown += 1
            if args.json:
                print(json.dumps({"file": f, "problems": problems, "warnings": mine.get("warnings", [])}))
            else:
                print(f"{f}:")
                for kind, detail in problems:
                    print(f"  [{kind}] {detail}")
                for w in mine.get("warnings", [])[:5]:
                    print(f"    our warning: {w}")

    print(f"\n{len(files)} files: " + ", ".join(f"{n} {k}" for k, n in sorted(outcomes.items())))
    for kind, n in sorted(kinds.items(), key=lambda kv: -kv[1]):
        print(f"  {n:5d} × {kind}")
    return 1 if outcomes["disagree"] or outcomes["mail-bot failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
