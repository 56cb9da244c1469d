//! Conformance: run the NIST CAVP and RFC / SP 800-38A test vectors kept
//! in `vectors/` against the crate's public API — the Known Answer Tests
//! and Multi-block Message Tests of AESAVS (NIST, 2002) §6.2–6.3 and
//! TMOVS (SP 800-20), the AES Monte Carlo Test of AESAVS §6.4, the XTSVS
//! files (SP 800-38E), the GCMVS files (SP 800-38D §7), the CCMVS files
//! (SP 800-38C §6), the examples of
//! SP 800-38A Appendix F, the AES-CTR vectors of RFC 3686 §6, the SIV
//! vectors of RFC 5297 Appendix A, the CMAC examples of SP 800-38B
//! Appendix D, the OCB3 sample results of RFC 7253 Appendix A (and their
//! longer-nonce forms) and AES-GCM-SIV vectors (RFC 8452 Appendix C).
//!
//! One strict parser (`parse`) serves the tests and the command line;
//! [`run_file`] tells the mode of a file from its name (CAVP) or its
//! header (key-value format), runs every record, and reports each failing
//! record by its COUNT or label.
//!
//! ```no_run
//! use blockmodes::vectors::{bundled_dir, collect_files, run_file};
//!
//! for path in collect_files(&bundled_dir())? {
//!     let report = run_file(&path)?;
//!     assert_eq!(report.failed, 0, "{:?}", report.failures);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::ToOwned;
use std::fmt;
use std::format;
use std::path::{Path, PathBuf};
use std::string::{String, ToString};
use std::vec::Vec;

mod ccm;
mod cmac;
mod engine;
mod gcm;
mod mct;
mod nonce_aead;
mod parse;
mod siv;
mod xts;

use engine::{CipherKind, ModeKind, engine};
use parse::{Direction, Format, LineError, Record, encode_bits, encode_hex};

use crate::modes::CounterLayout;

/// The outcome of one vector file.
///
/// ```
/// use blockmodes::vectors::{bundled_dir, run_file};
///
/// let report = run_file(&bundled_dir().join("sp800-38a/F2-CBC.txt"))?;
/// assert_eq!((report.mode.as_str(), report.kind.as_str()), ("AES-CBC", "SP800-38A"));
/// assert_eq!((report.cases, report.passed, report.failed), (3, 3, 0));
/// # Ok::<(), blockmodes::vectors::VectorError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileReport {
    /// The file.
    pub path: PathBuf,
    /// Cipher and mode, e.g. `AES-CBC`, `AES-CFB1`, `TDES-ECB`.
    pub mode: String,
    /// `KAT`, `MMT`, `MonteCarlo`, `SP800-38A`, `RFC3686`, `XTSGen`, or
    /// for GCM `EncryptExtIV` / `Decrypt`, for CCM `DVPT`, `VADT`, `VNT`,
    /// `VPT` / `VTT`, for SIV `RFC5297` / `OpenSSL` / `CrossCheck`, for
    /// CMAC `SP800-38B`, for OCB3 `RFC7253` / `LongNonce` / `OpenSSL`, for
    /// GCM-SIV `OpenSSL` / `AES192`.
    pub kind: String,
    /// Records run.
    pub cases: usize,
    /// Records whose every check passed.
    pub passed: usize,
    /// Records with a failed check.
    pub failed: usize,
    /// One line per failed record: its line, section and COUNT/label, and
    /// what differed.
    pub failures: Vec<String>,
}

/// Why a file could not be run at all.
///
/// ```
/// use blockmodes::vectors::{VectorError, bundled_dir, run_file};
///
/// // The README is no vector file.
/// let err = run_file(&bundled_dir().join("README.md")).unwrap_err();
/// assert!(matches!(err, VectorError::Unrecognised(_)));
/// ```
#[derive(Debug)]
pub enum VectorError {
    /// The file could not be read.
    Io(PathBuf, std::io::Error),
    /// The file's mode cannot be told from its name or header.
    Unrecognised(PathBuf),
    /// The file is malformed, or a record has an unknown, missing,
    /// duplicated or invalid field.
    Parse {
        /// The file.
        path: PathBuf,
        /// The line (1-based).
        line: usize,
        /// What is wrong.
        msg: String,
    },
}

