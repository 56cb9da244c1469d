//! The authenticated modes and MACs through the `blockmodes` binary:
//! `enc`/`dec --mode gcm|ccm|eax|siv` and `mac --mode gmac|cmac` against
//! independent peers,
//! and the exit-status contract — a tampered message (a flipped bit of
//! ciphertext, tag, nonce or AAD, or a cut tag) is exit 1 with nothing on
//! stdout and no output file; a nonce, tag or key length the mode cannot
//! take is exit 2.
//!
//! `openssl enc` has no AEAD modes, so the peers are Python's
//! `cryptography` (pyca, over OpenSSL) and pycryptodome. A peer that is
//! not installed is skipped with a note; a case a peer cannot express
//! (pyca's GCM wants a nonce of 8 bytes or more, pyca has no EAX,
//! pycryptodome's EAX no empty nonce and no 1-byte tag) is compared with
//! the other one only. Set `BLOCKMODES_TEST_SEED` to replay a run; the seed
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
    /// `gcm ccm eax siv`, or `gmac cmac` for `mac`.
    mode: &'static str,
    /// `--cipher` (`aes` or `tdes`).
    cipher: &'static str,
    key: Vec<u8>,
    /// `None`: no `--nonce` (siv, cmac).
    nonce: Option<Vec<u8>>,
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
            "--tag-len".into(),
            self.tag_len.to_string(),
        ];
        if self.cipher != "aes" {
            a.extend(["--cipher".into(), self.cipher.into()]);
        }
        if let Some(n) = &self.nonce {
            a.extend(["--nonce".into(), hex(n)]);
        }
        for piece in &self.aad {
            a.push("--aad".into());
            a.push(hex(piece));
        }
        a
    }

    /// One line for the peer script: fields separated by spaces, `-` for
    /// empty, `none` for no nonce, the AAD pieces joined by `,` with `.`
    /// for an empty piece.
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
            "{} {} {} {} {} {} {}",
            self.mode,
            self.cipher,
            hex(&self.key),
            self.nonce.as_deref().map_or("none".into(), h),
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
    from cryptography.hazmat.primitives.ciphers.aead import AESCCM, AESSIV
    try:
        from cryptography.hazmat.primitives.ciphers.aead import AESOCB3, AESGCMSIV
    except ImportError:
        AESOCB3 = AESGCMSIV = None
    from cryptography.hazmat.primitives import cmac as pyca_cmac
    try:
        from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
    except ImportError:
        TripleDES = algorithms.TripleDES
    peers.append("pyca")
except ImportError:
    pass
try:
    from Crypto.Cipher import AES, DES3
    from Crypto.Hash import CMAC
    peers.append("pycryptodome")
except ImportError:
    pass
print(" ".join(peers) or "none")

def pyca(mode, cipher, key, nonce, aad, t, data):
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
    if mode == "ccm":
        return AESCCM(key, tag_length=t).encrypt(nonce, data, b"".join(aad))
    if mode == "siv":
        return AESSIV(key).encrypt(data, aad + ([] if nonce is None else [nonce]))
    if mode == "ocb3" and AESOCB3 is not None:
        # pyca: 12- to 15-byte nonces, 16-byte tags.
        if t != 16 or not 12 <= len(nonce) <= 15:
            return None
        return AESOCB3(key).encrypt(nonce, data, b"".join(aad))
    if mode == "gcm-siv" and AESGCMSIV is not None:
        return AESGCMSIV(key).encrypt(nonce, data, b"".join(aad))
    if mode == "cmac":
        c = pyca_cmac.CMAC(algorithms.AES(key) if cipher == "aes" else TripleDES(key))
        c.update(data)
        return c.finalize()[:t]
    return None

