#!/usr/bin/env python3
"""Lab 01 in Python, written another way: one thread, asyncio, every client
at once, replies ending in \\r\\n (the handout allows it), no ready line.

    python3 -u server_asyncio.py HOST PORT [--once]

A correct server that looks nothing like the Rust solution: the checker
must give it full marks all the same.
"""

import argparse
import asyncio
import datetime
import sys

MAX_LINE = 1024


def respond(command):
    """The reply line to one command, and whether to close after it."""
    if command == b"Hello":
        return b"Hello from server", True
    if command == b"Time":
        now = datetime.datetime.now().astimezone()
        return now.isoformat(timespec="seconds").encode(), False
    return b"Unknown command", False


async def read_command(reader):
    """One line without its \\n or \\r\\n, cut at MAX_LINE bytes (the rest
    skipped); None at end of stream."""
    try:
        line = await reader.readuntil(b"\n")
    except asyncio.IncompleteReadError as e:
        # End of stream: a last line without "\n" still counts.
        return e.partial.removesuffix(b"\r") if e.partial else None
    except asyncio.LimitOverrunError:
        # Over MAX_LINE: keep the first MAX_LINE bytes, skip to the newline.
        line = await reader.readexactly(MAX_LINE)
        while True:
            try:
                await reader.readuntil(b"\n")
                break
            except asyncio.LimitOverrunError as e:
                await reader.readexactly(e.consumed)
            except asyncio.IncompleteReadError:
                break
        return line
    return line.removesuffix(b"\n").removesuffix(b"\r")


async def serve(reader, writer):
    peer = writer.get_extra_info("peername")
    print(f"{peer} connected", file=sys.stderr)
    try:
        while (command := await read_command(reader)) is not None:
            text, close = respond(command)
            writer.write(text + b"\r\n")
            await writer.drain()
            if close:
                break
    except OSError as e:
        print(f"{peer}: {e}", file=sys.stderr)
    finally:
        writer.close()


async def main():
    parser = argparse.ArgumentParser(description="Lab 01 server, asyncio")
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("--once", action="store_true")
    args = parser.parse_args()
    finished = asyncio.Event()

    async def connection(reader, writer):
        await serve(reader, writer)
        finished.set()

    server = await asyncio.start_server(
        connection, args.host, args.port, reuse_address=True, limit=MAX_LINE
    )
    async with server:
        if args.once:
            await finished.wait()
        else:
            await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
