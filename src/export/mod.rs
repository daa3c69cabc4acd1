//! Interchange formats: brat standoff, JSONL (depeche and doccano), W3C Web
//! Annotation, CSV. One module per format.

pub mod csv;
