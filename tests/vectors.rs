//! Conformance: every bundled vector file (NIST CAVP AESAVS / TMOVS KAT,
//! MMT and AES MCT, XTSVS, GCMVS, CCMVS, SP 800-38A Appendix F, RFC 3686,
//! RFC 5297 SIV, SP 800-38B CMAC, RFC 7253 OCB3, RFC 8452 AES-GCM-SIV)
//! passes through the
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
        ("AES-GCM", "EncryptExtIV", 3, 23_625),
        ("AES-GCM", "Decrypt", 3, 23_625),
        ("AES-CCM", "DVPT", 3, 720),
        ("AES-CCM", "VADT", 3, 990),
        ("AES-CCM", "VNT", 3, 210),
        ("AES-CCM", "VPT", 3, 750),
        ("AES-CCM", "VTT", 3, 210),
        ("AES-SIV", "RFC5297", 1, 2),
        ("AES-SIV", "OpenSSL", 1, 4),
        ("AES-SIV", "CrossCheck", 1, 8),
        ("AES-CMAC", "SP800-38B", 3, 12),
        ("TDES-CMAC", "SP800-38B", 1, 8),
        ("AES-OCB3", "RFC7253", 1, 16),
        ("AES-OCB3", "LongNonce", 3, 48),
        ("AES-OCB3", "OpenSSL", 1, 7),
        ("AES-GCM-SIV", "OpenSSL", 1, 46),
        ("AES-GCM-SIV", "AES192", 1, 46),
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
    assert!(total >= 72_697, "only {total} cases");
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
        "gcmEncrypt128.rsp",
        "gcmDecrypt100.rsp",
        "DVPT64.rsp",
        "VADT.rsp",
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

/// The first group of GCMVS `gcmDecrypt128.rsp` cut to its first two
/// records: Count = 0 opens to an empty PT, Count = 1 must FAIL.
const GCM_DEC: &str = "\
# CAVS 14.0
[Keylen = 128]
[IVlen = 96]
[PTlen = 0]
[AADlen = 0]
[Taglen = 128]

Count = 0
Key = cf063a34d4a9a76c2c86787d3f96db71
IV = 113b9785971864c83b01c787
CT = 
AAD = 
Tag = 72ac8493e3a5228b5d130a69d2510e42
PT = 

Count = 1
Key = a49a5e26a2f8cb63d05546c2a62f5343
IV = 907763b19b9b4ab6bd4f0281
CT = 
AAD = 
Tag = a2be08210d8c470a8df6e8fbd79ec5cf
FAIL
";

#[test]
fn gcm_records_pass_fail_and_flags_are_checked() {
    let s = Scratch::new("gcm");
    let r = run_file(&s.file("gcmDecrypt128.rsp", GCM_DEC)).unwrap();
    assert_eq!((r.mode.as_str(), r.kind.as_str()), ("AES-GCM", "Decrypt"));
    assert_eq!((r.cases, r.passed, r.failed), (2, 2, 0), "{:?}", r.failures);

    // A FAIL record whose tag is in fact right fails the case, and so does
    // a passing record marked FAIL.
    let (first, second) = GCM_DEC.split_once("Count = 1").unwrap();
    let swapped = format!(
        "{}Count = 1{}",
        first.replacen("PT = \n", "FAIL\n", 1),
        second.replacen("FAIL\n", "PT = \n", 1)
    );
    let r = run_file(&s.file("gcmDecrypt128.rsp", &swapped)).unwrap();
    assert_eq!((r.cases, r.failed), (2, 2), "{:?}", r.failures);
    assert!(r.failures[0].contains("accepted"), "{:?}", r.failures);

    // A wrong tag in an encryption file.
    let src =
        std::fs::read_to_string(bundled_dir().join("aes/gcm/gcmEncryptExtIV256.rsp")).unwrap();
    let at = src.find("Tag = ").unwrap() + "Tag = ".len();
    let mut b = src.into_bytes();
    b[at] = if b[at] == b'0' { b'1' } else { b'0' };
    let r = run_file(&s.file("gcmEncryptExtIV256.rsp", &String::from_utf8(b).unwrap())).unwrap();
    assert_eq!(r.failed, 1, "{:?}", r.failures);
    assert!(r.failures[0].contains("Count = 0"), "{:?}", r.failures);

    // A wrong CT in a decryption file with a non-empty PT.
    let src = std::fs::read_to_string(bundled_dir().join("aes/gcm/gcmDecrypt192.rsp")).unwrap();
    let i = src.find("[PTlen = 128]").unwrap();
    let at = i + src[i..].find("CT = ").unwrap() + "CT = ".len();
    let mut b = src.into_bytes();
    b[at] = if b[at] == b'0' { b'1' } else { b'0' };
    let r = run_file(&s.file("gcmDecrypt192.rsp", &String::from_utf8(b).unwrap())).unwrap();
    assert_eq!(r.failed, 1, "{:?}", r.failures);
}

