#!/usr/bin/env python3
"""`q` to exit while the reader is reading the suggestions of one 16 MB dispatch
(the release binary in a pseudo-terminal; the figure of docs/reliability.md).
usage: python3 benches/q_latency.py target/release/depeche RUNS"""
import os, pty, sys, time, tempfile, select, subprocess, signal
BIN, RUNS = sys.argv[1], int(sys.argv[2])
S = ["Selon le ministère de la Santé, {n} personnes ont été tuées et {m} blessées lors des bombardements de la nuit.",
     "Le porte-parole de l'armée a affirmé que {n} combattants avaient été neutralisés près de la frontière.",
     "Plus de {n} familles ont quitté la région depuis le début du mois, selon une organisation humanitaire.",
     "The regional governor said {n} civilians had been killed and {m} wounded in the shelling on Tuesday."]
d = tempfile.mkdtemp(); home = tempfile.mkdtemp()
parts = [" date 2022-05-04 Un très long dossier\n\n"]; n = len(parts[0].encode()); i = 0
while n < (16 << 20):
    s = S[i % 4].replace("{n}", str(10 + i % 977)).replace("{m}", str(3 + i % 89)) + ("\n\n" if i % 3 == 2 else " ")
    parts.append(s); n += len(s.encode()); i += 1
open(os.path.join(d, "2022-05-04_long.txt"), "w").write("".join(parts))
env = dict(os.environ, HOME=home, XDG_DATA_HOME=home + "/data", XDG_CONFIG_HOME=home + "/cfg", TERM="xterm-256color", DEPECHE_INDEX_DIR="off")
for run in range(RUNS):
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(BIN, [BIN, d], env)
    os.write(fd, b"")  # nothing
    import fcntl, termios, struct
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 120, 0, 0))
    buf = b""; t0 = time.time(); state = "frame"; sent = None; first = None
    while True:
        r, _, _ = select.select([fd], [], [], 0.01)
        if r:
            try: chunk = os.read(fd, 65536)
            except OSError: chunk = b""
            buf += chunk
        if state == "frame" and b"Dispatches" in buf:
            first = time.time() - t0; state = "progress"; buf = b""
        elif state == "progress" and b"suggestions of this dispatch" in buf:
            time.sleep(0.3)  # well inside the extraction
            sent = time.time(); os.write(fd, b"q"); state = "quit"
        if state == "quit":
            p, status = os.waitpid(pid, os.WNOHANG)
            if p:
                print(f"run {run}: first frame {first*1000:.0f} ms; q to exit {(time.time()-sent)*1000:.1f} ms")
                break
        if time.time() - t0 > 120:
            os.kill(pid, signal.SIGKILL); print("timeout", state); os.waitpid(pid, 0); break
    os.close(fd)
