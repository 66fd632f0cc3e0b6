#!/usr/bin/env python3
"""Writes the MIMEParser test fixtures with exact bytes (charsets, CRLF vs LF).
Run from this folder: python3 make_fixtures.py. The .eml files are committed too."""
import base64, quopri

def crlf(s):
    return s.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")

def w(name, data, lf=False):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(name, "wb") as f:
        f.write(data if lf else crlf(data))

pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
pdf_b64 = base64.encodebytes(pdf)

w("simple.eml", """Return-Path: <patient@example.org>
Received: from mx.example.org by mail.example.com; Tue, 24 Nov 2026 09:15:01 +0000
From: =?UTF-8?Q?Ren=C3=A9e_Dupr=C3=A9?= <renee@example.org>
To: Second Medical Opinion <secondopinion@example.com>
Subject: =?UTF-8?B?RGVtYW5kZSBk4oCZYXZpcw==?=
 =?UTF-8?Q?_m=C3=A9dical?= for my
\tmother
Date: Tue, 24 Nov 2026 09:15:00 +0000
Message-ID: <abc.123@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Bonjour, ma m=C3=A8re a besoin d'un avis m=C3=A9dical.=
 Merci.
""")

w("multipart-mixed.eml", b"""From: "Smith, John" <john.smith@example.org>, Jane <jane@example.net>
To: undisclosed-recipients:;
Subject: Records
Date: Mon, 23 Nov 2026 18:00:00 -0500
Message-ID: <mixed.1@example.org>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer-boundary"

This is the preamble; it is ignored.
--outer-boundary
Content-Type: multipart/alternative; boundary=inner

--inner
Content-Type: text/plain; charset=us-ascii

Please find my records attached.
--outer-boundary is not at the start of this line
--inner
Content-Type: text/html; charset=utf-8

<p>Please find my records attached.</p>
--inner--
--outer-boundary
Content-Type: application/pdf; name="ignored.pdf"
Content-Disposition: attachment;
 filename*0*=UTF-8''r%C3%A9sum%C3%A9%20m%C3%A9dical;
 filename*1=".pdf"
Content-Transfer-Encoding: base64

""" + pdf_b64 + b"""--outer-boundary
Content-Type: image/jpeg; name="=?UTF-8?B?w6ljaG8uanBn?="
Content-Disposition: inline; filename="=?UTF-8?B?w6ljaG8uanBn?="
Content-ID: <img1@example.org>
Content-Transfer-Encoding: base64

/9j/4AAQSkZJRgABAQAAAQABAAD/2w==
--outer-boundary--
This is the epilogue.
""")

inner = b"""From: Hospital <records@hospital.example>
Subject: Your letter
Date: Fri, 20 Nov 2026 10:00:00 +0100
Message-ID: <inner.7@hospital.example>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=hb

--hb
Content-Type: text/plain

Letter attached.
--hb
Content-Type: application/pdf
Content-Disposition: attachment; filename=letter.pdf
Content-Transfer-Encoding: base64

""" + pdf_b64 + b"""--hb--
"""

w("forwarded.eml", b"""From: patient@example.org
Subject: Fwd: Your letter
Date: Sat, 21 Nov 2026 08:00:00 GMT
Message-ID: <fwd.1@example.org>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=fb

--fb
Content-Type: text/plain

See below.
--fb
Content-Type: message/rfc822

""" + inner + b"""
--fb--
""")

w("forwarded-base64.eml", b"""From: patient@example.org
Subject: Fwd (base64)
Date: 21 Nov 26 08:00 GMT
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=fb

--fb
Content-Type: text/plain

See attached.
--fb
Content-Type: message/rfc822; name=forward.eml
Content-Transfer-Encoding: base64

""" + base64.encodebytes(crlf(inner)) + b"""--fb--
""")

w("dsn.eml", """From: Mail Delivery System <MAILER-DAEMON@mail.example.com>
To: secondopinion@example.com
Subject: Undelivered Mail Returned to Sender
Date: Tue, 24 Nov 2026 10:00:00 +0000
Message-ID: <dsn.1@mail.example.com>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="dsn/boundary"

--dsn/boundary
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

I'm sorry to have to inform you that your message could not be delivered.
--dsn/boundary
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.example.com
Final-Recipient: rfc822; nobody@example.org
Action: failed
Status: 5.1.1
--dsn/boundary
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

From: secondopinion@example.com
Subject: Your request
Message-ID: <reply.42@example.com>
--dsn/boundary--
""")