#[test]
fn gcm_parameters_and_flags_are_strict() {
    let s = Scratch::new("gcmstrict");
    let cases: &[(&str, &str, String, usize, &str)] = &[
        (
            "tag shorter than Taglen",
            "gcmDecrypt128.rsp",
            GCM_DEC.replace(
                "Tag = 72ac8493e3a5228b5d130a69d2510e42",
                "Tag = 72ac8493e3a5228b5d130a69d2510e",
            ),
            13,
            "Taglen",
        ),
        (
            "IV longer than IVlen",
            "gcmDecrypt128.rsp",
            GCM_DEC.replace(
                "IV = 113b9785971864c83b01c787",
                "IV = 113b9785971864c83b01c78700",
            ),
            10,
            "IVlen",
        ),
        (
            "CT longer than PTlen",
            "gcmDecrypt128.rsp",
            GCM_DEC.replacen("CT = \n", "CT = 00\n", 1),
            11,
            "PTlen",
        ),
        (
            "Keylen of another file",
            "gcmDecrypt256.rsp",
            GCM_DEC.to_string(),
            2,
            "Keylen",
        ),
        (
            "key shorter than Keylen",
            "gcmDecrypt192.rsp",
            GCM_DEC.replace("[Keylen = 128]", "[Keylen = 192]"),
            9,
            "Keylen",
        ),
        (
            "unknown parameter",
            "gcmDecrypt128.rsp",
            GCM_DEC.replace("[Taglen = 128]", "[Taglen = 128]\n[Foo = 1]"),
            7,
            "Foo",
        ),
        (
            "parameter twice",
            "gcmDecrypt128.rsp",
            GCM_DEC.replace("[Taglen = 128]", "[Taglen = 128]\n[IVlen = 96]"),
            7,
            "twice",
        ),
        (
            "bad parameter value",
            "gcmDecrypt128.rsp",
            GCM_DEC.replace("[PTlen = 0]", "[PTlen = x]"),
            4,
            "PTlen",
        ),
        (
            "FAIL in an encryption file",
            "gcmEncryptExtIV128.rsp",
            GCM_DEC.replace("PT = \n", "PT = \nFAIL\n"),
            15,
            "FAIL",
        ),
        (
            "FAIL and PT",
            "gcmDecrypt128.rsp",
            GCM_DEC.replace("FAIL\n", "FAIL\nPT = \n"),
            23,
            "PT",
        ),
        (
            "FAIL twice",
            "gcmDecrypt128.rsp",
            GCM_DEC.replace("FAIL\n", "FAIL\nFAIL\n"),
            23,
            "twice",
        ),
        (
            "FAIL outside a record",
            "gcmDecrypt128.rsp",
            format!("{GCM_DEC}\nFAIL\n"),
            24,
            "outside",
        ),
        (
            "missing PT",
            "gcmDecrypt128.rsp",
            GCM_DEC.replacen("PT = \n", "", 1),
            8,
            "PT",
        ),
        (
            "parameter section without records",
            "gcmDecrypt128.rsp",
            format!("{GCM_DEC}\n[Keylen = 128]\n"),
            24,
            "without records",
        ),
        (
            "malformed parameter section",
            "gcmDecrypt128.rsp",
            GCM_DEC.replace("[PTlen = 0]", "[PTlen = 0, ]"),
            4,
            "parameter section",
        ),
    ];
    for (what, name, text, line, needle) in cases {
        let (l, msg) = parse_error(&s.file(name, text));
        assert_eq!(l, *line, "{what}: {msg}");
        assert!(msg.contains(needle), "{what}: {msg}");
    }
    // The CBC files know nothing of parameters or flags.
    for text in [
        GOOD.replace("[ENCRYPT]", "[ENCRYPT]\n[Keylen = 128]"),
        GOOD.replace("CIPHERTEXT", "FAIL\nCIPHERTEXT"),
        format!("KEYLEN = 128\n{GOOD}"),
    ] {
        let (_, msg) = parse_error(&s.file("CBCGFSbox128.rsp", &text));
        assert!(
            msg.contains("KEYLEN") || msg.contains("Keylen") || msg.contains("FAIL"),
            "{msg}"
        );
    }
}

