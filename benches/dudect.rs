//! A statistical timing test in the manner of dudect (Reparaz, Balasch,
//! Verbauwhede, "Dude, is my code constant time?", 2017): time an operation
//! on two classes of secret input, interleaved at random, and apply Welch's
//! t-test to the two timing distributions (also after cropping the slow
//! tail at several percentiles). |t| above 4.5 is evidence of a
//! data-dependent timing difference; below it, no evidence was found in
//! this many samples.
//!
//! A benchmark, not a CI gate: timings on a shared machine are noisy.
//! `cargo bench --bench dudect` (set `DUDECT_SAMPLES`, default 200000).
//!
//! Targets: PKCS#7, X9.23 and ISO 7816-4 removal and CBC `decrypt_padded`
//! (padding broken early vs late), and an AEAD open whose tag is wrong in
//! its first byte vs its last byte (a compare that returns early would show
//! the difference). Both classes always have the same outcome, so only a
//! data-dependent path can separate them. A null test (identical inputs in
//! both classes) shows how biased the harness is on the machine at hand:
//! judge the other rows against it.

use std::hint::black_box;
use std::time::Instant;

use blockmodes::backend::Aes128;
use blockmodes::cipher::KeyInit;
use blockmodes::{Aead, BlockDecryptMode, BlockEncryptMode, Cbc, Gcm, Padding};

/// Online mean and variance (Welford) for one class.
#[derive(Default, Clone, Copy)]
struct Stats {
    n: f64,
    mean: f64,
    m2: f64,
}

impl Stats {
    fn push(&mut self, x: f64) {
        self.n += 1.0;
        let d = x - self.mean;
        self.mean += d / self.n;
        self.m2 += d * (x - self.mean);
    }
    fn var(&self) -> f64 {
        if self.n < 2.0 {
            0.0
        } else {
            self.m2 / (self.n - 1.0)
        }
    }
}

fn welch_t(a: &Stats, b: &Stats) -> f64 {
    let den = (a.var() / a.n + b.var() / b.n).sqrt();
    if den == 0.0 {
        0.0
    } else {
        (a.mean - b.mean) / den
    }
}

struct XorShift(u64);
impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Time `op(class)` `samples` times with random classes; print the largest
/// |t| over the uncropped data and the data cropped at several percentiles.
fn run(name: &str, samples: usize, mut op: impl FnMut(usize)) {
    const INNER: usize = 16;
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let mut times = Vec::with_capacity(samples);
    for _ in 0..samples {
        let class = (rng.next() & 1) as usize;
        let t = Instant::now();
        for _ in 0..INNER {
            op(class);
        }
        times.push((class, t.elapsed().as_nanos() as f64));
    }
    let mut sorted: Vec<f64> = times.iter().map(|&(_, t)| t).collect();
    sorted.sort_by(|a, b| a.total_cmp(b));
    let mut worst: f64 = 0.0;
    for pct in [1.0, 0.99, 0.95, 0.9, 0.75, 0.5] {
        let cut = sorted[((sorted.len() - 1) as f64 * pct) as usize];
        let mut s = [Stats::default(); 2];
        for &(c, t) in &times {
            if t <= cut {
                s[c].push(t);
            }
        }
        worst = worst.max(welch_t(&s[0], &s[1]).abs());
    }
    let verdict = if worst > 4.5 {
        "LEAK? (|t| > 4.5)"
    } else {
        "no evidence of a leak"
    };
    println!("{name:<40} samples {samples:>8}  max |t| {worst:>7.2}  {verdict}");
}

fn main() {
    let samples: usize = std::env::var("DUDECT_SAMPLES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200_000);

    // Padding removal: two invalid blocks, broken at the first padding byte
    // the check reaches vs the last one (an early exit would tell them
    // apart). Valid vs invalid is not compared: the caller learns that, and
    // a failed decrypt zeroes the buffer, which takes time.
    let mut pkcs7 = [0x41u8; 16];
    pkcs7[8..].fill(8);
    let mut x923 = [0x41u8; 16];
    x923[8..15].fill(0);
    x923[15] = 8;
    let mut iso7816 = [0x41u8; 16];
    iso7816[8..].fill(0);
    iso7816[8] = 0x80;
    for (p, good, early, late) in [
        (Padding::Pkcs7, pkcs7, (8, 7), (14, 7)),
        (Padding::AnsiX923, x923, (8, 1), (14, 1)),
        (Padding::Iso7816, iso7816, (8, 0x81), (15, 1)),
    ] {
        let mut b = [good, good];
        b[0][early.0] = early.1;
        b[1][late.0] = late.1;
        assert!(p.unpad_block(&b[0]).is_err() && p.unpad_block(&b[1]).is_err());
        run(
            &format!("unpad_block {} (bad early vs late)", p.name()),
            samples,
            |c| {
                let _ = black_box(p.unpad_block(black_box(&b[c])));
            },
        );
    }

    // CBC decrypt_padded: bad PKCS#7 padding, early vs late.
    let key = [7u8; 16];
    let iv = [9u8; 16];
    let mut cts = Vec::new();
    for (i, v) in [(8, 7u8), (14, 7u8)] {
        let mut last = pkcs7;
        last[i] = v;
        let mut flat: Vec<u8> = [[0x33u8; 16], last].concat();
        Cbc::<Aes128>::new_from_slices(&key, &iv)
            .unwrap()
            .encrypt_blocks(&mut flat)
            .unwrap();
        cts.push(flat);
    }
    let mut buf = vec![0u8; 32];
    run(
        "cbc decrypt_padded pkcs7 (bad early vs late)",
        samples,
        |c| {
            buf.copy_from_slice(&cts[c]);
            let mut m = Cbc::<Aes128>::new_from_slices(&key, &iv).unwrap();
            let _ = black_box(
                m.decrypt_padded(black_box(&mut buf), Padding::Pkcs7)
                    .map(|s| s.len()),
            );
        },
    );

    // GCM open: tag wrong in its first byte vs its last byte.
    let gcm = Gcm::new(Aes128::new_from_slice(&key).unwrap());
    let nonce = [1u8; 12];
    let mut msg = vec![5u8; 64];
    let tag = gcm
        .encrypt_in_place_detached(&nonce, b"", &mut msg)
        .unwrap();
    let mut tags = [[0u8; 16]; 2];
    tags[0].copy_from_slice(&tag);
    tags[1].copy_from_slice(&tag);
    tags[0][0] ^= 1;
    tags[1][15] ^= 1;
    let mut buf = vec![0u8; 64];
    // Null test: both classes get the same input; a large |t| here means
    // the harness (not the code) is biased on this machine.
    let same = [tags[0], tags[0]];
    run("null test (gcm open, identical inputs)", samples, |c| {
        buf.copy_from_slice(&msg);
        let _ =
            black_box(gcm.decrypt_in_place_detached(&nonce, b"", black_box(&mut buf), &same[c]));
    });
    run("gcm open, tag wrong first vs last byte", samples, |c| {
        buf.copy_from_slice(&msg);
        let _ =
            black_box(gcm.decrypt_in_place_detached(&nonce, b"", black_box(&mut buf), &tags[c]));
    });
}
