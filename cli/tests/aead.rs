//! The authenticated modes and MACs through the `blockmodes` binary:
//! `enc`/`dec --mode gcm` and `mac --mode gmac` against independent peers,
//! and the exit-status contract — a tampered message (a flipped bit of
//! ciphertext, tag, nonce or AAD, or a cut tag) is exit 1 with nothing on
//! stdout and no output file; a nonce, tag or key length the mode cannot
//! take is exit 2.
//!
//! `openssl enc` has no AEAD modes, so the peers are Python's
//! `cryptography` (pyca, over OpenSSL) and pycryptodome. A peer that is
//! not installed is skipped with a note; a case a peer cannot express
//! (pyca's GCM wants a nonce of 8 bytes or more) is compared with the
//! other one only. Set `BLOCKMODES_TEST_SEED` to replay a run; the seed
//! is printed.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_blockmodes");

// ---------------------------------------------------------------- helpers

fn run_with_stdin(cmd: &mut Command, stdin: &[u8]) -> std::io::Result<Output> {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut pipe = child.stdin.take().expect("stdin is piped");
    let data = stdin.to_vec();
    // Write from a thread so a large output cannot deadlock against us.
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&data);
    });
    let out = child.wait_with_output()?;
    writer.join().expect("stdin writer");
    Ok(out)
}

fn blockmodes(args: &[String], stdin: &[u8]) -> Output {
    run_with_stdin(Command::new(BIN).args(args), stdin).expect("the binary runs")
}

/// Run the binary and expect success; returns stdout.
fn ok(args: &[String], stdin: &[u8]) -> Vec<u8> {
    let out = blockmodes(args, stdin);
    assert!(
        out.status.success(),
        "blockmodes {args:?} failed ({:?}): {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Run the binary and expect exit `code`, nothing on stdout and one line
/// on stderr; returns the line.
fn fails(code: i32, args: &[String], stdin: &[u8]) -> String {
    let out = blockmodes(args, stdin);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "blockmodes {args:?}: {err}");
    assert!(out.stdout.is_empty(), "blockmodes {args:?} wrote to stdout");
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "one stderr line: {err:?}"
    );
    err
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

/// splitmix64: a small, seedable generator for test inputs.
struct Rng(u64);

impl Rng {
    fn new(test: &str) -> Rng {
        let seed = std::env::var("BLOCKMODES_TEST_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(1, |d| d.as_nanos() as u64)
            });
        eprintln!("{test}: BLOCKMODES_TEST_SEED={seed}");
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }

    /// Random bytes, of a length picked from `lens`.
    fn bytes_of(&mut self, lens: &[usize]) -> Vec<u8> {
        let n = self.pick(lens);
        self.bytes(n)
    }
}

/// A fresh, empty folder for file tests.
fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "blockmodes-aead-test-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

// ---------------------------------------------------------------- one case

/// One AEAD or MAC computation, as the command line and the peers see it.
#[derive(Clone, Debug)]
struct Case {
    /// `gcm`, or `gmac` for `mac`.
    mode: &'static str,
    key: Vec<u8>,
    nonce: Vec<u8>,
    /// The `--aad` pieces, in order (empty pieces included).
    aad: Vec<Vec<u8>>,
    tag_len: usize,
    /// The plaintext (the message for a MAC).
    data: Vec<u8>,
}

impl Case {
    /// The command line: `enc`, `dec` or `mac`.
    fn args(&self, cmd: &str) -> Vec<String> {
        let mut a = vec![
            cmd.to_string(),
            "--mode".into(),
            self.mode.into(),
            "--key".into(),
            hex(&self.key),
            "--nonce".into(),
            hex(&self.nonce),
            "--tag-len".into(),
            self.tag_len.to_string(),
        ];
        for piece in &self.aad {
            a.push("--aad".into());
            a.push(hex(piece));
        }
        a
    }

