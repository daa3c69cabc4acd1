//! The list of a folder's dispatches as the last start through the index
//! left it: a file beside the index (`NAME.sqlite.catalog`), in the list's
//! order, mapped into memory rather than read. A reader of a million
//! dispatches draws its first frame from the few rows on screen: nothing
//! is done per dispatch before it, and a row is read when it is used.
//!
//! It holds what the index held at one generation of its records (each
//! write of records moves the generation) and the folder's entries as they
//! were (the folder's modification time, which a file created, renamed or
//! removed moves): when either has moved on, the catalog is not used and
//! the next start through the index writes it anew. What it cannot see (a
//! file's bytes changed in place) is checked after the first frame. It is only ever replaced whole (a rename), never written in
//! place, so a mapping of it stays what it was when opened.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::corpus::{Article, ArticleMeta, Lang, MetaSource};
use crate::date::PartialDate;
use crate::text::CharIndex;

const MAGIC: &[u8; 8] = b"DPCATv03";
/// Bytes per row (see [`Catalog::write`] for the fields).
const ROW: usize = 40;
/// Bytes per entry of the names' order: the row, flags, the name's offset
/// and length, then what the check after the first frame reads (size,
/// time, reading time), so that it reads this section and the names and
/// nothing else of a million rows.
const BY_NAME: usize = 40;
const NONE: u32 = u32::MAX;
const NO_DATE: i64 = i64::MIN;
const HAS_SIDECAR: u8 = 1;
const SYMLINK: u8 = 2;

/// The catalog file of the index at `index`.
pub fn path_for(index: &Path) -> PathBuf {
    let mut name = index.as_os_str().to_owned();
    name.push(".catalog");
    PathBuf::from(name)
}

/// A catalog opened (mapped) for one folder.
pub struct Catalog {
    map: memmap2::Mmap,
    len: usize,
    rows_at: usize,
    by_name_at: usize,
    strings_at: usize,
    strings_len: usize,
    encodings: Vec<&'static str>,
    /// The rows of the dispatches with a sidecar, in order.
    pub with_sidecar: Vec<usize>,
    /// The files skipped when it was made, with why.
    pub warnings: Vec<(OsString, String)>,
    /// The folder as the user named it: a dispatch's path is this joined
    /// with its file name.
    pub dir: PathBuf,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog").field("len", &self.len).field("dir", &self.dir).finish()
    }
}

/// What a catalog vouches by: the index's generation, the folder's
/// modification time (ns) when the scan that made it began, and when it
/// was made. A folder changed within moments of that is in doubt (a change
/// in the same clock tick would not show), as a file is for the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub generation: i64,
    pub folder: i64,
    pub made_at: i64,
}

/// The modification time of the folder `dir` (ns).
pub fn folder_time(dir: &Path) -> Option<i64> {
    std::fs::metadata(dir).ok().map(|m| super::stamp::mtime_ns(&m))
}

/// What a dispatch's row says besides its metadata.
pub struct Entry<'a> {
    pub article: &'a Article,
    /// Whether the folder held its sidecar.
    pub has_sidecar: bool,
    /// Whether its file is a symbolic link (its target may change unseen).
    pub symlink: bool,
    /// The file's size, time and reading time (ns) the index vouched by.
    pub stamp: (i64, i64, i64),
}

