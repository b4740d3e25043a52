//! graded: a pain-gated, graded return to lifting after a mild back strain.
//!
//! A pure engine (`engine`) over plain data (`model`), fed by the only code that reads files
//! (`load`), rendered by exporters (`export`), driven by a thin shell (`cli`, `cmd`: the
//! binary's own, private to `src/main.rs`). The evidence behind the rules (`docs/EVIDENCE.md`)
//! is built in (`evidence`).
//! General guidance, not a diagnosis.

pub mod engine;
pub mod evidence;
pub mod export;
pub mod load;
pub mod model;
pub mod sync;
pub mod text;
