//! Every `Kernels` method of our AES, on every path this CPU has (VAES,
//! AES-NI, portable) and every key size, gives exactly what the generic
//! default gives (`Generic<aes::AesNNN>` runs the defaults over the `aes`
//! crate): lengths across batch boundaries with partial tails, counters
//! that wrap their 32-bit word, XTS runs of several data units with fewer
//! first tweaks than units.

use blockmodes::backend::{self, Backend};
use blockmodes::cipher::{Array, Block, BlockCipherDecrypt, KeyInit, consts::U16};
use blockmodes::{Ctr32, Generic, Kernels, MacInput};
use proptest::prelude::*;

const PATHS: [Backend; 4] = Backend::ALL;

/// Run `check(ours, reference)` for each AES key size and each path this
/// CPU runs.
fn each_aes(key: &[u8; 32], mut check: impl FnMut(&dyn Pair, &str)) {
    for path in PATHS.into_iter().filter(|p| p.is_supported()) {
        let k16 = Array::try_from(&key[..16]).unwrap();
        let k24 = Array::try_from(&key[..24]).unwrap();
        let k32 = Array::try_from(&key[..]).unwrap();
        check(
            &(
                backend::Aes128::new_with_backend(&k16, path).unwrap(),
                Generic(aes::Aes128::new(&k16)),
            ),
            &format!("aes128 {path}"),
        );
        check(
            &(
                backend::Aes192::new_with_backend(&k24, path).unwrap(),
                Generic(aes::Aes192::new(&k24)),
            ),
            &format!("aes192 {path}"),
        );
        check(
            &(
                backend::Aes256::new_with_backend(&k32, path).unwrap(),
                Generic(aes::Aes256::new(&k32)),
            ),
            &format!("aes256 {path}"),
        );
    }
}

/// One kernel call on both ciphers of a pair, object-safe so one test body
/// covers the three key sizes.
trait Pair {
    /// `f(ours)` and `f(reference)` on copies of the same state and data.
    fn both(&self, state: &[u8; 16], data: &[u8], op: Op) -> [([u8; 16], Vec<u8>); 2];
}

#[derive(Clone, Copy, Debug)]
enum Op {
    Ctr(Ctr32),
    XtsEnc(usize, usize),
    XtsDec(usize, usize),
    CbcEnc,
    CbcDec,
    CbcMac,
    CfbEnc,
    /// `cfb_segments_encrypt` with segments of this many bytes.
    CfbSeg(usize),
    Ofb,
    PcbcEnc,
    /// `ctr128_cbc_mac`: the state is the MAC, the counter is the state
    /// with its bytes reversed (any distinct block does).
    CtrMac(MacInput),
}

fn run<C: Kernels<BlockSize = U16> + BlockCipherDecrypt>(
    c: &C,
    state: &[u8; 16],
    data: &[u8],
    op: Op,
) -> ([u8; 16], Vec<u8>) {
    let mut s = Block::<C>::from(*state);
    let mut d = data.to_vec();
    match op {
        Op::Ctr(word) => c.ctr32_xor(&s, word, &mut d),
        Op::XtsEnc(unit_blocks, n_tweaks) | Op::XtsDec(unit_blocks, n_tweaks) => {
            // Tweak u: the state with byte 0 bumped by u (any values do).
            let tweaks: Vec<Block<C>> = (0..n_tweaks)
                .map(|u| {
                    let mut t = s;
                    t[0] = t[0].wrapping_add(u as u8);
                    t
                })
                .collect();
            s = if matches!(op, Op::XtsEnc(..)) {
                c.xts_encrypt(&tweaks, unit_blocks, &mut d)
            } else {
                c.xts_decrypt(&tweaks, unit_blocks, &mut d)
            };
        }
        Op::CbcEnc => c.cbc_encrypt(&mut s, &mut d),
        Op::CbcDec => c.cbc_decrypt(&mut s, &mut d),
        Op::CbcMac => c.cbc_mac(&mut s, &d),
        Op::CfbEnc => c.cfb_encrypt(&mut s, &mut d),
        Op::CfbSeg(q) => c.cfb_segments_encrypt(&mut s, q, &mut d),
        Op::Ofb => c.ofb_xor(&mut s, &mut d),
        Op::PcbcEnc => c.pcbc_encrypt(&mut s, &mut d),
        Op::CtrMac(mac_input) => {
            let mut ctr = s;
            ctr.reverse();
            c.ctr128_cbc_mac(&ctr, &mut s, mac_input, &mut d)
        }
    }
    (s.0, d)
}

impl<A, B> Pair for (A, B)
where
    A: Kernels<BlockSize = U16> + BlockCipherDecrypt,
    B: Kernels<BlockSize = U16> + BlockCipherDecrypt,
{
    fn both(&self, state: &[u8; 16], data: &[u8], op: Op) -> [([u8; 16], Vec<u8>); 2] {
        [run(&self.0, state, data, op), run(&self.1, state, data, op)]
    }
}