impl Catalog {
    /// Writes the catalog of `entries` (in the list's order) for the
    /// index's `generation`, by `program`, atomically. A row: the offsets
    /// and lengths (u32) of the file name, the title and the outlet in the
    /// strings; the date (YYYYMMDD, i64); the date's and the outlet's
    /// sources, the language, the encoding (u8 codes); flags. The rows in
    /// the order of their names follow ([`BY_NAME`]), then the strings:
    /// every name first, then titles and outlets.
    pub fn write(
        path: &Path,
        stamp: Stamp,
        program: &str,
        entries: &[Entry],
        warnings: &[(OsString, String)],
    ) -> std::io::Result<()> {
        let too_big = || std::io::Error::other("the catalog would exceed 4 GiB of strings");
        let mut strings: Vec<u8> = Vec::new();
        let mut add = |s: &[u8]| -> std::io::Result<(u32, u32)> {
            let at = u32::try_from(strings.len()).map_err(|_| too_big())?;
            strings.extend_from_slice(s);
            Ok((at, u32::try_from(s.len()).map_err(|_| too_big())?))
        };
        let mut encodings: Vec<&'static str> = Vec::new();
        let mut rows = Vec::with_capacity(entries.len() * ROW);
        let mut names: Vec<(&[u8], u32)> = Vec::with_capacity(entries.len());
        let mut placed = Vec::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            let name = e.article.path.file_name().unwrap_or_default().as_encoded_bytes();
            names.push((name, i as u32));
            placed.push(add(name)?);
        }
        for (e, &(name_at, name_len)) in entries.iter().zip(&placed) {
            let a = e.article;
            let (title_at, title_len) = add(a.meta.title.as_bytes())?;
            let (outlet_at, outlet_len) = match &a.meta.outlet {
                Some(o) => add(o.as_bytes())?,
                None => (NONE, NONE),
            };
            let encoding = match encodings.iter().position(|e| *e == a.encoding) {
                Some(k) => k,
                None => {
                    encodings.push(a.encoding);
                    encodings.len() - 1
                }
            };
            let encoding = u8::try_from(encoding).map_err(|_| std::io::Error::other("too many encodings"))?;
            for v in [name_at, name_len, title_at, title_len, outlet_at, outlet_len] {
                rows.extend_from_slice(&v.to_le_bytes());
            }
            rows.extend_from_slice(&a.meta.date.map_or(NO_DATE, super::stamp::pack_date).to_le_bytes());
            rows.extend_from_slice(&[
                a.meta.date_source.code() as u8,
                a.meta.outlet_source.code() as u8,
                a.meta.lang.code() as u8,
                encoding,
                flags(e),
                0,
                0,
                0,
            ]);
        }
        names.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut head = Vec::new();
        head.extend_from_slice(MAGIC);
        for v in [stamp.generation, stamp.folder, stamp.made_at] {
            head.extend_from_slice(&v.to_le_bytes());
        }
        put_str(&mut head, program.as_bytes());
        head.extend_from_slice(&(encodings.len() as u32).to_le_bytes());
        for e in &encodings {
            put_str(&mut head, e.as_bytes());
        }
        let with_sidecar: Vec<u32> =
            (0..entries.len() as u32).filter(|&i| entries[i as usize].has_sidecar).collect();
        head.extend_from_slice(&(with_sidecar.len() as u32).to_le_bytes());
        for i in with_sidecar {
            head.extend_from_slice(&i.to_le_bytes());
        }
        head.extend_from_slice(&(warnings.len() as u32).to_le_bytes());
        for (name, message) in warnings {
            put_str(&mut head, name.as_encoded_bytes());
            put_str(&mut head, message.as_bytes());
        }
        // Then: the count and the sections' places (filled in below).
        let places = head.len();
        head.extend_from_slice(&[0; 8 * 5]);
        let rows_at = head.len();
        let by_name_at = rows_at + rows.len();
        let strings_at = by_name_at + BY_NAME * names.len();
        for (k, v) in [entries.len(), rows_at, by_name_at, strings_at, strings.len()].into_iter().enumerate()
        {
            head[places + 8 * k..places + 8 * k + 8].copy_from_slice(&(v as u64).to_le_bytes());
        }
        let tmp = temporary(path);
        let written = (|| {
            let mut f = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
            f.write_all(&head)?;
            f.write_all(&rows)?;
            for &(_, i) in &names {
                let e = &entries[i as usize];
                f.write_all(&i.to_le_bytes())?;
                f.write_all(&[flags(e), 0, 0, 0])?;
                f.write_all(&placed[i as usize].0.to_le_bytes())?;
                f.write_all(&placed[i as usize].1.to_le_bytes())?;
                for v in [e.stamp.0, e.stamp.1, e.stamp.2] {
                    f.write_all(&v.to_le_bytes())?;
                }
            }
            f.write_all(&strings)?;
            f.into_inner().map_err(|e| e.into_error())?.sync_all()?;
            std::fs::rename(&tmp, path)
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        written
    }

    /// The catalog at `path` if it was made by `program` at the index's
    /// `generation` (else it no longer says what the index says), for the
    /// folder `dir`; with `folder`, only if the folder's entries are still
    /// those it saw (see [`Stamp`]).
    pub fn open(
        path: &Path,
        program: &str,
        generation: i64,
        folder: Option<i64>,
        dir: &Path,
    ) -> Option<Catalog> {
        let file = std::fs::File::open(path).ok()?;
        // Safety: a catalog is replaced by a rename, never written in place
        // (see the module's comment): the mapped file does not change.
        let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
        // Rows are read where the list stands, names by halving: pages
        // around each are not wanted.
        let _ = map.advise(memmap2::Advice::Random);
        let mut r = Reader { bytes: &map[..], at: 8 };
        let stamp = Stamp { generation: r.i64()?, folder: r.i64()?, made_at: r.i64()? };
        let same_folder =
            folder.is_none_or(|f| super::stamp::vouches((stamp.folder, stamp.folder, stamp.made_at), (f, f)));
        if map.get(..8)? != MAGIC
            || stamp.generation != generation
            || !same_folder
            || r.str()? != program.as_bytes()
        {
            return None;
        }
        let mut encodings = Vec::new();
        for _ in 0..r.u32()? {
            let name = std::str::from_utf8(r.str()?).ok()?;
            encodings.push(encoding_rs::Encoding::for_label(name.as_bytes())?.name());
        }
        let mut with_sidecar = Vec::new();
        for _ in 0..r.u32()? {
            with_sidecar.push(r.u32()? as usize);
        }
        let mut warnings = Vec::new();
        for _ in 0..r.u32()? {
            let name = OsString::from(String::from_utf8_lossy(r.str()?).into_owned());
            warnings.push((name, String::from_utf8_lossy(r.str()?).into_owned()));
        }
        let mut place = || r.u64().and_then(|v| usize::try_from(v).ok());
        let (len, rows_at, by_name_at, strings_at, strings_len) =
            (place()?, place()?, place()?, place()?, place()?);
        let fits = rows_at.checked_add(len.checked_mul(ROW)?)? == by_name_at
            && by_name_at.checked_add(len.checked_mul(BY_NAME)?)? == strings_at
            && strings_at.checked_add(strings_len)? == map.len()
            && with_sidecar.iter().all(|&i| i < len);
        fits.then(|| Catalog {
            with_sidecar,
            map,
            len,
            rows_at,
            by_name_at,
            strings_at,
            strings_len,
            encodings,
            warnings,
            dir: dir.to_path_buf(),
        })
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn row(&self, i: usize) -> &[u8] {
        let at = self.rows_at + i * ROW;
        &self.map[at..at + ROW]
    }

    fn u32_at(&self, i: usize, field: usize) -> u32 {
        let row = self.row(i);
        u32::from_le_bytes(row[field * 4..field * 4 + 4].try_into().unwrap_or_default())
    }

    fn string(&self, i: usize, field: usize) -> Option<&str> {
        let (at, len) = (self.u32_at(i, field), self.u32_at(i, field + 1));
        if at == NONE {
            return None;
        }
        let (at, len) = (at as usize, len as usize);
        let bytes =
            self.map[self.strings_at..self.strings_at + self.strings_len].get(at..at.checked_add(len)?)?;
        std::str::from_utf8(bytes).ok()
    }

    /// Row `i`'s file name.
    pub fn name(&self, i: usize) -> &str {
        self.string(i, 0).unwrap_or_default()
    }

    /// Row `i`'s id: its file name without the extension.
    pub fn id(&self, i: usize) -> &str {
        crate::corpus::stem(self.name(i))
    }

    pub fn title(&self, i: usize) -> &str {
        self.string(i, 2).unwrap_or_default()
    }

    pub fn outlet(&self, i: usize) -> Option<&str> {
        self.string(i, 4)
    }

    pub fn date(&self, i: usize) -> Option<PartialDate> {
        let row = self.row(i);
        let v = i64::from_le_bytes(row[24..32].try_into().unwrap_or_default());
        if v == NO_DATE { None } else { super::stamp::unpack_date(v) }
    }

    pub fn has_sidecar(&self, i: usize) -> bool {
        self.row(i)[36] & HAS_SIDECAR != 0
    }

    /// The entry of rank `k` in the names' order.
    fn by_name_entry(&self, k: usize) -> &[u8] {
        let at = self.by_name_at + k * BY_NAME;
        &self.map[at..at + BY_NAME]
    }

    /// Whether the file of name rank `k` is a symbolic link.
    pub fn is_symlink_at(&self, k: usize) -> bool {
        self.by_name_entry(k)[4] & SYMLINK != 0
    }

    /// The size, time and reading time the index vouched by, of the file
    /// of name rank `k`.
    pub fn stamp_at(&self, k: usize) -> (i64, i64, i64) {
        let e = self.by_name_entry(k);
        let at = |k: usize| i64::from_le_bytes(e[k..k + 8].try_into().unwrap_or_default());
        (at(16), at(24), at(32))
    }

    /// The name of rank `k`, read from the names' order (not its row).
    pub fn name_at_rank(&self, k: usize) -> &str {
        let e = self.by_name_entry(k);
        let field = |at: usize| u32::from_le_bytes(e[at..at + 4].try_into().unwrap_or_default()) as usize;
        let (at, len) = (field(8), field(12));
        let strings = &self.map[self.strings_at..self.strings_at + self.strings_len];
        at.checked_add(len)
            .and_then(|end| strings.get(at..end))
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    /// Lets the system take back the pages read (the check after the first
    /// frame reads a million names): they are read again when needed.
    pub fn release(&self) {
        // Safety: the mapping is of a file never written in place (see
        // the module's comment): dropping its pages loses nothing.
        let _ = unsafe { self.map.unchecked_advise(memmap2::UncheckedAdvice::DontNeed) };
    }

    /// Row `i`'s metadata.
    pub fn meta(&self, i: usize) -> ArticleMeta {
        let row = self.row(i);
        let source = |b: u8| MetaSource::from_code(i64::from(b)).unwrap_or(MetaSource::None);
        ArticleMeta {
            date: self.date(i),
            date_source: source(row[32]),
            outlet: self.outlet(i).map(str::to_string),
            outlet_source: source(row[33]),
            title: self.title(i).to_string(),
            lang: Lang::from_code(i64::from(row[34])).unwrap_or(Lang::Fr),
        }
    }

    /// Row `i` as an article whose text is read when shown.
    pub fn article(&self, i: usize) -> Article {
        let encoding = self.encodings.get(usize::from(self.row(i)[35])).copied().unwrap_or("UTF-8");
        Article {
            id: self.id(i).to_string(),
            path: self.dir.join(self.name(i)),
            text: String::new(),
            index: CharIndex::new(""),
            meta: self.meta(i),
            encoding,
        }
    }

    /// The row of name rank `k`.
    pub fn by_name(&self, k: usize) -> usize {
        let row = u32::from_le_bytes(self.by_name_entry(k)[..4].try_into().unwrap_or_default()) as usize;
        row.min(self.len.saturating_sub(1))
    }

    /// The first place in the order of names not before `name`.
    fn lower_bound(&self, name: &str) -> usize {
        let (mut lo, mut hi) = (0, self.len);
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.name_at_rank(mid) < name {
                true => lo = mid + 1,
                false => hi = mid,
            }
        }
        lo
    }

    /// The row of the file `name`, by halving over the rows sorted by name.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.rank(name).map(|k| self.by_name(k))
    }

    /// The rank of the file `name` in the names' order.
    pub fn rank(&self, name: &str) -> Option<usize> {
        let k = self.lower_bound(name);
        (k < self.len && self.name_at_rank(k) == name).then_some(k)
    }

    /// The row of the dispatch `id`: the file `id.txt`, whatever the case
    /// of its extension (the names starting with `id.` follow each other).
    pub fn find_id(&self, id: &str) -> Option<usize> {
        let prefix = format!("{id}.");
        (self.lower_bound(&prefix)..self.len)
            .take_while(|&k| self.name_at_rank(k).starts_with(&prefix))
            .find(|&k| self.name_at_rank(k)[prefix.len()..].eq_ignore_ascii_case("txt"))
            .map(|k| self.by_name(k))
    }
}

impl crate::corpus::places::Paths for Catalog {
    fn len(&self) -> usize {
        self.len
    }

