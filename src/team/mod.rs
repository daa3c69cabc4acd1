//! Annotating as a team, with git as the shared store: the merge of
//! sidecars git runs when two people annotated the same dispatch, the
//! set-up of a clone for it, the agreement between two annotators, and the
//! adjudication of where they differ.

pub mod adjudicate;
pub mod agree;
pub mod git;
pub mod kappa;
pub mod merge;
