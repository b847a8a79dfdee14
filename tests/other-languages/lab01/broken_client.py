#!/usr/bin/env python3
"""Lab 01 in Python: a client with one mistake students make. It lets the
exception of a refused connection escape: Python prints a traceback and
exits 1, the equivalent of a Rust program's unwrap() panicking, so the
test `client-refused` fails (it wants a message, not a crash). Everything
else is right.

    python3 -u broken_client.py HOST PORT [--message Hello]
"""

import argparse
import socket


def main():
    parser = argparse.ArgumentParser(description="a broken lab 01 client")
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("--message", default="Hello")
    args = parser.parse_args()
    # mistake: no try/except around the connection
    with socket.create_connection((args.host, args.port)) as conn:
        conn.sendall(args.message.encode() + b"\n")
        with conn.makefile("rb") as lines:
            reply = lines.readline()
    print(reply.rstrip(b"\n").removesuffix(b"\r").decode("utf-8", "replace"))


if __name__ == "__main__":
    main()