#[test]
fn ccm_records_are_checked_and_strict() {
    let s = Scratch::new("ccm");
    let read = |rel: &str| {
        std::fs::read_to_string(bundled_dir().join(rel))
            .unwrap()
            .replace("\r\n", "\n")
    };
    // A flipped CT digit in an encryption file.
    let src = read("aes/ccm/VTT128.rsp");
    let at = src.find("CT = ").unwrap() + "CT = ".len();
    let mut b = src.clone().into_bytes();
    b[at] = if b[at] == b'0' { b'1' } else { b'0' };
    let r = run_file(&s.file("VTT128.rsp", &String::from_utf8(b).unwrap())).unwrap();
    assert_eq!(r.failed, 1, "{:?}", r.failures);
    // A Pass record marked Fail: the open succeeds, so the case fails.
    let dvpt = read("aes/ccm/DVPT256.rsp");
    let pass = dvpt.find("Result = Pass\nPayload = ").unwrap();
    let end = pass + dvpt[pass..].find("\n\n").unwrap();
    let swapped = format!("{}Result = Fail{}", &dvpt[..pass], &dvpt[end..]);
    let r = run_file(&s.file("DVPT256.rsp", &swapped)).unwrap();
    assert_eq!(r.failed, 1, "{:?}", r.failures);
    assert!(r.failures[0].contains("accepted"), "{:?}", r.failures);
    // And a Fail record marked Pass with some payload.
    let fail = dvpt.find("Result = Fail\n").unwrap();
    let marked = format!(
        "{}Result = Pass\nPayload = 00{}",
        &dvpt[..fail],
        &dvpt[fail + "Result = Fail".len()..]
    );
    let r = run_file(&s.file("DVPT256.rsp", &marked)).unwrap();
    assert_eq!(r.failed, 1, "{:?}", r.failures);

    // Strictness: lengths against the parameters, the 00 placeholder,
    // Result values, group fields.
    let vadt = read("aes/ccm/VADT128.rsp");
    let cases: &[(&str, String, &str)] = &[
        (
            "Adata placeholder",
            vadt.replacen("Adata = 00\n", "Adata = 01\n", 1),
            "Adata",
        ),
        ("Plen", vadt.replacen("Plen = 24", "Plen = 23", 1), "Plen"),
        (
            "unused top-of-file parameter",
            format!("Foo = 1\n{vadt}"),
            "Foo",
        ),
        (
            "Nonce twice",
            vadt.replacen("\nCount = 0\n", "\nCount = 0\nNonce = 00\n", 1),
            "twice",
        ),
        (
            "Result",
            dvpt.replacen("Result = Fail", "Result = Maybe", 1),
            "Result",
        ),
    ];
    for (what, text, needle) in cases {
        let name = if text.contains("DVPT") {
            "DVPT256.rsp"
        } else {
            "VADT128.rsp"
        };
        let (_, msg) = parse_error(&s.file(name, text));
        assert!(msg.contains(needle), "{what}: {msg}");
    }
}

