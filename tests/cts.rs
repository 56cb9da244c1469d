//! CBC-CS1/CS2/CS3 (NIST SP 800-38A Addendum): the RFC 3962 known answers,
//! an independent reference written from the addendum, property tests for
//! every variant over AES, TDES and Camellia, and the error paths.

use aes::Aes128;
use blockmodes::cipher::{Block, BlockCipherDecrypt, BlockSizeUser, KeyInit};
use blockmodes::modes::{CtsDecryptor, CtsEncryptor};
use blockmodes::{BlockEncryptMode, Cbc, CbcCs, CsVariant, Error, Result};
type Camellia128 = blockmodes::Generic<camellia::Camellia128>;
use des::TdesEde3;
use proptest::prelude::*;

const VARIANTS: [CsVariant; 3] = [CsVariant::Cs1, CsVariant::Cs2, CsVariant::Cs3];

fn hex(s: &str) -> Vec<u8> {
    let s: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    s.chunks(2)
        .map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap(), 16).unwrap())
        .collect()
}

fn bs<C: BlockSizeUser>() -> usize {
    C::block_size()
}

fn mode<C: BlockSizeUser + KeyInit>(key: &[u8], iv: &[u8], v: CsVariant) -> CbcCs<C> {
    CbcCs::<C>::new_from_slices(key, iv, v).unwrap()
}

// ---------------------------------------------------------------------------
// The reference: SP 800-38A Addendum, written out the long way with the
// cipher's own single-block call and none of the crate's code. Pad the last
// block with zeros, run CBC, cut C_{n-1} to its first d bytes, and order the
// last two blocks as the variant says.

fn reference_encrypt<C: blockmodes::Kernels + KeyInit>(
    key: &[u8],
    iv: &[u8],
    msg: &[u8],
    variant: CsVariant,
) -> Vec<u8> {
    let b = bs::<C>();
    assert!(msg.len() >= b);
    let cipher = C::new_from_slice(key).unwrap();
    let n = msg.len().div_ceil(b);
    let d = msg.len() - (n - 1) * b;
    let mut padded = msg.to_vec();
    padded.resize(n * b, 0);
    let mut chain = iv.to_vec();
    let mut c = Vec::new();
    for p in padded.chunks(b) {
        let mut x = Block::<C>::default();
        for i in 0..b {
            x[i] = p[i] ^ chain[i];
        }
        cipher.encrypt_block(&mut x);
        c.extend_from_slice(&x);
        chain = x.to_vec();
    }
    if n == 1 {
        return c;
    }
    let c_prev_star = &c[(n - 2) * b..(n - 2) * b + d];
    let c_last = &c[(n - 1) * b..];
    let swap = match variant {
        CsVariant::Cs1 => false,
        CsVariant::Cs2 => d != b,
        CsVariant::Cs3 => true,
    };
    let mut out = c[..(n - 2) * b].to_vec();
    if swap {
        out.extend_from_slice(c_last);
        out.extend_from_slice(c_prev_star);
    } else {
        out.extend_from_slice(c_prev_star);
        out.extend_from_slice(c_last);
    }
    out
}

/// Encrypt and decrypt `msg` every way the API offers and check they all
/// agree with the reference and with each other; returns the ciphertext.
fn check_all_ways<C>(key: &[u8], iv: &[u8], msg: &[u8], v: CsVariant) -> Vec<u8>
where
    C: blockmodes::Kernels + BlockCipherDecrypt + KeyInit,
{
    let expected = reference_encrypt::<C>(key, iv, msg, v);

    let mut in_place = msg.to_vec();
    mode::<C>(key, iv, v).encrypt(&mut in_place).unwrap();
    assert_eq!(in_place, expected, "in place, {v:?}, len {}", msg.len());

    let mut b2b = vec![0u8; msg.len()];
    mode::<C>(key, iv, v).encrypt_b2b(msg, &mut b2b).unwrap();
    assert_eq!(b2b, expected, "b2b, {v:?}, len {}", msg.len());
    assert_eq!(mode::<C>(key, iv, v).encrypt_vec(msg).unwrap(), expected);

    let mut pt = expected.clone();
    mode::<C>(key, iv, v).decrypt(&mut pt).unwrap();
    assert_eq!(pt, msg, "decrypt in place, {v:?}, len {}", msg.len());
    let mut pt_b2b = vec![0u8; msg.len()];
    mode::<C>(key, iv, v)
        .decrypt_b2b(&expected, &mut pt_b2b)
        .unwrap();
    assert_eq!(pt_b2b, msg);
    assert_eq!(mode::<C>(key, iv, v).decrypt_vec(&expected).unwrap(), msg);
    expected
}

