"""Writes the command benchmarks' corpora as .eml files, the same bytes on every run (seeded).

The shapes follow mime-bench's CorpusGenerator (so the figures compare with docs/benchmarks.md):
- small: ordinary text mail of 2 to 20 KB with 3 to 8 Received hops, a folded DKIM
  signature, RFC 2047 subjects and names, a Cc list half the time, and a
  multipart/alternative text + HTML body in quoted-printable;
- big: intake mail with a short text part and one to three attachments of 1 to 6 MB,
  base64 in 76-character CRLF lines;
- request: a small Second Medical Opinion request (the end-to-end benchmark's load), with
  a description, a phone number, the terms confirmed and a small PDF report.

Usage: python3 make_corpus.py KIND COUNT DIR       (KIND: small, big or request)
"""
import base64
import os
import random
import sys

WORDS = ["Dear", "doctor,", "please", "find", "attached", "the", "report", "of", "my", "scan", "Jos=C3=A9",
         "f=C3=BCr", "na=C3=AFve", "=E2=80=94", "thank", "you", "and", "regards", "results", "hospital",
         "appointment", "treatment", "=D8=B4=D9=83=D8=B1=D8=A7", "follow-up"]
SUBJECTS = ["=?UTF-8?Q?R=C3=BCckfrage_zu_Ihrem_Termin?=", "=?UTF-8?B?0JLQsNGIINC30LDQv9GA0L7RgQ==?=",
            "Re: follow-up appointment", "=?ISO-8859-1?Q?Caf=E9_meeting?= tomorrow",
            "=?UTF-8?B?2LfZhNioINix2KPZiiDYt9io2Yog2KvYp9mG2Yo=?="]
NAMES = ["=?UTF-8?B?2YXYrdmF2K8g2KfZhNi52YTZig==?=", "=?UTF-8?Q?J=C3=B6rg_M=C3=BCller?=", "\"Smith, Anna\"", "Li Wei"]


def qp_text(rng, size, html=False):
    out, column = [], 0
    if html:
        out.append("<html><body><p>")
        column = 15
    length = sum(map(len, out))
    while length < size:
        word = rng.choice(WORDS)
        if html and rng.random() < 0.1:
            word = '</p><p class=3D"x">'
        if column + len(word) + 1 > 75:
            if rng.random() < 1 / 3:
                if out and out[-1].endswith(" "):
                    out[-1] = out[-1][:-1]
                out.append("\r\n")
            else:
                out.append("=\r\n")
            column = 0
        out.append(word + " ")
        column += len(word) + 1
        length += len(word) + 3
    if html:
        out.append("</p></body></html>")
    return "".join(out)


def common_headers(rng, index, subject):
    lines = []
    for hop in range(rng.randint(3, 8)):
        lines.append(f"Received: from mx{hop}.relay{rng.randrange(100)}.example.net (mx{hop}.example.net [192.0.2.{rng.randrange(255)}])")
        lines.append(f"\tby mail.example.org (Postfix) with ESMTPS id {rng.getrandbits(60):X}")
        lines.append(f"\tfor <secondopinion@example.org>; Tue, 24 Nov 2026 09:{10 + hop}:00 +0000 (GMT)")
    lines.append("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.net; s=sel1;")
    lines.append("\th=from:to:subject:date:message-id:mime-version:content-type;")
    lines.append(f"\tbh={base64.b64encode(rng.randbytes(32)).decode()};")
    signature = base64.b64encode(rng.randbytes(256)).decode()
    chunks = [signature[i:i + 70] for i in range(0, len(signature), 70)]
    lines.append("\tb=" + chunks[0])
    lines.extend("\t " + c for c in chunks[1:])
    lines.append(f"From: {rng.choice(NAMES)} <patient{index}@example.net>")
    lines.append("To: Second Medical Opinion <secondopinion@example.org>")
    if rng.random() < 0.5:
        lines.append('Cc: "Dr. Jones" <jones@example.com>, records@example.com')
    lines.append(f"Subject: {subject}")
    lines.append(f"Date: Tue, 24 Nov 2026 09:{index % 60:02d}:00 +0000")
    lines.append(f"Message-ID: <{rng.getrandbits(48):x}-{index}@mail.example.net>")
    lines.append("MIME-Version: 1.0")
    return "\r\n".join(lines) + "\r\n"