#[test]
fn siv_and_cmac_records_are_checked_and_strict() {
    let s = Scratch::new("sivcmac");
    let read = |rel: &str| std::fs::read_to_string(bundled_dir().join(rel)).unwrap();
    let sub = |dir: &str, name: &str, text: &str| {
        std::fs::create_dir_all(s.0.join(dir)).unwrap();
        s.file(&format!("{dir}/{name}"), text)
    };

    // SIV, key-value: an empty component is a component — dropping one
    // changes V, so the record fails; so does a flipped OUTPUT digit.
    let kv = read("aes/siv/empty-components.txt");
    let r = run_file(&s.file("siv.txt", &kv)).unwrap();
    assert_eq!(
        (r.mode.as_str(), r.kind.as_str()),
        ("AES-SIV", "CrossCheck")
    );
    assert_eq!((r.cases, r.failed), (8, 0));
    let dropped = kv.replacen("AD1 =\n", "", 1);
    let r = run_file(&s.file("siv.txt", &dropped)).unwrap();
    assert_eq!(r.failed, 1, "{:?}", r.failures);
    let rfc = read("aes/siv/rfc5297.txt");
    let flipped = rfc.replacen("OUTPUT = 8", "OUTPUT = 9", 1);
    let r = run_file(&s.file("rfc.txt", &flipped)).unwrap();
    assert_eq!(r.failed, 1, "{:?}", r.failures);
    // A gap in the numbering, an unknown KIND, a short OUTPUT.
    for (text, needle) in [
        (rfc.replacen("AD2 = ", "AD3 = ", 1), "AD3"),
        (rfc.replacen("KIND = RFC5297", "KIND = KAT", 1), "KIND"),
        (rfc.replacen("OUTPUT = 85632d07", "OUTPUT = ", 1), "OUTPUT"),
    ] {
        let (_, msg) = parse_error(&s.file("rfc.txt", &text));
        assert!(msg.contains(needle), "{msg}");
    }

    // SIV, section-less package file: known by folder and name.
    let ossl = read("aes/siv/openssl.txt");
    let r = run_file(&sub("siv", "openssl.txt", &ossl)).unwrap();
    assert_eq!((r.cases, r.failed), (4, 0));
    let bad = ossl.replacen("Tag = 85", "Tag = 86", 1);
    let r = run_file(&sub("siv", "openssl.txt", &bad)).unwrap();
    assert_eq!(r.failed, 1, "{:?}", r.failures);
    let (_, msg) = parse_error(&sub("siv", "openssl.txt", &format!("[ENCRYPT]\n{ossl}")));
    assert!(msg.contains("section"), "{msg}");
    let (_, msg) = parse_error(&sub(
        "siv",
        "openssl.txt",
        &ossl.replacen("AAD3", "AAD4", 1),
    ));
    assert!(msg.contains("AAD4"), "{msg}");
    // The same file elsewhere is not recognised.
    assert!(matches!(
        run_file(&sub("other", "openssl.txt", &ossl)),
        Err(VectorError::Unrecognised(_))
    ));

    // CMAC: a wrong tag fails; a key of the wrong size, a section, a field
    // before the first record are errors; two-key records run both ways.
    let aes = read("cmac/nist-800-38b-aes192.txt");
    let bad = aes.replacen("OUTPUT = d", "OUTPUT = e", 1);
    let r = run_file(&sub("cmac", "nist-800-38b-aes192.txt", &bad)).unwrap();
    assert_eq!(
        (r.mode.as_str(), r.failed),
        ("AES-CMAC", 1),
        "{:?}",
        r.failures
    );
    let (_, msg) = parse_error(&sub("cmac", "nist-800-38b-aes128.txt", &aes));
    assert!(msg.contains("KEY"), "{msg}");
    let (_, msg) = parse_error(&sub(
        "cmac",
        "nist-800-38b-aes192.txt",
        &format!("KEY = 00\n{aes}"),
    ));
    assert!(msg.contains("outside a record"), "{msg}");
    let tdes = read("cmac/nist-800-38b-3des.txt");
    let r = run_file(&sub("cmac", "nist-800-38b-3des.txt", &tdes)).unwrap();
    assert_eq!((r.mode.as_str(), r.cases, r.failed), ("TDES-CMAC", 8, 0));
    let two_key = tdes.rfind("OUTPUT = ").unwrap();
    let mut b = tdes.clone().into_bytes();
    b[two_key + 9] ^= 1;
    let r = run_file(&sub(
        "cmac",
        "nist-800-38b-3des.txt",
        &String::from_utf8(b).unwrap(),
    ))
    .unwrap();
    assert_eq!(r.failed, 1, "{:?}", r.failures);
    assert!(
        r.failures[0].contains("TdesEde2") && r.failures[0].contains("TdesEde3"),
        "{:?}",
        r.failures
    );
    assert!(matches!(
        run_file(&sub("cmac", "nist-800-38b-aes512.txt", &aes)),
        Err(VectorError::Unrecognised(_))
    ));
}

