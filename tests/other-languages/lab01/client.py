#!/usr/bin/env python3
"""Lab 01 in Python: the client. Sends one command, prints the reply.

    python3 -u client.py HOST PORT [--message Hello]

Graded with
    checker lab1 --client-cmd 'python3 -u client.py {host} {port} {args}'
"""

import argparse
import socket
import sys


def main():
    parser = argparse.ArgumentParser(description="Lab 01 hello/time client")
    parser.add_argument("host", help="the server's address")
    parser.add_argument("port", type=int, help="the server's port")
    parser.add_argument("--message", default="Hello", help="the command to send")
    args = parser.parse_args()
    try:
        with socket.create_connection((args.host, args.port)) as conn:
            conn.sendall(args.message.encode() + b"\n")
            # The reply may arrive in pieces: read up to its newline.
            with conn.makefile("rb") as lines:
                reply = lines.readline()
    except ConnectionRefusedError:
        print(f"client: {args.host} port {args.port}: connection refused "
              "(is the server running?)", file=sys.stderr)
        sys.exit(1)
    except OSError as e:
        print(f"client: {args.host} port {args.port}: {e}", file=sys.stderr)
        sys.exit(1)
    print(reply.rstrip(b"\n").removesuffix(b"\r").decode("utf-8", "replace"))


if __name__ == "__main__":
    main()