// ---------------------------------------------------------------------------
// Known answers. RFC 3962 Appendix B (AES-CTS for Kerberos): AES-128, key
// "chicken teriyaki" = 636869636b656e207465726979616b69, IV = 0. Kerberos
// CTS is CBC-CS3. Plaintexts are prefixes of "I would like the General
// Gau's Chicken, please, and wonton soup."

const RFC3962_KEY: &str = "636869636b656e207465726979616b69";

const RFC3962: &[(&str, &str)] = &[
    (
        "4920776f756c64206c696b652074686520",
        "c6353568f2bf8cb4d8a580362da7ff7f 97",
    ),
    (
        "4920776f756c64206c696b6520746865 2047656e6572616c20476175277320",
        "fc00783e0efdb2c1d445d4c8eff7ed22 97687268d6ecccc0c07b25e25ecfe5",
    ),
    (
        "4920776f756c64206c696b6520746865 2047656e6572616c2047617527732043",
        "39312523a78662d5be7fcbcc98ebf5a8 97687268d6ecccc0c07b25e25ecfe584",
    ),
    (
        "4920776f756c64206c696b6520746865 2047656e6572616c2047617527732043
         6869636b656e2c20706c656173652c",
        "97687268d6ecccc0c07b25e25ecfe584 b3fffd940c16a18c1b5549d2f838029e
         39312523a78662d5be7fcbcc98ebf5",
    ),
    (
        "4920776f756c64206c696b6520746865 2047656e6572616c2047617527732043
         6869636b656e2c20706c656173652c20",
        "97687268d6ecccc0c07b25e25ecfe584 9dad8bbb96c4cdc03bc103e1a194bbd8
         39312523a78662d5be7fcbcc98ebf5a8",
    ),
    (
        "4920776f756c64206c696b6520746865 2047656e6572616c2047617527732043
         6869636b656e2c20706c656173652c20 616e6420776f6e746f6e20736f75702e",
        "97687268d6ecccc0c07b25e25ecfe584 39312523a78662d5be7fcbcc98ebf5a8
         4807efe836ee89a526730dbc2f7bc840 9dad8bbb96c4cdc03bc103e1a194bbd8",
    ),
];

/// The CS1 and CS2 ciphertexts that go with a CS3 ciphertext: the same
/// blocks, with `C_n || C_{n-1}*` put back as `C_{n-1}* || C_n` (CS2 only
/// when the last block is whole).
fn from_cs3(cs3: &[u8], b: usize) -> (Vec<u8>, Vec<u8>) {
    let d = (cs3.len() - 1) % b + 1;
    let split = cs3.len() - b - d;
    let (head, tail) = cs3.split_at(split);
    let (c_last, c_prev_star) = tail.split_at(b);
    let cs1 = [head, c_prev_star, c_last].concat();
    let cs2 = if d == b { cs1.clone() } else { cs3.to_vec() };
    (cs1, cs2)
}

#[test]
fn rfc3962_vectors_are_cs3() {
    let key = hex(RFC3962_KEY);
    let iv = [0u8; 16];
    for (pt, ct) in RFC3962 {
        let (pt, ct) = (hex(pt), hex(ct));
        assert_eq!(pt.len(), ct.len());
        assert_eq!(check_all_ways::<Aes128>(&key, &iv, &pt, CsVariant::Cs3), ct);
        assert_eq!(
            stream_encrypt(mode::<Aes128>(&key, &iv, CsVariant::Cs3), &pt, &[1, 17, 18]).unwrap(),
            ct
        );
        assert_eq!(
            stream_decrypt(mode::<Aes128>(&key, &iv, CsVariant::Cs3), &ct, &[16, 33]).unwrap(),
            pt
        );
    }
}

#[test]
fn rfc3962_vectors_reordered_for_cs1_and_cs2() {
    let key = hex(RFC3962_KEY);
    let iv = [0u8; 16];
    for (pt, ct) in RFC3962 {
        let (pt, cs3) = (hex(pt), hex(ct));
        let (cs1, cs2) = from_cs3(&cs3, 16);
        assert_eq!(
            check_all_ways::<Aes128>(&key, &iv, &pt, CsVariant::Cs1),
            cs1
        );
        assert_eq!(
            check_all_ways::<Aes128>(&key, &iv, &pt, CsVariant::Cs2),
            cs2
        );
    }
}

