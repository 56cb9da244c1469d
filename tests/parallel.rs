//! The multi-threaded calls of the `rayon` feature (see `blockmodes::par`)
//! against their single-threaded twins: CTR (NIST SP 800-38A §6.5), XTS
//! by data unit (IEEE Std 1619-2018 §5.3), ECB (§6.1), CBC decryption
//! (§6.2) and full-block CFB decryption (§6.3) must give the same bytes,
//! leave the same state behind (the next call continues identically) and
//! fail the same way, for random lengths — below the split threshold, at
//! and around multiples of `MIN_CHUNK`, not block-aligned for the stream
//! modes — thread counts 0 to 4, in place.

#![cfg(feature = "rayon")]

use blockmodes::cipher::{BlockCipherDecrypt, KeyInit, typenum::U16};
use blockmodes::par::{self, MIN_CHUNK};
use blockmodes::{
    BlockDecryptMode, BlockEncryptMode, Cbc, Cfb, CounterLayout, Ctr, Ecb, StreamMode, Xts,
};

use aes::{Aes128, Aes256};
use des::TdesEde3;
use proptest::prelude::*;

/// `len` pseudo-random bytes from `seed` (xorshift64*: test data only).
fn bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            (x.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 56) as u8
        })
        .collect()
}

/// Lengths up to `max_chunks * MIN_CHUNK`: anywhere, or within a few bytes
/// of a multiple of `MIN_CHUNK` (where the number of pieces changes), or
/// within a few bytes of `n` equal pieces of whole blocks (where a piece
/// boundary falls right at, or just off, a block boundary).
fn length(max_chunks: usize) -> impl Strategy<Value = usize> {
    let max = max_chunks * MIN_CHUNK;
    prop_oneof![
        0..max,
        (1..=max_chunks, -40i64..40)
            .prop_map(|(k, d)| (k * MIN_CHUNK).saturating_add_signed(d as isize)),
        (
            2..=4usize,
            MIN_CHUNK / 16..MIN_CHUNK / 16 + 2048,
            -20i64..20
        )
            .prop_map(|(n, blocks, d)| (n * blocks * 16).saturating_add_signed(d as isize)),
    ]
}

fn threads() -> impl Strategy<Value = usize> {
    0..=4usize
}

fn ctr_layout() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "128be", "64be", "32be", "20be", "17be", "32le", "24le",
    ])
}

/// CTR: a random prefix (so the parallel call may start mid-block), then
/// the same long call both ways, then a short call to compare the state.
fn ctr_case<C>(
    key: &[u8],
    icb: &[u8],
    layout: &str,
    prefix: usize,
    len: usize,
    seed: u64,
    threads: usize,
) where
    C: blockmodes::Kernels + KeyInit + Sync + Clone,
{
    let layout: CounterLayout = layout.parse().unwrap();
    let mut one = Ctr::<C>::new_from_slices(key, icb, layout).unwrap();
    let mut par = one.clone();
    let data = bytes(seed, prefix + len + 37);
    let (mut a, mut b) = (data.clone(), data);
    let (a1, a2) = a.split_at_mut(prefix);
    let (b1, b2) = b.split_at_mut(prefix);
    one.apply_keystream(a1).unwrap();
    par.apply_keystream(b1).unwrap();
    let (a2, a3) = a2.split_at_mut(len);
    let (b2, b3) = b2.split_at_mut(len);
    let r1 = one.apply_keystream(a2);
    let r2 = par.apply_keystream_par(b2, threads);
    assert_eq!(r1, r2);
    assert_eq!(one.position(), par.position());
    one.apply_keystream(a3).unwrap();
    par.apply_keystream(b3).unwrap();
    assert!(
        a == b,
        "CTR {layout} prefix {prefix} len {len} threads {threads}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn ctr_aes128(
        key in any::<[u8; 16]>(), icb in any::<[u8; 16]>(), layout in ctr_layout(),
        prefix in 0..40usize, len in length(5), seed in any::<u64>(), threads in threads(),
    ) {
        ctr_case::<Aes128>(&key, &icb, layout, prefix, len, seed, threads);
    }

    #[test]
    fn ctr_counter_wraps_inside_the_call(
        key in any::<[u8; 16]>(), nonce in any::<[u8; 14]>(), back in 1..20_000u16,
        len in length(4), seed in any::<u64>(), threads in threads(),
    ) {
        // A 16-bit counter `back` blocks before its wrap: the wrap falls in
        // some piece, not at its start.
        let mut icb = nonce.to_vec();
        icb.extend_from_slice(&0u16.wrapping_sub(back).to_be_bytes());
        ctr_case::<Aes128>(&key, &icb, "16be", 0, len, seed, threads);
    }

    #[test]
    fn ctr_tdes(
        key in any::<[u8; 24]>(), icb in any::<[u8; 8]>(),
        prefix in 0..20usize, len in length(3), seed in any::<u64>(), threads in threads(),
    ) {
        ctr_case::<TdesEde3>(&key, &icb, "32be", prefix, len, seed, threads);
    }
}