def pycryptodome(mode, cipher, key, nonce, aad, t, data):
    if mode in ("gcm", "gmac", "ccm", "eax"):
        if mode == "eax" and (not nonce or t < 2):
            return None
        m = {"gcm": AES.MODE_GCM, "gmac": AES.MODE_GCM, "ccm": AES.MODE_CCM, "eax": AES.MODE_EAX}[mode]
        c = AES.new(key, m, nonce=nonce, mac_len=t)
        if mode == "gmac":
            c.update(data)
            return c.digest()
        c.update(b"".join(aad))
        ct, tag = c.encrypt_and_digest(data)
        return ct + tag
    if mode == "ocb3":
        if t < 8:
            return None
        c = AES.new(key, AES.MODE_OCB, nonce=nonce, mac_len=t)
        c.update(b"".join(aad))
        ct = c.encrypt(data) + c.encrypt()
        return ct + c.digest()
    if mode == "siv":
        # A nonce is the last component (RFC 5297 §3); passing it as one
        # also covers the empty nonce, which nonce= refuses.
        c = AES.new(key, AES.MODE_SIV)
        for p in aad + ([] if nonce is None else [nonce]):
            c.update(p)
        ct, tag = c.encrypt_and_digest(data)
        return tag + ct
    if mode == "cmac":
        return CMAC.new(key, msg=data, ciphermod=AES if cipher == "aes" else DES3, mac_len=t).digest()
    return None

fns = {"pyca": pyca, "pycryptodome": pycryptodome}
for line in sys.stdin:
    mode, cipher, key, nonce, aad, t, data = line.split()
    un = lambda s: b"" if s == "-" else bytes.fromhex(s)
    pieces = [] if aad == "-" else [b"" if p == "." else bytes.fromhex(p) for p in aad.split(",")]
    args = (mode, cipher, bytes.fromhex(key), None if nonce == "none" else un(nonce), pieces, int(t), un(data))
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

// ---------------------------------------------------------------- aeads

/// The tag lengths SP 800-38D allows for GCM, in bytes.
const GCM_TAGS: [usize; 7] = [16, 15, 14, 13, 12, 8, 4];
/// The tag lengths SP 800-38C allows for CCM, in bytes.
const CCM_TAGS: [usize; 7] = [4, 6, 8, 10, 12, 14, 16];
/// The AEADs on the command line.
const AEADS: [&str; 6] = ["gcm", "ccm", "eax", "siv", "ocb3", "gcm-siv"];

/// A random case `mode` can take: key, nonce and tag lengths it allows,
/// 0 to 3 AAD pieces (empty ones too), messages around block boundaries.
fn random_case(rng: &mut Rng, mode: &'static str) -> Case {
    let aad = (0..rng.below(4))
        .map(|_| rng.bytes_of(&[0, 1, 15, 16, 17, 40]))
        .collect();
    let (key_lens, nonce, tag_len): (&[usize], Option<Vec<u8>>, usize) = match mode {
        "gcm" => (
            &[16, 24, 32],
            Some(rng.bytes_of(&[1, 7, 8, 12, 12, 12, 13, 16, 60])),
            rng.pick(&GCM_TAGS),
        ),
        "ccm" => (
            &[16, 24, 32],
            Some(rng.bytes_of(&[7, 8, 11, 12, 13])),
            rng.pick(&CCM_TAGS),
        ),
        "eax" => (
            &[16, 24, 32],
            Some(rng.bytes_of(&[0, 1, 12, 16, 33])),
            1 + rng.below(16),
        ),
        "siv" => (
            &[32, 48, 64],
            (rng.below(3) > 0).then(|| rng.bytes_of(&[0, 12, 16, 24])),
            16,
        ),
        "ocb3" => (
            &[16, 24, 32],
            Some(rng.bytes_of(&[1, 7, 12, 12, 13, 14, 15])),
            rng.pick(&[16, 16, 16, 12, 8, 1]),
        ),
        "gcm-siv" => (&[16, 24, 32], Some(rng.bytes(12)), 16),
        _ => unreachable!("{mode}"),
    };
    Case {
        mode,
        cipher: "aes",
        key: rng.bytes_of(key_lens),
        nonce,
        aad,
        tag_len,
        data: rng.bytes_of(&[0, 1, 15, 16, 17, 31, 32, 33, 100, 4096 + 5]),
    }
}