impl fmt::Display for VectorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VectorError::Io(p, e) => write!(f, "{}: {e}", p.display()),
            VectorError::Unrecognised(p) => write!(
                f,
                "{}: not a recognised vector file (cannot tell its mode from its name or header)",
                p.display()
            ),
            VectorError::Parse { path, line, msg } => {
                write!(f, "{}:{line}: {msg}", path.display())
            }
        }
    }
}

impl std::error::Error for VectorError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            VectorError::Io(_, e) => Some(e),
            _ => None,
        }
    }
}

/// The repository's `vectors/` folder.
pub fn bundled_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("vectors")
}

/// The vector files under `path`: a file is itself; a folder is searched
/// recursively, in sorted order, skipping Markdown (`*.md`) and hidden
/// files.
pub fn collect_files(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    if path.is_dir() {
        walk(path, &mut out)?;
        out.sort();
    } else {
        // Surface a missing file as an error here rather than later.
        std::fs::metadata(path)?;
        out.push(path.to_path_buf());
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let p = entry?.path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') {
            continue;
        }
        if p.is_dir() {
            walk(&p, out)?;
        } else if !name.ends_with(".md") {
            out.push(p);
        }
    }
    Ok(())
}

/// What a file holds.
#[derive(Clone, Copy, Debug)]
struct Spec {
    cipher: CipherKind,
    mode: ModeKind,
    kind: &'static str,
    /// Key length the file name promises (AES CAVP and RFC 3686 files).
    key_bits: Option<usize>,
    /// A `cryptography_vectors` file of `COUNT` records without sections
    /// (read by [`parse::parse_sectionless`]).
    sectionless: bool,
}

/// Tell the mode of a section-less `cryptography_vectors` file from its
/// folder and name: `cmac/nist-800-38b-<aes128|aes192|aes256|3des>.txt`,
/// `siv/openssl.txt`, `ocb3/<rfc7253|openssl|test-vector-1-nonce<104|112|120>>.txt`,
/// `gcm-siv/<openssl|aes-192-gcm-siv>.txt`. The folder is part of the name because the package
/// has an `openssl.txt` in several folders.
fn spec_from_folder(folder: &str, name: &str) -> Option<Spec> {
    let spec = |cipher, mode, kind, key_bits| Spec {
        cipher,
        mode,
        kind,
        key_bits,
        sectionless: true,
    };
    match (folder, name) {
        ("cmac", _) => {
            let stem = name.strip_prefix("nist-800-38b-")?.strip_suffix(".txt")?;
            if stem == "3des" {
                return Some(spec(CipherKind::Tdes, ModeKind::Cmac, "SP800-38B", None));
            }
            let bits = aes_bits(stem.strip_prefix("aes")?)?;
            Some(spec(
                CipherKind::Aes,
                ModeKind::Cmac,
                "SP800-38B",
                Some(bits),
            ))
        }
        ("siv", "openssl.txt") => Some(spec(CipherKind::Aes, ModeKind::Siv, "OpenSSL", None)),
        ("ocb3", _) => {
            let kind = match name {
                "rfc7253.txt" => "RFC7253",
                "test-vector-1-nonce104.txt"
                | "test-vector-1-nonce112.txt"
                | "test-vector-1-nonce120.txt" => "LongNonce",
                "openssl.txt" => "OpenSSL",
                _ => return None,
            };
            Some(spec(CipherKind::Aes, ModeKind::Ocb3, kind, None))
        }
        ("gcm-siv", "openssl.txt") => {
            Some(spec(CipherKind::Aes, ModeKind::GcmSiv, "OpenSSL", None))
        }
        ("gcm-siv", "aes-192-gcm-siv.txt") => {
            Some(spec(CipherKind::Aes, ModeKind::GcmSiv, "AES192", Some(192)))
        }
        _ => None,
    }
}

/// Tell the mode of a file from its path: its name, or for the section-less
/// files its folder and name.
fn spec_from_path(path: &Path) -> Option<Spec> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let folder = path
        .parent()
        .and_then(Path::file_name)
        .and_then(|n| n.to_str())
        .unwrap_or("");
    spec_from_folder(folder, name).or_else(|| spec_from_name(name))
}

