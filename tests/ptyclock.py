#!/usr/bin/env python3
"""ptyclock: time to first screen, and CPU per key, of a program in a pty.

  ptyclock.py [--cols C] [--rows R] --ready REGEX [--keys "K K*N ..."]
              [--idle-ms MS] [--timeout S] [--env K=V]... -- COMMAND [ARG]...

Starts COMMAND in a new pseudo-terminal of C x R and reports, as one line of
JSON on standard output:

  first_ms    from the fork to the end of the burst of output in which REGEX
              (Python bytes regex) first appeared: the first screen shown
  settle_ms   from the fork until the program is quiet, no output and no CPU
              for --idle-ms: the load finished, even one done in the
              background after the first screen
  cpu_first_ms, cpu_settle_ms   its CPU time at those two moments, to the
              clock tick (/proc/PID/stat: ended threads counted)
  keys        per key sent after settling: bytes written back and the CPU
              the program spent until it was quiet again (ms, to the
              nanosecond: /proc/PID/task/*/schedstat, the live threads)

Keys: a single character as is; SPACE ENTER TAB ESC DOWN UP PGDN PGUP; any
token as TOKEN*N repeats it.  The program is then sent SIGTERM, and SIGKILL
if it lingers: only the child started here, by its pid.  Used by
tests/bench.sh; ttybench (shared/tools) counts the bytes.
"""
import argparse
import fcntl
import glob
import json
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time

NAMED = {"SPACE": b" ", "ENTER": b"\r", "TAB": b"\t", "ESC": b"\x1b",
         "DOWN": b"\x1b[B", "UP": b"\x1b[A", "PGDN": b"\x1b[6~",
         "PGUP": b"\x1b[5~"}


def cpu_ns(pid):
    """CPU time of every thread of PID so far, in nanoseconds."""
    total = 0
    for f in glob.glob("/proc/%d/task/*/schedstat" % pid):
        try:
            with open(f) as h:
                total += int(h.read().split()[0])
        except (OSError, ValueError, IndexError):
            pass
    return total


def cpu_total_ms(pid):
    """CPU time of PID so far in ms, threads that have ended included, to
    the clock tick (/proc/PID/stat utime + stime)."""
    try:
        with open("/proc/%d/stat" % pid) as h:
            f = h.read().rsplit(")", 1)[1].split()
        return (int(f[11]) + int(f[12])) * 1000 / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def keys(spec):
    out = []
    for tok in (spec or "").split():
        n = 1
        m = re.match(r"^(.+)\*(\d+)$", tok)
        if m:
            tok, n = m.group(1), int(m.group(2))
        out += [NAMED.get(tok, tok.encode())] * n
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cols", type=int, default=80)
    ap.add_argument("--rows", type=int, default=24)
    ap.add_argument("--ready", required=True)
    ap.add_argument("--keys")
    ap.add_argument("--idle-ms", type=float, default=60)
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--env", action="append", default=[])
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    env = dict(os.environ, TERM=os.environ.get("TERM_BENCH",
                                               "xterm-256color"))
    for kv in a.env:
        k, _, v = kv.partition("=")
        env[k] = v
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ,
                struct.pack("HHHH", a.rows, a.cols, 0, 0))
    t0 = time.monotonic()
    child = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave,
                             env=env, start_new_session=True,
                             preexec_fn=lambda: fcntl.ioctl(
                                 0, termios.TIOCSCTTY, 0))
    os.close(slave)
    pid = child.pid
    deadline = t0 + a.timeout
    idle = a.idle_ms / 1000
    seen = bytearray()
    res = {"cmd": cmd, "cols": a.cols, "rows": a.rows}

    def read_until_quiet(want_cpu_quiet):
        """Read until no output (and, if asked, no CPU) for idle; return
        (bytes read, time of the last byte or None)."""
        got, last, t_last_change = 0, None, time.monotonic()
        c_prev = cpu_ns(pid)
        while time.monotonic() < deadline:
            r, _, _ = select.select([master], [], [], idle / 4)
            now = time.monotonic()
            if r:
                try:
                    d = os.read(master, 65536)
                except OSError:
                    d = b""
                if not d:
                    break
                got += len(d)
                seen.extend(d)
                last = t_last_change = now
                continue
            if want_cpu_quiet:
                c = cpu_ns(pid)
                # Under half a millisecond is a timer's wake-up, not work.
                if c - c_prev > 500000:
                    t_last_change = now
                c_prev = c
            if now - t_last_change >= idle:
                break
        return got, last

    ready = re.compile(a.ready.encode())
    try:
        while time.monotonic() < deadline and not ready.search(seen):
            r, _, _ = select.select([master], [], [], 0.5)
            if r:
                try:
                    d = os.read(master, 65536)
                except OSError:
                    d = b""
                if not d:
                    break
                seen.extend(d)
        if not ready.search(seen):
            res["error"] = "never saw %r" % a.ready
            print(json.dumps(res))
            return 1
        # The end of the burst that drew the screen: 10 ms without a byte.
        t_first = time.monotonic()
        while True:
            r, _, _ = select.select([master], [], [], 0.01)
            if not r:
                break
            try:
                d = os.read(master, 65536)
            except OSError:
                break
            if not d:
                break
            seen.extend(d)
            t_first = time.monotonic()
        res["first_ms"] = round((t_first - t0) * 1000, 1)
        res["cpu_first_ms"] = cpu_total_ms(pid)
        _, last = read_until_quiet(True)
        res["settle_ms"] = round(((last or t_first) - t0) * 1000, 1)
        res["cpu_settle_ms"] = cpu_total_ms(pid)
        res["keys"] = []
        for k in keys(a.keys):
            c0 = cpu_ns(pid)
            os.write(master, k)
            got, _ = read_until_quiet(True)
            res["keys"].append({"key": k.decode("latin-1"), "bytes": got,
                                "cpu_ms": round((cpu_ns(pid) - c0) / 1e6,
                                                3)})
    finally:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            if child.poll() is not None:
                break
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                break
            try:
                child.wait(1)
            except subprocess.TimeoutExpired:
                pass
        os.close(master)
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
