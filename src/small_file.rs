//! The project's small text files (labels.toml, claimants.toml,
//! parties.toml): read only when they are regular files of bounded size. A
//! symlink to `/dev/zero` would otherwise fill memory, and a FIFO block the
//! reader before its first frame.

use std::io::{self, Read};
use std::path::Path;

/// The largest settings file read: far above any hand-written one.
pub const MAX_BYTES: u64 = 4 << 20;

/// The text of `path`; `None` when there is no such file. A file that is
/// not regular (FIFO, device, directory), larger than `MAX_BYTES` or not
/// UTF-8 is an error that says so.
pub fn read(path: &Path) -> io::Result<Option<String>> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    if !meta.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"));
    }
    if meta.len() > MAX_BYTES {
        let limit = format!("larger than {} MiB, the limit for a settings file", MAX_BYTES >> 20);
        return Err(io::Error::new(io::ErrorKind::InvalidData, limit));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // a file that grew since its size was read is still cut at the limit
    std::fs::File::open(path)?.take(MAX_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "grew past the limit while read"));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("not UTF-8: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_of_bounded_size_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("parties.toml");
        assert!(read(&path).unwrap().is_none(), "absent is no file, not an error");
        std::fs::write(&path, "x = 1").unwrap();
        assert_eq!(read(&path).unwrap().as_deref(), Some("x = 1"));
        let err = read(dir.path()).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
        #[cfg(unix)]
        {
            let zero = dir.path().join("zero.toml");
            std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
            assert!(read(&zero).unwrap_err().to_string().contains("not a regular file"));
        }
        let big = dir.path().join("big.toml");
        std::fs::File::create(&big).unwrap().set_len(MAX_BYTES + 1).unwrap();
        assert!(read(&big).unwrap_err().to_string().contains("larger than"));
    }
}
