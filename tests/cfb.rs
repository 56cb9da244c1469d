//! CFB-s (NIST SP 800-38A §6.3): the Appendix F.3 vectors, every segment
//! size against a simple bit-by-bit reference, bit-granular streaming, and
//! RustCrypto's `cfb-mode` / `cfb8` as differential oracles.

use blockmodes::cipher::{Block, BlockSizeUser, KeyInit, KeyIvInit, KeySizeUser};
use blockmodes::{Cfb, Error, StreamMode};

use aes::{Aes128, Aes192, Aes256};
use des::TdesEde3;
use proptest::prelude::*;

fn hex(s: &str) -> Vec<u8> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// A small deterministic generator for test data (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

fn to_bits(bytes: &[u8], n: usize) -> Vec<u8> {
    (0..n).map(|i| (bytes[i / 8] >> (7 - i % 8)) & 1).collect()
}

fn from_bits(bits: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; bits.len().div_ceil(8)];
    for (i, b) in bits.iter().enumerate() {
        out[i / 8] |= b << (7 - i % 8);
    }
    out
}

/// SP 800-38A §6.3 written out literally on bit vectors: one `encrypt_block`
/// per segment, `I_{j+1} = LSB_{b-s}(I_j) | C#_j`.
fn reference<C: blockmodes::Kernels>(
    cipher: &C,
    iv: &[u8],
    s: usize,
    data: &[u8],
    decrypt: bool,
) -> Vec<u8> {
    let b = 8 * iv.len();
    let mut reg = to_bits(iv, b);
    let mut out = Vec::with_capacity(data.len());
    for seg in data.chunks(s) {
        let mut o = Block::<C>::try_from(&from_bits(&reg)[..]).unwrap();
        cipher.encrypt_block(&mut o);
        let o = to_bits(&o, b);
        let res: Vec<u8> = seg.iter().zip(&o).map(|(d, k)| d ^ k).collect();
        let fed = if decrypt { seg } else { &res[..] };
        reg.drain(..s.min(fed.len()));
        reg.extend_from_slice(fed);
        out.extend_from_slice(&res);
    }
    out
}

// ---- SP 800-38A Appendix F.3 -------------------------------------------

const IV: &str = "000102030405060708090a0b0c0d0e0f";
const K128: &str = "2b7e151628aed2a6abf7158809cf4f3c";
const K192: &str = "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b";
const K256: &str = "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4";
const PT: &str = "6bc1bee22e409f96e93d7e117393172a ae2d8a571e03ac9c9eb76fac45af8e51
                  30c81c46a35ce411e5fbc1191a0a52ef f69f2445df4f9b17ad2b417be66c3710";

/// Check one vector (`bit_len` bits of `pt`) both ways, in one call and one
/// bit at a time.
fn check_vector<C: blockmodes::Kernels + KeyInit>(
    key: &str,
    s: usize,
    pt: &[u8],
    ct: &[u8],
    bit_len: usize,
) {
    let (key, iv) = (hex(key), hex(IV));
    let mut buf = pt.to_vec();
    Cfb::<C>::new_from_slices(&key, &iv, s)
        .unwrap()
        .encrypt_bits(&mut buf, bit_len)
        .unwrap();
    assert_eq!(buf, ct, "encrypt, s = {s}");
    Cfb::<C>::new_from_slices(&key, &iv, s)
        .unwrap()
        .decrypt_bits(&mut buf, bit_len)
        .unwrap();
    assert_eq!(buf, pt, "decrypt, s = {s}");

    let mut enc = Cfb::<C>::new_from_slices(&key, &iv, s).unwrap();
    let mut bits = to_bits(pt, bit_len);
    for bit in bits.iter_mut() {
        let mut one = [*bit << 7];
        enc.encrypt_bits(&mut one, 1).unwrap();
        *bit = one[0] >> 7;
    }
    assert_eq!(from_bits(&bits), ct, "bit by bit, s = {s}");
}

#[test]
fn sp800_38a_cfb1() {
    // F.3.1-F.3.6: 16 bits, written here as bytes (most significant bit first).
    let pt = [0x6b, 0xc1]; // 0110 1011 1100 0001
    check_vector::<Aes128>(K128, 1, &pt, &[0x68, 0xb3], 16); // 0110 1000 1011 0011
    check_vector::<Aes192>(K192, 1, &pt, &[0x93, 0x59], 16); // 1001 0011 0101 1001
    check_vector::<Aes256>(K256, 1, &pt, &[0x90, 0x29], 16); // 1001 0000 0010 1001
}