#[test]
fn rfc3962_aligned_cs1_is_plain_cbc() {
    let key = hex(RFC3962_KEY);
    let iv = [0u8; 16];
    for (pt, ct) in RFC3962 {
        let (pt, cs3) = (hex(pt), hex(ct));
        if pt.len() % 16 != 0 {
            continue;
        }
        let mut cbc = pt.clone();
        Cbc::<Aes128>::new_from_slices(&key, &iv)
            .unwrap()
            .encrypt_blocks(&mut cbc)
            .unwrap();
        assert_eq!(from_cs3(&cs3, 16).0, cbc);
    }
}

/// Every length from one block to six blocks, every variant, three ciphers
/// (two block sizes): the crate agrees with the reference every way.
#[test]
fn all_lengths_match_reference() {
    fn run<C: blockmodes::Kernels + BlockCipherDecrypt + KeyInit>(key_len: usize) {
        let b = bs::<C>();
        let key: Vec<u8> = (0..key_len as u8)
            .map(|i| i.wrapping_mul(37) ^ 0x5a)
            .collect();
        let iv: Vec<u8> = (0..b as u8).map(|i| i.wrapping_mul(11) ^ 0xc3).collect();
        let data: Vec<u8> = (0..6 * b as u32).map(|i| (i * 7 + 3) as u8).collect();
        for len in b..=6 * b {
            for v in VARIANTS {
                check_all_ways::<C>(&key, &iv, &data[..len], v);
            }
        }
    }
    run::<Aes128>(16);
    run::<TdesEde3>(24);
    run::<Camellia128>(16);
}

#[test]
fn one_block_is_plain_cbc_for_every_variant() {
    let (key, iv, msg) = ([3u8; 16], [4u8; 16], [5u8; 16]);
    let mut cbc = msg;
    Cbc::<Aes128>::new_from_slices(&key, &iv)
        .unwrap()
        .encrypt_blocks(&mut cbc)
        .unwrap();
    for v in VARIANTS {
        assert_eq!(mode::<Aes128>(&key, &iv, v).encrypt_vec(&msg).unwrap(), cbc);
    }
}

// ---------------------------------------------------------------------------
// Streaming.

/// The two streaming types behind one face, so one driver serves both.
trait Stream {
    fn update_len(&self, n: usize) -> usize;
    fn update(&mut self, input: &[u8], output: &mut [u8]) -> Result<usize>;
    fn finalize(self, output: &mut [u8]) -> Result<usize>;
}

impl<C: blockmodes::Kernels> Stream for CtsEncryptor<C> {
    fn update_len(&self, n: usize) -> usize {
        CtsEncryptor::update_len(self, n)
    }
    fn update(&mut self, input: &[u8], output: &mut [u8]) -> Result<usize> {
        CtsEncryptor::update(self, input, output)
    }
    fn finalize(self, output: &mut [u8]) -> Result<usize> {
        CtsEncryptor::finalize(self, output)
    }
}

impl<C: BlockCipherDecrypt + blockmodes::Kernels> Stream for CtsDecryptor<C> {
    fn update_len(&self, n: usize) -> usize {
        CtsDecryptor::update_len(self, n)
    }
    fn update(&mut self, input: &[u8], output: &mut [u8]) -> Result<usize> {
        CtsDecryptor::update(self, input, output)
    }
    fn finalize(self, output: &mut [u8]) -> Result<usize> {
        CtsDecryptor::finalize(self, output)
    }
}

/// Feed `input` cut at `cuts` (sorted offsets, clamped to the input), giving each `update`
/// exactly the output it asks for, and check the documented bounds.
fn drive<S: Stream>(mut s: S, b: usize, input: &[u8], cuts: &[usize]) -> Result<Vec<u8>> {
    let mut out = vec![0u8; input.len() + 2 * b];
    let mut n = 0;
    let mut start = 0;
    for end in cuts
        .iter()
        .map(|&c| c.min(input.len()))
        .chain([input.len()])
    {
        let piece = &input[start..end];
        start = end;
        let want = s.update_len(piece.len());
        assert!(want < piece.len() + b, "update bound: input.len() + b - 1");
        let wrote = s.update(piece, &mut out[n..n + want])?;
        assert_eq!(wrote, want);
        n += wrote;
    }
    let rest = input.len().saturating_sub(n);
    assert!(rest <= 2 * b, "finalize bound");
    n += s.finalize(&mut out[n..n + rest])?;
    assert_eq!(n, input.len());
    out.truncate(n);
    Ok(out)
}