#[test]
fn ctr_exhaustion_is_the_same_error() {
    // A 13-bit counter gives 8192 blocks = 128 KiB = 2 * MIN_CHUNK.
    let layout: CounterLayout = "13be".parse().unwrap();
    let new = || Ctr::<Aes128>::new_from_slices(&[1; 16], &[2; 16], layout).unwrap();
    let mut all = vec![0u8; 2 * MIN_CHUNK];
    let mut too_long = vec![0u8; 2 * MIN_CHUNK + 1];
    let (mut a, mut b) = (new(), new());
    assert_eq!(
        a.apply_keystream(&mut too_long),
        b.apply_keystream_par(&mut too_long.clone(), 2)
    );
    assert!(too_long.iter().all(|&x| x == 0));
    let mut all2 = all.clone();
    a.apply_keystream(&mut all).unwrap();
    b.apply_keystream_par(&mut all2, 2).unwrap();
    assert_eq!(all, all2);
    assert_eq!(b.remaining(), 0);
}

// ---- XTS ------------------------------------------------------------------

fn xts_case<C>(key: &[u8], first: u128, sector_size: usize, count: usize, seed: u64, threads: usize)
where
    C: blockmodes::Kernels<BlockSize = U16> + BlockCipherDecrypt + KeyInit + Sync,
{
    let xts = Xts::<C>::new_from_slice(key).unwrap();
    let data = bytes(seed, sector_size * count);
    let (mut a, mut b) = (data.clone(), data.clone());
    let r1 = xts.encrypt_sectors(first, sector_size, &mut a);
    let r2 = xts.encrypt_sectors_par(first, sector_size, &mut b, threads);
    assert_eq!(r1, r2);
    assert!(
        a == b,
        "XTS encrypt sector {sector_size} x {count} threads {threads}"
    );
    if r1.is_ok() {
        let r2 = xts.decrypt_sectors_par(first, sector_size, &mut b, threads);
        assert_eq!(r2, Ok(()));
        assert!(
            b == data,
            "XTS decrypt sector {sector_size} x {count} threads {threads}"
        );
    }
}

