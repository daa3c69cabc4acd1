//! The dispatches of a folder in the list's order, made when used: from a
//! list of rows kept elsewhere (the index's catalog, mapped into memory),
//! an article is built the first time something asks for it. A million
//! dispatches cost a few bytes each until then; the list, the filter and
//! the digests read a row's fields without building its article.

use std::borrow::Cow;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use super::Article;
use crate::date::PartialDate;

/// The files of a folder by row: what an empty sidecar is made from.
pub trait Paths: Send + Sync + std::fmt::Debug {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The path of row `i`'s file.
    fn path(&self, i: usize) -> PathBuf;
}

/// Rows that articles can be made from (`index::catalog::Catalog`).
pub trait Rows: Paths {
    /// Row `i`'s file name.
    fn name(&self, i: usize) -> &str;
    fn id(&self, i: usize) -> &str;
    fn title(&self, i: usize) -> &str;
    fn outlet(&self, i: usize) -> Option<&str>;
    fn date(&self, i: usize) -> Option<PartialDate>;
    fn lang(&self, i: usize) -> super::Lang;
    /// Row `i` as an article whose text is read when shown.
    fn article(&self, i: usize) -> Article;
    /// The row of the dispatch `id` (its file name's stem).
    fn find_id(&self, id: &str) -> Option<usize>;
}

/// The paths of files, by row.
#[derive(Debug)]
pub struct PathList(pub Vec<Box<Path>>);

impl Paths for PathList {
    fn len(&self) -> usize {
        self.0.len()
    }

    fn path(&self, i: usize) -> PathBuf {
        self.0[i].to_path_buf()
    }
}

/// What a place holds, made from its row when first asked for.
pub trait FromRow: Sized {
    /// What its rows are read through.
    type Rows: ?Sized + Paths;
    fn from_row(rows: &Self::Rows, row: usize) -> Self;
}

impl FromRow for Article {
    type Rows = dyn Rows;
    fn from_row(rows: &dyn Rows, row: usize) -> Article {
        rows.article(row)
    }
}

/// A place with no row: its value was given whole.
const MADE: u32 = u32::MAX;

/// One place of [`Places`], moved as a whole when the list is rebuilt.
#[derive(Debug, Clone)]
pub struct Place<T> {
    row: u32,
    made: OnceLock<Box<T>>,
}

impl<T> Place<T> {
    pub fn new(value: T) -> Place<T> {
        Place { row: MADE, made: OnceLock::from(Box::new(value)) }
    }
}

/// Values by place (each dispatch's article, or its sidecar). Index them as
/// a slice (`articles[i]`); a value is made from its row the first time it
/// is asked for, and kept.
pub struct Places<T: FromRow> {
    rows: Option<Arc<T::Rows>>,
    /// Per place: the row it shows, or [`MADE`].
    row_of: Vec<u32>,
    made: Vec<OnceLock<Box<T>>>,
}

/// The dispatches' articles, in the list's order.
pub type Articles = Places<Article>;

impl<T: FromRow + Clone> Clone for Places<T> {
    fn clone(&self) -> Self {
        Places { rows: self.rows.clone(), row_of: self.row_of.clone(), made: self.made.clone() }
    }
}

impl<T: FromRow> Default for Places<T> {
    fn default() -> Self {
        Places { rows: None, row_of: Vec::new(), made: Vec::new() }
    }
}

impl<T: FromRow> std::fmt::Debug for Places<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Places").field("len", &self.len()).field("rows", &self.rows).finish()
    }
}

impl<T: FromRow> From<Vec<T>> for Places<T> {
    /// Each value boxed, taken from the back of `values`, whose buffer
    /// shrinks as it empties: a list of 100,000 articles is not held twice.
    fn from(mut values: Vec<T>) -> Places<T> {
        let mut boxes = Vec::with_capacity(values.len());
        while let Some(v) = values.pop() {
            boxes.push(Box::new(v));
            if values.len() < values.capacity() / 2 {
                values.shrink_to_fit();
            }
        }
        boxes.reverse();
        Places::from_boxes(boxes)
    }
}

impl<T: FromRow> FromIterator<T> for Places<T> {
    fn from_iter<I: IntoIterator<Item = T>>(values: I) -> Places<T> {
        values.into_iter().collect::<Vec<T>>().into()
    }
}

impl<T: FromRow> Places<T> {
    /// Values already boxed, each at its place.
    pub fn from_boxes(values: Vec<Box<T>>) -> Places<T> {
        let row_of = vec![MADE; values.len()];
        let made = values.into_iter().map(OnceLock::from).collect();
        Places { rows: None, row_of, made }
    }

    pub fn len(&self) -> usize {
        self.made.len()
    }

