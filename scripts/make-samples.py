#!/usr/bin/env python3
"""Writes samples/*.eml and samples/maildir/new/* : realistic, entirely made-up requests.

Every attachment is a real (tiny) file of its type, made here: PDFs with a text page, PNGs and
baseline JPEGs of a few flat-coloured blocks, a zip of PNGs, a DICOM header, a PE stub. No real
patient data anywhere. Run from the repository root:

    python3 scripts/make-samples.py              # rewrite samples/ (deterministic output)
    python3 scripts/make-samples.py --large DIR  # also write DIR/large-attachment.eml (9 MB PDF)
"""
import base64
import binascii
import io
import os
import struct
import sys
import zipfile
import zlib
from email.utils import format_datetime
from datetime import datetime, timezone

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SAMPLES = os.path.join(ROOT, "samples")
CRLF = "\r\n"

# ---------------------------------------------------------------- tiny real files


def pdf(text, pad=0):
    """A one-page PDF showing `text` (ASCII), optionally padded by a comment to `pad` bytes."""
    stream = ("BT /F1 12 Tf 72 720 Td (%s) Tj ET" % text.replace("(", "[").replace(")", "]")).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    if pad > len(out):
        filler = b"% padding\n" * ((pad - len(out)) // 10)
        out += filler
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def png(width, height, rgb):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", binascii.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def jpeg(comment, blocks=4):
    """A baseline greyscale JPEG, 8 x (8*blocks) pixels of mid grey, with a comment that makes
    each file distinct. One-code Huffman tables: every block is DC diff 0, then end-of-block."""
    def seg(marker, data):
        return b"\xff" + bytes([marker]) + struct.pack(">H", len(data) + 2) + data

    out = b"\xff\xd8"
    out += seg(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
    out += seg(0xFE, comment.encode())
    out += seg(0xDB, b"\x00" + bytes([1] * 64))
    out += seg(0xC0, b"\x08" + struct.pack(">HH", 8, 8 * blocks) + b"\x01\x01\x11\x00")
    bits = bytes([1] + [0] * 15)
    out += seg(0xC4, b"\x00" + bits + b"\x00")  # DC table 0: one code "0" for category 0
    out += seg(0xC4, b"\x10" + bits + b"\x00")  # AC table 0: one code "0" for end-of-block
    out += seg(0xDA, b"\x01\x01\x00\x00\x3f\x00")
    data = "00" * blocks
    data += "1" * (-len(data) % 8)
    out += bytes(int(data[i:i + 8], 2) for i in range(0, len(data), 8))
    return out + b"\xff\xd9"


def dicom():
    """128-byte preamble, DICM, and a few explicit-VR elements: a real DICOM file header."""
    def el(group, elem, vr, value):
        return struct.pack("<HH", group, elem) + vr + struct.pack("<H", len(value)) + value

    uid = b"1.2.840.10008.5.1.4.1.1.2\x00"
    body = el(0x0002, 0x0002, b"UI", uid) + el(0x0002, 0x0010, b"UI", b"1.2.840.10008.1.2.1\x00")
    body += el(0x0010, 0x0010, b"PN", b"ANON^SAMPLE ") + el(0x0008, 0x0060, b"CS", b"CT")
    return b"\x00" * 128 + b"DICM" + body


def pe_stub():
    """The start of a Windows program: MZ header pointing at a PE signature."""
    mz = bytearray(b"MZ" + b"\x90\x00" + b"\x00" * 56)
    mz[0x3C:0x40] = struct.pack("<I", 0x80)
    mz += b"\x00" * (0x80 - len(mz))
    mz += b"PE\x00\x00" + struct.pack("<HH", 0x14C, 1) + b"\x00" * 200
    return bytes(mz)


def zip_of(files):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(2026, 11, 20, 10, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


# ---------------------------------------------------------------- MIME by hand (exact control)


def b64(data):
    s = base64.b64encode(data).decode()
    return CRLF.join(s[i:i + 76] for i in range(0, len(s), 76))


def encoded_word(text, charset="utf-8"):
    return "=?%s?B?%s?=" % (charset, base64.b64encode(text.encode(charset)).decode())


def rfc2231(name):
    from urllib.parse import quote
    return "filename*=utf-8''" + quote(name, safe="")


def headers(fields):
    return CRLF.join("%s: %s" % kv for kv in fields) + CRLF


def text_part(text, subtype="plain", charset="utf-8", encoding="quoted-printable"):
    if encoding == "base64":
        body = b64(text.encode(charset))
    elif encoding == "8bit":
        body = text.replace("\n", CRLF)
    else:
        import quopri
        body = quopri.encodestring(text.replace("\n", CRLF).encode(charset)).decode().replace("\r\n", "\n").replace("\n", CRLF)
    return headers([("Content-Type", "text/%s; charset=%s" % (subtype, charset)),
                    ("Content-Transfer-Encoding", encoding)]) + CRLF + body + CRLF


def file_part(data, ctype, filename=None, disposition="attachment", cid=None, name_param=True):
    fields = []
    if filename is not None and all(ord(c) < 128 for c in filename) and '"' not in filename:
        quoted = '"%s"' % filename.replace("\\", "\\\\")
        fields.append(("Content-Type", "%s; name=%s" % (ctype, quoted) if name_param else ctype))
        fields.append(("Content-Disposition", "%s; filename=%s" % (disposition, quoted)))
    elif filename is not None:
        fields.append(("Content-Type", "%s; name=\"%s\"" % (ctype, encoded_word(filename))))
        fields.append(("Content-Disposition", "%s; %s" % (disposition, rfc2231(filename))))
    else:
        fields.append(("Content-Type", ctype))
        fields.append(("Content-Disposition", disposition))
    if cid:
        fields.append(("Content-ID", "<%s>" % cid))
    fields.append(("Content-Transfer-Encoding", "base64"))
    return headers(fields) + CRLF + b64(data) + CRLF


def multipart(subtype, parts, boundary, extra=""):
    out = headers([("Content-Type", 'multipart/%s; boundary="%s"%s' % (subtype, boundary, extra))]) + CRLF
    out += "This is a multi-part message in MIME format." + CRLF
    for p in parts:
        out += "--" + boundary + CRLF + p
    return out + "--" + boundary + "--" + CRLF


def message(fields, body_entity):
    """Top-level header fields, then an entity (its own Content-* header, blank line, body)."""
    return (headers(fields + [("MIME-Version", "1.0")]) + body_entity).encode("utf-8")


def date(day, hour, minute):
    return format_datetime(datetime(2026, 11, day, hour, minute, tzinfo=timezone.utc))


CLINIC = "Second Medical Opinion <secondopinion@example.org>"

# ---------------------------------------------------------------- the samples

SAMPLES_LIST = []


def sample(name):
    def register(fn):
        SAMPLES_LIST.append((name, fn))
        return fn
    return register


@sample("01-complete-patient-request.eml")
def complete():
    body = """Dear Second Opinion team,

I would like a second opinion on my knee. Since March I have had pain and swelling in my left
knee after a skiing fall. An MRI in September showed a possible meniscus tear and my surgeon
recommends an arthroscopy; I would like an independent view before I agree to surgery.

I would like the records and images review. I attach the radiology report and two images
from the MRI.

I confirm that I have read and accept the terms and conditions.

Please call me on +44 7700 900123, weekday mornings are best.

Kind regards,
Sarah Mitchell
"""
    parts = [text_part(body),
             file_part(pdf("MRI left knee - radiology report - S. Mitchell (sample)"), "application/pdf", "MRI report.pdf"),
             file_part(jpeg("knee sagittal"), "image/jpeg", "knee-sagittal.jpg"),
             file_part(png(24, 16, (40, 40, 40)), "image/png", "knee-coronal.png")]
    return message([("From", "Sarah Mitchell <sarah.mitchell@example.net>"), ("To", CLINIC),
                    ("Subject", "Second opinion request - knee MRI"), ("Date", date(24, 9, 15)),
                    ("Message-ID", "<sample-01.complete@mail.example.net>")],
                   multipart("mixed", parts, "b01-mixed"))


@sample("02-embassy-arabic-with-guarantee.eml")
def embassy_arabic():
    body = """السلام عليكم ورحمة الله وبركاته،

تتقدم الملحقية الطبية بسفارة المملكة العربية السعودية في لندن بطلب رأي طبي ثانٍ للمريض
عبدالله سالم القحطاني، الذي يعاني من آلام مزمنة في أسفل الظهر مع تنميل في الساق اليسرى منذ
ستة أشهر، وقد أوصى الطبيب المعالج بإجراء عملية تثبيت للفقرات.

نرفق التقرير الطبي وخطاب الضمان الصادر من الملحقية.
أوافق على الشروط والأحكام. يرجى التواصل معنا عبر البريد الإلكتروني.

مع التحية،
المكتب الصحي - الملحقية الطبية
"""
    parts = [text_part(body, charset="utf-8", encoding="base64"),
             file_part(pdf("Medical report - lumbar spine (sample)"), "application/pdf", "التقرير الطبي.pdf"),
             file_part(pdf("Letter of guarantee - Medical Attache (sample)"), "application/pdf", "خطاب ضمان.pdf")]
    return message([("From", "%s <medical.office@moh.gov.sa>" % encoded_word("الملحقية الطبية")), ("To", CLINIC),
                    ("Subject", encoded_word("طلب رأي طبي ثانٍ - المريض عبدالله القحطاني")), ("Date", date(24, 10, 2)),
                    ("Message-ID", "<sample-02.embassy-ar@moh.gov.sa>")],
                   multipart("mixed", parts, "b02-mixed"))


@sample("03-embassy-french-without-letter.eml")
def embassy_french():
    body = """Madame, Monsieur,

L'Ambassade du Sénégal à Londres sollicite un second avis médical pour Mme Awa Diop, suivie pour
une insuffisance cardiaque depuis 2024. Son cardiologue propose la pose d'un défibrillateur.
La prise en charge des frais sera assurée par l'ambassade.

Vous trouverez ci-joint le compte rendu de cardiologie.
J'ai lu et j'accepte les conditions générales. Merci de nous répondre par e-mail.

Cordialement,
Service médical, Ambassade du Sénégal
"""
    parts = [text_part(body, charset="iso-8859-1"),
             file_part(pdf("Compte rendu de cardiologie (exemple)"), "application/pdf", "compte-rendu-cardiologie.pdf")]
    return message([("From", "Service medical <service.medical@diplomatie.gouv.sn>"), ("To", CLINIC),
                    ("Subject", "=?iso-8859-1?Q?Demande_de_second_avis_m=E9dical?="), ("Date", date(24, 10, 30)),
                    ("Message-ID", "<sample-03.embassy-fr@diplomatie.gouv.sn>")],
                   multipart("mixed", parts, "b03-mixed"))


@sample("04-five-images.eml")
def five_images():
    body = """Hello,

My father (78) had a CT scan of the chest after a persistent cough. The report mentions a 9 mm
nodule in the right upper lobe. We would like the records and images review of the CT scan.
I attach the report and five images from the scan.

I agree to the terms and conditions. Please email me.

Thanks,
James Okafor
"""
    parts = [text_part(body),
             file_part(pdf("CT chest report (sample)"), "application/pdf", "CT report.pdf")]
    for i in range(1, 6):
        parts.append(file_part(jpeg("ct slice %d" % i, blocks=i + 1), "image/jpeg", "ct-slice-%d.jpg" % i))
    return message([("From", "James Okafor <j.okafor@example.com>"), ("To", CLINIC),
                    ("Subject", "CT scan second opinion for my father"), ("Date", date(24, 11, 5)),
                    ("Message-ID", "<sample-04.five-images@example.com>")],
                   multipart("mixed", parts, "b04-mixed"))


@sample("05-renamed-executable.eml")
def renamed_exe():
    body = """Please review my case. I have had migraines with aura for two years and my neurologist
wants to start a new preventive treatment. My scan results are attached.

I accept the terms and conditions.
Tom Baker
"""
    parts = [text_part(body),
             file_part(pe_stub(), "application/pdf", "scan.pdf")]
    return message([("From", "Tom Baker <tom.baker@example.org.uk>"), ("To", CLINIC),
                    ("Subject", "Migraine second opinion"), ("Date", date(24, 11, 40)),
                    ("Message-ID", "<sample-05.renamed-exe@example.org.uk>")],
                   multipart("mixed", parts, "b05-mixed"))


@sample("06-dicom-file.eml")
def dicom_file():
    body = """Good afternoon,

I was told I have a small aneurysm of the abdominal aorta (4.1 cm) and would like a second
opinion on whether it needs treatment now. I attach the CT images as exported by the hospital
and the discharge letter.

I have read and agree to the terms and conditions. You can phone me on 020 7946 0018.

Best regards,
Margaret Hughes
"""
    parts = [text_part(body),
             file_part(pdf("Discharge letter (sample)"), "application/pdf", "discharge-letter.pdf"),
             file_part(dicom(), "application/dicom", "IM000001.dcm")]
    return message([("From", "Margaret Hughes <m.hughes@example.net>"), ("To", CLINIC),
                    ("Subject", "Aortic aneurysm - second opinion"), ("Date", date(24, 13, 20)),
                    ("Message-ID", "<sample-06.dicom@example.net>")],
                   multipart("mixed", parts, "b06-mixed"))


@sample("07-html-only-with-inline-logo.eml")
def html_only():
    html = """<html><body>
<p>Dear team,</p>
<p>I am writing on behalf of my wife, who was diagnosed with <b>thyroid nodules</b>; a fine-needle
biopsy came back as Bethesda III and surgery has been suggested. We would like a records review
before deciding.</p>
<p>The pathology report is attached. I confirm we accept the terms and conditions.</p>
<p>Regards,<br>Daniel Novak</p>
<p><img src="cid:logo-1234@novak.example" alt="Novak Consulting" width="80"></p>
</body></html>
"""
    related = multipart("related", [text_part(html, subtype="html"),
                                    file_part(png(32, 12, (0, 90, 160)), "image/png", "logo.png", disposition="inline",
                                              cid="logo-1234@novak.example")],
                        "b07-related", '; type="text/html"')
    parts = [related, file_part(pdf("Thyroid FNA pathology report (sample)"), "application/pdf", "pathology.pdf")]
    return message([("From", "Daniel Novak <daniel@novak.example>"), ("To", CLINIC),
                    ("Subject", "Records review request (thyroid)"), ("Date", date(24, 14, 0)),
                    ("Message-ID", "<sample-07.html-only@novak.example>")],
                   multipart("mixed", parts, "b07-mixed"))


@sample("08-forwarded-hospital-letter.eml")
def forwarded():
    inner = message([("From", "Outpatients <outpatients@st-example-hospital.example>"),
                     ("To", "Priya Shah <priya.shah@example.com>"), ("Subject", "Your clinic letter"),
                     ("Date", date(20, 16, 45)), ("Message-ID", "<letter-7781@st-example-hospital.example>")],
                    multipart("mixed", [text_part("Dear Ms Shah,\n\nPlease find your clinic letter attached.\n\nOutpatients\n"),
                                        file_part(pdf("Clinic letter - rheumatology (sample)"), "application/pdf",
                                                  "clinic-letter.pdf")], "b08-inner"))
    body = """Hello,

I'm forwarding the letter from my rheumatology appointment. I have been diagnosed with
rheumatoid arthritis and offered methotrexate; I would like a second opinion on the diagnosis
and the treatment plan before starting.

I accept the terms and conditions. Email is best for me.

Priya Shah
"""
    fwd = (headers([("Content-Type", "message/rfc822"), ("Content-Disposition", "inline")]) + CRLF
           + inner.decode("utf-8"))
    parts = [text_part(body), fwd]
    return message([("From", "Priya Shah <priya.shah@example.com>"), ("To", CLINIC),
                    ("Subject", "Fwd: Your clinic letter"), ("Date", date(24, 15, 10)),
                    ("Message-ID", "<sample-08.forwarded@example.com>")],
                   multipart("mixed", parts, "b08-mixed"))


@sample("09-outlook-reply-with-quoted-text.eml")
def outlook_reply():
    body = """Hi,

Following my GP's advice below, I'd like a second opinion about my son's asthma: he is 9 and
has needed oral steroids three times this year despite his preventer inhaler. The
respiratory clinic wants to start a biologic. The clinic summary is attached.

I confirm that I accept the terms and conditions. Please phone me on 07700 900456.

Laura Green

From: Dr A. Patel <surgery@example-gp.example>
Sent: 23 November 2026 17:02
To: Laura Green <laura.green@example.co.uk>
Subject: RE: Oliver's asthma

Dear Laura,

You may wish to ask for an independent second opinion before starting the new treatment.
The London clinic at secondopinion@example.org accepts requests by email.

Best wishes,
Dr Patel

> Thank you doctor, should we go ahead with the new injections?
"""
    parts = [text_part(body, charset="windows-1252"),
             file_part(pdf("Respiratory clinic summary (sample)"), "application/pdf", "clinic summary.pdf")]
    return message([("From", "Laura Green <laura.green@example.co.uk>"), ("To", CLINIC),
                    ("Subject", "FW: Oliver's asthma"), ("Date", date(24, 16, 0)),
                    ("Message-ID", "<DB9PR01MB0001.sample-09@DB9PR01MB0001.eurprd01.prod.outlook.com>"),
                    ("Thread-Topic", "Oliver's asthma"), ("X-MS-Has-Attach", "yes")],
                   multipart("mixed", parts, "b09-mixed"))


@sample("10-out-of-office.eml")
def out_of_office():
    body = """Thank you for your email. I am out of the office until Monday 30 November with limited
access to email. For urgent matters please contact my colleague.

Sarah Mitchell
"""
    return message([("From", "Sarah Mitchell <sarah.mitchell@example.net>"), ("To", CLINIC),
                    ("Subject", "Automatic reply: Second opinion enquiry"),
                    ("Date", date(24, 16, 30)), ("Message-ID", "<sample-10.ooo@mail.example.net>"),
                    ("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All"),
                    ("Precedence", "auto_reply")],
                   text_part(body))


@sample("11-delivery-status-notification.eml")
def dsn():
    human = """This is the mail system at host mx.example.org.

I'm sorry to have to inform you that your message could not be delivered to one or more
recipients.

<j.okafor@example.com>: host mx.example.com said: 550 5.1.1 User unknown
"""
    status = """Reporting-MTA: dns; mx.example.org
Arrival-Date: Tue, 24 Nov 2026 11:05:03 +0000

Final-Recipient: rfc822; j.okafor@example.com
Original-Recipient: rfc822; j.okafor@example.com
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 User unknown
"""
    original = """From: Second Medical Opinion <secondopinion@example.org>
To: James Okafor <j.okafor@example.com>
Subject: Your second opinion request SMO-2026-000004
Date: Tue, 24 Nov 2026 11:05:02 +0000
Message-ID: <SMO-2026-000004.ack-1@example.org>
"""
    parts = [text_part(human, encoding="8bit", charset="us-ascii"),
             headers([("Content-Type", "message/delivery-status")]) + CRLF + status.replace("\n", CRLF),
             headers([("Content-Type", "text/rfc822-headers")]) + CRLF + original.replace("\n", CRLF)]
    return message([("From", "Mail Delivery System <MAILER-DAEMON@mx.example.org>"), ("To", CLINIC),
                    ("Subject", "Undelivered Mail Returned to Sender"), ("Date", date(24, 11, 6)),
                    ("Message-ID", "<sample-11.dsn@mx.example.org>"), ("Auto-Submitted", "auto-replied")],
                   multipart("report", parts, "b11-report", "; report-type=delivery-status"))


@sample("12-follow-up-with-case-reference.eml")
def follow_up():
    body = """Hello,

Here is the third image from the MRI that I forgot to send, and I'd prefer the Thursday
morning slot for the call.

Sarah

On Tue, 24 Nov 2026 at 09:16, Second Medical Opinion <secondopinion@example.org> wrote:
> Thank you for your request. Your case reference is SMO-2026-000001.
"""
    parts = [text_part(body), file_part(jpeg("knee axial", blocks=3), "image/jpeg", "knee-axial.jpg")]
    return message([("From", "Sarah Mitchell <sarah.mitchell@example.net>"), ("To", CLINIC),
                    ("Subject", "Re: Your second opinion request SMO-2026-000001"), ("Date", date(24, 17, 45)),
                    ("Message-ID", "<sample-12.follow-up@mail.example.net>"),
                    ("In-Reply-To", "<SMO-2026-000001.ack-1@example.org>"),
                    ("References", "<sample-01.complete@mail.example.net> <SMO-2026-000001.ack-1@example.org>")],
                   multipart("mixed", parts, "b12-mixed"))


@sample("13-zip-of-images.eml")
def zip_images():
    body = """Dear colleagues,

I would like a records and images review for my shoulder: the ultrasound report is attached,
and the ultrasound images are in the zip file (the hospital portal only exports zips).
I suffer from persistent pain and weakness when raising my right arm since a fall in July.

I accept the terms and conditions. Please contact me by email.

Henrik Larsen
"""
    z = zip_of([("shoulder-1.png", png(20, 20, (10, 10, 10))), ("shoulder-2.png", png(20, 20, (60, 60, 60))),
                ("shoulder-3.png", png(20, 20, (120, 120, 120)))])
    parts = [text_part(body),
             file_part(pdf("Shoulder ultrasound report (sample)"), "application/pdf", "ultrasound-report.pdf"),
             file_part(z, "application/zip", "ultrasound-images.zip")]
    return message([("From", "Henrik Larsen <henrik.larsen@example.dk>"), ("To", CLINIC),
                    ("Subject", "Shoulder - request for second opinion"), ("Date", date(25, 8, 30)),
                    ("Message-ID", "<sample-13.zip@example.dk>")],
                   multipart("mixed", parts, "b13-mixed"))


@sample("14-hostile-filenames.eml")
def hostile():
    body = """<script>alert('hi')</script>
I need a second opinion about my blood test results: my ferritin is very high and my
haematologist suspects haemochromatosis. The results are attached.

I accept the terms and conditions.
"""
    parts = [text_part(body),
             file_part(b"root:x:0:0:root:/root:/bin/bash\n", "text/plain", "../../etc/passwd"),
             file_part(pdf("Blood test results (sample)"), "application/pdf", "CON.pdf"),
             file_part(pdf("Ferritin history (sample)"), "application/pdf", "results\u202Efdp.exe"),
             file_part(pdf("Haematology letter (sample)"), "application/pdf", "<img src=x onerror=alert(1)>.pdf")]
    return message([("From", "\"<b>Eve</b> <script>x()</script>\" <eve@example.invalid>"), ("To", CLINIC),
                    ("Subject", "<script>alert(document.cookie)</script> blood results"), ("Date", date(25, 9, 0)),
                    ("Message-ID", "<sample-14.hostile@example.invalid>")],
                   multipart("mixed", parts, "b14-mixed"))


@sample("15-missing-description.eml")
def missing_description():
    body = """Hi,

Please see attached.

I accept the terms and conditions.

Thanks
Mark
"""
    parts = [text_part(body),
             file_part(pdf("Hospital discharge summary (sample)"), "application/pdf", "documents.pdf")]
    return message([("From", "Mark Evans <mark.evans@example.net>"), ("To", CLINIC),
                    ("Subject", "Second opinion"), ("Date", date(25, 9, 30)),
                    ("Message-ID", "<sample-15.missing-description@example.net>")],
                   multipart("mixed", parts, "b15-mixed"))


def large_sample():
    body = "My full hospital record is attached (a large scanned PDF). Please review my hip replacement\n" \
           "options. I accept the terms and conditions.\n"
    parts = [text_part(body),
             file_part(pdf("Large scanned record (sample)", pad=9 * 1024 * 1024), "application/pdf", "scanned-record.pdf")]
    return message([("From", "Alan Price <alan.price@example.net>"), ("To", CLINIC),
                    ("Subject", "Hip replacement second opinion"), ("Date", date(25, 10, 0)),
                    ("Message-ID", "<sample-large@example.net>")],
                   multipart("mixed", parts, "b-large"))


def main():
    args = sys.argv[1:]
    os.makedirs(SAMPLES, exist_ok=True)
    maildir = os.path.join(SAMPLES, "maildir")
    for sub in ("new", "cur", "tmp"):
        d = os.path.join(maildir, sub)
        os.makedirs(d, exist_ok=True)
        for old in os.listdir(d):
            if not old.startswith("."):
                os.remove(os.path.join(d, old))
        open(os.path.join(d, ".gitkeep"), "w").close()
    base = 1795511700  # 2026-11-24T09:15:00Z
    for i, (name, fn) in enumerate(SAMPLES_LIST, 1):
        data = fn()
        with open(os.path.join(SAMPLES, name), "wb") as f:
            f.write(data)
        maildir_name = "%d.M%dP1.sample,S=%d" % (base + i * 60, i, len(data))
        with open(os.path.join(maildir, "new", maildir_name), "wb") as f:
            f.write(data)
        print("%-45s %7d bytes" % (name, len(data)))
    if args[:1] == ["--large"] and len(args) == 2:
        os.makedirs(args[1], exist_ok=True)
        path = os.path.join(args[1], "large-attachment.eml")
        with open(path, "wb") as f:
            f.write(large_sample())
        print(path)


if __name__ == "__main__":
    main()
