//! depeche: a terminal reader and keyboard annotator for news dispatches.
//!
//! A core library with no terminal in it (corpus, annotation, extract,
//! digest, export) and thin shells around it (cli, tui).

pub mod annotation;
pub mod bounded;
pub mod cli;
pub mod corpus;
pub mod date;
pub mod digest;
pub mod export;
pub mod extract;
pub mod geo;
pub mod hash;
pub mod index;
pub mod project;
pub mod team;
pub mod text;
pub mod tui;