    pub fn is_empty(&self) -> bool {
        self.made.is_empty()
    }

    /// Every row of `rows`, in their order, none made yet.
    pub fn from_rows(rows: Arc<T::Rows>) -> Places<T> {
        let n = rows.len();
        let row_of = (0..n as u32).collect();
        let made = std::iter::repeat_with(OnceLock::new).take(n).collect();
        Places { rows: Some(rows), row_of, made }
    }

    /// The values given, each at its place; the places given none made
    /// from `rows` when asked (place `i` is row `i`).
    pub fn from_some(rows: Arc<T::Rows>, values: Vec<Option<Box<T>>>) -> Places<T> {
        let row_of = (0..values.len() as u32).collect();
        let made = values.into_iter().map(|v| v.map_or_else(OnceLock::new, OnceLock::from)).collect();
        Places { rows: Some(rows), row_of, made }
    }

    /// The row place `i` shows, when its article is not made yet.
    fn unmade(&self, i: usize) -> Option<(&T::Rows, usize)> {
        match self.made.get(i)?.get() {
            Some(_) => None,
            None => Some((self.rows.as_deref()?, self.row_of[i] as usize)),
        }
    }

    pub fn get(&self, i: usize) -> Option<&T> {
        let cell = self.made.get(i)?;
        Some(cell.get_or_init(|| Box::new(self.make(i))))
    }

    pub fn get_mut(&mut self, i: usize) -> Option<&mut T> {
        self.get(i)?;
        self.made.get_mut(i)?.get_mut().map(|b| &mut **b)
    }

    fn make(&self, i: usize) -> T {
        from_row(&self.rows, self.row_of[i])
    }

    /// Place `i`'s value as held, or made for the moment without being
    /// kept (work over every dispatch, which keeps none of them).
    pub fn peek(&self, i: usize) -> Option<Cow<'_, T>>
    where
        T: Clone,
    {
        match self.unmade(i) {
            Some((rows, row)) => Some(Cow::Owned(T::from_row(rows, row))),
            None => self.made.get(i)?.get().map(|a| Cow::Borrowed(&**a)),
        }
    }

    /// Whether place `i`'s value has been made (or was given whole).
    pub fn is_made(&self, i: usize) -> bool {
        self.get_made(i).is_some()
    }

    /// Place `i`'s value if it has been made, without making it.
    pub fn get_made(&self, i: usize) -> Option<&T> {
        self.made.get(i)?.get().map(|b| &**b)
    }

    /// Every value, each made (and kept) as it comes: for work over a
    /// small folder or one that reads every text anyway.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &T> + DoubleEndedIterator + '_ {
        (0..self.len()).map(|i| &self[i])
    }

    /// The values made so far (or given whole), with their places: what a
    /// row would make adds nothing (an empty sidecar).
    pub fn made(&self) -> impl Iterator<Item = (usize, &T)> + '_ {
        self.made.iter().enumerate().filter_map(|(i, c)| Some((i, &**c.get()?)))
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut T> + '_ {
        let (rows, row_of) = (&self.rows, &self.row_of);
        self.made.iter_mut().enumerate().map(move |(i, cell)| {
            if cell.get().is_none() {
                let _ = cell.set(Box::new(from_row(rows, row_of[i])));
            }
            &mut **cell.get_mut().expect("made just now")
        })
    }

    /// Puts `value` at place `i` (made: its row is no longer read).
    pub fn set(&mut self, i: usize, value: T) {
        self.made[i] = OnceLock::from(Box::new(value));
    }

    pub fn push(&mut self, value: T) {
        self.row_of.push(MADE);
        self.made.push(OnceLock::from(Box::new(value)));
    }

    pub fn insert(&mut self, i: usize, value: T) {
        self.row_of.insert(i, MADE);
        self.made.insert(i, OnceLock::from(Box::new(value)));
    }

    pub fn remove(&mut self, i: usize) -> T {
        let row = self.row_of.remove(i);
        match self.made.remove(i).into_inner() {
            Some(a) => *a,
            None => from_row(&self.rows, row),
        }
    }

    /// Keeps the places `keep` says yes to (given each place's index).
    pub fn retain_places(&mut self, keep: impl FnMut(usize) -> bool) {
        let answers: Vec<bool> = (0..self.len()).map(keep).collect();
        let mut k = 0;
        self.row_of.retain(|_| (answers[k], k += 1).0);
        let mut k = 0;
        self.made.retain(|_| (answers[k], k += 1).0);
    }

    /// The places, to be put in another order ([`Places::from_places`]).
    pub fn into_places(self) -> (Option<Arc<T::Rows>>, Vec<Place<T>>) {
        let places = self.row_of.into_iter().zip(self.made).map(|(row, made)| Place { row, made }).collect();
        (self.rows, places)
    }

    pub fn from_places(rows: Option<Arc<T::Rows>>, places: Vec<Place<T>>) -> Places<T> {
        let (row_of, made) = places.into_iter().map(|p| (p.row, p.made)).unzip();
        Places { rows, row_of, made }
    }

    /// Every value, made.
    pub fn into_vec(self) -> Vec<T> {
        let rows = self.rows;
        self.row_of
            .into_iter()
            .zip(self.made)
            .map(|(row, made)| match made.into_inner() {
                Some(a) => *a,
                None => from_row(&rows, row),
            })
            .collect()
    }
}

