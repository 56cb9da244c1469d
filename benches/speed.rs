//! `openssl speed`-style throughput of every mode over our AES backend
//! (`blockmodes::backend`), measured the way `openssl speed` measures: run
//! one operation over and over for a fixed time and divide the bytes by the
//! **CPU time** the thread got (read from `/proc/thread-self/schedstat` on
//! Linux; wall-clock elsewhere), so a loaded machine slows both sides alike.
//! Each case runs `ROUNDS` times and the best is kept. When `openssl` is on
//! the `PATH` the matching `openssl speed -evp` runs from the same process,
//! taking turns with ours round by round (so that a change in the host's
//! load falls on both sides), and the ratio is printed.
//!
//! The authenticated modes and CMAC are measured the same way (12-byte
//! nonce, no associated data, 16-byte tag) and also against their
//! RustCrypto crate (`aes-gcm`, `ocb3`, `ccm`, `eax`, `aes-siv`,
//! `aes-gcm-siv`, `cmac`, default build) in the same process. A `-dec` row
//! is the open alone, as `openssl speed -decrypt` times it (no copy of the
//! sealed message): a loop of seal-then-open on one buffer (in place, so
//! each open gets a valid message and tag) and a loop of seal alone are
//! timed (best of the rounds each), and the open's rate is
//! `bytes / (t_pair - t_seal)`; the same for our AEADs and the RustCrypto
//! ones.
//!
//! `cargo bench --bench speed` (add a substring to filter, e.g.
//! `cargo bench --bench speed -- xts`; `SPEED_SECS=1` shortens each run,
//! `SPEED_ROUNDS` sets the repeats, `SPEED_PORTABLE=1` forces the portable
//! path).

use std::hint::black_box;
use std::process::Command;
use std::time::{Duration, Instant};

use std::collections::HashMap;
use std::rc::Rc;

use aes_gcm::aead::{AeadInOut, KeyInit as RcKeyInit};
use blockmodes::backend::{self, Aes128, Aes256};
use blockmodes::{
    Aead, BlockDecryptMode, BlockEncryptMode, Cbc, Ccm, Cfb, Cmac, CounterLayout, Ctr, Eax, Ecb,
    Gcm, GcmSiv, Ocb3, Ofb, Pcbc, Siv, StreamMode, Tag, Xts,
};
use cipher::{Array, BlockModeDecrypt, BlockModeEncrypt, KeyIvInit, StreamCipher};

const SIZES: [usize; 2] = [16 * 1024, 1024 * 1024];
const KEY: [u8; 16] = [0x11; 16];
/// XTS keys: two different halves (equal halves are refused).
const KEY2: [u8; 32] = xts_key();
const KEY4: [u8; 64] = xts_key();
const IV: [u8; 16] = [0x22; 16];

const fn xts_key<const N: usize>() -> [u8; N] {
    let mut k = [0u8; N];
    let mut i = 0;
    while i < N {
        k[i] = i as u8;
        i += 1;
    }
    k
}

