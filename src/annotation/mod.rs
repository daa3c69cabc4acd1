//! Annotations: the model, the sidecar store, re-anchoring, the label schema.

pub mod labels;
pub mod model;
pub mod reanchor;
pub mod store;

pub use labels::{LabelDef, LabelSchema};
pub use model::{Annotation, Attrs, Kind, Qualifier, Quote, Side, Status, What, Who};
pub use store::{EditError, Header, MetaOverride, SaveReport, Sidecar, SidecarState, StoreError};