#[test]
fn ocb3_and_gcm_siv_records_are_checked_and_strict() {
    let s = Scratch::new("ocbgcmsiv");
    let read = |rel: &str| std::fs::read_to_string(bundled_dir().join(rel)).unwrap();
    let sub = |dir: &str, name: &str, text: &str| {
        std::fs::create_dir_all(s.0.join(dir)).unwrap();
        s.file(&format!("{dir}/{name}"), text)
    };
    let ocb = read("aes/ocb3/rfc7253.txt");
    // The last digit of the first record's tag.
    let bad = ocb.replacen(
        "785407BFFFC8AD9EDCC5520AC9111EE6",
        "785407BFFFC8AD9EDCC5520AC9111EE7",
        1,
    );
    let r = run_file(&sub("ocb3", "rfc7253.txt", &bad)).unwrap();
    assert_eq!(
        (r.mode.as_str(), r.cases, r.failed),
        ("AES-OCB3", 16, 1),
        "{:?}",
        r.failures
    );
    // A Ciphertext with no room for a tag; a missing AAD; an unknown file.
    let (_, msg) = parse_error(&sub(
        "ocb3",
        "rfc7253.txt",
        &ocb.replacen(
            "Ciphertext = 785407BFFFC8AD9EDCC5520AC9111EE6",
            "Ciphertext =",
            1,
        ),
    ));
    assert!(msg.contains("Ciphertext"), "{msg}");
    let (_, msg) = parse_error(&sub("ocb3", "rfc7253.txt", &ocb.replacen("AAD =\n", "", 1)));
    assert!(msg.contains("AAD"), "{msg}");
    assert!(matches!(
        run_file(&sub("ocb3", "test-vector-1-nonce96.txt", &ocb)),
        Err(VectorError::Unrecognised(_))
    ));

    let siv = read("aes/gcm-siv/openssl.txt");
    let bad = siv.replacen(
        "Tag = 578782fff6013b815b287c22493a364c",
        "Tag = 578782fff6013b815b287c22493a364d",
        1,
    );
    let r = run_file(&sub("gcm-siv", "openssl.txt", &bad)).unwrap();
    assert_eq!(
        (r.mode.as_str(), r.failed),
        ("AES-GCM-SIV", 1),
        "{:?}",
        r.failures
    );
    // AAD is optional in this format, but given it must be right.
    let with_aad = siv.replacen(
        "IV = 030000000000000000000000\n",
        "IV = 030000000000000000000000\nAAD = 01\n",
        1,
    );
    let r = run_file(&sub("gcm-siv", "openssl.txt", &with_aad)).unwrap();
    assert_eq!(r.failed, 1, "{:?}", r.failures);
    // The AES-192 file takes 192-bit keys only.
    let (_, msg) = parse_error(&sub("gcm-siv", "aes-192-gcm-siv.txt", &siv));
    assert!(msg.contains("Key"), "{msg}");
}
