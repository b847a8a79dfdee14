#!/usr/bin/env python3
"""Lab 01 in Python: the hello/time server, as a student might hand it in.

    python3 -u server.py HOST PORT [--once] [--silent]

Graded with
    checker lab1 --server-cmd 'python3 -u server.py {host} {port} {args}'

It prints the ready line `listening on <ip>:<port>` once it listens, unless
told --silent (then the checker sees its socket listening instead).
"""

import argparse
import datetime
import socket
import sys


def main():
    parser = argparse.ArgumentParser(description="Lab 01 hello/time server")
    parser.add_argument("host", help="the address to listen on")
    parser.add_argument("port", type=int, help="the port to listen on")
    parser.add_argument("--once", action="store_true",
                        help="exit after the first connection ends")
    parser.add_argument("--silent", action="store_true",
                        help="print no ready line")
    args = parser.parse_args()

    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as listener:
        # Restarting on the same port must work while old connections
        # linger in TIME_WAIT.
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((args.host, args.port))
        listener.listen()
        if not args.silent:
            host, port = listener.getsockname()[:2]
            shown = f"[{host}]" if family == socket.AF_INET6 else host
            print(f"listening on {shown}:{port}", flush=True)
        while True:
            conn, peer = listener.accept()
            print(f"connection from {peer[0]}:{peer[1]}", file=sys.stderr, flush=True)
            try:
                serve(conn)
            except OSError as e:
                # One client's broken connection must not end the server.
                print(f"connection from {peer[0]}:{peer[1]}: {e}", file=sys.stderr, flush=True)
            if args.once:
                return


def serve(conn):
    """Answers commands, a line each, until Hello or the end of the stream."""
    # makefile() buffers: a line may come in several pieces, or several
    # lines in one piece; readline() sorts that out. Both must be closed
    # for the connection to close.
    with conn, conn.makefile("rb") as lines:
        for raw in lines:  # the last line may lack its "\n"
            command = raw.rstrip(b"\n").removesuffix(b"\r").decode("utf-8", "replace")
            if command == "Hello":
                conn.sendall(b"Hello from server\n")
                return
            if command == "Time":
                # astimezone(): local time, as TZ says, with its offset.
                now = datetime.datetime.now().astimezone()
                conn.sendall((now.isoformat(timespec="seconds") + "\n").encode())
            else:
                conn.sendall(b"Unknown command\n")


if __name__ == "__main__":
    main()
