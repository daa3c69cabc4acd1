//! The real binary in a pseudo-terminal (portable-pty + vt100), shared by
//! the end-to-end tests.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::mpsc;

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// A running `depeche` and what it has drawn so far.
pub struct Pty {
    pub parser: vt100::Parser,
    pub rx: mpsc::Receiver<Vec<u8>>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    /// Keep it as long as the child runs: dropping it hangs the child up.
    pub master: Box<dyn MasterPty + Send>,
}

/// Starts `depeche DIR` in a `rows`×`cols` terminal, with its data and
/// config folders under `home` and the extra environment `env`.
pub fn spawn(dir: &Path, home: &Path, rows: u16, cols: u16, env: &[(&str, &str)]) -> Pty {
    let pair = native_pty_system().openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_depeche"));
    cmd.arg(dir);
    cmd.env("TERM", "xterm-256color");
    cmd.env("XDG_DATA_HOME", home.join("data"));
    cmd.env("XDG_CONFIG_HOME", home.join("config"));
    cmd.env_remove("NO_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let child = pair.slave.spawn_command(cmd).unwrap();
    // Without this the reader below never sees the end of the output.
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let writer = pair.master.take_writer().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let nz = |n| NonZeroU16::new(n).unwrap();
    Pty { parser: vt100::Parser::new(nz(rows), nz(cols), 0), rx, writer, child, master: pair.master }
}

// each test binary takes the helpers it needs of this shared module
#[allow(dead_code)]
impl Pty {
    /// Reads whatever the reader drew since the last call.
    pub fn pump(&mut self) {
        while let Ok(bytes) = self.rx.try_recv() {
            self.parser.process(&bytes);
        }
    }

    /// Waits up to 30 s for `needle` on the screen; fails naming `what`.
    pub fn wait_screen(&mut self, what: &str, needle: &str) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        loop {
            if let Ok(bytes) = self.rx.recv_timeout(std::time::Duration::from_millis(20)) {
                self.parser.process(&bytes);
            }
            self.pump();
            if self.parser.screen().contents().contains(needle) {
                return;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "timed out waiting for {what}:\n{}",
                self.parser.screen().contents()
            );
        }
    }

    /// Types `keys` one byte at a time, `pause` after each.
    pub fn send(&mut self, keys: &str, pause: std::time::Duration) {
        for b in keys.as_bytes().chunks(1) {
            self.writer.write_all(b).unwrap();
            self.writer.flush().unwrap();
            std::thread::sleep(pause);
            self.pump();
        }
    }
}