def small(rng, index):
    boundary = f"000000000000{rng.getrandbits(32):x}"
    head = common_headers(rng, index, rng.choice(SUBJECTS))
    head += f'Content-Type: multipart/alternative; boundary="{boundary}"\r\n\r\n'
    target = rng.randint(2_000, 20_000)
    text_size = max(300, (target - len(head)) // 3)
    body = (f'--{boundary}\r\nContent-Type: text/plain; charset="UTF-8"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n'
            f"{qp_text(rng, text_size)}\r\n"
            f'--{boundary}\r\nContent-Type: text/html; charset="UTF-8"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n'
            f"{qp_text(rng, text_size * 2, html=True)}\r\n--{boundary}--\r\n")
    return (head + body).encode()


def b64_lines(data):
    text = base64.b64encode(data).decode()
    return "\r\n".join(text[i:i + 76] for i in range(0, len(text), 76)) + "\r\n"


def big(rng, index):
    boundary = f"----=_Part_{index}_{rng.randrange(10**6)}.{rng.randrange(10**6)}"
    subject = "=?UTF-8?B?" + base64.b64encode(f"Second opinion request – scan {index}".encode()).decode() + "?="
    out = [common_headers(rng, index, subject), f'Content-Type: multipart/mixed;\r\n\tboundary="{boundary}"\r\n\r\n',
           "This is a multi-part message in MIME format.\r\n",
           f"--{boundary}\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n",
           qp_text(rng, 1500), "\r\n"]
    for a in range(rng.randint(1, 3)):
        kind, ext = rng.choice([("application/pdf", "pdf"), ("image/jpeg", "jpg"), ("image/png", "png")])
        name = f"scan-{index}-{a}.{ext}"
        out.append(f'--{boundary}\r\nContent-Type: {kind}; name="{name}"\r\nContent-Transfer-Encoding: base64\r\n'
                   f'Content-Disposition: attachment; filename="{name}"\r\n\r\n')
        out.append(b64_lines(rng.randbytes(rng.randint(1_000_000, 6_000_000))))
    out.append(f"--{boundary}--\r\n")
    return "".join(out).encode()


PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
       b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\nxref\n0 4\n0000000000 65535 f \n"
       b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n0\n%%EOF\n")


def request(rng, index):
    boundary = f"b{rng.getrandbits(40):x}"
    text = (f"Dear team,\r\n\r\nI would like a second opinion on my knee. After a fall in October the MRI showed a torn "
            f"meniscus and my surgeon suggests an operation; I would like another view before deciding.\r\n"
            f"My phone number is 07700 900{index % 1000:03d} and I prefer to be contacted by phone.\r\n"
            f"I confirm that I have read and accept the terms and conditions.\r\n\r\nKind regards,\r\nPatient {index}\r\n")
    return (f"From: Patient {index} <patient{index}@example.net>\r\nTo: secondopinion@example.org\r\n"
            f"Subject: Second opinion request {index}\r\nDate: Tue, 24 Nov 2026 09:15:00 +0000\r\n"
            f"Message-ID: <req-{index}-{rng.getrandbits(32):x}@example.net>\r\nMIME-Version: 1.0\r\n"
            f'Content-Type: multipart/mixed; boundary="{boundary}"\r\n\r\n'
            f"--{boundary}\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n{text}\r\n"
            f'--{boundary}\r\nContent-Type: application/pdf; name="report.pdf"\r\nContent-Transfer-Encoding: base64\r\n'
            f'Content-Disposition: attachment; filename="report.pdf"\r\n\r\n{b64_lines(PDF)}--{boundary}--\r\n').encode()


def main():
    kind, count, directory = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    make = {"small": small, "big": big, "request": request}[kind]
    rng = random.Random(20261124 + len(kind))
    os.makedirs(directory, exist_ok=True)
    for index in range(count):
        with open(os.path.join(directory, f"{index:06d}.eml"), "wb") as f:
            f.write(make(rng, index))


if __name__ == "__main__":
    main()
