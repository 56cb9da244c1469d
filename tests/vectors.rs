//! Conformance: every bundled vector file (NIST CAVP AESAVS / TMOVS KAT,
//! MMT and AES MCT, SP 800-38A Appendix F, RFC 3686) passes through the
//! crate's public API; the parser rejects malformed files; and the runner
//! can fail.
#![cfg(feature = "vectors")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use blockmodes::vectors::{FileReport, VectorError, bundled_dir, collect_files, run_file};

fn run_all() -> Vec<FileReport> {
    let files = collect_files(&bundled_dir()).expect("vectors/ is readable");
    files
        .iter()
        .map(|p| run_file(p).unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

#[test]
fn every_bundled_vector_passes() {
    // The runner keys `blockmodes::backend` AES: the fastest path this CPU
    // has (`tests/vectors_portable.rs` forces the portable one).
    assert!(blockmodes::backend::default_backend().is_supported());
    eprintln!("AES path: {}", blockmodes::backend::active_backend());
    let reports = run_all();
    let mut families: BTreeMap<(String, String), (usize, usize)> = BTreeMap::new();
    let mut total = 0;
    for r in &reports {
        assert_eq!(r.failed, 0, "{}: {:#?}", r.path.display(), r.failures);
        assert_eq!(r.passed, r.cases);
        assert!(r.cases > 0, "{} has no cases", r.path.display());
        let e = families
            .entry((r.mode.clone(), r.kind.clone()))
            .or_default();
        e.0 += 1;
        e.1 += r.cases;
        total += r.cases;
    }
    // Minimum (files, cases) per family, from the bundled files: losing a
    // file or a parser that drops records shows up here.
    let want: &[(&str, &str, usize, usize)] = &[
        ("AES-ECB", "KAT", 12, 2078),
        ("AES-ECB", "MMT", 3, 60),
        ("AES-CBC", "KAT", 12, 2078),
        ("AES-CBC", "MMT", 3, 60),
        ("AES-CBC", "MonteCarlo", 3, 600),
        ("AES-OFB", "KAT", 12, 2078),
        ("AES-OFB", "MMT", 3, 60),
        ("AES-OFB", "MonteCarlo", 3, 600),
        ("AES-CFB1", "KAT", 12, 2078),
        ("AES-CFB1", "MMT", 3, 60),
        ("AES-CFB8", "KAT", 12, 2078),
        ("AES-CFB8", "MMT", 3, 60),
        ("AES-CFB8", "MonteCarlo", 3, 600),
        ("AES-CFB128", "KAT", 12, 2078),
        ("AES-CFB128", "MMT", 3, 60),
        ("AES-CFB128", "MonteCarlo", 3, 600),
        ("AES-CTR", "RFC3686", 3, 9),
        ("AES-ECB", "SP800-38A", 1, 3),
        ("AES-CBC", "SP800-38A", 1, 3),
        ("AES-CFB1", "SP800-38A", 1, 3),
        ("AES-CFB8", "SP800-38A", 1, 3),
        ("AES-CFB128", "SP800-38A", 1, 3),
        ("AES-OFB", "SP800-38A", 1, 3),
        ("AES-CTR", "SP800-38A", 1, 3),
        ("TDES-ECB", "KAT", 5, 470),
        ("TDES-ECB", "MMT", 3, 60),
        ("TDES-CBC", "KAT", 5, 470),
        ("TDES-CBC", "MMT", 3, 60),
        ("TDES-OFB", "KAT", 5, 470),
        ("TDES-OFB", "MMT", 3, 60),
        ("TDES-CFB1", "KAT", 5, 470),
        ("TDES-CFB1", "MMT", 3, 60),
        ("TDES-CFB8", "KAT", 5, 470),
        ("TDES-CFB8", "MMT", 3, 60),
        ("TDES-CFB64", "KAT", 5, 470),
        ("TDES-CFB64", "MMT", 3, 60),
        ("AES-XTS", "XTSGen", 4, 4000),
    ];
    for &(mode, kind, files, cases) in want {
        let got = families
            .get(&(mode.to_string(), kind.to_string()))
            .copied()
            .unwrap_or_default();
        assert!(
            got.0 >= files && got.1 >= cases,
            "{mode} {kind}: {} files / {} cases, want at least {files} / {cases}",
            got.0,
            got.1
        );
    }
    assert_eq!(
        families.len(),
        want.len(),
        "unexpected families: {families:?}"
    );
    assert!(total >= 18_000, "only {total} cases");
}

/// A scratch directory for malformed files, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str) -> Self {
        let d =
            std::env::temp_dir().join(format!("blockmodes-vectors-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        Scratch(d)
    }

    fn file(&self, name: &str, text: &str) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A valid one-record CBC file (AESAVS CBCGFSbox128.rsp, COUNT = 0).
const GOOD: &str = "\
# CAVS 11.1
[ENCRYPT]

COUNT = 0
KEY = 00000000000000000000000000000000
IV = 00000000000000000000000000000000
PLAINTEXT = f34481ec3cc627bacd5dc3fb08f273e6
CIPHERTEXT = 0336763e966d92595a567cc9ce537f5e
";

fn parse_error(path: &Path) -> (usize, String) {
    match run_file(path) {
        Err(VectorError::Parse { line, msg, .. }) => (line, msg),
        other => panic!("{}: expected a parse error, got {other:?}", path.display()),
    }
}

#[test]
fn a_good_file_passes_and_a_corrupted_one_fails() {
    let s = Scratch::new("corrupt");
    let good = run_file(&s.file("CBCGFSbox128.rsp", GOOD)).unwrap();
    assert_eq!((good.cases, good.passed, good.failed), (1, 1, 0));
    assert_eq!((good.mode.as_str(), good.kind.as_str()), ("AES-CBC", "KAT"));

    let bad = GOOD.replace(
        "0336763e966d92595a567cc9ce537f5e",
        "0336763e966d92595a567cc9ce537f5f",
    );
    let r = run_file(&s.file("CBCGFSbox128.rsp", &bad)).unwrap();
    assert_eq!((r.cases, r.passed, r.failed), (1, 0, 1));
    assert!(r.failures[0].contains("COUNT = 0"), "{:?}", r.failures);

    // Decrypt direction, too.
    let dec = bad.replace("[ENCRYPT]", "[DECRYPT]");
    let r = run_file(&s.file("CBCGFSbox128.rsp", &dec)).unwrap();
    assert_eq!(r.failed, 1);
}

#[test]
fn corrupted_bundled_files_fail() {
    let s = Scratch::new("bundled");
    // One of each procedure: a CFB1 bit string, an MCT output, an MCT chain
    // input, an appendix value, a TDES value.
    let cases: &[(&str, &str, &str)] = &[
        (
            "aes/cfb1/CFB1MMT128.rsp",
            "PLAINTEXT = 11\nCIPHERTEXT = 00\n",
            "PLAINTEXT = 11\nCIPHERTEXT = 01\n",
        ),
        ("aes/cbc/CBCMCT128.rsp", "CIPHERTEXT = ", "CIPHERTEXT = 0"),
        (
            "sp800-38a/F3-CFB8.txt",
            "CIPHERTEXT = 3b79",
            "CIPHERTEXT = 3b78",
        ),
        (
            "tdes/cbc/TCBCMMT3.rsp",
            "CIPHERTEXT = 92538bd8af18d3ba",
            "CIPHERTEXT = 92538bd8af18d3bb",
        ),
    ];
    for &(rel, from, to) in cases {
        let src = std::fs::read_to_string(bundled_dir().join(rel)).unwrap();
        assert!(src.contains(from), "{rel}");
        let name = Path::new(rel).file_name().unwrap().to_str().unwrap();
        let out = if rel.ends_with("CBCMCT128.rsp") {
            // Flip the first hex digit of the first CIPHERTEXT.
            let i = src.find(from).unwrap() + from.len();
            let mut b = src.into_bytes();
            b[i] = if b[i] == b'0' { b'1' } else { b'0' };
            String::from_utf8(b).unwrap()
        } else {
            src.replacen(from, to, 1)
        };
        let r = run_file(&s.file(name, &out)).unwrap();
        assert!(r.failed >= 1, "{rel}: a corrupted value was not caught");
    }
    // An MCT record whose inputs do not follow from the previous record.
    let src = std::fs::read_to_string(bundled_dir().join("aes/ofb/OFBMCT128.rsp")).unwrap();
    let key1 = src.match_indices("KEY = ").nth(1).unwrap().0 + "KEY = ".len();
    let mut b = src.into_bytes();
    b[key1] = if b[key1] == b'0' { b'1' } else { b'0' };
    let r = run_file(&s.file("OFBMCT128.rsp", &String::from_utf8(b).unwrap())).unwrap();
    assert!(r.failed >= 1);
    assert!(
        r.failures.iter().any(|f| f.contains("do not follow")),
        "{:?}",
        r.failures
    );
}

#[test]
fn parser_is_strict() {
    let s = Scratch::new("strict");
    let cases: &[(&str, String, usize, &str)] = &[
        (
            "unknown field",
            GOOD.replace("IV = ", "TAG = 00\nIV = "),
            6,
            "TAG",
        ),
        (
            "missing field",
            GOOD.replace("IV = 00000000000000000000000000000000\n", ""),
            4,
            "IV",
        ),
        (
            "duplicate field",
            GOOD.replace("IV = ", "KEY = 00\nIV = "),
            6,
            "twice",
        ),
        (
            "odd hex",
            GOOD.replace("PLAINTEXT = f3", "PLAINTEXT = f"),
            7,
            "odd",
        ),
        (
            "bad hex",
            GOOD.replace("PLAINTEXT = f3", "PLAINTEXT = g3"),
            7,
            "hex",
        ),
        (
            "malformed line",
            GOOD.replace("IV = ", "IV 00\nIV = "),
            6,
            "malformed",
        ),
        (
            "unknown section",
            GOOD.replace("[ENCRYPT]", "[VERIFY]"),
            2,
            "section",
        ),
        (
            "field outside record",
            GOOD.replace("COUNT = 0\n", ""),
            4,
            "outside",
        ),
        (
            "bad count",
            GOOD.replace("COUNT = 0", "COUNT = x"),
            4,
            "COUNT",
        ),
        (
            "wrong key size",
            GOOD.replace("KEY = 00000000", "KEY = "),
            5,
            "KEY",
        ),
        (
            "no records",
            "# nothing\n[ENCRYPT]\n".to_string(),
            2,
            "no records",
        ),
    ];
    for (what, text, line, needle) in cases {
        let (l, msg) = parse_error(&s.file("CBCGFSbox128.rsp", text));
        assert_eq!(l, *line, "{what}: {msg}");
        assert!(msg.contains(needle), "{what}: {msg}");
    }

    // CFB1 fields are bit strings: a hex digit other than 0/1 is an error.
    let cfb1 = "[ENCRYPT]\nCOUNT = 0\nKEY = 00000000000000000000000000000000\n\
                IV = 00000000000000000000000000000000\nPLAINTEXT = 0\nCIPHERTEXT = 2\n";
    let (l, msg) = parse_error(&s.file("CFB1MMT128.rsp", cfb1));
    assert_eq!(l, 6, "{msg}");

    // Key-value format: header errors and record errors.
    let kv = std::fs::read_to_string(bundled_dir().join("sp800-38a/F2-CBC.txt")).unwrap();
    let kv_cases: &[(&str, String, &str)] = &[
        (
            "unknown mode",
            kv.replace("MODE = AES-CBC", "MODE = AES-XYZ"),
            "MODE",
        ),
        (
            "unknown kind",
            kv.replace("KIND = SP800-38A", "KIND = FOO"),
            "KIND",
        ),
        (
            "unknown header field",
            kv.replace("KIND = SP800-38A", "KIND = SP800-38A\nNOTE = x"),
            "NOTE",
        ),
        (
            "unknown record field",
            kv.replacen("IV = ", "NONCE = 00\nIV = ", 1),
            "NONCE",
        ),
        (
            "missing record field",
            kv.replacen("PLAINTEXT = ", "X = ", 1),
            "PLAINTEXT",
        ),
        (
            "section line",
            kv.replacen("VECTOR = ", "[ENCRYPT]\nVECTOR = ", 1),
            "section",
        ),
    ];
    for (what, text, needle) in kv_cases {
        let (_, msg) = parse_error(&s.file("F2-CBC.txt", text));
        assert!(msg.contains(needle), "{what}: {msg}");
    }
    let ctr = std::fs::read_to_string(bundled_dir().join("sp800-38a/F5-CTR.txt")).unwrap();
    let (_, msg) = parse_error(&s.file("F5-CTR.txt", &ctr.replace("COUNTER = 128be\n", "")));
    assert!(msg.contains("COUNTER"), "{msg}");
}

#[test]
fn unrecognised_files_are_errors() {
    let s = Scratch::new("unrecognised");
    for name in [
        "notes.txt",
        "CBCFoo128.rsp",
        "CBCGFSbox100.rsp",
        "TCBCIMMT1.rsp",
        "TECBMonte3.rsp",
        "CFB2MMT128.rsp",
    ] {
        match run_file(&s.file(name, GOOD)) {
            Err(VectorError::Unrecognised(p)) => assert!(p.ends_with(name)),
            other => panic!("{name}: {other:?}"),
        }
    }
    assert!(matches!(
        run_file(&s.0.join("missing.rsp")),
        Err(VectorError::Io(..))
    ));
    assert!(collect_files(&s.0.join("missing")).is_err());
}

#[test]
fn collect_files_is_sorted_recursive_and_skips_markdown() {
    let files = collect_files(&bundled_dir()).unwrap();
    assert!(files.windows(2).all(|w| w[0] < w[1]));
    assert!(
        files
            .iter()
            .all(|p| p.extension().is_some_and(|e| e != "md"))
    );
    assert!(files.iter().any(|p| p.ends_with("aes/cfb8/CFB8MCT256.rsp")));
    let one = bundled_dir().join("aes/ecb/ECBVarKey128.rsp");
    assert_eq!(collect_files(&one).unwrap(), vec![one]);
}
