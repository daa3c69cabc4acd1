//! Annotations: the model, the sidecar store, re-anchoring, the label schema.

pub mod edit;
pub mod labels;
pub mod model;
pub mod party;
pub mod reanchor;
pub mod store;

pub use labels::{LabelDef, LabelSchema};
pub use model::{Annotation, Attrs, Kind, Qualifier, Quote, Scope, Status, What, Who};
pub use party::Party;
pub use store::{EditError, Header, MetaOverride, SaveReport, Sidecar, SidecarState, Sidecars, StoreError};