#[test]
fn sp800_38a_cfb8() {
    // F.3.7-F.3.12: 18 bytes.
    let pt = &hex(PT)[..18];
    let ct128 = hex("3b79424c9c0dd436bace9e0ed4586a4f32b9");
    let ct192 = hex("cda2521ef0a905ca44cd057cbf0d47a0678a");
    let ct256 = hex("dc1f1a8520a64db55fcc8ac554844e889700");
    check_vector::<Aes128>(K128, 8, pt, &ct128, 144);
    check_vector::<Aes192>(K192, 8, pt, &ct192, 144);
    check_vector::<Aes256>(K256, 8, pt, &ct256, 144);
}

#[test]
fn sp800_38a_cfb128() {
    // F.3.13-F.3.18: four blocks.
    let pt = hex(PT);
    let ct128 = hex(
        "3b3fd92eb72dad20333449f8e83cfb4a c8a64537a0b3a93fcde3cdad9f1ce58b
         26751f67a3cbb140b1808cf187a4f4df c04b05357c5d1c0eeac4c66f9ff7f2e6",
    );
    let ct192 = hex(
        "cdc80d6fddf18cab34c25909c99a4174 67ce7f7f81173621961a2b70171d3d7a
         2e1e8a1dd59b88b1c8e60fed1efac4c9 c05f9f9ca9834fa042ae8fba584b09ff",
    );
    let ct256 = hex(
        "dc7e84bfda79164b7ecd8486985d3860 39ffed143b28b1c832113c6331e5407b
         df10132415e54b92a13ed0a8267ae2f9 75a385741ab9cef82031623d55b1e471",
    );
    check_vector::<Aes128>(K128, 128, &pt, &ct128, 512);
    check_vector::<Aes192>(K192, 128, &pt, &ct192, 512);
    check_vector::<Aes256>(K256, 128, &pt, &ct256, 512);

    // Through the StreamMode byte interface too.
    let mut buf = pt.clone();
    Cfb::<Aes128>::new_from_slices(&hex(K128), &hex(IV), 128)
        .unwrap()
        .encrypt(&mut buf)
        .unwrap();
    assert_eq!(buf, ct128);
    Cfb::<Aes128>::new_from_slices(&hex(K128), &hex(IV), 128)
        .unwrap()
        .decrypt(&mut buf)
        .unwrap();
    assert_eq!(buf, pt);
}

// ---- Every segment size ------------------------------------------------

/// Bit string `data` (first `n` bits) processed in random bit-granular
/// pieces, with `encrypt_bits`/`decrypt_bits`.
fn run_split<C: blockmodes::Kernels + Clone>(
    mode: &mut Cfb<C>,
    data: &[u8],
    n: usize,
    cuts: &mut Rng,
    decrypt: bool,
) -> Vec<u8> {
    let mut bits = to_bits(data, n);
    let mut at = 0;
    while at < n {
        let take = cuts
            .below(n - at + 1)
            .max(if cuts.below(4) == 0 { 0 } else { 1 });
        let mut piece = from_bits(&bits[at..at + take]);
        // Junk after the piece's last bit must survive.
        let junk_bits = piece.len() * 8 - take;
        let junk = if junk_bits > 0 {
            0xa5u8 & ((1u16 << junk_bits) - 1) as u8
        } else {
            0
        };
        if let Some(last) = piece.last_mut() {
            *last |= junk;
        }
        if decrypt {
            mode.decrypt_bits(&mut piece, take).unwrap();
        } else {
            mode.encrypt_bits(&mut piece, take).unwrap();
        }
        if let Some(last) = piece.last() {
            assert_eq!(
                last & ((1u16 << junk_bits) - 1) as u8,
                junk,
                "bits past bit_len changed"
            );
        }
        bits[at..at + take].copy_from_slice(&to_bits(&piece, take));
        at += take;
    }
    from_bits(&bits)
}