fn stream_encrypt<C: blockmodes::Kernels>(
    m: CbcCs<C>,
    msg: &[u8],
    cuts: &[usize],
) -> Result<Vec<u8>> {
    drive(m.encryptor(), bs::<C>(), msg, cuts)
}

fn stream_decrypt<C: BlockCipherDecrypt + blockmodes::Kernels>(
    m: CbcCs<C>,
    ct: &[u8],
    cuts: &[usize],
) -> Result<Vec<u8>> {
    drive(m.decryptor(), bs::<C>(), ct, cuts)
}

#[test]
fn streaming_byte_at_a_time() {
    let (key, iv) = ([9u8; 16], [8u8; 16]);
    let msg: Vec<u8> = (0..77u8).collect();
    let cuts: Vec<usize> = (1..msg.len()).collect();
    for v in VARIANTS {
        let ct = mode::<Aes128>(&key, &iv, v).encrypt_vec(&msg).unwrap();
        assert_eq!(
            stream_encrypt(mode::<Aes128>(&key, &iv, v), &msg, &cuts).unwrap(),
            ct
        );
        assert_eq!(
            stream_decrypt(mode::<Aes128>(&key, &iv, v), &ct, &cuts).unwrap(),
            msg
        );
    }
}

// ---------------------------------------------------------------------------
// Properties.

fn variant() -> impl Strategy<Value = CsVariant> {
    prop::sample::select(VARIANTS.to_vec())
}

/// A message of `min..=max` bytes and up to 6 sorted cut points in it.
fn msg_and_cuts(min: usize, max: usize) -> impl Strategy<Value = (Vec<u8>, Vec<usize>)> {
    prop::collection::vec(any::<u8>(), min..=max).prop_flat_map(|m| {
        let len = m.len();
        (
            Just(m),
            prop::collection::vec(0..=len, 0..6).prop_map(|mut c| {
                c.sort();
                c
            }),
        )
    })
}

fn prop_all<C>(key: &[u8], iv: &[u8], msg: &[u8], cuts: &[usize], v: CsVariant)
where
    C: blockmodes::Kernels + BlockCipherDecrypt + KeyInit,
{
    // Round trip, reference, in place = b2b = Vec.
    let ct = check_all_ways::<C>(key, iv, msg, v);
    assert_eq!(ct.len(), msg.len());
    // Streaming with random splits = one shot.
    assert_eq!(
        stream_encrypt(mode::<C>(key, iv, v), msg, cuts).unwrap(),
        ct
    );
    assert_eq!(
        stream_decrypt(mode::<C>(key, iv, v), &ct, cuts).unwrap(),
        msg
    );
}

/// Whole blocks: CS1 and CS2 are plain CBC, CS3 is plain CBC with the last
/// two blocks swapped.
fn prop_aligned<C>(key: &[u8], iv: &[u8], msg: &[u8])
where
    C: blockmodes::Kernels + KeyInit,
{
    let b = bs::<C>();
    let mut cbc = msg.to_vec();
    Cbc::<C>::new_from_slices(key, iv)
        .unwrap()
        .encrypt_blocks(&mut cbc)
        .unwrap();
    assert_eq!(
        mode::<C>(key, iv, CsVariant::Cs1).encrypt_vec(msg).unwrap(),
        cbc
    );
    assert_eq!(
        mode::<C>(key, iv, CsVariant::Cs2).encrypt_vec(msg).unwrap(),
        cbc
    );
    let n = cbc.len();
    if n >= 2 * b {
        let (front, last) = cbc.split_at_mut(n - b);
        front[n - 2 * b..].swap_with_slice(last);
    }
    assert_eq!(
        mode::<C>(key, iv, CsVariant::Cs3).encrypt_vec(msg).unwrap(),
        cbc
    );
}

