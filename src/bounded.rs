//! Files depeche reads beside the articles (sidecars, labels.toml,
//! claimants.toml, parties.toml): read only when they are regular files of
//! bounded size. A symlink to `/dev/zero` would otherwise fill memory, and
//! a FIFO block every command and the reader before its first frame.

use std::io::{self, Read};
use std::path::Path;

/// The largest settings file read: far above any hand-written one.
pub const MAX_SETTINGS: u64 = 4 << 20;
/// The largest sidecar read: a million annotations fit in a quarter of it.
pub const MAX_SIDECAR: u64 = 1 << 30;
/// The largest dispatch read: far above any news dispatch (a long one is
/// 50 KB), low enough that its text, character index and layout stay
/// within a few GiB of memory.
pub const MAX_DISPATCH: u64 = 256 << 20;

/// The bytes of `path`; `None` when there is no such file. A file that is
/// not regular (FIFO, device, directory) or larger than `max` is an error
/// that says so.
pub fn read(path: &Path, max: u64) -> io::Result<Option<Vec<u8>>> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    if !meta.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"));
    }
    let too_big =
        || io::Error::new(io::ErrorKind::InvalidData, format!("larger than {}, its limit", size(max)));
    if meta.len() > max {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // a file that grew since its size was read is still cut at the limit
    std::fs::File::open(path)?.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(too_big());
    }
    Ok(Some(bytes))
}

/// A settings file's text, as `read` with `MAX_SETTINGS`; not UTF-8 is an
/// error.
pub fn read_text(path: &Path) -> io::Result<Option<String>> {
    let Some(bytes) = read(path, MAX_SETTINGS)? else { return Ok(None) };
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("not UTF-8: {e}")))
}

pub fn size(bytes: u64) -> String {
    if bytes >= 1 << 30 { format!("{} GiB", bytes >> 30) } else { format!("{} MiB", bytes >> 20) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_of_bounded_size_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("parties.toml");
        assert!(read_text(&path).unwrap().is_none(), "absent is no file, not an error");
        std::fs::write(&path, "x = 1").unwrap();
        assert_eq!(read_text(&path).unwrap().as_deref(), Some("x = 1"));
        let err = read_text(dir.path()).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
        #[cfg(unix)]
        {
            let zero = dir.path().join("zero.toml");
            std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
            assert!(read_text(&zero).unwrap_err().to_string().contains("not a regular file"));
        }
        let big = dir.path().join("big.toml");
        std::fs::File::create(&big).unwrap().set_len(MAX_SETTINGS + 1).unwrap();
        assert!(read_text(&big).unwrap_err().to_string().contains("larger than 4 MiB"));
    }
}
