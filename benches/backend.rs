//! Throughput of our AES backends (`blockmodes::backend`) against the `aes`
//! crate, under the same modes: ECB encryption, CTR (128-bit big-endian
//! counter) and CBC decryption, at 16 KiB and 1 MiB, on every path this CPU
//! runs.
//!
//! `ctr-u128` is a bench-local CTR keystream with a word-wide 128-bit
//! counter run straight on the backend, to show what the cipher path allows
//! apart from the mode's own counter code.
//!
//! `cargo bench --bench backend` (add `-- ctr` to filter). Compare with
//! `openssl speed -evp aes-128-ctr -bytes 16384 -seconds 2`.

use blockmodes::backend::{self, Backend};
use blockmodes::{BlockDecryptMode, BlockEncryptMode, Cbc, CounterLayout, Ctr, Ecb};
use cipher::{
    Array, BlockCipherDecrypt, BlockCipherEncBackend, BlockCipherEncClosure, BlockSizeUser,
    KeyInit, ParBlocks, consts::U16,
};
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
    C: blockmodes::Kernels<BlockSize = U16> + BlockCipherDecrypt + Clone,
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
    g.bench_function(BenchmarkId::new("ctr-u128", name), |b| {
        b.iter(|| {
            let blocks = Array::slice_as_chunks_mut(black_box(&mut *buf)).0;
            c.encrypt_with_backend(FastCtr {
                ctr: u128::from_be_bytes(IV),
                blocks,
            })
        })
    });
    g.bench_function(BenchmarkId::new("cbc-dec", name), |b| {
        let mut m = Cbc::new(c.clone(), &IV).unwrap();
        b.iter(|| m.decrypt_blocks(black_box(&mut *buf)).unwrap())
    });
}

/// A CTR keystream with a 128-bit big-endian counter kept as a `u128`, run
/// directly on the backend: what the cipher path can do when counter
/// generation and xor are word-wide (`blockmodes::Ctr` increments its
/// counter a byte at a time through `CounterLayout`).
struct FastCtr<'a> {
    ctr: u128,
    blocks: &'a mut [Array<u8, U16>],
}

impl BlockSizeUser for FastCtr<'_> {
    type BlockSize = U16;
}

impl BlockCipherEncClosure for FastCtr<'_> {
    #[inline(always)]
    fn call<B: BlockCipherEncBackend<BlockSize = U16>>(mut self, backend: &B) {
        let (chunks, tail) = Array::<_, B::ParBlocksSize>::slice_as_chunks_mut(self.blocks);
        let mut ks: ParBlocks<B> = Default::default();
        for chunk in chunks {
            for k in ks.iter_mut() {
                *k = self.ctr.to_be_bytes().into();
                self.ctr = self.ctr.wrapping_add(1);
            }
            backend.encrypt_par_blocks_inplace(&mut ks);
            for (d, k) in chunk.iter_mut().zip(ks.iter()) {
                let x = u128::from_ne_bytes((*d).into()) ^ u128::from_ne_bytes((*k).into());
                *d = x.to_ne_bytes().into();
            }
        }
        for d in tail {
            let mut k: Array<u8, U16> = self.ctr.to_be_bytes().into();
            self.ctr = self.ctr.wrapping_add(1);
            backend.encrypt_block_inplace(&mut k);
            let x = u128::from_ne_bytes((*d).into()) ^ u128::from_ne_bytes(k.into());
            *d = x.to_ne_bytes().into();
        }
    }
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
        for path in [Backend::Vaes512, Backend::Vaes256, Backend::AesNi] {
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
