//! The only code that reads files: TOML and CSV text into checked model types.
//! Errors carry the file, line, column and field, and say how to fix the problem.

mod built_in;
pub mod date;
pub mod error;
pub mod library;
pub mod plain;
pub mod profile;
pub mod program;
pub mod record;
pub mod session_log;
pub mod session_move;
pub mod workspace;
pub mod zone;

pub use error::{DataError, LoadError};
