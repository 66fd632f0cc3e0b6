#!/usr/bin/env python3
"""A TCP proxy in front of a plain-IMAP server (Dovecot on loopback) that misbehaves on demand,
for the fault tests: everything passes through byte for byte, except what the control file
asks for. The file is re-read on every client line, so a test changes the fault while the
daemon runs.

Control file (one line):
  pass                 forward everything
  stall-fetch UID      swallow every "UID FETCH UID (... BODY.PEEK[] ...)": the server never
                       sees it, the client never gets an answer (a message whose fetch stalls)
  stall-fetch-once UID swallow only the first such FETCH (a transient stall); later ones pass
  trickle-fetch UID MS forward such a FETCH, then pass the server's answer on one byte every
                       MS milliseconds (never silent long enough for a stall timeout)
  hang-on-fetch UID S  on such a FETCH, the whole server goes silent for S seconds: new
                       connections get no greeting and no command is answered (a server that
                       is unreachable altogether), then everything passes again

Every swallowed or trickled FETCH and every hang appends a line to --events (a test counts them).
Writes the port it listens on to --ready-file. Never listens beyond 127.0.0.1.
"""

import argparse
import asyncio
import os
import re
import time

FETCH = re.compile(rb"^\S+ UID FETCH (\d+) \(.*BODY\.PEEK\[\]", re.IGNORECASE)


class Faults:
    def __init__(self, control, events):
        self.control = control
        self.events = events
        self.silent_until = 0.0
        self.stalled_once = set()

    def mode(self):
        try:
            with open(self.control) as f:
                return f.read().split()
        except OSError:
            return ["pass"]

    def note(self, text):
        with open(self.events, "a") as f:
            f.write(text + "\n")

    def silent(self):
        return time.monotonic() < self.silent_until

    async def wait_while_silent(self):
        while self.silent():
            await asyncio.sleep(0.05)

    def judge(self, line, connection):
        """What to do with one client line: 'forward' or 'swallow' (or set `connection`'s trickle)."""
        match = FETCH.match(line)
        if not match:
            return "forward"
        uid = match.group(1).decode()
        mode = self.mode()
        if len(mode) >= 2 and mode[0] == "stall-fetch" and mode[1] == uid:
            self.note("stalled " + uid)
            return "swallow"
        if len(mode) >= 2 and mode[0] == "stall-fetch-once" and mode[1] == uid and uid not in self.stalled_once:
            self.stalled_once.add(uid)
            self.note("stalled " + uid)
            return "swallow"
        if len(mode) >= 3 and mode[0] == "trickle-fetch" and mode[1] == uid:
            connection["trickle"] = float(mode[2]) / 1000
            self.note("trickled " + uid)
            return "forward"
        if len(mode) >= 3 and mode[0] == "hang-on-fetch" and mode[1] == uid:
            self.silent_until = time.monotonic() + float(mode[2])
            self.note("hang " + uid)
            return "swallow"
        return "forward"


async def pipe_server_to_client(reader, writer, faults, connection):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            await faults.wait_while_silent()
            if connection["trickle"]:
                for i in range(len(data)):
                    writer.write(data[i : i + 1])
                    await writer.drain()
                    await asyncio.sleep(connection["trickle"])
                continue
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        writer.close()


async def pipe_client_to_server(reader, writer, faults, connection):
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            await faults.wait_while_silent()
            if faults.judge(line, connection) == "swallow":
                continue
            writer.write(line)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        writer.close()


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--upstream-port", type=int, required=True)
    parser.add_argument("--control", required=True)
    parser.add_argument("--events", required=True)
    parser.add_argument("--ready-file", required=True)
    args = parser.parse_args()
    faults = Faults(args.control, args.events)

    async def handle(client_reader, client_writer):
        # A silent server does not even greet.
        await faults.wait_while_silent()
        try:
            server_reader, server_writer = await asyncio.open_connection("127.0.0.1", args.upstream_port)
        except OSError:
            client_writer.close()
            return
        connection = {"trickle": 0}
        await asyncio.gather(
            pipe_client_to_server(client_reader, server_writer, faults, connection),
            pipe_server_to_client(server_reader, client_writer, faults, connection),
        )

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    with open(args.ready_file + ".tmp", "w") as f:
        f.write(str(port))
    os.rename(args.ready_file + ".tmp", args.ready_file)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