    fn path(&self, i: usize) -> PathBuf {
        self.dir.join(self.name(i))
    }
}

impl crate::corpus::Rows for Catalog {
    fn name(&self, i: usize) -> &str {
        Catalog::name(self, i)
    }

    fn id(&self, i: usize) -> &str {
        Catalog::id(self, i)
    }

    fn title(&self, i: usize) -> &str {
        Catalog::title(self, i)
    }

    fn outlet(&self, i: usize) -> Option<&str> {
        Catalog::outlet(self, i)
    }

    fn date(&self, i: usize) -> Option<PartialDate> {
        Catalog::date(self, i)
    }

    fn lang(&self, i: usize) -> Lang {
        Lang::from_code(i64::from(self.row(i)[34])).unwrap_or(Lang::Fr)
    }

    fn article(&self, i: usize) -> Article {
        Catalog::article(self, i)
    }

    fn find_id(&self, id: &str) -> Option<usize> {
        Catalog::find_id(self, id)
    }
}

/// Makes sure the catalog of `index` says what `articles` (as a scan of
/// `dir` found them, each with its stamp and whether its file is a
/// symbolic link) say at `generation`: written when it does not. A catalog
/// that cannot be written is no loss (the next start reads the index).
pub(super) fn keep(
    dir: &Path,
    index: &super::Index,
    (generation, folder): (i64, Option<i64>),
    articles: &[Article],
    files: &[((i64, i64, i64), bool)],
    has_sidecar: impl Fn(&Article) -> bool,
    warnings: &[crate::corpus::LoadWarning],
) {
    let path = path_for(&index.path);
    let program = super::program();
    let Some(folder) = folder else { return };
    if Catalog::open(&path, &program, generation, Some(folder), dir).is_some() {
        return;
    }
    let mut entries: Vec<Entry> = articles
        .iter()
        .zip(files)
        .map(|(article, &(stamp, symlink))| Entry {
            has_sidecar: has_sidecar(article),
            article,
            symlink,
            stamp,
        })
        .collect();
    // The list's order, as `Corpus::sort` makes it.
    entries.sort_by(|a, b| crate::corpus::sort_key(a.article).cmp(&crate::corpus::sort_key(b.article)));
    let warnings: Vec<(OsString, String)> = warnings
        .iter()
        .map(|w| (w.path.file_name().unwrap_or_default().to_os_string(), w.message.clone()))
        .collect();
    let stamp = Stamp { generation, folder, made_at: super::stamp::now_ns() };
    let _ = Catalog::write(&path, stamp, &program, &entries, &warnings);
}

/// The catalog of the folder `dir` when it says what its index says (the
/// same program, the same generation of records), and the index's path.
/// Opens nothing for writing and creates nothing: any doubt, and the start
/// goes through the index as before.
pub fn open_for(dir: &Path) -> Option<(Catalog, PathBuf)> {
    use rusqlite::{Connection, OpenFlags};
    let root = dir.canonicalize().ok()?;
    let index = super::path_for(&root).ok()?;
    let conn = Connection::open_with_flags(&index, OpenFlags::SQLITE_OPEN_READ_WRITE).ok()?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).ok()?;
    let program: String =
        conn.query_row("SELECT value FROM meta WHERE key = 'program'", [], |r| r.get(0)).ok()?;
    if version != super::SCHEMA_VERSION || program != super::program() {
        return None;
    }
    let generation = super::stamp::generation(&conn)?;
    drop(conn);
    let catalog = Catalog::open(&path_for(&index), &program, generation, Some(folder_time(dir)?), dir)?;
    Some((catalog, index))
}