fn ops() -> impl Strategy<Value = Op> {
    prop_oneof![
        Just(Op::Ctr(Ctr32::BeLast)),
        Just(Op::Ctr(Ctr32::LeFirst)),
        (
            prop_oneof![Just(usize::MAX), 1usize..6, Just(16), Just(17)],
            1usize..8
        )
            .prop_map(|(u, t)| Op::XtsEnc(u, t)),
        (
            prop_oneof![Just(usize::MAX), 1usize..6, Just(16), Just(17)],
            1usize..8
        )
            .prop_map(|(u, t)| Op::XtsDec(u, t)),
        Just(Op::CbcEnc),
        Just(Op::CbcDec),
        Just(Op::CbcMac),
        Just(Op::CfbEnc),
        (0usize..=17).prop_map(Op::CfbSeg),
        Just(Op::Ofb),
        Just(Op::PcbcEnc),
        Just(Op::CtrMac(MacInput::Input)),
        Just(Op::CtrMac(MacInput::Output)),
    ]
}

/// A starting block, sometimes with a 32-bit counter word just below its
/// wrap (in either position).
fn states() -> impl Strategy<Value = [u8; 16]> {
    (prop::array::uniform16(any::<u8>()), 0u8..3, 0u8..40).prop_map(|(mut s, near, back)| {
        let word = u32::MAX - u32::from(back);
        match near {
            1 => s[12..].copy_from_slice(&word.to_be_bytes()),
            2 => s[..4].copy_from_slice(&word.to_le_bytes()),
            _ => {}
        }
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn kernels_equal_the_generic_cores(
        key in prop::array::uniform32(any::<u8>()),
        state in states(),
        data in prop::collection::vec(any::<u8>(), 0..1100),
        op in ops(),
    ) {
        each_aes(&key, |pair, name| {
            let [ours, reference] = pair.both(&state, &data, op);
            assert_eq!(ours.1, reference.1, "{name} {op:?} data, {} bytes", data.len());
            assert_eq!(ours.0, reference.0, "{name} {op:?} state, {} bytes", data.len());
        });
    }
}

/// Long runs: several full VAES batches, a word wrap in the middle.
#[test]
fn long_runs_with_a_wrap_in_the_middle() {
    let key = [0x5c; 32];
    let mut state = [0x33; 16];
    state[12..].copy_from_slice(&(u32::MAX - 100).to_be_bytes());
    state[..4].copy_from_slice(&(u32::MAX - 70).to_le_bytes());
    let data: Vec<u8> = (0..16 * 300 + 7).map(|i| (i * 31 % 251) as u8).collect();
    for op in [
        Op::Ctr(Ctr32::BeLast),
        Op::Ctr(Ctr32::LeFirst),
        Op::XtsEnc(usize::MAX, 1),
        Op::XtsDec(32, 5),
        Op::CbcEnc,
        Op::CbcDec,
        Op::CbcMac,
        Op::CfbEnc,
        Op::CfbSeg(1),
        Op::CfbSeg(7),
        Op::CfbSeg(15),
        Op::Ofb,
        Op::PcbcEnc,
        Op::CtrMac(MacInput::Input),
        Op::CtrMac(MacInput::Output),
    ] {
        each_aes(&key, |pair, name| {
            let [ours, reference] = pair.both(&state, &data, op);
            assert_eq!(ours, reference, "{name} {op:?}");
        });
    }
}

/// Sector runs that the VAES path streams as one run of batches (units of
/// 2 to 8 whole 16-block batches, one first tweak per unit), beside runs
/// one unit short of or past their tweaks and units of one batch or of
/// more than 8, which take the unit-by-unit path: every path and key size
/// against the generic core, encryption and decryption.
#[test]
fn xts_sector_runs_streamed_across_units() {
    let key: [u8; 32] = core::array::from_fn(|i| (i * 29 + 5) as u8);
    let state: [u8; 16] = core::array::from_fn(|i| (i * 13 + 1) as u8);
    for unit_blocks in [16usize, 32, 48, 64, 128, 144, 256] {
        for units in [1usize, 2, 3, 5] {
            for tweaks in [units.saturating_sub(1).max(1), units, units + 1] {
                let len = unit_blocks * 16 * units;
                let data: Vec<u8> = (0..len).map(|i| (i * 31 % 251) as u8).collect();
                for op in [
                    Op::XtsEnc(unit_blocks, tweaks),
                    Op::XtsDec(unit_blocks, tweaks),
                ] {
                    each_aes(&key, |pair, name| {
                        let [ours, reference] = pair.both(&state, &data, op);
                        assert_eq!(ours, reference, "{name} {op:?}, {units} units");
                    });
                }
            }
        }
    }
}

/// `ctr128_cbc_mac_keyed` (SIV decryption: CTR under one key, the CBC-MAC
/// chain under another) on `c`, with `m` keying the chain.
fn run_keyed<C: Kernels<BlockSize = U16>>(
    c: &C,
    m: &C,
    counter: &[u8; 16],
    mac: &[u8; 16],
    data: &[u8],
) -> ([u8; 16], Vec<u8>) {
    let mut s = Block::<C>::from(*mac);
    let mut d = data.to_vec();
    c.ctr128_cbc_mac_keyed(&Block::<C>::from(*counter), m, &mut s, &mut d);
    (s.0, d)
}

/// Our AES against `Generic<aes::…>` for `ctr128_cbc_mac_keyed`, every
/// key size, every pair of paths this CPU runs (the CTR key on one, the
/// MAC key on the other: mixed hardware paths and a portable one).
fn check_keyed(keys: &[u8; 64], counter: &[u8; 16], mac: &[u8; 16], data: &[u8]) {
    macro_rules! one {
        ($ours:ty, $theirs:ty, $n:literal) => {
            let k2 = Array::try_from(&keys[..$n]).unwrap();
            let k1 = Array::try_from(&keys[32..32 + $n]).unwrap();
            let want = run_keyed(
                &Generic(<$theirs>::new(&k2)),
                &Generic(<$theirs>::new(&k1)),
                counter,
                mac,
                data,
            );
            for p2 in PATHS.into_iter().filter(|p| p.is_supported()) {
                for p1 in PATHS.into_iter().filter(|p| p.is_supported()) {
                    let got = run_keyed(
                        &<$ours>::new_with_backend(&k2, p2).unwrap(),
                        &<$ours>::new_with_backend(&k1, p1).unwrap(),
                        counter,
                        mac,
                        data,
                    );
                    assert_eq!(
                        got,
                        want,
                        "aes{} ctr {p2} mac {p1}, {} bytes",
                        $n * 8,
                        data.len()
                    );
                }
            }
        };
    }
    one!(backend::Aes128, aes::Aes128, 16);
    one!(backend::Aes192, aes::Aes192, 24);
    one!(backend::Aes256, aes::Aes256, 32);
}

/// A counter a few blocks below a wrap of its low 32 or 64 bits or of the
/// whole block (`near` 1, 2, 3), or as drawn.
fn near_wrap(mut c: [u8; 16], near: u8, back: u8) -> [u8; 16] {
    match near {
        1 => c[12..].copy_from_slice(&(u32::MAX - u32::from(back)).to_be_bytes()),
        2 => c[8..].copy_from_slice(&(u64::MAX - u64::from(back)).to_be_bytes()),
        3 => c = (u128::MAX - u128::from(back)).to_be_bytes(),
        _ => {}
    }
    c
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn ctr128_cbc_mac_keyed_equals_the_generic_default(
        k2 in prop::array::uniform32(any::<u8>()),
        k1 in prop::array::uniform32(any::<u8>()),
        counter in prop::array::uniform16(any::<u8>()),
        near in 0u8..4,
        back in 0u8..8,
        mac in prop::array::uniform16(any::<u8>()),
        len in prop_oneof![0usize..=48, 4096usize..4096 + 40, 0usize..600],
        seed in any::<u8>(),
    ) {
        let mut keys = [0u8; 64];
        keys[..32].copy_from_slice(&k2);
        keys[32..].copy_from_slice(&k1);
        let data: Vec<u8> = (0..len).map(|i| (i as u8).wrapping_mul(seed | 1)).collect();
        check_keyed(&keys, &near_wrap(counter, near, back), &mac, &data);
    }
}

/// Every length 0..=48 and 4096..4096 + 17, counters just below each wrap.
#[test]
fn ctr128_cbc_mac_keyed_lengths_and_wraps() {
    let keys: [u8; 64] = core::array::from_fn(|i| (i * 7 + 3) as u8);
    let data: Vec<u8> = (0..4096 + 17).map(|i| (i * 13 % 251) as u8).collect();
    for (n, len) in (0..=48).chain(4096..=4096 + 17).enumerate() {
        let counter = near_wrap([0xa5; 16], (n % 4) as u8, (n % 5) as u8);
        check_keyed(&keys, &counter, &[n as u8; 16], &data[..len]);
    }
}

/// `cfb_segments_encrypt` for every segment size, on lengths around the
/// kernel's edges (the first and last 16 bytes) and longer runs.
#[test]
fn cfb_segments_every_size() {
    let key = [0xa7; 32];
    let state = [0x42; 16];
    for q in 1..=16 {
        for len in (0..70).chain([16 * q + 3, 1000, 4099]) {
            let data: Vec<u8> = (0..len).map(|i| (i * 131 % 253) as u8).collect();
            each_aes(&key, |pair, name| {
                let [ours, reference] = pair.both(&state, &data, Op::CfbSeg(q));
                assert_eq!(ours, reference, "{name} q={q} len={len}");
            });
        }
    }
}
