//! The one integration-test binary: the CLI end to end through a small harness, engine rule
//! tables, property tests, exporter snapshots, the evidence document.

mod cli;
mod docs;
mod engine;
mod evidence;
mod export;
mod harness;
mod programs;
mod report;
mod robust;
mod scenario;
mod sync;