/// For segment size `s`: one-shot = reference (both ways), round trip,
/// bit-split streaming = one-shot, byte streaming = one-shot.
fn check_segment_size<C: blockmodes::Kernels + KeyInit + Clone>(s: usize, rng: &mut Rng) {
    let bs = <C as BlockSizeUser>::block_size();
    let key = rng.bytes(<C as KeySizeUser>::key_size());
    let iv = rng.bytes(bs);
    let cipher = C::new_from_slice(&key).unwrap();
    for _ in 0..3 {
        let n = rng.below(8 * 3 * bs + 20);
        let mut pt = rng.bytes(n.div_ceil(8));
        if !n.is_multiple_of(8) {
            // Keep bits past `n` zero so whole-buffer comparisons are exact.
            let last = pt.len() - 1;
            pt[last] &= 0xffu8 << (8 - n % 8);
        }
        let pt_bits = to_bits(&pt, n);

        let mut ct = pt.clone();
        Cfb::new(cipher.clone(), &iv, s)
            .unwrap()
            .encrypt_bits(&mut ct, n)
            .unwrap();
        let want = from_bits(&reference(&cipher, &iv, s, &pt_bits, false));
        assert_eq!(ct, want, "encrypt vs reference, s = {s}, n = {n}");
        let ct_bits = to_bits(&ct, n);
        let want_pt = from_bits(&reference(&cipher, &iv, s, &ct_bits, true));
        assert_eq!(want_pt, pt, "reference round trip, s = {s}");

        let mut back = ct.clone();
        Cfb::new(cipher.clone(), &iv, s)
            .unwrap()
            .decrypt_bits(&mut back, n)
            .unwrap();
        assert_eq!(back, pt, "round trip, s = {s}, n = {n}");

        let mut enc = Cfb::new(cipher.clone(), &iv, s).unwrap();
        assert_eq!(
            run_split(&mut enc, &pt, n, rng, false),
            ct,
            "split encrypt, s = {s}"
        );
        let mut dec = Cfb::new(cipher.clone(), &iv, s).unwrap();
        assert_eq!(
            run_split(&mut dec, &ct, n, rng, true),
            pt,
            "split decrypt, s = {s}"
        );

        // Whole bytes through StreamMode in random byte pieces.
        let nb = n / 8;
        let mut whole = pt[..nb].to_vec();
        let mut enc = Cfb::new(cipher.clone(), &iv, s).unwrap();
        let mut at = 0;
        while at < nb {
            let take = rng.below(nb - at + 1);
            enc.encrypt(&mut whole[at..at + take]).unwrap();
            at += take;
        }
        assert_eq!(whole, ct[..nb], "byte pieces, s = {s}");
        let mut dec = Cfb::new(cipher.clone(), &iv, s).unwrap();
        let mut out = vec![0; nb];
        dec.decrypt_b2b(&whole, &mut out).unwrap();
        assert_eq!(out, pt[..nb], "b2b decrypt, s = {s}");
    }
}

#[test]
fn every_segment_size_aes() {
    let mut rng = Rng(0x1234_5678_9abc_def1);
    for s in 1..=128 {
        check_segment_size::<Aes128>(s, &mut rng);
    }
    for s in [1, 7, 8, 24, 63, 64, 100, 120, 127, 128] {
        check_segment_size::<Aes256>(s, &mut rng);
    }
}

#[test]
fn every_segment_size_tdes() {
    let mut rng = Rng(0x0fed_cba9_8765_4321);
    for s in 1..=64 {
        check_segment_size::<TdesEde3>(s, &mut rng);
    }
}

/// Mixing bit-level and byte-level calls: a stream left mid-byte by
/// `encrypt_bits` continues correctly through `encrypt`.
#[test]
fn mixed_bit_and_byte_calls() {
    let mut rng = Rng(42);
    for s in [8, 16, 64, 128, 5, 12] {
        let key = rng.bytes(16);
        let iv = rng.bytes(16);
        let pt = rng.bytes(70);
        let mut one = pt.clone();
        Cfb::<Aes128>::new_from_slices(&key, &iv, s)
            .unwrap()
            .encrypt(&mut one)
            .unwrap();

        // 3 bits, then 5 bits of the same byte, then whole bytes.
        let mut mode = Cfb::<Aes128>::new_from_slices(&key, &iv, s).unwrap();
        let mut buf = pt.clone();
        let mut first = [buf[0] & 0xe0];
        mode.encrypt_bits(&mut first, 3).unwrap();
        let mut second = [buf[0] << 3];
        mode.encrypt_bits(&mut second, 5).unwrap();
        buf[0] = (first[0] & 0xe0) | (second[0] >> 3);
        mode.encrypt(&mut buf[1..33]).unwrap();
        mode.encrypt(&mut buf[33..]).unwrap();
        assert_eq!(buf, one, "s = {s}");
    }
}

// ---- Differential against RustCrypto -----------------------------------

