"""Reference for `mail-bot fetch`: Python's imaplib copying a mailbox one message at a time.

Logs in over IMAPS, lists the UIDs, then for each one UID FETCH (BODY.PEEK[]) and writes the
bytes to DIR/<uid>.eml; the whole process is timed by the caller, as mail-bot's is.

Usage: imaplib_export.py PORT CAFILE USER PASSWORD DIR
"""
import imaplib
import os
import ssl
import sys

port, cafile, user, password, folder = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
os.makedirs(folder, exist_ok=True)
client = imaplib.IMAP4_SSL("127.0.0.1", port, ssl_context=ssl.create_default_context(cafile=cafile))
client.login(user, password)
client.select("INBOX", readonly=True)
status, data = client.uid("SEARCH", None, "ALL")
uids = data[0].split()
for uid in uids:
    status, data = client.uid("FETCH", uid, "(BODY.PEEK[])")
    if status != "OK":
        raise SystemExit(f"UID {uid}: {status} {data}")
    with open(os.path.join(folder, uid.decode() + ".eml"), "wb") as f:
        f.write(data[0][1])
client.logout()
print(len(uids))