/// Tell the mode of a CAVP file from its name.
fn spec_from_name(name: &str) -> Option<Spec> {
    if let Some(bits) = name
        .strip_prefix("aes-")
        .and_then(|r| r.strip_suffix("-ctr.txt"))
    {
        let key_bits = aes_bits(bits)?;
        return Some(Spec {
            cipher: CipherKind::Aes,
            // RFC 3686 §4: a 32-bit big-endian block counter.
            mode: ModeKind::Ctr(CounterLayout::parse("32be").ok()?),
            kind: "RFC3686",
            key_bits: Some(key_bits),
            sectionless: false,
        });
    }
    let stem = name.strip_suffix(".rsp")?;
    for (prefix, kind) in [
        ("gcmEncryptExtIV", "EncryptExtIV"),
        ("gcmDecrypt", "Decrypt"),
    ] {
        // GCMVS file names: gcm<EncryptExtIV|Decrypt><128|192|256>.
        if let Some(bits) = stem.strip_prefix(prefix) {
            return Some(Spec {
                cipher: CipherKind::Aes,
                mode: ModeKind::Gcm,
                kind,
                key_bits: Some(aes_bits(bits)?),
                sectionless: false,
            });
        }
    }
    for kind in ["DVPT", "VADT", "VNT", "VPT", "VTT"] {
        // CCMVS file names: <DVPT|VADT|VNT|VPT|VTT><128|192|256>.
        if let Some(bits) = stem.strip_prefix(kind) {
            return Some(Spec {
                cipher: CipherKind::Aes,
                mode: ModeKind::Ccm,
                kind,
                key_bits: Some(aes_bits(bits)?),
                sectionless: false,
            });
        }
    }
    if let Some(bits) = stem.strip_prefix("XTSGenAES") {
        // XTSVS file names: XTSGenAES<128|256> (IEEE 1619 allows no other).
        return Some(Spec {
            cipher: CipherKind::Aes,
            mode: ModeKind::Xts,
            kind: "XTSGen",
            key_bits: Some(aes_bits(bits).filter(|&b| b != 192)?),
            sectionless: false,
        });
    }
    if let Some(rest) = stem.strip_prefix('T') {
        // TMOVS file names: T<mode><test>, e.g. TCBCMMT3, TCFB8varkey.
        let (mode, rest) = mode_prefix(rest, &[1, 8, 64])?;
        let kind = match rest {
            "MMT1" | "MMT2" | "MMT3" => "MMT",
            "invperm" | "permop" | "subtab" | "varkey" | "vartext" => "KAT",
            _ => return None,
        };
        return Some(Spec {
            cipher: CipherKind::Tdes,
            mode,
            kind,
            key_bits: None,
            sectionless: false,
        });
    }
    // AESAVS file names: <mode><test><keylen>, e.g. CBCGFSbox128, CFB8MCT256.
    let (mode, rest) = mode_prefix(stem, &[1, 8, 128])?;
    for (test, kind) in [
        ("GFSbox", "KAT"),
        ("KeySbox", "KAT"),
        ("VarKey", "KAT"),
        ("VarTxt", "KAT"),
        ("MMT", "MMT"),
        ("MCT", "MonteCarlo"),
    ] {
        if let Some(bits) = rest.strip_prefix(test) {
            return Some(Spec {
                cipher: CipherKind::Aes,
                mode,
                kind,
                key_bits: Some(aes_bits(bits)?),
                sectionless: false,
            });
        }
    }
    None
}

fn aes_bits(s: &str) -> Option<usize> {
    match s {
        "128" => Some(128),
        "192" => Some(192),
        "256" => Some(256),
        _ => None,
    }
}

/// Split `ECB`/`CBC`/`OFB`/`CFB<s>` (with `s` in `cfb_sizes`) off `s`.
fn mode_prefix<'a>(s: &'a str, cfb_sizes: &[usize]) -> Option<(ModeKind, &'a str)> {
    for (p, m) in [
        ("ECB", ModeKind::Ecb),
        ("CBC", ModeKind::Cbc),
        ("OFB", ModeKind::Ofb),
    ] {
        if let Some(rest) = s.strip_prefix(p) {
            return Some((m, rest));
        }
    }
    let rest = s.strip_prefix("CFB")?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let seg: usize = rest[..digits].parse().ok()?;
    cfb_sizes
        .contains(&seg)
        .then_some((ModeKind::Cfb(seg), &rest[digits..]))
}