fn full_block_matches_cfb_mode<C>(key: &[u8], iv: &[u8], pt: &[u8], cuts: &[usize])
where
    C: blockmodes::Kernels + KeyInit + Clone,
{
    let s = 8 * <C as BlockSizeUser>::block_size();
    let mut theirs = pt.to_vec();
    cfb_mode::Encryptor::<C>::new_from_slices(key, iv)
        .unwrap()
        .encrypt(&mut theirs);

    let mut ours = pt.to_vec();
    Cfb::<C>::new_from_slices(key, iv, s)
        .unwrap()
        .encrypt(&mut ours)
        .unwrap();
    assert_eq!(ours, theirs);

    // Streaming in pieces, buffer to buffer.
    let mut mode = Cfb::<C>::new_from_slices(key, iv, s).unwrap();
    let mut out = vec![0; pt.len()];
    let mut at = 0;
    for &c in cuts.iter().chain(Some(&pt.len())) {
        let c = c.clamp(at, pt.len());
        mode.encrypt_b2b(&pt[at..c], &mut out[at..c]).unwrap();
        at = c;
    }
    assert_eq!(out, theirs);

    let mut back = theirs.clone();
    cfb_mode::Decryptor::<C>::new_from_slices(key, iv)
        .unwrap()
        .decrypt(&mut back);
    assert_eq!(back, pt);
    let mut mode = Cfb::<C>::new_from_slices(key, iv, s).unwrap();
    let mut at = 0;
    let mut ours = theirs.clone();
    for &c in cuts.iter().chain(Some(&pt.len())) {
        let c = c.clamp(at, pt.len());
        mode.decrypt(&mut ours[at..c]).unwrap();
        at = c;
    }
    assert_eq!(ours, pt);
}

fn cfb8_matches<C>(key: &[u8], iv: &[u8], pt: &[u8], cuts: &[usize])
where
    C: blockmodes::Kernels + KeyInit + Clone,
{
    let mut theirs = pt.to_vec();
    cfb8::Encryptor::<C>::new_from_slices(key, iv)
        .unwrap()
        .encrypt(&mut theirs);
    let mut mode = Cfb::<C>::new_from_slices(key, iv, 8).unwrap();
    let mut ours = pt.to_vec();
    let mut at = 0;
    for &c in cuts.iter().chain(Some(&pt.len())) {
        let c = c.clamp(at, pt.len());
        mode.encrypt(&mut ours[at..c]).unwrap();
        at = c;
    }
    assert_eq!(ours, theirs);
    let mut back = theirs.clone();
    Cfb::<C>::new_from_slices(key, iv, 8)
        .unwrap()
        .decrypt(&mut back)
        .unwrap();
    assert_eq!(back, pt);
    let mut back2 = theirs.clone();
    cfb8::Decryptor::<C>::new_from_slices(key, iv)
        .unwrap()
        .decrypt(&mut back2);
    assert_eq!(back2, pt);
}

