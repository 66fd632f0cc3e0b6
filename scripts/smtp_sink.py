#!/usr/bin/env python3
"""A loopback SMTP server for mail-intake's tests, on aiosmtpd (Debian: python3-aiosmtpd).

Stores every accepted message in --dir as N.eml (the raw DATA bytes, dot-stuffing undone)
and N.json (the envelope: mail_from, rcpt_tos), N counting from 1. It binds 127.0.0.1 on a
port the kernel picks and writes that port to --ready-file once it accepts connections, so
the tests never race for a port.

Modes:
  plain     no TLS (the client must allow plaintext)
  starttls  TLS required via STARTTLS (--cert/--key)
  smtps     TLS from the first byte (--cert/--key)
  hang      accept connections and never say a word (for timeout tests)
Options: --user/--password require AUTH PLAIN or LOGIN with these; --reject ADDR answers 550
to RCPT TO:<ADDR> (repeatable).
"""
import argparse
import asyncio
import json
import os
import signal
import socket
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Sink:
    def __init__(self, folder, rejected):
        self.folder = folder
        self.rejected = {a.lower() for a in rejected}
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.rejected:
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.folder, str(self.count))
        raw = envelope.original_content or envelope.content
        # Write the .json last and by rename: a test that sees it knows the .eml is complete.
        with open(base + ".eml", "wb") as f:
            f.write(raw)
        with open(base + ".json.tmp", "w") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                       "auth": session.authenticated}, f)
        os.rename(base + ".json.tmp", base + ".json")
        return "250 2.0.0 stored as %d" % self.count


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login.decode() == user and auth_data.password.decode() == password)
        return AuthResult(success=ok, handled=False)
    return check


async def hang(reader, writer):
    await asyncio.sleep(3600)


async def main(args):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", args.port))
    loop = asyncio.get_running_loop()
    context = None
    if args.mode in ("starttls", "smtps"):
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
    if args.mode == "hang":
        server = await asyncio.start_server(hang, sock=listener)
    else:
        sink = Sink(args.dir, args.reject)
        options = dict(hostname="sink.localhost", decode_data=False, timeout=30)
        if args.user is not None:
            # aiosmtpd only knows about TLS it negotiated itself (STARTTLS); under smtps the
            # socket is TLS from the start, so its "AUTH needs TLS" check must be off there.
            options.update(auth_required=True, auth_require_tls=(args.mode == "starttls"),
                           authenticator=authenticator(args.user, args.password or ""))
        if args.mode == "starttls":
            options.update(tls_context=context, require_starttls=True)
        server = await loop.create_server(
            lambda: SMTP(sink, **options), sock=listener,
            ssl=context if args.mode == "smtps" else None)
    port = listener.getsockname()[1]
    with open(args.ready_file + ".tmp", "w") as f:
        f.write(str(port))
    os.rename(args.ready_file + ".tmp", args.ready_file)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True)
    parser.add_argument("--ready-file", required=True)
    parser.add_argument("--mode", choices=["plain", "starttls", "smtps", "hang"], default="plain")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--reject", action="append", default=[])
    parser.add_argument("--port", type=int, default=0, help="listen here (default: a free port)")
    arguments = parser.parse_args()
    # A parent that blocks SIGTERM in its threads (Swift's test runner) passes the mask on.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    try:
        asyncio.run(main(arguments))
    except KeyboardInterrupt:
        sys.exit(0)