/// Tell the mode of a key-value file from its header.
fn spec_from_header(header: &mut Record) -> Result<Spec, LineError> {
    let (mode_s, line) = header.take("MODE")?;
    let bad = || LineError {
        line,
        msg: format!("unknown MODE {mode_s:?} (expected e.g. AES-CBC, AES-CFB8, TDES-ECB)"),
    };
    let (c, m) = mode_s.split_once('-').ok_or_else(bad)?;
    let cipher = match c {
        "AES" => CipherKind::Aes,
        "TDES" => CipherKind::Tdes,
        _ => return Err(bad()),
    };
    let sizes: &[usize] = match cipher {
        CipherKind::Aes => &[1, 8, 128],
        CipherKind::Tdes => &[1, 8, 64],
    };
    let mode = if m == "SIV" && cipher == CipherKind::Aes {
        ModeKind::Siv
    } else if m == "CTR" {
        let (layout, l) = header.take("COUNTER")?;
        ModeKind::Ctr(CounterLayout::parse(&layout).map_err(|_| LineError {
            line: l,
            msg: format!("invalid COUNTER layout {layout:?} (expected e.g. 128be)"),
        })?)
    } else {
        match mode_prefix(m, sizes) {
            Some((mode, "")) => mode,
            _ => return Err(bad()),
        }
    };
    let (kind_s, l) = header.take("KIND")?;
    let kind = match kind_s.as_str() {
        "SP800-38A" => "SP800-38A",
        "RFC3686" => "RFC3686",
        "KAT" => "KAT",
        "MMT" => "MMT",
        "RFC5297" => "RFC5297",
        "CrossCheck" => "CrossCheck",
        _ => {
            return parse::err(
                l,
                format!(
                    "unknown KIND {kind_s:?} (expected SP800-38A, RFC3686, KAT, MMT, RFC5297 or CrossCheck)"
                ),
            );
        }
    };
    header.finish()?;
    if (mode == ModeKind::Siv) != matches!(kind, "RFC5297" | "CrossCheck") {
        return parse::err(
            l,
            format!(
                "KIND {kind} does not go with MODE {mode_s} (SIV files are RFC5297 or CrossCheck)"
            ),
        );
    }
    Ok(Spec {
        cipher,
        mode,
        kind,
        key_bits: None,
        sectionless: false,
    })
}

/// Run every record of one vector file against the crate's public API.
pub fn run_file(path: &Path) -> Result<FileReport, VectorError> {
    let text = std::fs::read_to_string(path).map_err(|e| VectorError::Io(path.to_owned(), e))?;
    let perr = |e: LineError| VectorError::Parse {
        path: path.to_owned(),
        line: e.line,
        msg: e.msg,
    };
    // A CAVP file must have a name we know before its contents matter.
    let by_name = spec_from_path(path);
    if parse::detect_format(&text) == Format::Cavp && by_name.is_none() {
        return Err(VectorError::Unrecognised(path.to_owned()));
    }
    let parsed = if by_name.is_some_and(|s| s.sectionless) {
        parse::parse_sectionless(&text)
    } else {
        parse::parse(&text)
    }
    .map_err(perr)?;
    let spec = match (parsed.format, parsed.header, by_name) {
        (Format::KeyValue, Some(mut header), _) => spec_from_header(&mut header).map_err(perr)?,
        (Format::Cavp, _, Some(spec)) => spec,
        _ => return Err(VectorError::Unrecognised(path.to_owned())),
    };
    let mut report = FileReport {
        path: path.to_owned(),
        mode: format!("{}-{}", spec.cipher.name(), spec.mode.name()),
        kind: spec.kind.to_string(),
        cases: 0,
        passed: 0,
        failed: 0,
        failures: Vec::new(),
    };
    let mut chain: Option<Chained> = None;
    for mut rec in parsed.records {
        let outcome = if spec.kind == "MonteCarlo" {
            run_mct_record(&spec, &mut rec, &mut chain)
        } else if spec.mode == ModeKind::Siv {
            siv::run_record(!spec.sectionless, &mut rec)
        } else if spec.mode == ModeKind::Ocb3 {
            nonce_aead::run_record(nonce_aead::Algorithm::Ocb3, spec.key_bits, &mut rec)
        } else if spec.mode == ModeKind::GcmSiv {
            nonce_aead::run_record(nonce_aead::Algorithm::GcmSiv, spec.key_bits, &mut rec)
        } else if spec.mode == ModeKind::Cmac {
            cmac::run_record(spec.cipher, spec.key_bits.unwrap_or(128), &mut rec)
        } else if spec.mode == ModeKind::Xts {
            xts::run_record(spec.key_bits.unwrap_or(128), &mut rec)
        } else if spec.mode == ModeKind::Ccm {
            ccm::run_record(spec.key_bits.unwrap_or(128), spec.kind == "DVPT", &mut rec)
        } else if spec.mode == ModeKind::Gcm {
            gcm::run_record(
                spec.key_bits.unwrap_or(128),
                spec.kind == "Decrypt",
                &mut rec,
            )
        } else {
            run_record(&spec, &mut rec)
        }
        .map_err(perr)?;
        report.cases += 1;
        match outcome {
            None => report.passed += 1,
            Some(msg) => {
                report.failed += 1;
                report.failures.push(msg);
            }
        }
    }
    Ok(report)
}