#[test]
fn aeads_match_peers_and_round_trip() {
    let mut rng = Rng::new("aeads_match_peers_and_round_trip");
    let mut cases = Vec::new();
    for mode in AEADS {
        cases.extend((0..16).map(|_| random_case(&mut rng, mode)));
    }
    let mut sealed = Vec::new();
    for c in &cases {
        let out = ok(&c.args("enc"), &c.data);
        assert_eq!(out.len(), c.data.len() + c.tag_len, "{c:?}");
        // dec takes the same layout back.
        assert_eq!(ok(&c.args("dec"), &out), c.data, "{c:?}");
        sealed.push(out);
    }
    let n = compare("aeads_match_peers_and_round_trip", &cases, &sealed);
    eprintln!("aeads: {n} peer answers compared");
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

/// RFC 5297 §A.2 (nonce-based AES-SIV): two AD components and a nonce;
/// output `V || C`. Each `--aad` is one component, and an empty `--aad ''`
/// is a component too.
#[test]
fn siv_rfc5297_a2_and_components() {
    let key = "7f7e7d7c7b7a79787776757473727170404142434445464748494a4b4c4d4e4f";
    let ad1 = "00112233445566778899aabbccddeeffdeaddadadeaddadaffeeddccbbaa99887766554433221100";
    let ad2 = "102030405060708090a0";
    let nonce = "09f911029d74e35bd84156c5635688c0";
    let pt = unhex(
        "7468697320697320736f6d6520706c61696e7465787420746f20656e6372797074207573696e67205349562d414553",
    );
    let want = "7bdb6e3b432667eb06f4d14bff2fbd0fcb900f2fddbe404326601965c889bf17\
                dba77ceb094fa663b7a3f748ba8af829ea64ad544a272e9c485b62a3fd5c0d";
    let base = |cmd: &str| -> Vec<String> {
        [cmd, "--mode", "siv", "--key", key]
            .map(String::from)
            .to_vec()
    };
    let mut args = base("enc");
    args.extend(["--aad", ad1, "--aad", ad2, "--nonce", nonce].map(String::from));
    let ct = ok(&args, &pt);
    assert_eq!(hex(&ct), want);
    args[0] = "dec".into();
    assert_eq!(ok(&args, &ct), pt);
    // The nonce as a last --aad is the same thing.
    let mut as_aad = base("dec");
    as_aad.extend(["--aad", ad1, "--aad", ad2, "--aad", nonce].map(String::from));
    assert_eq!(ok(&as_aad, &ct), pt);
    // Components are not concatenated: joining two, or adding an empty
    // one, changes the message.
    let mut joined = base("dec");
    joined.extend([
        "--aad".into(),
        format!("{ad1}{ad2}"),
        "--nonce".into(),
        nonce.into(),
    ]);
    fails(1, &joined, &ct);
    let mut extra = args.clone();
    extra.extend(["--aad", ""].map(String::from));
    fails(1, &extra, &ct);
}

/// Every bit flip of ciphertext, tag, nonce or AAD, and a cut message, is
/// exit 1: nothing on stdout, and no `--out` file.
#[test]
fn tampered_messages_exit_1() {
    let mut rng = Rng::new("tampered_messages_exit_1");
    let dir = scratch_dir("tamper");
    let out_file = dir.join("plain.bin");
    let out_arg = out_file.to_str().expect("utf-8 path").to_string();
    let with_out = |c: &Case| {
        let mut a = c.args("dec");
        a.extend(["--out".to_string(), out_arg.clone()]);
        a
    };
    for mode in AEADS {
        for tag_len in [16, 12, 4] {
            let mut c = random_case(&mut rng, mode);
            if mode != "siv" && mode != "gcm-siv" {
                c.tag_len = tag_len;
            }
            c.nonce = Some(rng.bytes(12));
            c.aad = vec![rng.bytes(5), rng.bytes(20)];
            c.data = rng.bytes(37);
            let sealed = ok(&c.args("enc"), &c.data);
            // Ciphertext and tag: a few positions each.
            for pos in [0, 17, c.data.len() - 1, c.data.len(), sealed.len() - 1] {
                let mut bad = sealed.clone();
                bad[pos] ^= 1 << rng.below(8);
                fails(1, &c.args("dec"), &bad);
                fails(1, &with_out(&c), &bad);
                assert!(
                    !out_file.exists(),
                    "{mode}: a failed dec left {}",
                    out_file.display()
                );
            }
            // Nonce.
            let mut n = c.clone();
            if let Some(nonce) = n.nonce.as_mut() {
                nonce[rng.below(12)] ^= 0x80;
            }
            fails(1, &n.args("dec"), &sealed);
            // Each AAD piece, the pieces in another order, none.
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
            // A cut message, and input shorter than the tag.
            fails(1, &c.args("dec"), &sealed[..sealed.len() - 1]);
            fails(1, &c.args("dec"), &sealed[..c.tag_len - 1]);
            // The untouched message still opens, and to --out.
            assert!(ok(&with_out(&c), &sealed).is_empty());
            assert_eq!(std::fs::read(&out_file).expect("--out written"), c.data);
            std::fs::remove_file(&out_file).expect("remove");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Bad parameters are exit 2, before any input is read, for enc and dec.
#[test]
fn bad_parameters_exit_2() {
    let mut bad: Vec<(String, Vec<String>)> = Vec::new();
    // (mode, a good key length, bad key lengths, bad tag lengths, bad nonce lengths)
    type Row = (
        &'static str,
        usize,
        &'static [usize],
        &'static [usize],
        &'static [usize],
    );
    let table: &[Row] = &[
        (
            "gcm",
            16,
            &[15, 0, 17, 33, 64],
            &[0, 1, 3, 5, 9, 11, 17, 32],
            &[0],
        ),
        (
            "ccm",
            24,
            &[15, 0, 48],
            &[0, 2, 3, 5, 15, 17, 18],
            &[0, 6, 14, 16],
        ),
        ("eax", 32, &[0, 31, 64], &[0, 17, 32], &[]),
        ("siv", 32, &[16, 24, 33, 0, 96], &[0, 8, 15, 17], &[]),
        ("ocb3", 16, &[0, 15, 33, 64], &[0, 17, 32], &[0, 16, 32]),
        (
            "gcm-siv",
            32,
            &[0, 15, 17, 64],
            &[0, 1, 4, 8, 12, 15, 17],
            &[0, 1, 8, 11, 13, 16],
        ),
    ];
    for &(mode, key_len, bad_keys, bad_tags, bad_nonces) in table {
        let base = Case {
            mode,
            cipher: "aes",
            key: vec![7; key_len],
            nonce: Some(vec![1; 12]),
            aad: vec![],
            tag_len: 16,
            data: vec![],
        };
        for cmd in ["enc", "dec"] {
            for &n in bad_keys {
                let mut c = base.clone();
                c.key = vec![7; n];
                bad.push((format!("{mode} key {n}"), c.args(cmd)));
            }
            for &t in bad_tags {
                let mut c = base.clone();
                c.tag_len = t;
                bad.push((format!("{mode} tag {t}"), c.args(cmd)));
            }
            for &n in bad_nonces {
                let mut c = base.clone();
                c.nonce = Some(vec![1; n]);
                bad.push((format!("{mode} nonce {n}"), c.args(cmd)));
            }
            if mode != "siv" {
                let mut c = base.clone();
                c.nonce = None;
                bad.push((format!("{mode} without --nonce"), c.args(cmd)));
            }
            for extra in [
                &["--iv", "00000000000000000000000000000000"][..],
                &["--padding", "pkcs7"],
                &["--counter", "32be"],
                &["--cipher", "tdes"],
                &["--sector", "1", "--sector-size", "16"],
                &["--aad", "abc"],
                &["--aad", "zz"],
                &["--nonce", "0g"],
                &["--tag-len", "x"],
            ] {
                let mut a = base.args(cmd);
                a.extend(extra.iter().map(|s| s.to_string()));
                bad.push((format!("{mode} {extra:?}"), a));
            }
        }
    }
    // The other modes take none of the AEAD options.
    for extra in [
        &["--nonce", "00"][..],
        &["--aad", "00"],
        &["--tag-len", "16"],
    ] {
        for mode in ["cbc", "xts"] {
            let key = if mode == "xts" {
                hex(&[1; 32]) + &hex(&[2; 32])
            } else {
                hex(&[0; 16])
            };
            let mut a: Vec<String> = ["enc", "--mode", mode, "--key"].map(String::from).to_vec();
            a.push(key);
            a.extend(["--iv".into(), hex(&[0; 16])]);
            a.extend(extra.iter().map(|s| s.to_string()));
            bad.push((format!("{mode} with {extra:?}"), a));
        }
    }
    for (what, args) in &bad {
        let line = fails(2, args, b"some input");
        assert!(line.starts_with("blockmodes: "), "{what}: {line}");
    }
    // The rules are in the messages.
    let c = |mode, nonce: usize, tag_len| Case {
        mode,
        cipher: "aes",
        key: vec![7; 16],
        nonce: Some(vec![1; nonce]),
        aad: vec![],
        tag_len,
        data: vec![],
    };
    assert!(fails(2, &c("gcm", 12, 5).args("enc"), b"").contains("--tag-len"));
    assert!(fails(2, &c("gcm", 0, 16).args("dec"), b"").contains("--nonce"));
    assert!(fails(2, &c("ccm", 14, 16).args("enc"), b"").contains("7 to 13"));
    assert!(fails(2, &c("ccm", 13, 7).args("enc"), b"").contains("--tag-len"));
    assert!(fails(2, &c("siv", 12, 16).args("enc"), b"").contains("K1"));
    assert!(fails(2, &c("ocb3", 16, 16).args("enc"), b"").contains("1 to 15"));
    assert!(fails(2, &c("gcm-siv", 16, 16).args("dec"), b"").contains("12 bytes"));
    assert!(fails(2, &c("gcm-siv", 12, 12).args("enc"), b"").contains("--tag-len"));
}

/// RFC 7253 Appendix A's first sample and RFC 8452 Appendix C.1's first
/// AEAD_AES_128_GCM_SIV example with a plaintext, through `enc` and `dec`.
#[test]
fn ocb3_and_gcm_siv_known_answers() {
    let ocb = Case {
        mode: "ocb3",
        cipher: "aes",
        key: unhex("000102030405060708090a0b0c0d0e0f"),
        nonce: Some(unhex("bbaa99887766554433221101")),
        aad: vec![unhex("0001"), unhex("020304050607")],
        tag_len: 16,
        data: unhex("0001020304050607"),
    };
    let want = unhex("6820b3657b6f615a5725bda0d3b4eb3a257c9af1f8f03009");
    assert_eq!(ok(&ocb.args("enc"), &ocb.data), want);
    assert_eq!(ok(&ocb.args("dec"), &want), ocb.data);
    let siv = Case {
        mode: "gcm-siv",
        cipher: "aes",
        key: unhex("01000000000000000000000000000000"),
        nonce: Some(unhex("030000000000000000000000")),
        aad: vec![],
        tag_len: 16,
        data: unhex("0100000000000000"),
    };
    let want = unhex("b5d839330ac7b786578782fff6013b815b287c22493a364c");
    assert_eq!(ok(&siv.args("enc"), &siv.data), want);
    assert_eq!(ok(&siv.args("dec"), &want), siv.data);
}

/// CCM's length field: a 13-byte nonce leaves 2 bytes, so 2^16 bytes of
/// input is a parameter error (exit 2), one byte less is fine.
#[test]
fn ccm_payload_limit_is_exit_2() {
    let c = Case {
        mode: "ccm",
        cipher: "aes",
        key: vec![3; 16],
        nonce: Some(vec![4; 13]),
        aad: vec![],
        tag_len: 8,
        data: vec![0; (1 << 16) - 1],
    };
    let sealed = ok(&c.args("enc"), &c.data);
    assert_eq!(ok(&c.args("dec"), &sealed), c.data);
    let line = fails(2, &c.args("enc"), &vec![0; 1 << 16]);
    assert!(line.contains("too long"), "{line}");
}

// ---------------------------------------------------------------- macs

fn mac_args(c: &Case) -> Vec<String> {
    let mut args = c.args("mac");
    assert!(c.aad.is_empty(), "mac takes no --aad");
    if c.mode == "cmac" && c.tag_len == 0 {
        // Leave --tag-len out: the default.
        let at = args
            .iter()
            .position(|a| a == "--tag-len")
            .expect("--tag-len");
        args.drain(at..at + 2);
    }
    args
}

#[test]
fn macs_match_peers() {
    let mut rng = Rng::new("macs_match_peers");
    let mut cases: Vec<Case> = (0..12)
        .map(|_| Case {
            mode: "gmac",
            cipher: "aes",
            key: rng.bytes_of(&[16, 24, 32]),
            nonce: Some(rng.bytes_of(&[1, 8, 12, 12, 16])),
            aad: vec![],
            tag_len: rng.pick(&GCM_TAGS),
            data: rng.bytes_of(&[0, 1, 16, 33, 1000]),
        })
        .collect();
    for cipher in ["aes", "tdes"] {
        let (keys, block): (&[usize], usize) = if cipher == "aes" {
            (&[16, 24, 32], 16)
        } else {
            (&[16, 24], 8)
        };
        cases.extend((0..10).map(|_| Case {
            mode: "cmac",
            cipher,
            key: rng.bytes_of(keys),
            nonce: None,
            aad: vec![],
            tag_len: 4 + rng.below(block - 3),
            data: rng.bytes_of(&[0, 1, 7, 8, 9, 16, 17, 100]),
        }));
    }
    let mut tags = Vec::new();
    for c in &cases {
        let tag = ok(&mac_args(c), &c.data);
        assert_eq!(tag.len(), c.tag_len, "{c:?}");
        tags.push(tag);
    }
    let n = compare("macs_match_peers", &cases, &tags);
    eprintln!("macs: {n} peer answers compared");
}

/// SP 800-38B Appendix D.1 example 2 (AES-128, one block), with the
/// default tag length (the whole block), and D.4-style TDES three-key
/// default of 8 bytes.
#[test]
fn cmac_known_answer_and_default_tag_len() {
    let mut c = Case {
        mode: "cmac",
        cipher: "aes",
        key: unhex("2b7e151628aed2a6abf7158809cf4f3c"),
        nonce: None,
        aad: vec![],
        tag_len: 0,
        data: unhex("6bc1bee22e409f96e93d7e117393172a"),
    };
    assert_eq!(
        hex(&ok(&mac_args(&c), &c.data)),
        "070a16b46b4d4144f79bdd9dd04a287c"
    );
    c.tag_len = 4;
    assert_eq!(hex(&ok(&mac_args(&c), &c.data)), "070a16b4");
    c.cipher = "tdes";
    c.key = vec![0x5a; 24];
    c.tag_len = 0;
    assert_eq!(ok(&mac_args(&c), &c.data).len(), 8);
}

/// GMAC is GCM with no plaintext: its tag is the tag `enc --mode gcm`
/// gives for an empty input with the message as AAD.
#[test]
fn gmac_is_gcm_with_empty_plaintext() {
    let mut rng = Rng::new("gmac_is_gcm_with_empty_plaintext");
    let msg = rng.bytes(77);
    let c = Case {
        mode: "gcm",
        cipher: "aes",
        key: rng.bytes(32),
        nonce: Some(rng.bytes(12)),
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
    let mut args = mac_args(&m);
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
        &["mac", "--mode", "cmac", "--key", &key, "--nonce", "00"],
        &["mac", "--mode", "cmac", "--key", &key, "--tag-len", "3"],
        &["mac", "--mode", "cmac", "--key", &key, "--tag-len", "17"],
        &[
            "mac",
            "--mode",
            "cmac",
            "--key",
            &key,
            "--tag-len",
            "9",
            "--cipher",
            "tdes",
        ],
        &[
            "mac",
            "--mode",
            "cmac",
            "--key",
            "00112233445566778899",
            "--cipher",
            "tdes",
        ],
        &["mac", "--mode", "cmac", "--key", "0011"],
        &["mac", "--mode", "cmac", "--key", "0g"],
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
    for word in [
        "gcm",
        "ccm",
        "eax",
        "siv",
        "ocb3",
        "gcm-siv",
        "--nonce",
        "--aad",
        "--tag-len",
    ] {
        assert!(help.contains(word), "enc --help lacks {word}");
    }
    let help = String::from_utf8(ok(&["mac".into(), "--help".into()], b"")).expect("utf-8");
    assert!(help.contains("gmac") && help.contains("cmac"), "{help}");
}
