//! Fuzzing the loaders.
