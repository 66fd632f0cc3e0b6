"""Reference client for transport-bench: Python's imaplib fetching one message at a time.

Usage: imaplib_fetch.py PORT CAFILE USER PASSWORD UID...  (ranges "a-b" allowed)
Prints "<messages> <bytes> <seconds>" for the fetch loop only (login and SELECT excluded).
"""
import imaplib
import ssl
import sys
import time

port, cafile, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
uids = []
for arg in sys.argv[5:]:
    if "-" in arg:
        a, b = arg.split("-")
        uids.extend(range(int(a), int(b) + 1))
    else:
        uids.append(int(arg))
context = ssl.create_default_context(cafile=cafile)
client = imaplib.IMAP4_SSL("127.0.0.1", port, ssl_context=context)
client.login(user, password)
client.select("INBOX")
total = 0
start = time.perf_counter()
for uid in uids:
    status, data = client.uid("FETCH", str(uid), "(BODY.PEEK[])")
    if status != "OK":
        raise SystemExit(f"UID {uid}: {status} {data}")
    total += len(data[0][1])
elapsed = time.perf_counter() - start
client.logout()
print(len(uids), total, f"{elapsed:.6f}")
