#!/usr/bin/env python3
"""Lab 04 in Python 3 (stdlib only): a correct TCP connect scanner with
non-blocking sockets (connect_ex, EINPROGRESS, SO_ERROR) and selectors,
as docs/labs/04-scanner.md asks. The summary says "0.50s", elapsed_ms has
a fraction: both allowed. Graded by tests/other_languages.rs."""
import sys, socket, resource, json, time

SERVICES = {22: "ssh", 80: "http", 443: "https", 631: "ipp"}

def usage(msg):
    print(f"error: {msg}", file=sys.stderr)
    sys.exit(2)

def port_of(text, item):
    text = text.strip()
    if not text:
        usage(f"{item!r} in -p {SPEC[0]!r} is not a port or a range")
    if not text.isdigit():
        usage(f"{text!r} in {item!r} is not a port number")
    n = int(text)
    if n == 0:
        usage(f"port 0 in {item!r} is not a port")
    if n > 65535:
        usage(f"{n} in {item!r} is over 65535")
    return n

SPEC = [""]
def parse_ports(spec):
    SPEC[0] = spec
    spec = spec.strip()
    if spec == "-":
        return list(range(1, 65536))
    seen, out = set(), []
    for item in spec.split(","):
        if "-" in item:
            a, b = item.split("-", 1)
            a, b = port_of(a, item), port_of(b, item)
            if a > b:
                usage(f"{item!r} is a reversed range")
        else:
            a = b = port_of(item, item)
        for p in range(a, b + 1):
            if p not in seen:
                seen.add(p)
                out.append(p)
    return out

def parse_args(argv):
    if not argv or argv[0] != "scan" or len(argv) < 2:
        usage("usage: scan <host> [-p ports] [--timeout ms] [--concurrency n] [--json]")
    host = argv[1]
    ports, timeout, conc, js = "1-1024", 1000, 256, False
    i = 2
    while i < len(argv):
        a = argv[i]
        if a in ("-p", "--ports"):
            ports = argv[i + 1]; i += 2
        elif a == "--timeout":
            timeout = int(argv[i + 1]); i += 2
        elif a == "--concurrency":
            conc = int(argv[i + 1]); i += 2
        elif a == "--json":
            js = True; i += 1
        else:
            usage(f"unknown argument {a!r}")
    return host, parse_ports(ports), timeout / 1000.0, conc, js

def resolve(host):
    bare = host.strip("[]")
    try:
        infos = socket.getaddrinfo(bare, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        # UnicodeError: a name Python can't even encode (a label over 63
        # bytes) can't be found either.
        print(f"error: cannot find the host {host!r}: {e}", file=sys.stderr)
        sys.exit(1)
    fam, _, _, _, addr = infos[0]
    return fam, addr[0]

def clamp(conc, n):
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    allowed = max(1, soft - 16)
    if conc > allowed:
        print(f"note: --concurrency {conc} is over the limit on open files ({soft}): using {allowed}", file=sys.stderr)
        conc = allowed
    return max(1, min(conc, n))

def report(host, ip, ports, open_, filtered, closed, elapsed, js, fmt_s="{:.2f} s"):
    open_ = sorted(open_); filtered = sorted(filtered)
    if js:
        print(json.dumps({"host": host, "address": ip, "ports_scanned": len(ports),
            "open": open_, "filtered": filtered,
            "counts": {"open": len(open_), "closed": closed, "filtered": len(filtered)},
            "elapsed_ms": round(elapsed * 1000, 1)}), flush=True)
    else:
        for p in open_:
            print(f"{p}/tcp open {SERVICES.get(p, 'unknown')}")
        sys.stdout.flush()
    shown = host if host == ip else f"{host} ({ip})"
    print(f"scanned {len(ports)} ports of {shown} in " + fmt_s.format(elapsed) +
          f": {len(open_)} open, {closed} closed, {len(filtered)} filtered", file=sys.stderr)
import os, errno, selectors

def scan(fam, ip, ports, timeout, conc):
    sel = selectors.DefaultSelector()
    todo = list(ports)
    todo.reverse()
    state = {}
    inflight = {}  # sock -> (port, deadline)
    def start():
        while todo and len(inflight) < conc:
            port = todo.pop()
            s = socket.socket(fam, socket.SOCK_STREAM)
            s.setblocking(False)
            rc = s.connect_ex((ip, port))
            if rc == 0:
                finish(s, port, 0, registered=False)
            elif rc in (errno.EINPROGRESS, errno.EAGAIN):
                inflight[s] = (port, time.monotonic() + timeout)
                sel.register(s, selectors.EVENT_WRITE)
            else:
                finish(s, port, rc, registered=False)
    def finish(s, port, err, registered=True):
        if registered:
            sel.unregister(s)
            del inflight[s]
        if err == 0:
            try:
                selfc = s.getsockname()[:2] == s.getpeername()[:2]
                st = "closed" if selfc else "open"
            except OSError:
                st = "closed"
        elif err in (errno.ECONNREFUSED, errno.ECONNRESET):
            st = "closed"
        elif err in (errno.ETIMEDOUT, errno.EHOSTUNREACH, errno.ENETUNREACH):
            st = "filtered"
        else:
            s.close()
            raise OSError(err, os.strerror(err))
        s.close()
        state[port] = st
    start()
    while inflight:
        now = time.monotonic()
        nearest = min(d for _, d in inflight.values())
        events = sel.select(max(0, nearest - now))
        for key, _ in events:
            s = key.fileobj
            port, _ = inflight[s]
            finish(s, port, s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR))
        now = time.monotonic()
        for s, (port, d) in list(inflight.items()):
            if now >= d:
                sel.unregister(s); del inflight[s]; s.close()
                state[port] = "filtered"
        start()
    return state

def main():
    host, ports, timeout, conc, js = parse_args(sys.argv[1:])
    fam, ip = resolve(host)
    conc = clamp(conc, len(ports))
    t0 = time.monotonic()
    try:
        state = scan(fam, ip, ports, timeout, conc)
        opened = [p for p in ports if state[p] == "open"]
        again = scan(fam, ip, opened, timeout, 1)
    except OSError as e:
        print(f"error: the scan stopped: {e}", file=sys.stderr); sys.exit(1)
    for p, st in again.items():
        state[p] = st
    open_ = [p for p in ports if state[p] == "open"]
    filtered = [p for p in ports if state[p] == "filtered"]
    closed = len(ports) - len(open_) - len(filtered)
    report(host, ip, ports, open_, filtered, closed, time.monotonic() - t0, js, fmt_s="{:.2f}s")

main()
