//! The vector-file parser and runner (src/vectors: NIST CAVP `.rsp`
//! files of the AESAVS / TMOVS and the key-value text of SP 800-38A
//! Appendix F and RFC 3686 §6) on arbitrary text. The first input byte
//! picks a file name (the name decides how a CAVP file is read), the rest
//! is the file's contents, written to a temporary file for
//! `blockmodes::vectors::run_file`. It must never panic, and a report must
//! add up.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

/// Names the runner recognises, one of each kind, and one it does not.
const NAMES: &[&str] = &[
    "F2-CBC.txt",
    "aes-128-ctr.txt",
    "aes-256-ctr.txt",
    "CBCMMT128.rsp",
    "ECBGFSbox192.rsp",
    "CFB1VarTxt128.rsp",
    "CFB8KeySbox256.rsp",
    "CFB128VarKey128.rsp",
    "OFBMMT256.rsp",
    "CBCMCT128.rsp",
    "CFB8MCT192.rsp",
    "TCBCMMT2.rsp",
    "TECBvarkey.rsp",
    "TCFB1MMT3.rsp",
    "TCFB64invperm.rsp",
    "TOFBMMT1.rsp",
    "unknown.rsp",
];

fn dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let d =
            std::env::temp_dir().join(format!("blockmodes-fuzz-vectors-{}", std::process::id()));
        std::fs::create_dir_all(&d).expect("temp dir");
        d
    })
}

fuzz_target!(|input: &[u8]| {
    let Some((&sel, text)) = input.split_first() else {
        return;
    };
    let path = dir().join(NAMES[sel as usize % NAMES.len()]);
    std::fs::write(&path, text).expect("write temp file");
    match blockmodes::vectors::run_file(&path) {
        Ok(r) => {
            assert_eq!(r.cases, r.passed + r.failed);
            assert_eq!(r.failures.len(), r.failed);
        }
        // The error prints (a message the CLI shows) without panicking.
        Err(e) => assert!(!e.to_string().is_empty()),
    }
    let _ = std::fs::remove_file(&path);
});