fn flags(e: &Entry) -> u8 {
    (if e.has_sidecar { HAS_SIDECAR } else { 0 }) | if e.symlink { SYMLINK } else { 0 }
}

fn put_str(out: &mut Vec<u8>, s: &[u8]) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s);
}

fn temporary(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".{}.tmp", std::process::id()));
    PathBuf::from(name)
}

/// Reads the header's fields in turn; `None` past the end.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn i64(&mut self) -> Option<i64> {
        Some(i64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn str(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(name: &str, title: &str, date: Option<&str>, outlet: Option<&str>) -> Article {
        let mut a = crate::corpus::from_bytes(Path::new(name), b"Un texte.");
        a.path = PathBuf::from("/dir").join(name);
        a.meta.title = title.into();
        a.meta.date = date.map(|d| d.parse().unwrap());
        a.meta.outlet = outlet.map(str::to_string);
        a
    }

    #[test]
    fn a_catalog_gives_back_each_row_and_finds_it_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.sqlite.catalog");
        let articles = [
            article("b.txt", "Deux", Some("2020-10"), Some("AFP")),
            article("a.txt", "Un é", Some("2020-10-02"), None),
            article("c.md", "", None, Some("Reuters")),
        ];
        let entries: Vec<Entry> = articles
            .iter()
            .enumerate()
            .map(|(i, article)| Entry {
                article,
                has_sidecar: i == 1,
                symlink: i == 2,
                stamp: (i as i64, 10 + i as i64, -1),
            })
            .collect();
        let warnings = vec![(OsString::from("bad.txt"), "is empty".to_string())];
        let stamp = Stamp { generation: 7, folder: 1_000, made_at: 9_000_000_000 };
        Catalog::write(&path, stamp, "prog", &entries, &warnings).unwrap();
        let c = Catalog::open(&path, "prog", 7, Some(1_000), Path::new("/dir")).unwrap();
        assert_eq!(c.len(), 3);
        for (i, a) in articles.iter().enumerate() {
            let got = c.article(i);
            assert_eq!(
                (got.id.as_str(), &got.path, &got.meta, got.encoding),
                (a.id.as_str(), &a.path, &a.meta, a.encoding)
            );
            let k = c.rank(&a.path.file_name().unwrap().to_string_lossy()).unwrap();
            assert_eq!(c.by_name(k), i);
            assert_eq!(
                (c.has_sidecar(i), c.is_symlink_at(k), c.stamp_at(k)),
                (i == 1, i == 2, (i as i64, 10 + i as i64, -1))
            );
        }
        assert_eq!(
            (c.find("a.txt"), c.find("b.txt"), c.find("c.md"), c.find("d.txt")),
            (Some(1), Some(0), Some(2), None)
        );
        assert_eq!(
            (c.find_id("a"), c.find_id("b"), c.find_id("c"), c.find_id("")),
            (Some(1), Some(0), None, None)
        );
        assert_eq!((c.warnings.clone(), c.with_sidecar.clone()), (warnings.clone(), vec![1]));
        // Another generation or program: the index moved on; another time
        // of the folder: its entries changed.
        assert!(Catalog::open(&path, "prog", 8, Some(1_000), Path::new("/dir")).is_none());
        assert!(Catalog::open(&path, "other", 7, Some(1_000), Path::new("/dir")).is_none());
        assert!(Catalog::open(&path, "prog", 7, Some(1_001), Path::new("/dir")).is_none());
        // A folder changed within moments of the catalog is in doubt.
        let soon = Stamp { made_at: 1_000 + 1_000_000, ..stamp };
        Catalog::write(&path, soon, "prog", &entries, &warnings).unwrap();
        assert!(Catalog::open(&path, "prog", 7, Some(1_000), Path::new("/dir")).is_none());
    }

    #[test]
    fn a_cut_or_damaged_catalog_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.catalog");
        let a = article("a.txt", "Un", None, None);
        let stamp = Stamp { generation: 1, folder: 0, made_at: 9_000_000_000 };
        Catalog::write(
            &path,
            stamp,
            "p",
            &[Entry { article: &a, has_sidecar: false, symlink: false, stamp: (1, 2, 3) }],
            &[],
        )
        .unwrap();
        assert!(Catalog::open(&path, "p", 1, Some(0), Path::new("/dir")).is_some());
        let bytes = std::fs::read(&path).unwrap();
        for cut in [0, 5, bytes.len() / 2, bytes.len() - 1] {
            std::fs::write(&path, &bytes[..cut]).unwrap();
            assert!(Catalog::open(&path, "p", 1, Some(0), Path::new("/dir")).is_none(), "cut at {cut}");
        }
    }
}
