#!/usr/bin/env python3
"""The reader in a pseudo-terminal on a folder: time to its first frame, then
from `q` to the end of the process (docs/performance.md, session 7).
usage: python3 benches/quit_time.py target/release/depeche DIR RUNS (DEPECHE_INDEX_DIR is kept)"""
import os, pty, sys, time, select, signal, fcntl, termios, struct, tempfile
BIN, D, RUNS = sys.argv[1], sys.argv[2], int(sys.argv[3])
home = tempfile.mkdtemp()
env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=home + "/cfg", TERM="xterm-256color")
for run in range(RUNS):
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(BIN, [BIN, D], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 48, 160, 0, 0))
    buf = b""; t0 = time.time(); first = None; sent = None
    while True:
        r, _, _ = select.select([fd], [], [], 0.005)
        if r:
            try: buf += os.read(fd, 1 << 20)
            except OSError: pass
        if first is None and b"Dispatches" in buf:
            first = time.time() - t0
            time.sleep(1.0)
            sent = time.time(); os.write(fd, b"q")
        if sent:
            p, _ = os.waitpid(pid, os.WNOHANG)
            if p:
                print(f"run {run}: first frame {first*1000:.0f} ms; q to exit {(time.time()-sent)*1000:.0f} ms"); break
        if time.time() - t0 > 300:
            os.kill(pid, signal.SIGKILL); os.waitpid(pid, 0); print("timeout"); break
    os.close(fd)