proptest! {
    #[test]
    fn aes_properties(
        key in prop::array::uniform16(any::<u8>()),
        iv in prop::array::uniform16(any::<u8>()),
        (msg, cuts) in msg_and_cuts(16, 6 * 16),
        v in variant(),
    ) {
        prop_all::<Aes128>(&key, &iv, &msg, &cuts, v);
    }

    #[test]
    fn tdes_properties(
        key in prop::array::uniform24(any::<u8>()),
        iv in prop::array::uniform8(any::<u8>()),
        (msg, cuts) in msg_and_cuts(8, 6 * 8),
        v in variant(),
    ) {
        prop_all::<TdesEde3>(&key, &iv, &msg, &cuts, v);
    }

    #[test]
    fn camellia_properties(
        key in prop::array::uniform16(any::<u8>()),
        iv in prop::array::uniform16(any::<u8>()),
        (msg, cuts) in msg_and_cuts(16, 6 * 16),
        v in variant(),
    ) {
        prop_all::<Camellia128>(&key, &iv, &msg, &cuts, v);
    }

    #[test]
    fn aligned_is_cbc(
        key in prop::array::uniform16(any::<u8>()),
        iv in prop::array::uniform16(any::<u8>()),
        tkey in prop::array::uniform24(any::<u8>()),
        tiv in prop::array::uniform8(any::<u8>()),
        blocks in 1usize..=6,
        seed in any::<u8>(),
    ) {
        let msg: Vec<u8> = (0..blocks * 16).map(|i| (i as u8).wrapping_mul(seed) ^ seed).collect();
        prop_aligned::<Aes128>(&key, &iv, &msg);
        prop_aligned::<TdesEde3>(&tkey, &tiv, &msg[..blocks * 8]);
    }

    /// Decryption is a permutation too: any ciphertext decrypts, and
    /// re-encrypts to itself.
    #[test]
    fn decrypt_then_encrypt(
        key in prop::array::uniform16(any::<u8>()),
        iv in prop::array::uniform16(any::<u8>()),
        ct in prop::collection::vec(any::<u8>(), 16..=96),
        v in variant(),
    ) {
        let pt = mode::<Aes128>(&key, &iv, v).decrypt_vec(&ct).unwrap();
        prop_assert_eq!(mode::<Aes128>(&key, &iv, v).encrypt_vec(&pt).unwrap(), ct);
    }
}

// ---------------------------------------------------------------------------
// Error paths: every one an `Err`, none a panic, nothing changed.

fn short_messages<C>(key: &[u8])
where
    C: blockmodes::Kernels + BlockCipherDecrypt + KeyInit,
{
    let b = bs::<C>();
    let iv = vec![0u8; b];
    for len in [0, 1, b - 1] {
        for v in VARIANTS {
            let msg = vec![0xa5u8; len];
            let mut buf = msg.clone();
            assert_eq!(
                mode::<C>(key, &iv, v).encrypt(&mut buf),
                Err(Error::InvalidLength)
            );
            assert_eq!(buf, msg);
            assert_eq!(
                mode::<C>(key, &iv, v).decrypt(&mut buf),
                Err(Error::InvalidLength)
            );
            assert_eq!(buf, msg);
            let mut out = vec![0u8; len];
            assert_eq!(
                mode::<C>(key, &iv, v).encrypt_b2b(&msg, &mut out),
                Err(Error::InvalidLength)
            );
            assert_eq!(
                mode::<C>(key, &iv, v).decrypt_b2b(&msg, &mut out),
                Err(Error::InvalidLength)
            );
            assert!(out.iter().all(|&x| x == 0));
            assert_eq!(
                mode::<C>(key, &iv, v).encrypt_vec(&msg),
                Err(Error::InvalidLength)
            );
            assert_eq!(
                mode::<C>(key, &iv, v).decrypt_vec(&msg),
                Err(Error::InvalidLength)
            );

            let mut big = vec![0u8; 4 * b];
            let mut enc = mode::<C>(key, &iv, v).encryptor();
            assert_eq!(enc.update(&msg, &mut big), Ok(0));
            assert_eq!(enc.finalize(&mut big), Err(Error::InvalidLength));
            let mut dec = mode::<C>(key, &iv, v).decryptor();
            assert_eq!(dec.update(&msg, &mut big), Ok(0));
            assert_eq!(dec.finalize(&mut big), Err(Error::InvalidLength));
            // Fed in pieces too.
            let cuts: Vec<usize> = (1..len).collect();
            assert_eq!(
                stream_encrypt(mode::<C>(key, &iv, v), &msg, &cuts),
                Err(Error::InvalidLength)
            );
            assert_eq!(
                stream_decrypt(mode::<C>(key, &iv, v), &msg, &cuts),
                Err(Error::InvalidLength)
            );
        }
    }
}