fn sector_size() -> impl Strategy<Value = usize> {
    prop_oneof![
        prop::sample::select(vec![
            16usize,
            512,
            520,
            4096,
            4100,
            MIN_CHUNK,
            MIN_CHUNK + 16
        ]),
        16..9000usize,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn xts_sectors(
        key in any::<[u8; 32]>(), first in any::<u64>(), size in sector_size(),
        total in length(5), seed in any::<u64>(), threads in threads(),
    ) {
        prop_assume!(key[..16] != key[16..]);
        let count = total / size;
        xts_case::<Aes128>(&key, u128::from(first), size, count, seed, threads);
        // The same run ending at the last sector number there is.
        let last = u128::MAX - (count as u128).saturating_sub(1);
        xts_case::<Aes256>(&[key, [7; 32]].concat(), last, size, count, seed, threads);
    }
}

#[test]
fn xts_errors_are_the_same() {
    let xts = Xts::<Aes128>::new_from_slice(&[[1u8; 16], [2u8; 16]].concat()).unwrap();
    let mut buf = vec![0u8; 4 * MIN_CHUNK];
    for (first, size, len) in [
        (0u128, 4096, 4 * MIN_CHUNK - 1),
        (0, 15, 4 * MIN_CHUNK),
        (u128::MAX, 512, 4 * MIN_CHUNK),
    ] {
        let mut copy = buf[..len].to_vec();
        assert_eq!(
            xts.encrypt_sectors(first, size, &mut buf[..len]),
            xts.encrypt_sectors_par(first, size, &mut copy, 2)
        );
        assert_eq!(
            xts.decrypt_sectors(first, size, &mut buf[..len]),
            xts.decrypt_sectors_par(first, size, &mut copy, 2)
        );
        assert!(copy.iter().all(|&x| x == 0));
    }
}

// ---- ECB, CBC decryption, CFB128 decryption -------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn ecb_both_ways(key in any::<[u8; 16]>(), len in length(5), seed in any::<u64>(), threads in threads()) {
        let mut one = Ecb::<Aes128>::new_from_slice(&key).unwrap();
        let mut par = one.clone();
        let data = bytes(seed, len);
        let (mut a, mut b) = (data.clone(), data.clone());
        prop_assert_eq!(one.encrypt_blocks(&mut a), par.encrypt_blocks_par(&mut b, threads));
        prop_assert!(a == b);
        prop_assert_eq!(one.decrypt_blocks(&mut a), par.decrypt_blocks_par(&mut b, threads));
        prop_assert!(a == b);
        if len % 16 == 0 {
            prop_assert!(b == data);
        }
    }

    #[test]
    fn cbc_decrypt(
        key in any::<[u8; 16]>(), iv in any::<[u8; 16]>(), len in length(5),
        seed in any::<u64>(), threads in threads(),
    ) {
        cbc_case::<Aes128>(&key, &iv, len, seed, threads)?;
    }

    #[test]
    fn cbc_decrypt_tdes(
        key in any::<[u8; 24]>(), iv in any::<[u8; 8]>(), len in length(3),
        seed in any::<u64>(), threads in threads(),
    ) {
        cbc_case::<TdesEde3>(&key, &iv, len, seed, threads)?;
    }

    #[test]
    fn cfb128_decrypt(
        key in any::<[u8; 16]>(), iv in any::<[u8; 16]>(), prefix in 0..40usize,
        len in length(5), seed in any::<u64>(), threads in threads(),
    ) {
        let mut one = Cfb::<Aes128>::new_from_slices(&key, &iv, 128).unwrap();
        let mut par = one.clone();
        let data = bytes(seed, prefix + len + 21);
        let (mut a, mut b) = (data.clone(), data.clone());
        let (a1, rest_a) = a.split_at_mut(prefix);
        let (b1, rest_b) = b.split_at_mut(prefix);
        one.decrypt(a1).unwrap();
        par.decrypt(b1).unwrap();
        let (a2, a3) = rest_a.split_at_mut(len);
        let (b2, b3) = rest_b.split_at_mut(len);
        prop_assert_eq!(one.decrypt(a2), par.decrypt_par(b2, threads));
        one.decrypt(a3).unwrap();
        par.decrypt(b3).unwrap();
        prop_assert!(a == b);
        // And it undoes encryption.
        let mut enc = Cfb::<Aes128>::new_from_slices(&key, &iv, 128).unwrap();
        let mut c = data.clone();
        enc.encrypt(&mut c).unwrap();
        Cfb::<Aes128>::new_from_slices(&key, &iv, 128).unwrap().decrypt_par(&mut c, threads).unwrap();
        prop_assert!(c == data);
    }

    #[test]
    fn cfb8_decrypt_par_is_decrypt(
        key in any::<[u8; 16]>(), iv in any::<[u8; 16]>(), len in 0..3 * MIN_CHUNK,
        seed in any::<u64>(), threads in threads(),
    ) {
        let mut one = Cfb::<Aes128>::new_from_slices(&key, &iv, 8).unwrap();
        let mut par = one.clone();
        let data = bytes(seed, len);
        let (mut a, mut b) = (data.clone(), data);
        one.decrypt(&mut a).unwrap();
        par.decrypt_par(&mut b, threads).unwrap();
        prop_assert!(a == b);
    }
}

fn cbc_case<C>(
    key: &[u8],
    iv: &[u8],
    len: usize,
    seed: u64,
    threads: usize,
) -> Result<(), TestCaseError>
where
    C: blockmodes::Kernels + BlockCipherDecrypt + KeyInit + Sync + Clone,
{
    let mut one = Cbc::<C>::new_from_slices(key, iv).unwrap();
    let mut par = one.clone();
    let data = bytes(seed, len);
    let (mut a, mut b) = (data.clone(), data.clone());
    prop_assert_eq!(
        one.decrypt_blocks(&mut a),
        par.decrypt_blocks_par(&mut b, threads)
    );
    prop_assert!(a == b);
    prop_assert_eq!(one.iv(), par.iv());
    // The chaining block left behind continues the message.
    let mut more = bytes(seed ^ 1, 64);
    let mut more2 = more.clone();
    one.decrypt_blocks(&mut more).unwrap();
    par.decrypt_blocks_par(&mut more2, threads).unwrap();
    prop_assert_eq!(more, more2);
    // And it undoes encryption.
    let bs = iv.len();
    let mut c = data[..len / bs * bs].to_vec();
    Cbc::<C>::new_from_slices(key, iv)
        .unwrap()
        .encrypt_blocks(&mut c)
        .unwrap();
    Cbc::<C>::new_from_slices(key, iv)
        .unwrap()
        .decrypt_blocks_par(&mut c, threads)
        .unwrap();
    prop_assert!(c[..] == data[..len / bs * bs]);
    Ok(())
}

#[test]
fn pieces_follow_the_threshold() {
    assert_eq!(par::pieces(2 * MIN_CHUNK - 16, 4, 16), 1);
    assert_eq!(par::pieces(2 * MIN_CHUNK, 4, 16), 2);
    assert_eq!(par::pieces(8 * MIN_CHUNK, 4, 16), 4);
    assert_eq!(par::pieces(8 * MIN_CHUNK, 1, 16), 1);
    assert!(par::pieces(8 * MIN_CHUNK, 0, 16) >= 1);
}
