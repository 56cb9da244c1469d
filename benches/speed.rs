//! `openssl speed`-style throughput of every mode over our AES backend
//! (`blockmodes::backend`), measured the way `openssl speed` measures: run
//! one operation over and over for a fixed time and divide the bytes by the
//! **CPU time** the thread got (read from `/proc/thread-self/schedstat` on
//! Linux; wall-clock elsewhere), so a loaded machine slows both sides alike.
//! Each case runs `ROUNDS` times and the best is kept. When `openssl` is on
//! the `PATH` the matching `openssl speed -evp` runs in the same process
//! and the ratio is printed.
//!
//! `cargo bench --bench speed` (add a substring to filter, e.g.
//! `cargo bench --bench speed -- xts`; `SPEED_SECS=1` shortens each run,
//! `SPEED_ROUNDS` sets the repeats, `SPEED_PORTABLE=1` forces the portable
//! path).

use std::hint::black_box;
use std::process::Command;
use std::time::{Duration, Instant};

use blockmodes::backend::{self, Aes128, Aes256};
use blockmodes::{
    BlockDecryptMode, BlockEncryptMode, Cbc, Cfb, CounterLayout, Ctr, Ecb, Ofb, Pcbc, StreamMode,
    Xts,
};
use cipher::KeyInit;

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
fn openssl(alg: &str, decrypt: bool, size: usize, secs: u32) -> Option<f64> {
    let mut cmd = Command::new("openssl");
    cmd.arg("speed");
    if decrypt {
        cmd.arg("-decrypt");
    }
    cmd.args([
        "-evp",
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

struct Case {
    name: &'static str,
    /// `openssl speed -evp` cipher and direction to compare with.
    peer: Option<(&'static str, bool)>,
    run: Op,
}

fn cases() -> Vec<Case> {
    let a128 = || Aes128::new(&KEY.into());
    let mut v: Vec<Case> = Vec::new();
    let mut ecb = Ecb::new(a128());
    v.push(Case {
        name: "ecb-enc",
        peer: Some(("aes-128-ecb", false)),
        run: Box::new(move |b| ecb.encrypt_blocks(b).unwrap()),
    });
    let mut ctr = Ctr::new(a128(), &IV, CounterLayout::default()).unwrap();
    v.push(Case {
        name: "ctr-128be",
        peer: Some(("aes-128-ctr", false)),
        run: Box::new(move |b| {
            ctr.seek(0).unwrap();
            ctr.apply_keystream(b).unwrap()
        }),
    });
    let mut ctr32 = Ctr::new(a128(), &IV, CounterLayout::parse("32be").unwrap()).unwrap();
    v.push(Case {
        name: "ctr-32be",
        peer: Some(("aes-128-ctr", false)),
        run: Box::new(move |b| {
            ctr32.seek(0).unwrap();
            ctr32.apply_keystream(b).unwrap()
        }),
    });
    let mut cbc_d = Cbc::new(a128(), &IV).unwrap();
    v.push(Case {
        name: "cbc-dec",
        peer: Some(("aes-128-cbc", true)),
        run: Box::new(move |b| cbc_d.decrypt_blocks(b).unwrap()),
    });
    let mut cfb_d = Cfb::new(a128(), &IV, 128).unwrap();
    v.push(Case {
        name: "cfb128-dec",
        peer: Some(("aes-128-cfb", true)),
        run: Box::new(move |b| StreamMode::decrypt(&mut cfb_d, b).unwrap()),
    });
    let xts = Xts::<Aes128>::new_from_slice(&KEY2).unwrap();
    v.push(Case {
        name: "xts128-enc",
        peer: Some(("aes-128-xts", false)),
        run: Box::new(move |b| xts.encrypt_unit(&IV, b).unwrap()),
    });
    let xts = Xts::<Aes128>::new_from_slice(&KEY2).unwrap();
    v.push(Case {
        name: "xts128-dec",
        peer: Some(("aes-128-xts", true)),
        run: Box::new(move |b| xts.decrypt_unit(&IV, b).unwrap()),
    });
    let xts = Xts::<Aes256>::new_from_slice(&KEY4).unwrap();
    v.push(Case {
        name: "xts256-enc",
        peer: Some(("aes-256-xts", false)),
        run: Box::new(move |b| xts.encrypt_unit(&IV, b).unwrap()),
    });
    let mut cbc_e = Cbc::new(a128(), &IV).unwrap();
    v.push(Case {
        name: "cbc-enc",
        peer: Some(("aes-128-cbc", false)),
        run: Box::new(move |b| cbc_e.encrypt_blocks(b).unwrap()),
    });
    let mut cfb_e = Cfb::new(a128(), &IV, 128).unwrap();
    v.push(Case {
        name: "cfb128-enc",
        peer: Some(("aes-128-cbc", false)),
        run: Box::new(move |b| StreamMode::encrypt(&mut cfb_e, b).unwrap()),
    });
    let mut ofb = Ofb::new(a128(), &IV).unwrap();
    v.push(Case {
        name: "ofb",
        peer: Some(("aes-128-cbc", false)),
        run: Box::new(move |b| StreamMode::encrypt(&mut ofb, b).unwrap()),
    });
    let mut pcbc = Pcbc::new(a128(), &IV).unwrap();
    v.push(Case {
        name: "pcbc-enc",
        peer: Some(("aes-128-cbc", false)),
        run: Box::new(move |b| pcbc.encrypt_blocks(b).unwrap()),
    });
    let mut cfb8 = Cfb::new(a128(), &IV, 8).unwrap();
    v.push(Case {
        name: "cfb8-enc",
        peer: None,
        run: Box::new(move |b| StreamMode::encrypt(&mut cfb8, b).unwrap()),
    });
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
        "{:<12} {:>8} {:>10} {:>10} {:>7}  openssl",
        "mode", "bytes", "ours GB/s", "ossl GB/s", "ratio"
    );
    let mut peers = std::collections::HashMap::new();
    for mut case in cases() {
        if !filter.is_empty() && !filter.iter().any(|f| case.name.contains(f.as_str())) {
            continue;
        }
        for &size in &SIZES {
            let mut buf = vec![0x5au8; size];
            let ours = (0..rounds)
                .map(|_| rate(secs, size, &mut || (case.run)(black_box(&mut buf))))
                .fold(0.0, f64::max);
            let peer = case.peer.and_then(|(alg, dec)| {
                *peers.entry((alg, dec, size)).or_insert_with(|| {
                    (0..rounds)
                        .filter_map(|_| openssl(alg, dec, size, secs.ceil() as u32))
                        .reduce(f64::max)
                })
            });
            let (p, r) = match peer {
                Some(p) => (format!("{:.2}", p / 1e9), format!("{:.2}x", ours / p)),
                None => ("-".into(), "-".into()),
            };
            let alg = case.peer.map_or(String::new(), |(a, d)| {
                format!("{}{a}", if d { "-decrypt " } else { "" })
            });
            println!(
                "{:<12} {:>8} {:>10.2} {:>10} {:>7}  {alg}",
                case.name,
                size,
                ours / 1e9,
                p,
                r
            );
        }
    }
}