impl Places<Article> {
    pub fn id(&self, i: usize) -> &str {
        match self.unmade(i) {
            Some((rows, row)) => rows.id(row),
            None => &self[i].id,
        }
    }

    pub fn title(&self, i: usize) -> &str {
        match self.unmade(i) {
            Some((rows, row)) => rows.title(row),
            None => &self[i].meta.title,
        }
    }

    pub fn outlet(&self, i: usize) -> Option<&str> {
        match self.unmade(i) {
            Some((rows, row)) => rows.outlet(row),
            None => self[i].meta.outlet.as_deref(),
        }
    }

    pub fn date(&self, i: usize) -> Option<PartialDate> {
        match self.unmade(i) {
            Some((rows, row)) => rows.date(row),
            None => self[i].meta.date,
        }
    }

    pub fn lang(&self, i: usize) -> super::Lang {
        match self.unmade(i) {
            Some((rows, row)) => rows.lang(row),
            None => self[i].meta.lang,
        }
    }

    /// Place `i`'s text as held: empty when not read yet (nor made).
    pub fn text(&self, i: usize) -> &str {
        match self.is_made(i) {
            true => &self[i].text,
            false => "",
        }
    }

    /// Place `i`'s file name.
    pub fn file_name(&self, i: usize) -> &OsStr {
        match self.unmade(i) {
            Some((rows, row)) => OsStr::new(rows.name(row)),
            None => self[i].path.file_name().unwrap_or_default(),
        }
    }

    /// The path of place `i`'s file.
    pub fn path(&self, i: usize) -> PathBuf {
        match self.unmade(i) {
            Some((rows, row)) => rows.path(row),
            None => self[i].path.clone(),
        }
    }

    /// The list's order: undated last, then by date, then by id.
    pub fn sort_key(&self, i: usize) -> (bool, Option<PartialDate>, &str) {
        let date = self.date(i);
        (date.is_none(), date, self.id(i))
    }

    /// Where an article of sort key `key` goes in the list's order (after
    /// its equals), by halving.
    pub fn place_for(&self, key: (bool, Option<PartialDate>, &str)) -> usize {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.sort_key(mid) <= key {
                true => lo = mid + 1,
                false => hi = mid,
            }
        }
        lo
    }

    /// The place of the file `name` (a dispatch's file name).
    pub fn place_of_file(&self, name: &OsStr) -> Option<usize> {
        let id = super::stem(name.to_str()?);
        match self.position(id) {
            Some(i) if self.file_name(i) == name => Some(i),
            // Another file of the same stem (`a.txt`, `a.TXT`): by name.
            Some(_) => (0..self.len()).find(|&i| self.file_name(i) == name),
            None => None,
        }
    }

    /// The places of the dispatches `ids`: through their rows one by one
    /// when there are rows (a million rows, a few ids), else from a map of
    /// every article's id.
    pub fn places_of<'k>(&self, ids: impl IntoIterator<Item = &'k str>) -> Vec<Option<usize>> {
        if self.rows.is_some() {
            return ids.into_iter().map(|id| self.position(id)).collect();
        }
        let at: std::collections::HashMap<&str, usize> =
            (0..self.len()).rev().map(|i| (self[i].id.as_str(), i)).collect();
        ids.into_iter().map(|id| at.get(id).copied()).collect()
    }

    /// The place of the dispatch `id`: through its row when it has one (no
    /// row read but its own), else among the articles given whole.
    pub fn position(&self, id: &str) -> Option<usize> {
        let Some(rows) = &self.rows else { return (0..self.len()).find(|&i| self[i].id == id) };
        if let Some(row) = rows.find_id(id).and_then(|r| u32::try_from(r).ok()) {
            // A row stays at its place unless a dispatch before it moved.
            let place = match self.row_of.get(row as usize) == Some(&row) {
                true => Some(row as usize),
                false => self.row_of.iter().position(|&r| r == row),
            };
            if place.is_some() {
                return place;
            }
        }
        (0..self.len()).filter(|&i| self.row_of[i] == MADE).find(|&i| self[i].id == id)
    }
}

