//! Throughput of every mode against its RustCrypto peer, measured in the
//! same run, at sizes that are not all block-aligned.
//!
//! `cargo bench --bench modes` (add `-- cbc` to filter). Which AES backend
//! ran is the `aes` crate's runtime choice (AES-NI on x86-64 with it).

use aes::Aes128;
use blockmodes::{BlockDecryptMode, BlockEncryptMode, Cbc, Ecb, Ofb, Pcbc, StreamMode};
use cipher::{BlockModeDecrypt, BlockModeEncrypt, KeyIvInit, StreamCipher};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

const SIZES: [usize; 4] = [64, 1019, 16 * 1024, 1024 * 1024];
const KEY: [u8; 16] = [0x11; 16];
const IV: [u8; 16] = [0x22; 16];

/// Block-aligned length at most `n` (for the modes without padding here).
fn aligned(n: usize) -> usize {
    n / 16 * 16
}

fn bench(c: &mut Criterion) {
    for &size in &SIZES {
        let mut buf = vec![0x5au8; size];
        let a = aligned(size);
        let mut g = c.benchmark_group(format!("{size}"));
        g.throughput(Throughput::Bytes(a as u64));
        if size >= 1024 * 1024 {
            g.sample_size(20);
        }

        g.bench_function(BenchmarkId::new("ecb-enc", "blockmodes"), |b| {
            let mut m = Ecb::<Aes128>::new_from_slice(&KEY).unwrap();
            b.iter(|| m.encrypt_blocks(black_box(&mut buf[..a])).unwrap())
        });
        g.bench_function(BenchmarkId::new("cbc-enc", "blockmodes"), |b| {
            let mut m = Cbc::<Aes128>::new_from_slices(&KEY, &IV).unwrap();
            b.iter(|| m.encrypt_blocks(black_box(&mut buf[..a])).unwrap())
        });
        g.bench_function(BenchmarkId::new("cbc-enc", "rustcrypto"), |b| {
            let mut m = cbc::Encryptor::<Aes128>::new_from_slices(&KEY, &IV).unwrap();
            b.iter(|| {
                m.encrypt_blocks(cipher::Array::slice_as_chunks_mut(black_box(&mut buf[..a])).0)
            })
        });
        g.bench_function(BenchmarkId::new("cbc-dec", "blockmodes"), |b| {
            let mut m = Cbc::<Aes128>::new_from_slices(&KEY, &IV).unwrap();
            b.iter(|| m.decrypt_blocks(black_box(&mut buf[..a])).unwrap())
        });
        g.bench_function(BenchmarkId::new("cbc-dec", "rustcrypto"), |b| {
            let mut m = cbc::Decryptor::<Aes128>::new_from_slices(&KEY, &IV).unwrap();
            b.iter(|| {
                m.decrypt_blocks(cipher::Array::slice_as_chunks_mut(black_box(&mut buf[..a])).0)
            })
        });
        g.bench_function(BenchmarkId::new("pcbc-enc", "blockmodes"), |b| {
            let mut m = Pcbc::<Aes128>::new_from_slices(&KEY, &IV).unwrap();
            b.iter(|| m.encrypt_blocks(black_box(&mut buf[..a])).unwrap())
        });
        g.bench_function(BenchmarkId::new("pcbc-enc", "rustcrypto"), |b| {
            let mut m = pcbc::Encryptor::<Aes128>::new_from_slices(&KEY, &IV).unwrap();
            b.iter(|| {
                m.encrypt_blocks(cipher::Array::slice_as_chunks_mut(black_box(&mut buf[..a])).0)
            })
        });
        g.throughput(Throughput::Bytes(size as u64));
        g.bench_function(BenchmarkId::new("ofb", "blockmodes"), |b| {
            let mut m = Ofb::<Aes128>::new_from_slices(&KEY, &IV).unwrap();
            b.iter(|| m.encrypt(black_box(&mut buf)).unwrap())
        });
        g.bench_function(BenchmarkId::new("ofb", "rustcrypto"), |b| {
            let mut m = ofb::Ofb::<Aes128>::new_from_slices(&KEY, &IV).unwrap();
            b.iter(|| m.apply_keystream(black_box(&mut buf)))
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
