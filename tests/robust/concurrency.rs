//! Many writers at once, and writers killed with kill -9.