/// Plaintext or ciphertext: bytes and length in bits.
struct Data {
    bytes: Vec<u8>,
    bits: usize,
    line: usize,
}

fn take_data(spec: &Spec, rec: &mut Record, name: &str) -> Result<Data, LineError> {
    if spec.mode.bit_strings() {
        let (bytes, bits, line) = rec.take_bits(name)?;
        Ok(Data { bytes, bits, line })
    } else {
        let (bytes, line) = rec.take_hex(name)?;
        Ok(Data {
            bits: bytes.len() * 8,
            bytes,
            line,
        })
    }
}

fn show(spec: &Spec, bytes: &[u8], bits: usize) -> String {
    if spec.mode.bit_strings() {
        encode_bits(bytes, bits)
    } else {
        encode_hex(bytes)
    }
}

/// The key: `KEY` (AES), or `KEYs` (one DES key used three times) or
/// `KEY1`/`KEY2`/`KEY3` (TDES).
fn take_key(spec: &Spec, rec: &mut Record) -> Result<Vec<u8>, LineError> {
    match spec.cipher {
        CipherKind::Aes => {
            let (key, line) = rec.take_hex("KEY")?;
            let ok = match spec.key_bits {
                Some(b) => key.len() * 8 == b,
                None => matches!(key.len(), 16 | 24 | 32),
            };
            if !ok {
                return parse::err(
                    line,
                    format!("KEY of {} bits does not fit this file", key.len() * 8),
                );
            }
            Ok(key)
        }
        CipherKind::Tdes => {
            let parts = if rec.has("KEYs") {
                let (k, line) = rec.take_hex("KEYs")?;
                std::vec![(k.clone(), line), (k.clone(), line), (k, line)]
            } else {
                std::vec![
                    rec.take_hex("KEY1")?,
                    rec.take_hex("KEY2")?,
                    rec.take_hex("KEY3")?
                ]
            };
            let mut key = Vec::with_capacity(24);
            for (k, line) in parts {
                if k.len() != 8 {
                    return parse::err(line, "a DES key is 8 bytes");
                }
                key.extend_from_slice(&k);
            }
            Ok(key)
        }
    }
}

fn take_iv(spec: &Spec, rec: &mut Record, kv: bool) -> Result<Vec<u8>, LineError> {
    if !spec.mode.has_iv() {
        return Ok(Vec::new());
    }
    let name = if kv && matches!(spec.mode, ModeKind::Ctr(_)) {
        "ICB"
    } else {
        "IV"
    };
    let (iv, line) = rec.take_hex(name)?;
    if iv.len() != spec.cipher.block_len() {
        return parse::err(
            line,
            format!(
                "{name} must be one block ({} bytes)",
                spec.cipher.block_len()
            ),
        );
    }
    Ok(iv)
}

fn label(rec: &Record, dir: Direction) -> String {
    let d = match dir {
        Direction::Encrypt => "ENCRYPT",
        Direction::Decrypt => "DECRYPT",
    };
    if rec.direction.is_some() {
        format!("line {}: [{d}] COUNT = {}", rec.line, rec.id)
    } else {
        format!("line {}: {d} VECTOR = {}", rec.line, rec.id)
    }
}

