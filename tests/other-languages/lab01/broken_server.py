#!/usr/bin/env python3
"""Lab 01 in Python, with two mistakes students make (the kit's tests check
that the checker catches exactly these):

- one recv() is taken for one command: a command that arrives in pieces,
  or several commands in one piece, get "Unknown command" (the tests
  `fragments` and `several-in-one-write` fail);
- it binds '' (every address) instead of the host it was told (the test
  `server-host` fails).

Everything else is right. It prints no ready line.

    python3 -u broken_server.py HOST PORT [--once]
"""

import argparse
import datetime
import socket


def main():
    parser = argparse.ArgumentParser(description="a broken lab 01 server")
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("--once", action="store_true")
    args = parser.parse_args()
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("", args.port))  # mistake: every address, not args.host
        listener.listen()
        while True:
            conn, _ = listener.accept()
            with conn:
                try:
                    serve(conn)
                except OSError:
                    pass
            if args.once:
                return


def serve(conn):
    while True:
        data = conn.recv(1024)  # mistake: one recv() is not one line
        if not data:
            return
        command = data.decode("utf-8", "replace").strip()
        if command == "Hello":
            conn.sendall(b"Hello from server\n")
            return
        if command == "Time":
            now = datetime.datetime.now().astimezone()
            conn.sendall((now.isoformat(timespec="seconds") + "\n").encode())
        else:
            conn.sendall(b"Unknown command\n")


if __name__ == "__main__":
    main()