w("lf-only.eml", """From: a@example.org
Subject: LF only, nested, missing close
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="a"

--a
Content-Type: multipart/related; boundary="b"

--b
Content-Type: text/html

<img src="cid:logo">
--b
Content-Type: image/png
Content-ID: <logo>
Content-Transfer-Encoding: base64

iVBORw0KGgo=
--b--
--a
Content-Type: text/plain; charset="windows-1252"
Content-Transfer-Encoding: 8bit

""".encode() + "Caf\u00e9 \u20ac5".encode("cp1252") + b"""
--a
Content-Type: application/octet-stream; name=data.bin

no closing boundary follows
""", lf=True)

# One text part per charset; the text each must decode to is in charsets.txt.
samples = [
    ("windows-1256", "مرحبا، أريد رأيا طبيا ثانيا", "base64"),
    ("iso-8859-6", "مرحبا بالعالم", "quoted-printable"),
    ("koi8-r", "Здравствуйте, нужна консультация", "8bit"),
    ("gb2312", "你好，我需要第二诊疗意见", "base64"),
    ("gbk", "醫療報告", "base64"),
    ("gb18030", "第二意见 €", "base64"),
    ("big5", "醫療報告與影像", "base64"),
    ("shift_jis", "こんにちは、診断書を送ります", "base64"),
    ("euc-jp", "こんにちは、診断書を送ります", "base64"),
    ("iso-2022-jp", "こんにちは、診断書を送ります", "7bit"),
    ("euc-kr", "안녕하세요 진단서입니다", "base64"),
    ("iso-8859-2", "Zażółć gęślą jaźń", "quoted-printable"),
    ("iso-8859-15", "Prix: 50 € œuvre", "quoted-printable"),
    ("windows-1251", "Привет, мир", "base64"),
    ("iso-8859-1", "Señora Müller", "quoted-printable"),
    ("utf-8", "Grüße 🙂 مرحبا", "base64"),
]
body = b"From: x@example.org\nSubject: charsets\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=cs\n\n"
with open("charsets.txt", "w", encoding="utf-8") as table:
    for cs, text, cte in samples:
        raw = text.encode(cs)
        if cte == "base64":
            enc = base64.encodebytes(raw)
        elif cte == "quoted-printable":
            enc = quopri.encodestring(raw) + b"\n"
        else:
            enc = raw + b"\n"
        body += b"--cs\nContent-Type: text/plain; charset=" + cs.encode() + b"\nContent-Transfer-Encoding: " + cte.encode() + b"\n\n" + enc
        table.write(cs + "\t" + text + "\n")
body += b"--cs--\n"
w("charsets.eml", body)

# Encoded words in many places, including a multibyte character split across two words.
euro = "€".encode("utf-8")
w1 = "=?UTF-8?B?" + base64.b64encode(b"Price " + euro[:1]).decode() + "?="
w2 = "=?UTF-8?B?" + base64.b64encode(euro[1:] + b"100").decode() + "?="
arabic = "=?windows-1256?B?" + base64.b64encode("طلب رأي".encode("cp1256")).decode() + "?="
jp = "=?ISO-2022-JP?B?" + base64.b64encode("診断書".encode("iso-2022-jp")).decode() + "?="
w("encoded-words.eml", f"""From: {arabic} <embassy@example.gov>
Reply-To: "=?utf-8?q?Jos=C3=A9?= Pérez" <jose@example.org>
To: Group: a@example.org, "B, Person" <b@example.org>;, c@example.org (Carl C)
Subject: {w1}
  {w2} and {jp}
Date: Tue, 24 Nov 2026 10:15:00 +0100 (CET)
Message-ID: <ew.1@example.org>
In-Reply-To: <reply.42@example.com>
References: <a.1@example.com>
 <reply.42@example.com>
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Raw UTF-8 body: naïve café.
""")

w("malformed.eml", b"""From broken header line
Subject : obsolete space before colon
From: "Unterminated <x@example.org
Date: not a date at all
Content-Type: multipart/mixed
Content-Transfer-Encoding: x-unknown

body without a boundary \xff\xfe
""")

w("headers-only.eml", b"From: a@example.org\nSubject: no body at all\n", lf=True)
w("empty.eml", b"", lf=True)
