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
