//! Text in the pack's two languages, the leaf every other model type names.

use serde::{Deserialize, Serialize};

/// A name or text in Chinese and English.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub zh: String,
    pub en: String,
}
