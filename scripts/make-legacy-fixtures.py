#!/usr/bin/env python3
"""Writes the TNEF and uuencode test fixtures under Tests/MIMEParserTests/Fixtures/legacy/.

A tiny TNEF *writer* (MS-OXTNEF), so that the fixtures are ours and their content is
known exactly; no winmail.dat from the wild. Deterministic: running it again rewrites
identical files. Usage: scripts/make-legacy-fixtures.py
"""
import base64
import binascii
import pathlib
import struct

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests/MIMEParserTests/Fixtures/legacy"

SIGNATURE = 0x223E9F78
LVL_MESSAGE, LVL_ATTACHMENT = 1, 2
# attribute ids (type << 16 | id)
ATT_TNEF_VERSION = 0x00089006
ATT_OEM_CODEPAGE = 0x00069007
ATT_MESSAGE_CLASS = 0x00078008
ATT_ATTACH_REND_DATA = 0x00069002
ATT_ATTACH_TITLE = 0x00018010
ATT_ATTACH_DATA = 0x0006800F
ATT_ATTACHMENT = 0x00069005
# MAPI property types and ids
PT_LONG, PT_STRING8, PT_UNICODE, PT_BINARY, PT_OBJECT, PT_SYSTIME = 0x0003, 0x001E, 0x001F, 0x0102, 0x000D, 0x0040
PR_ATTACH_METHOD, PR_ATTACH_DATA, PR_ATTACH_FILENAME = 0x3705, 0x3701, 0x3704
PR_ATTACH_LONG_FILENAME, PR_ATTACH_MIME_TAG, PR_DISPLAY_NAME = 0x3707, 0x370E, 0x3001
IID_IMESSAGE = bytes.fromhex("0703020000000000c000000000000046")


def attribute(level, attr_id, data):
    checksum = sum(data) & 0xFFFF
    return struct.pack("<BII", level, attr_id, len(data)) + data + struct.pack("<H", checksum)


def pad4(b):
    return b + b"\0" * (-len(b) % 4)


def prop_fixed(ptype, pid, value_bytes):
    return struct.pack("<HH", ptype, pid) + pad4(value_bytes)


def prop_var(ptype, pid, value_bytes):
    return struct.pack("<HHII", ptype, pid, 1, len(value_bytes)) + pad4(value_bytes)


def prop_named_long(guid, name_id, value):
    # a named property (id >= 0x8000) to exercise the skipping of its name
    return struct.pack("<HH", PT_LONG, 0x8001) + guid + struct.pack("<II", 0, name_id) + struct.pack("<I", value)


def props(*items):
    return struct.pack("<I", len(items)) + b"".join(items)


def unicode_z(s):
    return (s + "\0").encode("utf-16-le")


def stream(*attributes, key=0x1234):
    return struct.pack("<IH", SIGNATURE, key) + b"".join(attributes)


def header_attributes():
    return [
        attribute(LVL_MESSAGE, ATT_TNEF_VERSION, struct.pack("<I", 0x00010000)),
        attribute(LVL_MESSAGE, ATT_OEM_CODEPAGE, struct.pack("<II", 1252, 0)),
        attribute(LVL_MESSAGE, ATT_MESSAGE_CLASS, b"IPM.Microsoft Mail.Note\0"),
    ]


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489") + b"\0" * 20
NOTES = "Résumé of the scan, typed by the GP.\r\n".encode("cp1252")


def two_files():
    """A PDF with a long Unicode name (data in attAttachData) and a PNG whose bytes are only
    in PR_ATTACH_DATA_BIN, plus a text file with a Windows-1252 short name."""
    return stream(
        *header_attributes(),
        attribute(LVL_ATTACHMENT, ATT_ATTACH_REND_DATA, b"\x01\x00" + b"\xff" * 12),
        attribute(LVL_ATTACHMENT, ATT_ATTACH_TITLE, b"HOSPIT~1.PDF\0"),
        attribute(LVL_ATTACHMENT, ATT_ATTACH_DATA, PDF),
        attribute(LVL_ATTACHMENT, ATT_ATTACHMENT, props(
            prop_fixed(PT_LONG, PR_ATTACH_METHOD, struct.pack("<I", 1)),
            prop_named_long(b"\x11" * 16, 7, 42),
            prop_var(PT_UNICODE, PR_ATTACH_LONG_FILENAME, unicode_z("Hospital letter — März.pdf")),
            prop_var(PT_STRING8, PR_ATTACH_MIME_TAG, b"application/pdf\0"),
        )),
        attribute(LVL_ATTACHMENT, ATT_ATTACH_REND_DATA, b"\x01\x00" + b"\xff" * 12),
        attribute(LVL_ATTACHMENT, ATT_ATTACH_TITLE, b"XRAY.PNG\0"),
        attribute(LVL_ATTACHMENT, ATT_ATTACHMENT, props(
            prop_var(PT_STRING8, PR_ATTACH_LONG_FILENAME, b"chest x-ray.png\0"),
            prop_fixed(PT_SYSTIME, 0x3007, b"\0" * 8),
            prop_var(PT_BINARY, PR_ATTACH_DATA, PNG),
        )),
        attribute(LVL_ATTACHMENT, ATT_ATTACH_REND_DATA, b"\x01\x00" + b"\xff" * 12),
        attribute(LVL_ATTACHMENT, ATT_ATTACH_TITLE, "résumé.txt\0".encode("cp1252")),
        attribute(LVL_ATTACHMENT, ATT_ATTACH_DATA, NOTES),
    )


