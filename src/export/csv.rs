//! CSV of claims and of the timeline (one place for the format).