/// CPU time this thread has run, where the OS tells it.
fn cpu_now() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Run `op` for about `secs` seconds; bytes per CPU second (wall-clock
/// if CPU time is not available).
fn rate(secs: f64, bytes: usize, op: &mut dyn FnMut()) -> f64 {
    for _ in 0..3 {
        op();
    }
    let (wall0, cpu0) = (Instant::now(), cpu_now());
    let mut n = 0u64;
    while wall0.elapsed().as_secs_f64() < secs {
        for _ in 0..8 {
            op();
        }
        n += 8;
    }
    let t = match (cpu0, cpu_now()) {
        (Some(a), Some(b)) if b > a => (b - a).as_secs_f64(),
        _ => wall0.elapsed().as_secs_f64(),
    };
    n as f64 * bytes as f64 / t
}

/// `openssl speed -evp <alg> -bytes <size> -seconds <secs>` in bytes per
/// second (its own CPU-time figure), if openssl runs here.
/// `cmac:<cipher>` runs `openssl speed -cmac <cipher>` instead.
fn openssl(alg: &str, decrypt: bool, size: usize, secs: u32) -> Option<f64> {
    let mut cmd = Command::new("openssl");
    cmd.arg("speed");
    if decrypt {
        cmd.arg("-decrypt");
    }
    let (flag, alg) = match alg.strip_prefix("cmac:") {
        Some(cipher) => ("-cmac", cipher),
        None => ("-evp", alg),
    };
    cmd.args([
        flag,
        alg,
        "-bytes",
        &size.to_string(),
        "-seconds",
        &secs.to_string(),
    ]);
    let out = cmd.output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    // Last line: "AES-128-CTR  9078475.22k" (1000s of bytes per second).
    let last = text.lines().rev().find(|l| l.trim_end().ends_with('k'))?;
    let k = last.split_whitespace().last()?.trim_end_matches('k');
    k.parse::<f64>().ok().map(|k| k * 1000.0)
}

/// One operation on the buffer.
type Op = Box<dyn FnMut(&mut [u8])>;

/// A [`Run::Plain`] of `op`.
fn plain(op: impl FnMut(&mut [u8]) + 'static) -> Run {
    Run::Plain(Box::new(op))
}

/// What a case times.
enum Run {
    /// One operation; its rate is the figure.
    Plain(Op),
    /// An AEAD open: `seal` alone and `pair` (seal, then open the sealed
    /// buffer in place); the open's time is `t_pair - t_seal`.
    Open { seal: Op, pair: Op },
}

/// The best rates seen so far of a [`Run`]'s loops (for `Plain` only
/// `seal` is used).
#[derive(Default)]
struct Best {
    seal: f64,
    pair: f64,
}

impl Run {
    /// One round: each loop of the run once, for about `secs` seconds,
    /// its rate kept in `best` if it beats the rate there (for `Open` the
    /// two loops alternate, so a change in load hits both).
    fn round(&mut self, secs: f64, buf: &mut [u8], best: &mut Best) {
        let size = buf.len();
        let mut once = |op: &mut Op| rate(secs, size, &mut || op(black_box(&mut *buf)));
        match self {
            Run::Plain(op) => best.seal = best.seal.max(once(op)),
            Run::Open { seal, pair } => {
                best.seal = best.seal.max(once(seal));
                best.pair = best.pair.max(once(pair));
            }
        }
    }

    /// Bytes per CPU second from the best rates (for `Open`: the best time
    /// of each loop, then the difference).
    fn rate(&self, best: &Best) -> f64 {
        match self {
            Run::Plain(_) => best.seal,
            Run::Open { .. } => {
                let (t_seal, t_pair) = (1.0 / best.seal, 1.0 / best.pair);
                // Noise could make the difference vanish; never divide by it.
                1.0 / (t_pair - t_seal).max(t_pair * 1e-3)
            }
        }
    }

    /// Bytes per CPU second, best of `rounds`.
    fn measure(&mut self, secs: f64, rounds: usize, buf: &mut [u8]) -> f64 {
        let mut best = Best::default();
        for _ in 0..rounds {
            self.round(secs, buf, &mut best);
        }
        self.rate(&best)
    }
}

struct Case {
    name: &'static str,
    /// `openssl speed -evp` cipher and direction to compare with.
    peer: Option<(&'static str, bool)>,
    run: Run,
    /// The RustCrypto crate doing the same, measured in the same process.
    rust: Option<(&'static str, Run)>,
}

const NONCE: [u8; 12] = [0x33; 12];

/// Seal the buffer in place (`dec == false`), or the open measurement
/// (`dec == true`): a loop of seal alone and a loop of seal-then-open on
/// the same buffer (in place, so every open gets a valid message), with
/// one of our AEADs.
fn ours_aead(aead: impl Aead + 'static, dec: bool) -> Run {
    let aead = Rc::new(aead);
    let a = Rc::clone(&aead);
    let seal: Op = Box::new(move |b| {
        black_box(a.encrypt_in_place_detached(&NONCE, b"", b).unwrap());
    });
    if !dec {
        return Run::Plain(seal);
    }
    let pair: Op = Box::new(move |b| {
        let tag = aead.encrypt_in_place_detached(&NONCE, b"", b).unwrap();
        aead.decrypt_in_place_detached(&NONCE, b"", b, &tag)
            .unwrap();
    });
    Run::Open { seal, pair }
}

/// The same with a RustCrypto AEAD (its `aead` 0.6 traits), under `nonce`.
fn rust_aead<A: AeadInOut + RcKeyInit + 'static>(key: &[u8], nonce: &[u8], dec: bool) -> Run {
    let aead = Rc::new(A::new_from_slice(key).unwrap());
    let nonce = aes_gcm::aead::Nonce::<A>::try_from(nonce).unwrap();
    let (a, n) = (Rc::clone(&aead), nonce.clone());
    let seal: Op = Box::new(move |b| {
        black_box(a.encrypt_inout_detached(&n, b"", b.into()).unwrap());
    });
    if !dec {
        return Run::Plain(seal);
    }
    let pair: Op = Box::new(move |b| {
        let tag = aead.encrypt_inout_detached(&nonce, b"", b.into()).unwrap();
        aead.decrypt_inout_detached(&nonce, b"", b.into(), &tag)
            .unwrap();
    });
    Run::Open { seal, pair }
}

/// A RustCrypto stream cipher applied to the buffer.
fn rc_stream(mut c: impl StreamCipher + 'static) -> Run {
    Run::Plain(Box::new(move |b| c.apply_keystream(b)))
}

/// SIV with the nonce as its one associated-data component (RFC 5297 §3),
/// as `aes-siv`'s `SivAead` does.
struct SivNonce(Siv<Aes128>);

impl Aead for SivNonce {
    fn tag_len(&self) -> usize {
        16
    }
    fn encrypt_in_place_detached(
        &self,
        nonce: &[u8],
        _: &[u8],
        buf: &mut [u8],
    ) -> blockmodes::Result<Tag> {
        self.0.encrypt_in_place_detached(&[nonce], buf)
    }
    fn decrypt_in_place_detached(
        &self,
        nonce: &[u8],
        _: &[u8],
        buf: &mut [u8],
        tag: &[u8],
    ) -> blockmodes::Result<()> {
        self.0.decrypt_in_place_detached(&[nonce], buf, tag)
    }
}

/// The authenticated modes and CMAC, AES-128 (and AES-256 GCM).
fn aead_cases(v: &mut Vec<Case>) {
    type A128 = aes::Aes128;
    let k = &KEY[..];
    let k2 = &KEY2[..];
    for dec in [false, true] {
        let d = |enc: &'static str, dec_name: &'static str| if dec { dec_name } else { enc };
        v.push(Case {
            name: d("gcm-enc", "gcm-dec"),
            peer: Some(("aes-128-gcm", dec)),
            run: ours_aead(Gcm::<Aes128>::new_from_slice(k).unwrap(), dec),
            rust: Some(("aes-gcm", rust_aead::<aes_gcm::Aes128Gcm>(k, &NONCE, dec))),
        });
        v.push(Case {
            name: d("gcm256-enc", "gcm256-dec"),
            peer: Some(("aes-256-gcm", dec)),
            run: ours_aead(Gcm::<Aes256>::new_from_slice(k2).unwrap(), dec),
            rust: Some(("aes-gcm", rust_aead::<aes_gcm::Aes256Gcm>(k2, &NONCE, dec))),
        });
        v.push(Case {
            name: d("ocb3-enc", "ocb3-dec"),
            peer: Some(("aes-128-ocb", dec)),
            run: ours_aead(Ocb3::<Aes128>::new_from_slice(k).unwrap(), dec),
            rust: Some(("ocb3", rust_aead::<ocb3::Ocb3<A128>>(k, &NONCE, dec))),
        });
        v.push(Case {
            name: d("gcm-siv-enc", "gcm-siv-dec"),
            peer: None,
            run: ours_aead(GcmSiv::<Aes128>::new_from_slice(k).unwrap(), dec),
            rust: Some((
                "aes-gcm-siv",
                rust_aead::<aes_gcm_siv::Aes128GcmSiv>(k, &NONCE, dec),
            )),
        });
        v.push(Case {
            name: d("ccm-enc", "ccm-dec"),
            peer: Some(("aes-128-ccm", dec)),
            run: ours_aead(Ccm::<Aes128>::new_from_slice(k).unwrap(), dec),
            rust: Some((
                "ccm",
                rust_aead::<ccm::Ccm<A128, ccm::consts::U16, ccm::consts::U12>>(k, &NONCE, dec),
            )),
        });
        v.push(Case {
            name: d("eax-enc", "eax-dec"),
            peer: None,
            run: ours_aead(Eax::<Aes128>::new_from_slice(k).unwrap(), dec),
            rust: Some(("eax", rust_aead::<eax::Eax<A128>>(k, &[0x33; 16], dec))),
        });
        v.push(Case {
            name: d("siv-enc", "siv-dec"),
            peer: Some(("aes-128-siv", dec)),
            run: ours_aead(SivNonce(Siv::<Aes128>::new_from_slice(k2).unwrap()), dec),
            rust: Some((
                "aes-siv",
                rust_aead::<aes_siv::Aes128SivAead>(k2, &[0x33; 16], dec),
            )),
        });
    }
    let cmac = Cmac::<Aes128>::new_from_slice(k).unwrap();
    let mut theirs = <cmac::Cmac<A128> as cmac::digest::KeyInit>::new_from_slice(k).unwrap();
    v.push(Case {
        name: "cmac",
        peer: Some(("cmac:aes-128-cbc", false)),
        run: plain(move |b| {
            black_box(cmac.compute(b));
        }),
        rust: Some((
            "cmac",
            plain(move |b| {
                use cmac::digest::{FixedOutputReset, Update};
                theirs.update(b);
                black_box(theirs.finalize_fixed_reset());
            }),
        )),
    });
}

fn cases() -> Vec<Case> {
    let a128 = || Aes128::new(&KEY.into());
    let mut v: Vec<Case> = Vec::new();
    let mut ecb = Ecb::new(a128());
    v.push(Case {
        name: "ecb-enc",
        peer: Some(("aes-128-ecb", false)),
        run: plain(move |b| ecb.encrypt_blocks(b).unwrap()),
        rust: None,
    });
    let mut ctr = Ctr::new(a128(), &IV, CounterLayout::default()).unwrap();
    v.push(Case {
        name: "ctr-128be",
        peer: Some(("aes-128-ctr", false)),
        run: plain(move |b| {
            ctr.seek(0).unwrap();
            ctr.apply_keystream(b).unwrap()
        }),
        rust: Some((
            "ctr",
            rc_stream(ctr::Ctr128BE::<aes::Aes128>::new_from_slices(&KEY, &IV).unwrap()),
        )),
    });
    let mut ctr32 = Ctr::new(a128(), &IV, CounterLayout::parse("32be").unwrap()).unwrap();
    v.push(Case {
        name: "ctr-32be",
        peer: Some(("aes-128-ctr", false)),
        run: plain(move |b| {
            ctr32.seek(0).unwrap();
            ctr32.apply_keystream(b).unwrap()
        }),
        rust: Some((
            "ctr",
            rc_stream(ctr::Ctr32BE::<aes::Aes128>::new_from_slices(&KEY, &IV).unwrap()),
        )),
    });
    let mut cbc_d = Cbc::new(a128(), &IV).unwrap();
    v.push(Case {
        name: "cbc-dec",
        peer: Some(("aes-128-cbc", true)),
        run: plain(move |b| cbc_d.decrypt_blocks(b).unwrap()),
        rust: Some(("cbc", {
            let mut m = cbc::Decryptor::<aes::Aes128>::new_from_slices(&KEY, &IV).unwrap();
            plain(move |b| m.decrypt_blocks(Array::slice_as_chunks_mut(b).0))
        })),
    });
    let mut cfb_d = Cfb::new(a128(), &IV, 128).unwrap();
    v.push(Case {
        name: "cfb128-dec",
        peer: Some(("aes-128-cfb", true)),
        run: plain(move |b| StreamMode::decrypt(&mut cfb_d, b).unwrap()),
        rust: Some((
            "cfb-mode",
            plain(|b| {
                cfb_mode::Decryptor::<aes::Aes128>::new_from_slices(&KEY, &IV)
                    .unwrap()
                    .decrypt(b)
            }),
        )),
    });
    let xts = Xts::<Aes128>::new_from_slice(&KEY2).unwrap();
    v.push(Case {
        name: "xts128-enc",
        peer: Some(("aes-128-xts", false)),
        run: plain(move |b| xts.encrypt_unit(&IV, b).unwrap()),
        rust: Some(("xts-mode", {
            let x = xts_mode::Xts128::new(
                aes::Aes128::new_from_slice(&KEY2[..16]).unwrap(),
                aes::Aes128::new_from_slice(&KEY2[16..]).unwrap(),
            );
            plain(move |b| x.encrypt_sector(b, IV.into()))
        })),
    });
    let xts = Xts::<Aes128>::new_from_slice(&KEY2).unwrap();
    v.push(Case {
        name: "xts128-dec",
        peer: Some(("aes-128-xts", true)),
        run: plain(move |b| xts.decrypt_unit(&IV, b).unwrap()),
        rust: Some(("xts-mode", {
            let x = xts_mode::Xts128::new(
                aes::Aes128::new_from_slice(&KEY2[..16]).unwrap(),
                aes::Aes128::new_from_slice(&KEY2[16..]).unwrap(),
            );
            plain(move |b| x.decrypt_sector(b, IV.into()))
        })),
    });
    let xts = Xts::<Aes256>::new_from_slice(&KEY4).unwrap();
    v.push(Case {
        name: "xts256-enc",
        peer: Some(("aes-256-xts", false)),
        run: plain(move |b| xts.encrypt_unit(&IV, b).unwrap()),
        rust: Some(("xts-mode", {
            let x = xts_mode::Xts128::new(
                aes::Aes256::new_from_slice(&KEY4[..32]).unwrap(),
                aes::Aes256::new_from_slice(&KEY4[32..]).unwrap(),
            );
            plain(move |b| x.encrypt_sector(b, IV.into()))
        })),
    });
    let mut cbc_e = Cbc::new(a128(), &IV).unwrap();
    v.push(Case {
        name: "cbc-enc",
        peer: Some(("aes-128-cbc", false)),
        run: plain(move |b| cbc_e.encrypt_blocks(b).unwrap()),
        rust: Some(("cbc", {
            let mut m = cbc::Encryptor::<aes::Aes128>::new_from_slices(&KEY, &IV).unwrap();
            plain(move |b| m.encrypt_blocks(Array::slice_as_chunks_mut(b).0))
        })),
    });
    let mut cfb_e = Cfb::new(a128(), &IV, 128).unwrap();
    v.push(Case {
        name: "cfb128-enc",
        peer: Some(("aes-128-cbc", false)),
        run: plain(move |b| StreamMode::encrypt(&mut cfb_e, b).unwrap()),
        rust: Some((
            "cfb-mode",
            plain(|b| {
                cfb_mode::Encryptor::<aes::Aes128>::new_from_slices(&KEY, &IV)
                    .unwrap()
                    .encrypt(b)
            }),
        )),
    });
    let mut ofb = Ofb::new(a128(), &IV).unwrap();
    v.push(Case {
        name: "ofb",
        peer: Some(("aes-128-cbc", false)),
        run: plain(move |b| StreamMode::encrypt(&mut ofb, b).unwrap()),
        rust: Some((
            "ofb",
            rc_stream(ofb::Ofb::<aes::Aes128>::new_from_slices(&KEY, &IV).unwrap()),
        )),
    });
    let mut pcbc = Pcbc::new(a128(), &IV).unwrap();
    v.push(Case {
        name: "pcbc-enc",
        peer: Some(("aes-128-cbc", false)),
        run: plain(move |b| pcbc.encrypt_blocks(b).unwrap()),
        rust: Some(("pcbc", {
            let mut m = pcbc::Encryptor::<aes::Aes128>::new_from_slices(&KEY, &IV).unwrap();
            plain(move |b| m.encrypt_blocks(Array::slice_as_chunks_mut(b).0))
        })),
    });
    let mut cfb8 = Cfb::new(a128(), &IV, 8).unwrap();
    v.push(Case {
        name: "cfb8-enc",
        peer: Some(("aes-128-cfb8", false)),
        run: plain(move |b| StreamMode::encrypt(&mut cfb8, b).unwrap()),
        rust: Some((
            "cfb8",
            plain(|b| {
                cfb8::Encryptor::<aes::Aes128>::new_from_slices(&KEY, &IV)
                    .unwrap()
                    .encrypt(b)
            }),
        )),
    });
    let mut cfb8_d = Cfb::new(a128(), &IV, 8).unwrap();
    v.push(Case {
        name: "cfb8-dec",
        peer: Some(("aes-128-cfb8", true)),
        run: plain(move |b| StreamMode::decrypt(&mut cfb8_d, b).unwrap()),
        rust: Some((
            "cfb8",
            plain(|b| {
                cfb8::Decryptor::<aes::Aes128>::new_from_slices(&KEY, &IV)
                    .unwrap()
                    .decrypt(b)
            }),
        )),
    });
    aead_cases(&mut v);
    v
}

fn env<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let secs: f64 = env("SPEED_SECS", 2.0);
    let rounds: usize = env("SPEED_ROUNDS", 3);
    if env("SPEED_PORTABLE", 0u8) == 1 {
        backend::force_portable(true);
    }
    println!(
        "path: {}; {} s per run, best of {rounds}; GB/s = 10^9 bytes per CPU second{}",
        backend::active_backend(),
        secs,
        if cpu_now().is_some() {
            ""
        } else {
            " (wall-clock: no CPU-time source)"
        }
    );
    println!(
        "{:<12} {:>8} {:>10} {:>10} {:>7} {:>10} {:>7}  openssl / RustCrypto",
        "mode", "bytes", "ours GB/s", "ossl GB/s", "ratio", "rust GB/s", "ratio"
    );
    let mut peers = HashMap::new();
    for mut case in cases() {
        if !filter.is_empty() && !filter.iter().any(|f| case.name.contains(f.as_str())) {
            continue;
        }
        for &size in &SIZES {
            let mut buf = vec![0x5au8; size];
            // Ours and OpenSSL take turns, round by round, so that a change
            // in the host's load falls on both; the best round of each.
            let mut best = Best::default();
            let mut fresh: Option<f64> = None;
            let cached = case
                .peer
                .is_none_or(|(alg, dec)| peers.contains_key(&(alg, dec, size)));
            for _ in 0..rounds {
                case.run.round(secs, &mut buf, &mut best);
                if let (false, Some((alg, dec))) = (cached, case.peer)
                    && let Some(r) = openssl(alg, dec, size, secs.ceil() as u32)
                {
                    fresh = Some(fresh.map_or(r, |f| f.max(r)));
                }
            }
            let ours = case.run.rate(&best);
            let peer = case
                .peer
                .and_then(|(alg, dec)| *peers.entry((alg, dec, size)).or_insert(fresh));
            let (p, r) = match peer {
                Some(p) => (format!("{:.2}", p / 1e9), format!("{:.2}x", ours / p)),
                None => ("-".into(), "-".into()),
            };
            let rust = case
                .rust
                .as_mut()
                .map(|(name, run)| (*name, run.measure(secs, rounds, &mut buf)));
            let (rp, rr) = match rust {
                Some((_, p)) => (format!("{:.2}", p / 1e9), format!("{:.2}x", ours / p)),
                None => ("-".into(), "-".into()),
            };
            let alg = case.peer.map_or(String::new(), |(a, d)| {
                format!("{}{a}", if d { "-decrypt " } else { "" })
            });
            let crate_name = rust.map_or("", |(n, _)| n);
            println!(
                "{:<12} {:>8} {:>10.2} {:>10} {:>7} {:>10} {:>7}  {alg} / {crate_name}",
                case.name,
                size,
                ours / 1e9,
                p,
                r,
                rp,
                rr
            );
        }
    }
}
