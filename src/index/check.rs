//! The check after a start that took the index's catalog unseen: what
//! changed in the folder since the catalog was made comes as the live
//! folder's changes (`index::watch`).

use std::ffi::OsString;
use std::path::Path;

use super::catalog::Catalog;
use super::scan::Change;
use crate::annotation::store::journal;

/// What changed in the folder `root` (canonical) since `catalog` was made:
/// each dispatch new, gone or whose bytes changed, and each whose sidecar
/// came or went, as the live folder's changes (`index::watch`). One pass
/// over the folder's listing, a stat per dispatch; nothing is kept per
/// file but a bit per row. The temporaries a crash left go.
pub fn catalog(root: &Path, catalog: &Catalog) -> Vec<Change> {
    use crate::annotation::store::SIDECAR_SUFFIX;
    let Ok(listing) = std::fs::read_dir(root) else { return Vec::new() };
    let mut seen = vec![false; catalog.len()];
    let (mut doubtful, mut stems) = (Vec::new(), std::collections::HashSet::new());
    let mut temporaries = false;
    for entry in listing.flatten() {
        let name = entry.file_name();
        temporaries |= name.to_str().is_some_and(journal::is_temporary_name);
        if let Some(stem) = name.to_str().and_then(|n| n.strip_suffix(SIDECAR_SUFFIX)) {
            stems.insert(stem.to_string());
            continue;
        }
        if !crate::corpus::is_dispatch_name(Path::new(&name)) {
            continue;
        }
        let Some(k) = name.to_str().and_then(|n| catalog.rank(n)) else {
            // New since, or a name the catalog cannot hold: read.
            doubtful.push(name);
            continue;
        };
        seen[k] = true;
        let link = catalog.is_symlink_at(k) || entry.file_type().is_ok_and(|t| t.is_symlink());
        let stat = |m: std::fs::Metadata| (m.len() as i64, super::stamp::mtime_ns(&m));
        let fresh =
            !link && entry.metadata().is_ok_and(|m| super::stamp::vouches(catalog.stamp_at(k), stat(m)));
        if !fresh {
            doubtful.push(name);
        }
    }
    // Gone since: read again, they come as gone (and leave the index).
    let name_of_rank = |k: usize| OsString::from(catalog.name_at_rank(k));
    doubtful.extend((0..catalog.len()).filter(|&k| !seen[k]).map(name_of_rank));
    let seen_row = |row: usize| catalog.rank(catalog.name(row)).is_some_and(|k| seen[k]);
    // A sidecar come or gone changes the dispatch shown (its annotations,
    // its metadata): read again whatever its bytes.
    let mut annotated: Vec<OsString> = catalog
        .with_sidecar
        .iter()
        .filter(|&&r| seen_row(r) && !stems.contains(catalog.id(r)))
        .map(|&r| OsString::from(catalog.name(r)))
        .collect();
    for stem in &stems {
        let row = ["txt", "TXT"].iter().find_map(|ext| catalog.find(&format!("{stem}.{ext}")));
        if let Some(r) = row.filter(|&r| seen_row(r) && !catalog.has_sidecar(r)) {
            annotated.push(OsString::from(catalog.name(r)));
        }
    }
    doubtful.retain(|n| !annotated.contains(n));
    catalog.release();
    // A start through the index removes them as it lists the folder; this
    // is the first listing of a start from the catalog. (What it says is
    // not shown: a leftover of a crash, older than any save under way.)
    if temporaries {
        journal::recover(root, journal::stale_before());
    }
    let mut changes = super::scan::recheck(root, &doubtful);
    changes.extend(super::scan::reread(root, &annotated));
    changes
}