    /// One line for the peer script: fields separated by spaces, `-` for
    /// empty, the AAD pieces joined by `,` with `.` for an empty piece.
    fn peer_line(&self) -> String {
        let h = |b: &[u8]| if b.is_empty() { "-".into() } else { hex(b) };
        let aad = if self.aad.is_empty() {
            "-".to_string()
        } else {
            self.aad
                .iter()
                .map(|p| if p.is_empty() { ".".into() } else { hex(p) })
                .collect::<Vec<_>>()
                .join(",")
        };
        format!(
            "{} {} {} {} {} {}",
            self.mode,
            hex(&self.key),
            h(&self.nonce),
            aad,
            self.tag_len,
            h(&self.data)
        )
    }
}

// ---------------------------------------------------------------- peers

/// Reads case lines; prints one line per case: `NAME=HEX` (or `NAME=-`
/// for an empty result, `NAME=n/a` when that peer cannot do the case) for
/// each peer installed. AEADs give ciphertext || tag, MACs the tag.
const PEERS: &str = r#"
import sys
peers = []
try:
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    peers.append("pyca")
except ImportError:
    pass
try:
    from Crypto.Cipher import AES
    peers.append("pycryptodome")
except ImportError:
    pass
print(" ".join(peers) or "none")

def pyca(mode, key, nonce, aad, t, data):
    if mode in ("gcm", "gmac"):
        if not 8 <= len(nonce) <= 128:
            return None
        e = Cipher(algorithms.AES(key), modes.GCM(nonce)).encryptor()
        if mode == "gmac":
            e.authenticate_additional_data(data)
            e.finalize()
            return e.tag[:t]
        e.authenticate_additional_data(b"".join(aad))
        ct = e.update(data) + e.finalize()
        return ct + e.tag[:t]
    return None

def pycryptodome(mode, key, nonce, aad, t, data):
    if mode in ("gcm", "gmac"):
        c = AES.new(key, AES.MODE_GCM, nonce=nonce, mac_len=t)
        if mode == "gmac":
            c.update(data)
            return c.digest()
        c.update(b"".join(aad))
        ct, tag = c.encrypt_and_digest(data)
        return ct + tag
    return None

fns = {"pyca": pyca, "pycryptodome": pycryptodome}
for line in sys.stdin:
    mode, key, nonce, aad, t, data = line.split()
    un = lambda s: b"" if s == "-" else bytes.fromhex(s)
    pieces = [] if aad == "-" else [b"" if p == "." else bytes.fromhex(p) for p in aad.split(",")]
    args = (mode, bytes.fromhex(key), un(nonce), pieces, int(t), un(data))
    out = []
    for p in peers:
        r = fns[p](*args)
        out.append(p + "=" + ("n/a" if r is None else (r.hex() or "-")))
    print(" ".join(out))
"#;

/// What each installed peer says for each case (`None`: it cannot do it).
/// Empty if python3 or both peers are missing (a note is printed).
fn peers(test: &str, cases: &[Case]) -> Vec<Vec<(String, Option<Vec<u8>>)>> {
    let input: String = cases.iter().map(|c| c.peer_line() + "\n").collect();
    let out = match run_with_stdin(
        Command::new("python3").args(["-c", PEERS]),
        input.as_bytes(),
    ) {
        Ok(out) if out.status.success() => out,
        Ok(out) => panic!(
            "{test}: the peer script failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => {
            eprintln!("note: {test}: python3 not available ({e}); peer comparison skipped");
            return Vec::new();
        }
    };
    let text = String::from_utf8(out.stdout).expect("text");
    let mut lines = text.lines();
    let found = lines.next().unwrap_or("none");
    for want in ["pyca", "pycryptodome"] {
        if !found.split(' ').any(|p| p == want) {
            eprintln!("note: {test}: python3 module for {want} not installed; skipped");
        }
    }
    if found == "none" {
        return Vec::new();
    }
    let results: Vec<_> = lines
        .map(|l| {
            l.split(' ')
                .map(|kv| {
                    let (name, v) = kv.split_once('=').expect("NAME=VALUE");
                    let v = match v {
                        "n/a" => None,
                        "-" => Some(Vec::new()),
                        h => Some(unhex(h)),
                    };
                    (name.to_string(), v)
                })
                .collect()
        })
        .collect::<Vec<Vec<_>>>();
    assert_eq!(results.len(), cases.len(), "one peer line per case");
    results
}

