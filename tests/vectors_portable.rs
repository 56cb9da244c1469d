//! Conformance on the portable AES path: every bundled vector file passes
//! with `backend::force_portable(true)`, the path a CPU without AES-NI
//! takes. (`tests/vectors.rs` runs the same files on the default path; this
//! is a separate test binary because the switch is process-wide.)
#![cfg(feature = "vectors")]

use blockmodes::backend::{self, Backend};
use blockmodes::vectors::{bundled_dir, collect_files, run_file};

#[test]
fn every_bundled_vector_passes_on_the_portable_path() {
    backend::force_portable(true);
    assert_eq!(backend::default_backend(), Backend::Portable);
    let files = collect_files(&bundled_dir()).expect("vectors/ is readable");
    assert!(!files.is_empty());
    let mut total = 0;
    for p in &files {
        let r = run_file(p).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(r.failed, 0, "{}: {:#?}", r.path.display(), r.failures);
        assert_eq!(r.passed, r.cases);
        total += r.cases;
    }
    assert!(total > 10_000, "only {total} cases ran");
}