/// The value of `row`. A place without a row holds its value from the
/// start: only a row is ever made.
fn from_row<T: FromRow>(rows: &Option<Arc<T::Rows>>, row: u32) -> T {
    match rows {
        Some(rows) if row != MADE => T::from_row(&**rows, row as usize),
        _ => unreachable!("a place without a row holds its value"),
    }
}

impl<T: FromRow> std::ops::Index<usize> for Places<T> {
    type Output = T;

    fn index(&self, i: usize) -> &T {
        match self.get(i) {
            Some(a) => a,
            None => panic!("place {i} of {}", self.len()),
        }
    }
}

impl<T: FromRow> std::ops::IndexMut<usize> for Places<T> {
    fn index_mut(&mut self, i: usize) -> &mut T {
        let len = self.len();
        match self.get_mut(i) {
            Some(a) => a,
            None => panic!("place {i} of {len}"),
        }
    }
}

impl<T: FromRow> IntoIterator for Places<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.into_vec().into_iter()
    }
}

impl<'a, T: FromRow> IntoIterator for &'a Places<T> {
    type Item = &'a T;
    type IntoIter = Box<dyn Iterator<Item = &'a T> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows of dispatches `d0.txt`, `d1.txt`…, dated by their number.
    #[derive(Debug)]
    struct Numbered(Vec<String>);

    impl Numbered {
        fn rows(n: usize) -> Arc<dyn Rows> {
            Arc::new(Numbered((0..n).map(|i| format!("d{i}.txt")).collect()))
        }
    }

    impl Paths for Numbered {
        fn len(&self) -> usize {
            self.0.len()
        }
        fn path(&self, i: usize) -> PathBuf {
            PathBuf::from(&self.0[i])
        }
    }

    impl Rows for Numbered {
        fn name(&self, i: usize) -> &str {
            &self.0[i]
        }
        fn id(&self, i: usize) -> &str {
            self.0[i].strip_suffix(".txt").unwrap()
        }
        fn title(&self, _: usize) -> &str {
            "Un titre"
        }
        fn outlet(&self, _: usize) -> Option<&str> {
            None
        }
        fn date(&self, i: usize) -> Option<PartialDate> {
            PartialDate::day(2020, 1, i as u32 + 1)
        }
        fn lang(&self, _: usize) -> super::super::Lang {
            super::super::Lang::Fr
        }
        fn article(&self, i: usize) -> Article {
            let mut a = super::super::from_bytes(std::path::Path::new(&self.0[i]), b"Un texte.");
            a.meta.date = self.date(i);
            a
        }
        fn find_id(&self, id: &str) -> Option<usize> {
            self.0.iter().position(|n| n.strip_suffix(".txt") == Some(id))
        }
    }

    #[test]
    fn an_article_is_made_from_its_row_only_when_asked_for_and_kept() {
        let mut articles = Articles::from_rows(Numbered::rows(5));
        assert_eq!((articles.len(), articles.id(3), articles.is_made(3)), (5, "d3", false));
        assert_eq!(articles.peek(3).unwrap().id, "d3");
        assert!(!articles.is_made(3), "a peek keeps nothing");
        assert_eq!(articles[3].id, "d3");
        assert!(articles.is_made(3));
        assert_eq!(articles.made().map(|(i, _)| i).collect::<Vec<_>>(), [3]);
        articles[2].meta.title = "Changé".into();
        assert_eq!(articles.title(2), "Changé");
    }

    #[test]
    fn places_move_with_their_rows_and_are_found_by_id() {
        let mut articles = Articles::from_rows(Numbered::rows(5));
        let late = articles.remove(1);
        assert_eq!(late.id, "d1");
        let at = articles.place_for((false, PartialDate::day(2020, 1, 4), "d1"));
        assert_eq!(at, 2, "before d3, of the same day: by id");
        articles.insert(at, late);
        let ids: Vec<&str> = (0..articles.len()).map(|i| articles.id(i)).collect();
        assert_eq!(ids, ["d0", "d2", "d1", "d3", "d4"]);
        assert_eq!(articles.position("d4"), Some(4));
        assert_eq!(articles.position("d1"), Some(2), "a place given whole is found too");
        assert_eq!(articles.places_of(["d2", "d9"]), [Some(1), None]);
        assert_eq!(articles.place_of_file(OsStr::new("d3.txt")), Some(3));
        articles.retain_places(|i| i % 2 == 0);
        let kept: Vec<String> = articles.into_vec().into_iter().map(|a| a.id).collect();
        assert_eq!(kept, ["d0", "d1", "d4"]);
    }
}