/// Our output must equal every peer answer; returns how many answers were
/// compared.
fn compare(test: &str, cases: &[Case], ours: &[Vec<u8>]) -> usize {
    let mut compared = 0;
    for ((case, answers), mine) in cases.iter().zip(peers(test, cases)).zip(ours) {
        for (peer, answer) in answers {
            if let Some(theirs) = answer {
                assert_eq!(
                    hex(mine),
                    hex(&theirs),
                    "{test}: {peer} disagrees on {case:?}"
                );
                compared += 1;
            }
        }
    }
    compared
}

// ---------------------------------------------------------------- gcm

/// The tag lengths SP 800-38D allows, in bytes.
const GCM_TAGS: [usize; 7] = [16, 15, 14, 13, 12, 8, 4];

fn random_gcm(rng: &mut Rng) -> Case {
    let aad = (0..rng.below(4))
        .map(|_| rng.bytes_of(&[0, 1, 15, 16, 17, 40]))
        .collect();
    Case {
        mode: "gcm",
        key: rng.bytes_of(&[16, 24, 32]),
        nonce: rng.bytes_of(&[1, 7, 8, 12, 12, 12, 13, 16, 60]),
        aad,
        tag_len: rng.pick(&GCM_TAGS),
        data: rng.bytes_of(&[0, 1, 15, 16, 17, 31, 32, 33, 100, 4096 + 5]),
    }
}

#[test]
fn gcm_matches_peers_and_round_trips() {
    let mut rng = Rng::new("gcm_matches_peers_and_round_trips");
    let cases: Vec<Case> = (0..30).map(|_| random_gcm(&mut rng)).collect();
    let mut sealed = Vec::new();
    for c in &cases {
        let out = ok(&c.args("enc"), &c.data);
        assert_eq!(out.len(), c.data.len() + c.tag_len, "{c:?}");
        // dec takes the same layout back.
        assert_eq!(ok(&c.args("dec"), &out), c.data, "{c:?}");
        sealed.push(out);
    }
    let n = compare("gcm_matches_peers_and_round_trips", &cases, &sealed);
    eprintln!("gcm: {n} peer answers compared");
}

/// The SP 800-38D / McGrew–Viega test case 4 (AES-128, 60-byte
/// plaintext, 20-byte AAD), split into AAD pieces: the pieces are
/// concatenated.
#[test]
fn gcm_known_answer_with_aad_pieces() {
    let key = "feffe9928665731c6d6a8f9467308308";
    let iv = "cafebabefacedbaddecaf888";
    let pt = unhex(
        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72\
         1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
    );
    let want = "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e\
                21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091\
                5bc94fbc3221a5db94fae95ae7121a47";
    let args = |cmd: &str| -> Vec<String> {
        [
            cmd,
            "--mode",
            "gcm",
            "--key",
            key,
            "--nonce",
            iv,
            "--aad",
            "feedfacedeadbeef",
            "--aad",
            "",
            "--aad",
            "feedfacedeadbeefabaddad2",
        ]
        .map(String::from)
        .to_vec()
    };
    let ct = ok(&args("enc"), &pt);
    assert_eq!(hex(&ct), want);
    assert_eq!(ok(&args("dec"), &ct), pt);
}

