"""fast-mail-parser (Rust, from PyPI) reference for `mail-bot parse FILE… --json`.

For every file named on the command line, in order: read it, parse it with
parse_email_tree (every leaf transfer-decoded by the Rust code), and print one JSON line
with the contract's fields: Message-ID, Subject, From, Date, and for every leaf part its
path, content type, charset, disposition, filename, decoded size and SHA-256. Output is
written once through a buffered stdout. Interpreter start-up counts, as mail-bot's does.

Usage: python3 fmp_parse_json.py FILE…
"""
import hashlib
import json
import re
import sys

from fast_mail_parser import ParseError, parse_email_tree


CHARSET = re.compile(r'charset\s*=\s*"?([^";\s]+)', re.IGNORECASE)


def charset(part):
    found = CHARSET.search(first(part.headers, "Content-Type") or "")
    return found.group(1).lower() if found else None


def first(headers, name):
    values = headers.get(name)
    return values[0] if values else None


def leaves(part, path, out):
    children = part.children or []
    if not children:
        out.append((path or "1", part))
        return
    for index, child in enumerate(children, 1):
        leaves(child, f"{path}.{index}" if path else str(index), out)


def summary(payload):
    try:
        root = parse_email_tree(payload)
    except ParseError as error:
        return {"messageId": None, "subject": None, "from": [], "date": None, "parts": [], "warnings": [str(error)]}
    headers = root.headers
    found = []
    leaves(root, "", found)
    parts = []
    for path, part in found:
        content = part.content or b""
        parts.append({
            "path": path,
            "contentType": (part.content_type or "text/plain").lower(),
            "charset": charset(part),
            "disposition": part.disposition,
            "filename": part.filename,
            "size": len(content),
            "sha256": hashlib.sha256(content).hexdigest(),
        })
    sender = first(headers, "From")
    return {
        "messageId": first(headers, "Message-ID"),
        "subject": first(headers, "Subject"),
        "from": [{"name": None, "address": sender}] if sender else [],
        "date": first(headers, "Date"),
        "parts": parts,
        "warnings": [],
    }


def main():
    out = []
    status = 0
    for name in sys.argv[1:]:
        try:
            with open(name, "rb") as f:
                payload = f.read()
        except OSError:
            print(f"fmp_parse_json: cannot read {name}", file=sys.stderr)
            status = 2
            continue
        out.append(json.dumps(summary(payload), ensure_ascii=False, separators=(",", ":")))
    sys.stdout.write("\n".join(out) + "\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