fn cuts() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(0usize..600, 0..6).prop_map(|mut v| {
        v.sort_unstable();
        v
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn cfb128_vs_cfb_mode(
        key in prop::array::uniform32(any::<u8>()),
        iv in prop::array::uniform16(any::<u8>()),
        pt in prop::collection::vec(any::<u8>(), 0..600),
        cuts in cuts(),
        ks in 0usize..3,
    ) {
        match ks {
            0 => full_block_matches_cfb_mode::<Aes128>(&key[..16], &iv, &pt, &cuts),
            1 => full_block_matches_cfb_mode::<Aes192>(&key[..24], &iv, &pt, &cuts),
            _ => full_block_matches_cfb_mode::<Aes256>(&key, &iv, &pt, &cuts),
        }
    }

    #[test]
    fn cfb64_tdes_vs_cfb_mode(
        key in prop::array::uniform24(any::<u8>()),
        iv in prop::array::uniform8(any::<u8>()),
        pt in prop::collection::vec(any::<u8>(), 0..300),
        cuts in cuts(),
    ) {
        full_block_matches_cfb_mode::<TdesEde3>(&key, &iv, &pt, &cuts);
    }

    #[test]
    fn cfb8_vs_cfb8_crate(
        key in prop::array::uniform32(any::<u8>()),
        iv in prop::array::uniform16(any::<u8>()),
        pt in prop::collection::vec(any::<u8>(), 0..300),
        cuts in cuts(),
        ks in 0usize..3,
    ) {
        match ks {
            0 => cfb8_matches::<Aes128>(&key[..16], &iv, &pt, &cuts),
            1 => cfb8_matches::<Aes192>(&key[..24], &iv, &pt, &cuts),
            _ => cfb8_matches::<Aes256>(&key, &iv, &pt, &cuts),
        }
    }

    #[test]
    fn cfb8_tdes_vs_cfb8_crate(
        key in prop::array::uniform24(any::<u8>()),
        iv in prop::array::uniform8(any::<u8>()),
        pt in prop::collection::vec(any::<u8>(), 0..200),
        cuts in cuts(),
    ) {
        cfb8_matches::<TdesEde3>(&key, &iv, &pt, &cuts);
    }

    /// Any segment size, random bit length and bit splits: split = one-shot,
    /// one-shot = reference.
    #[test]
    fn any_s_bit_splits(s in 1usize..=128, seed in any::<u64>()) {
        let mut rng = Rng(seed | 1);
        check_segment_size::<Aes128>(s, &mut rng);
    }

    /// In place = buffer to buffer.
    #[test]
    fn in_place_equals_b2b(
        s in 1usize..=128,
        key in prop::array::uniform16(any::<u8>()),
        iv in prop::array::uniform16(any::<u8>()),
        pt in prop::collection::vec(any::<u8>(), 0..100),
    ) {
        let mut a = pt.clone();
        Cfb::<Aes128>::new_from_slices(&key, &iv, s).unwrap().encrypt(&mut a).unwrap();
        let mut b = vec![0; pt.len()];
        Cfb::<Aes128>::new_from_slices(&key, &iv, s).unwrap().encrypt_b2b(&pt, &mut b).unwrap();
        prop_assert_eq!(&a, &b);
        let v = Cfb::<Aes128>::new_from_slices(&key, &iv, s).unwrap().decrypt_vec(&a).unwrap();
        prop_assert_eq!(v, pt);
    }
}

// ---- Errors ------------------------------------------------------------

#[test]
fn bad_parameters() {
    let key = [0u8; 16];
    for iv_len in [0, 8, 15, 17, 32] {
        let iv = vec![0; iv_len];
        assert_eq!(
            Cfb::<Aes128>::new_from_slices(&key, &iv, 8).err(),
            Some(Error::InvalidIvLength)
        );
    }
    let iv = [0u8; 16];
    assert_eq!(
        Cfb::<Aes128>::new_from_slices(&key, &iv, 0).err(),
        Some(Error::InvalidParameter)
    );
    assert_eq!(
        Cfb::<Aes128>::new_from_slices(&key, &iv, 129).err(),
        Some(Error::InvalidParameter)
    );
    assert_eq!(
        Cfb::<Aes128>::new_from_slices(&key, &iv, usize::MAX).err(),
        Some(Error::InvalidParameter)
    );
    assert_eq!(
        Cfb::<Aes128>::new_from_slices(&key[..15], &iv, 8).err(),
        Some(Error::InvalidKeyLength)
    );
    let tkey = [1u8; 24];
    assert_eq!(
        Cfb::<TdesEde3>::new_from_slices(&tkey, &[0; 8], 65).err(),
        Some(Error::InvalidParameter)
    );
    assert_eq!(
        Cfb::<TdesEde3>::new_from_slices(&tkey, &[0; 16], 8).err(),
        Some(Error::InvalidIvLength)
    );
    for s in [1, 8, 64] {
        assert_eq!(
            Cfb::<TdesEde3>::new_from_slices(&tkey, &[0; 8], s)
                .unwrap()
                .segment_bits(),
            s
        );
    }
    assert_eq!(
        Cfb::<Aes128>::new_from_slices(&key, &iv, 128)
            .unwrap()
            .segment_bits(),
        128
    );
}

#[test]
fn bit_len_too_long_changes_nothing() {
    let (key, iv) = ([3u8; 16], [4u8; 16]);
    for s in [1, 8, 128] {
        let mut mode = Cfb::<Aes128>::new_from_slices(&key, &iv, s).unwrap();
        let mut buf = [0x5au8; 4];
        assert_eq!(mode.encrypt_bits(&mut buf, 33), Err(Error::InvalidLength));
        assert_eq!(
            mode.decrypt_bits(&mut buf, usize::MAX),
            Err(Error::InvalidLength)
        );
        assert_eq!(buf, [0x5a; 4]);
        // The failed calls did not advance the stream.
        let mut a = [9u8; 20];
        mode.encrypt(&mut a).unwrap();
        let mut b = [9u8; 20];
        Cfb::<Aes128>::new_from_slices(&key, &iv, s)
            .unwrap()
            .encrypt(&mut b)
            .unwrap();
        assert_eq!(a, b);
        // Zero bits is a no-op, even on an empty buffer.
        mode.encrypt_bits(&mut [], 0).unwrap();
    }
}