def embedded():
    """An attachment that is an embedded message, itself TNEF, carrying a PDF."""
    inner = stream(
        attribute(LVL_ATTACHMENT, ATT_ATTACH_REND_DATA, b"\x01\x00" + b"\xff" * 12),
        attribute(LVL_ATTACHMENT, ATT_ATTACH_TITLE, b"INNER.PDF\0"),
        attribute(LVL_ATTACHMENT, ATT_ATTACH_DATA, PDF),
    )
    return stream(
        *header_attributes(),
        attribute(LVL_ATTACHMENT, ATT_ATTACH_REND_DATA, b"\x01\x00" + b"\xff" * 12),
        attribute(LVL_ATTACHMENT, ATT_ATTACHMENT, props(
            prop_fixed(PT_LONG, PR_ATTACH_METHOD, struct.pack("<I", 5)),
            prop_var(PT_STRING8, PR_DISPLAY_NAME, b"Forwarded referral\0"),
            prop_var(PT_OBJECT, PR_ATTACH_DATA, IID_IMESSAGE + inner),
        )),
    )


def no_files():
    """A TNEF that only carries the message (rich-text body, nothing attached)."""
    return stream(*header_attributes(), attribute(LVL_MESSAGE, 0x0002800C, b"Body only\0"))


def eml_with_tnef(tnef, subject):
    b64 = base64.encodebytes(tnef).decode().replace("\n", "\r\n")
    return (
        "From: Jane Doe <jane@example.org>\r\n"
        "To: secondopinion@example.org\r\n"
        f"Subject: {subject}\r\n"
        "Date: Tue, 24 Nov 2026 09:15:00 +0000\r\n"
        "Message-ID: <tnef-" + subject.replace(" ", "-").lower() + "@example.org>\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
        "--b1\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
        "Please see the attached records.\r\n"
        "--b1\r\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        "Content-Disposition: attachment; filename=\"winmail.dat\"\r\n\r\n"
        + b64 + "--b1--\r\n"
    ).encode()


def uu_block(name, data, mode="644"):
    lines = [f"begin {mode} {name}"]
    for i in range(0, len(data), 45):
        lines.append(binascii.b2a_uu(data[i:i + 45], backtick=True).decode().rstrip("\n"))
    lines += ["`", "end"]
    return "\r\n".join(lines) + "\r\n"


def eml_with_uuencode():
    body = (
        "Dear team,\r\n\r\nmy report and a scan are below.\r\n\r\n"
        + uu_block("report.pdf", PDF)
        + "\r\nand the image:\r\n\r\n"
        + uu_block("scan.png", PNG, mode="0600")
        + "\r\nKind regards,\r\nJane\r\n"
    )
    return (
        "From: Jane Doe <jane@example.org>\r\n"
        "To: secondopinion@example.org\r\n"
        "Subject: records (uuencoded)\r\n"
        "Date: Tue, 24 Nov 2026 09:20:00 +0000\r\n"
        "Message-ID: <uuencode@example.org>\r\n\r\n" + body
    ).encode()


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    files = {
        "two-files.tnef": two_files(),
        "embedded-message.tnef": embedded(),
        "no-files.tnef": no_files(),
        "tnef-two-files.eml": eml_with_tnef(two_files(), "Records from Outlook"),
        "tnef-no-files.eml": eml_with_tnef(no_files(), "Rich text only"),
        "uuencode-two-files.eml": eml_with_uuencode(),
    }
    for name, data in files.items():
        (OUT / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
