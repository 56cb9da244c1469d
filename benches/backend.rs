//! Throughput of our AES backends (`blockmodes::backend`) against the `aes`
//! crate, under the same modes: ECB encryption, CTR (128-bit big-endian
//! counter) and CBC decryption, at 16 KiB and 1 MiB, on every path this CPU
//! runs.
//!
//! `cargo bench --bench backend` (add `-- ctr` to filter). Compare with
//! `openssl speed -evp aes-128-ctr -bytes 16384 -seconds 2`.

use blockmodes::backend::{self, Backend};
use blockmodes::{BlockDecryptMode, BlockEncryptMode, Cbc, CounterLayout, Ctr, Ecb};
use cipher::{BlockCipherDecrypt, BlockCipherEncrypt, KeyInit};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

const SIZES: [usize; 2] = [16 * 1024, 1024 * 1024];
const KEY: [u8; 16] = [0x11; 16];
const IV: [u8; 16] = [0x22; 16];

fn modes<C>(
    g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    c: C,
    buf: &mut [u8],
) where
    C: BlockCipherEncrypt + BlockCipherDecrypt + Clone,
{
    g.bench_function(BenchmarkId::new("ecb-enc", name), |b| {
        let mut m = Ecb::new(c.clone());
        b.iter(|| m.encrypt_blocks(black_box(&mut *buf)).unwrap())
    });
    g.bench_function(BenchmarkId::new("ctr", name), |b| {
        let mut m = Ctr::new(c.clone(), &IV, CounterLayout::default()).unwrap();
        b.iter(|| {
            m.seek(0).unwrap();
            m.apply_keystream(black_box(&mut *buf)).unwrap()
        })
    });
    g.bench_function(BenchmarkId::new("cbc-dec", name), |b| {
        let mut m = Cbc::new(c.clone(), &IV).unwrap();
        b.iter(|| m.decrypt_blocks(black_box(&mut *buf)).unwrap())
    });
}

fn bench(c: &mut Criterion) {
    eprintln!("default backend: {}", backend::active_backend());
    for &size in &SIZES {
        let mut buf = vec![0x5au8; size];
        let mut g = c.benchmark_group(format!("{size}"));
        g.throughput(Throughput::Bytes(size as u64));
        if size >= 1024 * 1024 {
            g.sample_size(20);
        }
        for path in [Backend::Vaes256, Backend::AesNi] {
            if let Ok(ours) = backend::Aes128::new_with_backend(&KEY.into(), path) {
                modes(&mut g, path.name(), ours, &mut buf);
            }
        }
        modes(&mut g, "aes-crate", aes::Aes128::new(&KEY.into()), &mut buf);
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