/// One KAT / MMT / SP 800-38A / RFC 3686 record; `Ok(Some(msg))` if it failed.
fn run_record(spec: &Spec, rec: &mut Record) -> Result<Option<String>, LineError> {
    let key = take_key(spec, rec)?;
    let iv = take_iv(spec, rec, rec.direction.is_none())?;
    let pt = take_data(spec, rec, "PLAINTEXT")?;
    let ct = take_data(spec, rec, "CIPHERTEXT")?;
    rec.finish()?;
    if pt.bits != ct.bits {
        return parse::err(ct.line, "PLAINTEXT and CIPHERTEXT differ in length");
    }
    let dirs: &[Direction] = match rec.direction {
        Some(Direction::Encrypt) => &[Direction::Encrypt],
        Some(Direction::Decrypt) => &[Direction::Decrypt],
        // The key-value format's vectors go both ways.
        None => &[Direction::Encrypt, Direction::Decrypt],
    };
    let mut problems = Vec::new();
    for &dir in dirs {
        let encrypt = dir == Direction::Encrypt;
        let (input, expected, out_name) = if encrypt {
            (&pt, &ct, "CIPHERTEXT")
        } else {
            (&ct, &pt, "PLAINTEXT")
        };
        let mut buf = input.bytes.clone();
        let result = engine(spec.cipher, spec.mode, &key, &iv, encrypt)
            .and_then(|mut run| run(&mut buf, input.bits));
        let got = show(spec, &buf, input.bits);
        let want = show(spec, &expected.bytes, expected.bits);
        match result {
            Err(e) => problems.push(format!(
                "{}: the API returned an error: {e}",
                label(rec, dir)
            )),
            Ok(()) if got != want => problems.push(format!(
                "{}: expected {out_name} = {want}, got {got}",
                label(rec, dir)
            )),
            Ok(()) => {}
        }
    }
    Ok((!problems.is_empty()).then(|| problems.join("; ")))
}

/// What the previous Monte Carlo record says the next one must start with.
struct Chained {
    direction: Option<Direction>,
    count: u64,
    key: Vec<u8>,
    iv: Vec<u8>,
    input: Vec<u8>,
}

/// One Monte Carlo record (AESAVS §6.4); `Ok(Some(msg))` if it failed.
fn run_mct_record(
    spec: &Spec,
    rec: &mut Record,
    chain: &mut Option<Chained>,
) -> Result<Option<String>, LineError> {
    let dir = rec.direction.unwrap_or(Direction::Encrypt);
    let encrypt = dir == Direction::Encrypt;
    let key = take_key(spec, rec)?;
    let iv = take_iv(spec, rec, false)?;
    let (in_name, out_name) = if encrypt {
        ("PLAINTEXT", "CIPHERTEXT")
    } else {
        ("CIPHERTEXT", "PLAINTEXT")
    };
    let input = take_data(spec, rec, in_name)?;
    let expected = take_data(spec, rec, out_name)?;
    rec.finish()?;
    let seg = mct::segment_bits(spec.mode);
    for d in [&input, &expected] {
        if d.bits != seg {
            return parse::err(
                d.line,
                format!("a Monte Carlo record has one {seg}-bit segment"),
            );
        }
    }
    let count: u64 = rec.id.parse().map_err(|_| LineError {
        line: rec.line,
        msg: "COUNT out of range".into(),
    })?;
    let mut problems = Vec::new();
    if let Some(prev) = chain.take().filter(|c| c.direction == rec.direction) {
        if count != prev.count + 1 {
            return parse::err(
                rec.line,
                format!("Monte Carlo COUNT {count} does not follow {}", prev.count),
            );
        }
        if prev.key != key || prev.iv != iv || prev.input != input.bytes {
            problems.push(format!(
                "{}: KEY/IV/{in_name} do not follow from COUNT = {} (expected KEY = {}, IV = {}, {in_name} = {})",
                label(rec, dir),
                prev.count,
                encode_hex(&prev.key),
                encode_hex(&prev.iv),
                show(spec, &prev.input, seg)
            ));
        }
    }
    match mct::mct_step(spec.mode, &key, &iv, &input.bytes, encrypt) {
        Err(e) => problems.push(format!(
            "{}: the API returned an error: {e}",
            label(rec, dir)
        )),
        Ok(step) => {
            let got = show(spec, &step.output, seg);
            let want = show(spec, &expected.bytes, seg);
            if got != want {
                problems.push(format!(
                    "{}: expected {out_name} = {want}, got {got}",
                    label(rec, dir)
                ));
            }
            *chain = Some(Chained {
                direction: rec.direction,
                count,
                key: step.next_key,
                iv: step.next_iv,
                input: step.next_input,
            });
        }
    }
    Ok((!problems.is_empty()).then(|| problems.join("; ")))
}