#[test]
fn shorter_than_a_block_is_invalid_length() {
    short_messages::<Aes128>(&[1; 16]);
    short_messages::<TdesEde3>(&[1; 24]);
    short_messages::<Camellia128>(&[1; 16]);
}

#[test]
fn wrong_iv_length() {
    for v in VARIANTS {
        for len in [0, 1, 8, 15, 17, 32] {
            let iv = vec![0u8; len];
            assert_eq!(
                CbcCs::<Aes128>::new_from_slices(&[0; 16], &iv, v).err(),
                Some(Error::InvalidIvLength)
            );
            assert_eq!(
                CbcCs::new(Aes128::new(&[0; 16].into()), &iv, v).err(),
                Some(Error::InvalidIvLength)
            );
        }
        for len in [0, 7, 9, 16] {
            assert_eq!(
                CbcCs::<TdesEde3>::new_from_slices(&[0; 24], &vec![0u8; len], v).err(),
                Some(Error::InvalidIvLength)
            );
        }
    }
}

#[test]
fn wrong_key_length() {
    for v in VARIANTS {
        for len in [0, 15, 17, 24, 32] {
            assert_eq!(
                CbcCs::<Aes128>::new_from_slices(&vec![0u8; len], &[0; 16], v).err(),
                Some(Error::InvalidKeyLength)
            );
        }
        for len in [0, 8, 16, 23, 25] {
            assert_eq!(
                CbcCs::<TdesEde3>::new_from_slices(&vec![0u8; len], &[0; 8], v).err(),
                Some(Error::InvalidKeyLength)
            );
        }
    }
}

#[test]
fn b2b_lengths_must_match() {
    let (key, iv) = ([1u8; 16], [2u8; 16]);
    let input = [7u8; 40];
    for v in VARIANTS {
        for out_len in [0, 16, 39, 41, 80] {
            let mut out = vec![0u8; out_len];
            assert_eq!(
                mode::<Aes128>(&key, &iv, v).encrypt_b2b(&input, &mut out),
                Err(Error::OutputTooSmall)
            );
            assert_eq!(
                mode::<Aes128>(&key, &iv, v).decrypt_b2b(&input, &mut out),
                Err(Error::OutputTooSmall)
            );
            assert!(out.iter().all(|&x| x == 0));
        }
    }
}

/// `update` with too small an output fails and consumes nothing (the
/// stream continues as if the call had not happened); `finalize` with too
/// small an output fails.
fn output_too_small<S: Stream>(make: impl Fn() -> S, input: &[u8], expected: &[u8], b: usize) {
    let mut s = make();
    let want = s.update_len(input.len());
    assert!(want > 0);
    let mut out = vec![0u8; input.len()];
    assert_eq!(
        s.update(input, &mut out[..want - 1]),
        Err(Error::OutputTooSmall)
    );
    assert!(out.iter().all(|&x| x == 0));
    let n = s.update(input, &mut out).unwrap();
    assert_eq!(n, want);
    let rest = input.len() - n;
    assert!(rest > b && rest <= 2 * b);
    assert_eq!(
        s.finalize(&mut out[n..n + rest - 1]),
        Err(Error::OutputTooSmall)
    );

    let mut s = make();
    let n = s.update(input, &mut out).unwrap();
    assert_eq!(s.finalize(&mut out[n..]), Ok(input.len() - n));
    assert_eq!(out, expected);
}

#[test]
fn streaming_output_too_small() {
    let (key, iv) = ([1u8; 16], [2u8; 16]);
    let msg: Vec<u8> = (0..53u8).collect();
    for v in VARIANTS {
        let ct = mode::<Aes128>(&key, &iv, v).encrypt_vec(&msg).unwrap();
        output_too_small(|| mode::<Aes128>(&key, &iv, v).encryptor(), &msg, &ct, 16);
        output_too_small(|| mode::<Aes128>(&key, &iv, v).decryptor(), &ct, &msg, 16);
    }
}

#[test]
fn update_len_never_overflows() {
    let enc = mode::<Aes128>(&[0; 16], &[0; 16], CsVariant::Cs3).encryptor();
    assert!(enc.update_len(usize::MAX) >= usize::MAX - 3 * 16);
    assert_eq!(enc.update_len(0), 0);
    assert_eq!(enc.update_len(32), 0);
    assert_eq!(enc.update_len(33), 16);
}
