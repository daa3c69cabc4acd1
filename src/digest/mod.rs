//! Corpus-wide views: the running timeline and the claims by source.
//! Pure functions over the project, its annotations and its suggestions.