/// Every bit flip of ciphertext, tag, nonce or AAD, and a cut tag, is
/// exit 1: nothing on stdout, and no `--out` file.
#[test]
fn gcm_tampered_messages_exit_1() {
    let mut rng = Rng::new("gcm_tampered_messages_exit_1");
    let dir = scratch_dir("tamper");
    let out_file = dir.join("plain.bin");
    let out_arg = out_file.to_str().expect("utf-8 path").to_string();
    for tag_len in [16, 12, 4] {
        let c = Case {
            mode: "gcm",
            key: rng.bytes(16),
            nonce: rng.bytes(12),
            aad: vec![rng.bytes(5), rng.bytes(20)],
            tag_len,
            data: rng.bytes(37),
        };
        let sealed = ok(&c.args("enc"), &c.data);
        // Ciphertext and tag: a few positions each.
        for pos in [0, 17, c.data.len() - 1, c.data.len(), sealed.len() - 1] {
            let mut bad = sealed.clone();
            bad[pos] ^= 1 << rng.below(8);
            fails(1, &c.args("dec"), &bad);
            let mut with_out = c.args("dec");
            with_out.extend(["--out".to_string(), out_arg.clone()]);
            fails(1, &with_out, &bad);
            assert!(
                !out_file.exists(),
                "a failed dec left {}",
                out_file.display()
            );
        }
        // Nonce.
        let mut n = c.clone();
        n.nonce[rng.below(12)] ^= 0x80;
        fails(1, &n.args("dec"), &sealed);
        // Each AAD piece, and the pieces in another order.
        for i in 0..c.aad.len() {
            let mut a = c.clone();
            let at = rng.below(a.aad[i].len());
            a.aad[i][at] ^= 1;
            fails(1, &a.args("dec"), &sealed);
        }
        let mut swapped = c.clone();
        swapped.aad.reverse();
        fails(1, &swapped.args("dec"), &sealed);
        let mut dropped = c.clone();
        dropped.aad.clear();
        fails(1, &dropped.args("dec"), &sealed);
        // A cut tag, and input shorter than the tag.
        fails(1, &c.args("dec"), &sealed[..sealed.len() - 1]);
        fails(1, &c.args("dec"), &sealed[..tag_len - 1]);
        // The untouched message still opens, and to --out.
        let mut with_out = c.args("dec");
        with_out.extend(["--out".to_string(), out_arg.clone()]);
        assert!(ok(&with_out, &sealed).is_empty());
        assert_eq!(std::fs::read(&out_file).expect("--out written"), c.data);
        std::fs::remove_file(&out_file).expect("remove");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Bad parameters are exit 2, before any input is read, for enc and dec.
#[test]
fn gcm_bad_parameters_exit_2() {
    let base = Case {
        mode: "gcm",
        key: vec![7; 16],
        nonce: vec![1; 12],
        aad: vec![],
        tag_len: 16,
        data: vec![],
    };
    let mut bad: Vec<(&str, Vec<String>)> = Vec::new();
    for cmd in ["enc", "dec"] {
        for n in [15, 0, 17, 33, 64] {
            let mut c = base.clone();
            c.key = vec![7; n];
            bad.push(("key", c.args(cmd)));
        }
        for t in [0, 1, 3, 5, 9, 11, 17, 32] {
            let mut c = base.clone();
            c.tag_len = t;
            bad.push(("tag-len", c.args(cmd)));
        }
        let mut c = base.clone();
        c.nonce.clear();
        bad.push(("nonce", c.args(cmd)));
        let without_nonce: Vec<String> = base
            .args(cmd)
            .into_iter()
            .filter(|a| a != "--nonce" && a != &hex(&base.nonce))
            .collect();
        bad.push(("nonce", without_nonce));
        for extra in [
            &["--iv", "00000000000000000000000000000000"][..],
            &["--padding", "pkcs7"],
            &["--counter", "32be"],
            &["--cipher", "tdes"],
            &["--sector", "1", "--sector-size", "16"],
            &["--aad", "abc"],
            &["--aad", "zz"],
            &["--tag-len", "x"],
        ] {
            let mut a = base.args(cmd);
            a.extend(extra.iter().map(|s| s.to_string()));
            bad.push(("option", a));
        }
    }
    // The other modes take none of the AEAD options.
    for extra in [
        &["--nonce", "00"][..],
        &["--aad", "00"],
        &["--tag-len", "16"],
    ] {
        let mut a: Vec<String> = ["enc", "--mode", "cbc", "--key"].map(String::from).to_vec();
        a.push(hex(&[0; 16]));
        a.extend(["--iv".into(), hex(&[0; 16])]);
        a.extend(extra.iter().map(|s| s.to_string()));
        bad.push(("cbc with AEAD option", a));
    }
    for (what, args) in &bad {
        let line = fails(2, args, b"some input");
        assert!(line.starts_with("blockmodes: "), "{what}: {line}");
    }
    // The nonce and tag rules are in the message.
    let mut c = base.clone();
    c.tag_len = 5;
    assert!(fails(2, &c.args("enc"), b"").contains("--tag-len"));
    c.tag_len = 16;
    c.nonce.clear();
    assert!(fails(2, &c.args("dec"), b"").contains("--nonce"));
}

// ---------------------------------------------------------------- gmac

#[test]
fn gmac_matches_peers() {
    let mut rng = Rng::new("gmac_matches_peers");
    let cases: Vec<Case> = (0..12)
        .map(|_| Case {
            mode: "gmac",
            key: rng.bytes_of(&[16, 24, 32]),
            nonce: rng.bytes_of(&[1, 8, 12, 12, 16]),
            aad: vec![],
            tag_len: rng.pick(&GCM_TAGS),
            data: rng.bytes_of(&[0, 1, 16, 33, 1000]),
        })
        .collect();
    let mut tags = Vec::new();
    for c in &cases {
        let mut args = c.args("mac");
        args.truncate(9); // no --aad for mac
        let tag = ok(&args, &c.data);
        assert_eq!(tag.len(), c.tag_len, "{c:?}");
        tags.push(tag);
    }
    let n = compare("gmac_matches_peers", &cases, &tags);
    eprintln!("gmac: {n} peer answers compared");
}

/// GMAC is GCM with no plaintext: its tag is the tag `enc --mode gcm`
/// gives for an empty input with the message as AAD.
#[test]
fn gmac_is_gcm_with_empty_plaintext() {
    let mut rng = Rng::new("gmac_is_gcm_with_empty_plaintext");
    let msg = rng.bytes(77);
    let c = Case {
        mode: "gcm",
        key: rng.bytes(32),
        nonce: rng.bytes(12),
        aad: vec![msg.clone()],
        tag_len: 13,
        data: vec![],
    };
    let gcm_tag = ok(&c.args("enc"), b"");
    let mut m = c.clone();
    m.mode = "gmac";
    m.aad.clear();
    let dir = scratch_dir("gmac");
    let file = dir.join("msg.bin");
    std::fs::write(&file, &msg).expect("write");
    let mut args = m.args("mac");
    args.extend(["--in".into(), file.to_str().expect("utf-8").into()]);
    assert_eq!(ok(&args, b""), gcm_tag);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn mac_bad_parameters_exit_2() {
    let key = hex(&[1; 16]);
    let cases: &[&[&str]] = &[
        &["mac", "--mode", "gmac", "--key", &key],
        &["mac", "--mode", "gmac", "--key", &key, "--nonce", ""],
        &["mac", "--mode", "gmac", "--key", "0011", "--nonce", "00"],
        &[
            "mac",
            "--mode",
            "gmac",
            "--key",
            &key,
            "--nonce",
            "00",
            "--tag-len",
            "5",
        ],
        &[
            "mac",
            "--mode",
            "gmac",
            "--key",
            &key,
            "--nonce",
            "00",
            "--tag-len",
            "17",
        ],
        &["mac", "--mode", "gmac", "--key", &key, "--nonce", "0"],
        &[
            "mac", "--mode", "gmac", "--key", &key, "--nonce", "00", "--cipher", "tdes",
        ],
        &["mac", "--mode", "hmac", "--key", &key],
        &["mac", "--mode", "gcm", "--key", &key, "--nonce", "00"],
        &["mac", "--key", &key],
    ];
    for args in cases {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        fails(2, &args, b"msg");
    }
}

#[test]
fn help_lists_the_aead_modes() {
    let help = String::from_utf8(ok(&["enc".into(), "--help".into()], b"")).expect("utf-8");
    for word in ["gcm", "--nonce", "--aad", "--tag-len"] {
        assert!(help.contains(word), "enc --help lacks {word}");
    }
    let help = String::from_utf8(ok(&["mac".into(), "--help".into()], b"")).expect("utf-8");
    assert!(help.contains("gmac"), "{help}");
}
