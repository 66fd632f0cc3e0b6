#!/usr/bin/env python3
"""Writes N random but well-formed messages for scripts/differential.py, using Python's own
`email` package to build them (so any disagreement is about reading, not writing).

    scripts/make-differential-corpus.py DIR [--count N] [--seed S]

Covers what intake mail carries: multipart/mixed, alternative and related nesting,
forwarded message/rfc822 (sometimes several deep), base64 / quoted-printable / 8bit
bodies, non-ASCII file names in RFC 2231 (utf-8 and latin-1) and RFC 2047 forms, names
only in Content-Type, charsets from windows-1256 to GBK, empty and binary attachments.
Deterministic for a given seed.
"""
import argparse
import email.policy
import os
import random
from email.message import EmailMessage, MIMEPart
from email.utils import format_datetime
from datetime import datetime, timezone, timedelta

NAMES = ["report.pdf", "scan 1.jpg", "Résumé médical.pdf", "تقرير طبي.pdf", "МРТ снимок.png",
         "病历.docx", "x-ray (left knee).jpeg", "letter_of_guarantee.pdf", "notes.txt",
         "a" * 90 + ".pdf", "archive.zip", "weird;name=\"quoted\".pdf"]
TEXTS = [("us-ascii", "Please find my records attached.\nRegards\n"),
         ("utf-8", "Bonjour, voici mon dossier médical — merci.\n"),
         ("windows-1256", "مرحبا، أرسل لكم التقارير الطبية.\n"),
         ("koi8-r", "Здравствуйте, отправляю снимки.\n"),
         ("gbk", "您好，附件是我的病历。\n"),
         ("iso-8859-1", "Grüße aus München, anbei der Befund.\n")]
TYPES = [("application", "pdf"), ("image", "jpeg"), ("image", "png"), ("application", "zip"),
         ("application", "octet-stream"), ("application", "msword")]
# Not the .docx type: Python's generator folds that long subtype into RFC 2047 encoded words
# (invalid in Content-Type), and then reads it back as "…wo rdprocessingml.document" itself.


def fill_text(part, rng, subtype="plain"):
    charset, text = rng.choice(TEXTS)
    if subtype == "html":
        text = "<html><body><p>" + text.replace("\n", "<br>") + "</p></body></html>\n"
    cte = rng.choice(["quoted-printable", "base64", "8bit", None])
    if charset == "us-ascii" and cte == "8bit":
        cte = "7bit"
    part.set_content(text, subtype=subtype, charset=charset, cte=cte)
    return part


def new_part():
    return MIMEPart(policy=email.policy.SMTP)


def attachment(rng):
    maintype, subtype = rng.choice(TYPES)
    size = rng.choice([0, 1, 2, 3, 57, 1000, rng.randint(1, 40000)])
    data = bytes(rng.getrandbits(8) for _ in range(size))
    part = new_part()
    name = rng.choice(NAMES)
    part.set_content(data, maintype=maintype, subtype=subtype, filename=name,
                     disposition=rng.choice(["attachment", "inline"]))
    if rng.random() < 0.2:  # the name only in Content-Type, as some mailers do
        del part["Content-Disposition"]
        part.set_param("name", name)
    return part


def fill_body(part, rng, depth):
    kinds = ["plain", "alternative", "mixed", "mixed", "related", "forward"] if depth < 3 else ["plain", "mixed"]
    kind = rng.choice(kinds)
    if kind == "plain":
        return fill_text(part, rng)
    if kind == "alternative":
        part.make_alternative()
        part.attach(fill_text(new_part(), rng))
        part.attach(fill_text(new_part(), rng, "html"))
    elif kind == "related":
        part.make_related()
        part.attach(fill_text(new_part(), rng, "html"))
        img = attachment(rng)
        img["Content-ID"] = f"<img{rng.randint(1, 999)}@example.org>"
        part.attach(img)
    elif kind == "forward":
        part.set_content(message(rng, depth + 1))
    else:
        part.make_mixed()
        part.attach(fill_body(new_part(), rng, depth + 1))
        for _ in range(rng.randint(0, 4)):
            part.attach(attachment(rng))
    return part


def message(rng, depth=0):
    msg = EmailMessage(policy=email.policy.SMTP)
    msg["From"] = rng.choice(["Jane Doe <jane@example.org>", "Zoë Ñúñez <zoe@example.org>", "سارة <sara@example.org>"])
    msg["To"] = "secondopinion@example.org"
    msg["Subject"] = rng.choice(["Records", "Second opinion — MRI", "طلب رأي ثاني", "Re: your appointment"])
    msg["Date"] = format_datetime(datetime(2026, 11, 24, tzinfo=timezone.utc) + timedelta(minutes=rng.randint(0, 99999)))
    msg["Message-ID"] = f"<gen-{rng.getrandbits(40):x}@example.org>"
    if depth == 0 and rng.random() < 0.7:
        msg.make_mixed()
        msg.attach(fill_body(new_part(), rng, depth + 1))
        for _ in range(rng.randint(0, 4)):
            msg.attach(attachment(rng))
        return msg
    return fill_body(msg, rng, depth)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.dir, exist_ok=True)
    for i in range(args.count):
        data = message(rng).as_bytes()
        with open(os.path.join(args.dir, f"gen-{i:04d}.eml"), "wb") as f:
            f.write(data)
    print(f"wrote {args.count} messages to {args.dir}")


if __name__ == "__main__":
    main()
