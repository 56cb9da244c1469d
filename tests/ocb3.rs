//! OCB3 (RFC 7253): Appendix A (the sixteen AES-128 samples with 128-bit
//! tags, the 96-bit-tag sample, and the iterative check over 128
//! encryptions for AES-128/192/256 with 128-, 96- and 64-bit tags), pyca's
//! cryptography_vectors OCB3 files (`ciphers/AES/OCB3/rfc7253.txt`,
//! `test-vector-1-nonce104.txt`, `-nonce112.txt`, `-nonce120.txt`,
//! `openssl.txt`) run inline, parameter errors, our AES backend against
//! the `aes` crate across the batch boundaries, the VAES / AES-NI
//! `Kernels::ocb3_*` kernels against the generic default (random `L`
//! tables, starting block numbers and lengths) and whole OCB3 on each CPU
//! path against the portable one, a differential against RustCrypto
//! `ocb3`, and bit flips (failed opens zero the output).

use aes::{Aes128, Aes192, Aes256};
use blockmodes::Error;
use blockmodes::aead::{
    Aead, Ocb3,
    ocb3::{MAX_NONCE_LEN, MIN_NONCE_LEN},
};
use blockmodes::cipher::{BlockCipherDecrypt, KeyInit, consts::U16};
use proptest::prelude::*;

fn hex(s: &str) -> Vec<u8> {
    let s: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    assert!(s.len().is_multiple_of(2), "odd hex");
    s.chunks(2)
        .map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap(), 16).unwrap())
        .collect()
}

/// One record of a cryptography_vectors OCB3 file.
#[derive(Default, Debug)]
struct Record {
    key: Vec<u8>,
    nonce: Vec<u8>,
    aad: Vec<u8>,
    pt: Vec<u8>,
    ct: Vec<u8>,
}

/// Records of a `COUNT = …` / `Key = …` file; every field of a record is
/// required exactly once, and no other field may appear.
fn parse(text: &str) -> Vec<Record> {
    let mut out = Vec::new();
    let mut cur: Option<(Record, u8)> = None;
    let flush = |cur: &mut Option<(Record, u8)>, out: &mut Vec<Record>| {
        if let Some((r, seen)) = cur.take() {
            assert_eq!(seen, 0b11111, "incomplete record {r:?}");
            out.push(r);
        }
    };
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (k, v) = line.split_once('=').expect("key = value");
        let (k, v) = (k.trim(), v.trim());
        if k == "COUNT" {
            flush(&mut cur, &mut out);
            cur = Some((Record::default(), 0));
            continue;
        }
        let (r, seen) = cur.as_mut().expect("field before COUNT");
        let (field, bit) = match k {
            "Key" => (&mut r.key, 1),
            "Nonce" => (&mut r.nonce, 2),
            "AAD" => (&mut r.aad, 4),
            "Plaintext" => (&mut r.pt, 8),
            "Ciphertext" => (&mut r.ct, 16),
            _ => panic!("unknown field {k}"),
        };
        assert_eq!(*seen & bit, 0, "duplicate {k}");
        *seen |= bit;
        *field = hex(v);
    }
    flush(&mut cur, &mut out);
    out
}

fn check<C>(key: &[u8], tag_len: usize, nonce: &[u8], aad: &[u8], pt: &[u8], out: &[u8])
where
    C: blockmodes::Kernels<BlockSize = U16> + BlockCipherDecrypt + KeyInit,
{
    let ocb = Ocb3::<C>::new_from_slice(key)
        .unwrap()
        .with_tag_len(tag_len)
        .unwrap();
    assert_eq!(
        ocb.encrypt(nonce, aad, pt).unwrap(),
        out,
        "nonce {nonce:02x?}"
    );
    assert_eq!(ocb.decrypt(nonce, aad, out).unwrap(), pt);
}

fn run_file(text: &str, expect: usize) {
    let records = parse(text);
    assert_eq!(records.len(), expect);
    for r in &records {
        check::<Aes128>(&r.key, 16, &r.nonce, &r.aad, &r.pt, &r.ct);
    }
}

#[test]
fn rfc7253_appendix_a_samples() {
    // The sixteen AES-128, TAGLEN = 128 samples (cryptography_vectors
    // `rfc7253.txt`).
    run_file(RFC7253, 16);
    // The TAGLEN = 96 sample.
    let p = hex("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F2021222324252627");
    check::<Aes128>(
        &hex("0F0E0D0C0B0A09080706050403020100"),
        12,
        &hex("BBAA9988776655443322110D"),
        &p,
        &p,
        &hex(
            "1792A4E31E0755FB03E31B22116E6C2DDF9EFD6E33D536F1A0124B0A55BAE884\
             ED93481529C76B6AD0C515F4D1CDD4FDAC4F02AA",
        ),
    );
}

/// RFC 7253 Appendix A, "more sample results":
///
/// ```text
/// K = zeros(KEYLEN-8) || num2str(TAGLEN,8)
/// C = <empty string>
/// for i = 0 to 127 do
///   S = zeros(8i)
///   C = C || OCB-ENCRYPT(K, num2str(3i+1,96), S, S)
///   C = C || OCB-ENCRYPT(K, num2str(3i+2,96), <empty string>, S)
///   C = C || OCB-ENCRYPT(K, num2str(3i+3,96), S, <empty string>)
/// Output: OCB-ENCRYPT(K, num2str(385,96), C, <empty string>)
/// ```
fn iterative<C>(key_len: usize, tag_len: usize) -> Vec<u8>
where
    C: blockmodes::Kernels<BlockSize = U16> + BlockCipherDecrypt + KeyInit,
{
    let mut key = vec![0u8; key_len];
    key[key_len - 1] = (tag_len * 8) as u8;
    let ocb = Ocb3::<C>::new_from_slice(&key)
        .unwrap()
        .with_tag_len(tag_len)
        .unwrap();
    let nonce = |n: u32| {
        let mut b = [0u8; 12];
        b[8..].copy_from_slice(&n.to_be_bytes());
        b
    };
    let mut c = Vec::new();
    for i in 0..128u32 {
        // zeros(8i) is 8i bits: i bytes.
        let s = vec![0u8; i as usize];
        for (n, aad, pt) in [
            (3 * i + 1, &s[..], &s[..]),
            (3 * i + 2, &[][..], &s[..]),
            (3 * i + 3, &s[..], &[][..]),
        ] {
            let sealed = ocb.encrypt(&nonce(n), aad, pt).unwrap();
            // Every piece opens again.
            assert_eq!(ocb.decrypt(&nonce(n), aad, &sealed).unwrap(), pt);
            c.extend_from_slice(&sealed);
        }
    }
    ocb.encrypt(&nonce(385), &c, &[]).unwrap()
}

#[test]
fn rfc7253_appendix_a_iterative() {
    let cases: [(usize, usize, &str); 9] = [
        (16, 16, "67E944D23256C5E0B6C61FA22FDF1EA2"),
        (24, 16, "F673F2C3E7174AAE7BAE986CA9F29E17"),
        (32, 16, "D90EB8E9C977C88B79DD793D7FFA161C"),
        (16, 12, "77A3D8E73589158D25D01209"),
        (24, 12, "05D56EAD2752C86BE6932C5E"),
        (32, 12, "5458359AC23B0CBA9E6330DD"),
        (16, 8, "192C9B7BD90BA06A"),
        (24, 8, "0066BC6E0EF34E24"),
        (32, 8, "7D4EA5D445501CBE"),
    ];
    for (key_len, tag_len, want) in cases {
        let got = match key_len {
            16 => iterative::<Aes128>(16, tag_len),
            24 => iterative::<Aes192>(24, tag_len),
            _ => iterative::<Aes256>(32, tag_len),
        };
        assert_eq!(got, hex(want), "AES-{} TAGLEN {}", key_len * 8, tag_len * 8);
    }
    // The same for our own AES backend.
    assert_eq!(
        iterative::<blockmodes::backend::Aes128>(16, 16),
        hex("67E944D23256C5E0B6C61FA22FDF1EA2")
    );
    assert_eq!(
        iterative::<blockmodes::backend::Aes256>(32, 8),
        hex("7D4EA5D445501CBE")
    );
}

#[test]
fn cryptography_vectors_files() {
    // 104-, 112- and 120-bit nonce forms of the RFC 7253 samples
    // (dkg/ocb-test-vectors), and OpenSSL's longer messages.
    run_file(NONCE104, 16);
    run_file(NONCE112, 16);
    run_file(NONCE120, 16);
    run_file(OPENSSL, 7);
}

#[test]
fn parameters() {
    let ocb = || Ocb3::<Aes128>::new_from_slice(&[9; 16]).unwrap();
    for len in [0, 15, 17, 24] {
        assert!(matches!(
            Ocb3::<Aes128>::new_from_slice(&vec![0; len]),
            Err(Error::InvalidKeyLength)
        ));
    }
    for t in 0..=20 {
        let r = ocb().with_tag_len(t).map(|c| c.tag_len());
        assert_eq!(
            r,
            if (1..=16).contains(&t) {
                Ok(t)
            } else {
                Err(Error::InvalidParameter)
            }
        );
    }
    for n in 0..20 {
        let r = ocb().encrypt(&vec![1; n], b"a", b"p");
        if (MIN_NONCE_LEN..=MAX_NONCE_LEN).contains(&n) {
            let sealed = r.unwrap();
            assert_eq!(ocb().decrypt(&vec![1; n], b"a", &sealed).unwrap(), b"p");
        } else {
            assert_eq!(r, Err(Error::InvalidIvLength), "{n}");
            let mut buf = *b"xyz";
            let e = ocb().decrypt_in_place_detached(&vec![1; n], b"a", &mut buf, &[0; 16]);
            assert_eq!(e, Err(Error::InvalidIvLength));
            assert_eq!(buf, [0; 3]);
        }
    }
    // The tag length is bound into the nonce block: a 12-byte tag is not
    // the prefix of the 16-byte one.
    let full = ocb().encrypt(&[0; 12], b"", b"").unwrap();
    let short = ocb()
        .with_tag_len(12)
        .unwrap()
        .encrypt(&[0; 12], b"", b"")
        .unwrap();
    assert_ne!(&full[..12], &short[..]);
    // Input shorter than the tag; a tag of the wrong length.
    assert_eq!(ocb().decrypt(&[0; 12], b"", &[0; 15]), Err(Error::Decrypt));
    let mut buf = *b"abc";
    let tag = ocb()
        .encrypt_in_place_detached(&[0; 12], b"", &mut buf)
        .unwrap();
    assert_eq!(
        ocb().decrypt_in_place_detached(&[0; 12], b"", &mut buf, &tag[..15]),
        Err(Error::Decrypt)
    );
    assert_eq!(buf, [0; 3]);
}

/// Our AES backend (each CPU path it has here) gives what the `aes` crate
/// gives, over lengths around every batch width (8, 16, 30 blocks) and
/// long enough for `L_i` up to `ntz = 9`.
#[test]
fn backend_matches_aes_crate() {
    use blockmodes::backend::{self, Backend};
    let key = [0x5a; 16];
    let theirs = Ocb3::<Aes128>::new_from_slice(&key).unwrap();
    let data: Vec<u8> = (0..16 * 1100).map(|i| (i * 7 + 3) as u8).collect();
    let lens = (0..=40 * 16 + 1).chain([16 * 512 - 1, 16 * 512, 16 * 1024 + 5, 16 * 1100]);
    for b in Backend::ALL {
        if !b.is_supported() {
            continue;
        }
        let aes = backend::Aes128::new_with_backend(&key.into(), b).unwrap();
        let ours = Ocb3::new(aes).with_tag_len(13).unwrap();
        let theirs = theirs.clone().with_tag_len(13).unwrap();
        for len in lens.clone() {
            let (aad, pt) = (&data[..len / 3], &data[..len]);
            let sealed = theirs.encrypt(&[7; 12], aad, pt).unwrap();
            assert_eq!(
                ours.encrypt(&[7; 12], aad, pt).unwrap(),
                sealed,
                "{b} {len}"
            );
            assert_eq!(
                ours.decrypt(&[7; 12], aad, &sealed).unwrap(),
                pt,
                "{b} {len}"
            );
        }
    }
}

/// splitmix64: deterministic test inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn u128(&mut self) -> u128 {
        (u128::from(self.next()) << 64) | u128::from(self.next())
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

/// The three `Kernels` OCB3 methods of one cipher on one input: the
/// ciphertext, the decryption of it, the hash, and the offsets and
/// checksums/sums each returns.
fn run_kernels<C>(c: &C, l: &[u128; 64], index: u64, start: (u128, u128), data: &[u8]) -> Vec<u8>
where
    C: blockmodes::Kernels<BlockSize = U16> + BlockCipherDecrypt,
{
    let mut out = Vec::new();
    let mut buf = data.to_vec();
    let (mut o, mut s) = start;
    c.ocb3_encrypt(l, index, &mut o, &mut s, &mut buf);
    out.extend_from_slice(&buf);
    out.extend_from_slice(&o.to_le_bytes());
    out.extend_from_slice(&s.to_le_bytes());
    let (mut o, mut s) = start;
    c.ocb3_decrypt(l, index, &mut o, &mut s, &mut buf);
    // Decryption inverts encryption on the whole blocks; the tail is
    // never touched.
    assert_eq!(buf, data);
    out.extend_from_slice(&o.to_le_bytes());
    out.extend_from_slice(&s.to_le_bytes());
    let (mut o, mut s) = start;
    c.ocb3_hash(l, index, &mut o, &mut s, data);
    out.extend_from_slice(&o.to_le_bytes());
    out.extend_from_slice(&s.to_le_bytes());
    out
}

/// The VAES and AES-NI OCB3 kernels against the generic default (the
/// `Portable` path runs it) for every key size, on random `L` tables,
/// offsets, checksums and data of 0 to 3000 bytes, with starting block
/// numbers on, just before and just after multiples of 8 and 16 (and near
/// the 64-bit wrap).
#[test]
fn kernels_match_generic() {
    use blockmodes::backend::{Aes128, Aes192, Aes256, Backend};
    fn one<C>(rng: &mut Rng, new: impl Fn(&[u8], Backend) -> C, key_len: usize)
    where
        C: blockmodes::Kernels<BlockSize = U16> + BlockCipherDecrypt,
    {
        let key = rng.bytes(key_len);
        let portable = new(&key, Backend::Portable);
        let fast: Vec<(Backend, C)> = [Backend::Vaes512, Backend::Vaes256, Backend::AesNi]
            .into_iter()
            .filter(|b| b.is_supported())
            .map(|b| (b, new(&key, b)))
            .collect();
        let starts = [
            0u64,
            1,
            7,
            8,
            9,
            15,
            16,
            17,
            31,
            32,
            33,
            255,
            1023,
            4093,
            u64::MAX - 40,
        ];
        for len in 0..=3000 {
            let l: [u128; 64] = core::array::from_fn(|_| rng.u128());
            let index = match len % 17 {
                16 => rng.next() >> (rng.next() % 64),
                k => starts[k % starts.len()],
            };
            let start = (rng.u128(), rng.u128());
            let data = rng.bytes(len);
            let want = run_kernels(&portable, &l, index, start, &data);
            for (b, c) in &fast {
                assert_eq!(
                    run_kernels(c, &l, index, start, &data),
                    want,
                    "{b} {key_len} {len} {index}"
                );
            }
        }
    }
    let mut rng = Rng(0x0cb3);
    one(
        &mut rng,
        |k, b| Aes128::new_with_backend(k.try_into().unwrap(), b).unwrap(),
        16,
    );
    one(
        &mut rng,
        |k, b| Aes192::new_with_backend(k.try_into().unwrap(), b).unwrap(),
        24,
    );
    one(
        &mut rng,
        |k, b| Aes256::new_with_backend(k.try_into().unwrap(), b).unwrap(),
        32,
    );
}

/// Whole OCB3 on each CPU path against the `Portable` path: random keys,
/// nonces, tag lengths, associated data and messages of 0 to 3000 bytes.
#[test]
fn paths_match_portable() {
    use blockmodes::backend::{Aes256, Backend};
    let mut rng = Rng(0x5eed);
    for len in (0..=3000).step_by(7).chain([16 * 64, 16 * 65 + 3]) {
        let key = rng.bytes(32);
        let nonce_len = 1 + (rng.next() % 15) as usize;
        let nonce = rng.bytes(nonce_len);
        let tag_len = 1 + (rng.next() % 16) as usize;
        let aad_len = (rng.next() % 1200) as usize;
        let aad = rng.bytes(aad_len);
        let pt = rng.bytes(len);
        let ocb = |b| {
            Ocb3::new(Aes256::new_with_backend(key.as_slice().try_into().unwrap(), b).unwrap())
                .with_tag_len(tag_len)
                .unwrap()
        };
        let want = ocb(Backend::Portable).encrypt(&nonce, &aad, &pt).unwrap();
        for b in [Backend::Vaes512, Backend::Vaes256, Backend::AesNi] {
            if !b.is_supported() {
                continue;
            }
            let o = ocb(b);
            assert_eq!(o.encrypt(&nonce, &aad, &pt).unwrap(), want, "{b} {len}");
            assert_eq!(o.decrypt(&nonce, &aad, &want).unwrap(), pt, "{b} {len}");
            let mut bad = want.clone();
            let bit = (rng.next() % (8 * bad.len() as u64)) as usize;
            flip(&mut bad, bit);
            // With a short tag a flipped message verifies by chance
            // (probability 2^-8 for a 1-byte tag): the fast path must then
            // agree with the portable one, and refuse it from 8 bytes up.
            let got = o.decrypt(&nonce, &aad, &bad);
            assert_eq!(
                got,
                ocb(Backend::Portable).decrypt(&nonce, &aad, &bad),
                "{b} {len}"
            );
            if tag_len >= 8 {
                assert_eq!(got, Err(Error::Decrypt), "{b} {len}");
            }
        }
    }
}

fn flip(bytes: &mut [u8], bit: usize) {
    bytes[bit / 8] ^= 1 << (bit % 8);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Same output as RustCrypto `ocb3` for 12-byte nonces with 16-byte
    /// tags and 15-byte nonces with 12-byte tags (AES-256).
    #[test]
    fn matches_ocb3_crate(
        key in prop::collection::vec(any::<u8>(), 32),
        nonce in prop::array::uniform15(any::<u8>()),
        aad in prop::collection::vec(any::<u8>(), 0..200),
        pt in prop::collection::vec(any::<u8>(), 0..700),
    ) {
        use ocb3::aead::{Aead as _, KeyInit as _, Payload};
        use ocb3::consts::{U12, U15};
        let n12: [u8; 12] = nonce[..12].try_into().unwrap();
        let ours = Ocb3::<Aes128>::new_from_slice(&key[..16]).unwrap().encrypt(&n12, &aad, &pt).unwrap();
        let theirs = ocb3::Ocb3::<Aes128, U12>::new_from_slice(&key[..16])
            .unwrap()
            .encrypt(&n12.into(), Payload { msg: &pt, aad: &aad })
            .unwrap();
        prop_assert_eq!(ours, theirs);

        let ours = Ocb3::<Aes256>::new_from_slice(&key).unwrap().with_tag_len(12).unwrap()
            .encrypt(&nonce, &aad, &pt).unwrap();
        let theirs = ocb3::Ocb3::<Aes256, U15, U12>::new_from_slice(&key)
            .unwrap()
            .encrypt(&nonce.into(), Payload { msg: &pt, aad: &aad })
            .unwrap();
        prop_assert_eq!(ours, theirs);
    }

    /// Round trip for any nonce and tag length, in place and detached.
    #[test]
    fn round_trip(
        key in prop::array::uniform16(any::<u8>()),
        nonce in prop::collection::vec(any::<u8>(), MIN_NONCE_LEN..=MAX_NONCE_LEN),
        aad in prop::collection::vec(any::<u8>(), 0..100),
        pt in prop::collection::vec(any::<u8>(), 0..600),
        tag_len in 1usize..=16,
    ) {
        let ocb = Ocb3::<Aes128>::new_from_slice(&key).unwrap().with_tag_len(tag_len).unwrap();
        let mut buf = pt.clone();
        let tag = ocb.encrypt_in_place_detached(&nonce, &aad, &mut buf).unwrap();
        prop_assert_eq!(tag.len(), tag_len);
        let mut sealed = buf.clone();
        sealed.extend_from_slice(&tag);
        prop_assert_eq!(&ocb.encrypt(&nonce, &aad, &pt).unwrap(), &sealed);
        ocb.decrypt_in_place_detached(&nonce, &aad, &mut buf, &tag).unwrap();
        prop_assert_eq!(buf, pt);
    }

    /// Any single bit flip in nonce, AAD, ciphertext or tag: `Decrypt`,
    /// and the buffer (which held the decrypted plaintext) is zeroed.
    #[test]
    fn any_bit_flip_fails_and_zeroes(
        key in prop::array::uniform16(any::<u8>()),
        nonce in prop::collection::vec(any::<u8>(), MIN_NONCE_LEN..=MAX_NONCE_LEN),
        aad in prop::collection::vec(any::<u8>(), 1..60),
        pt in prop::collection::vec(any::<u8>(), 1..100),
        tag_len in 4usize..=16,
        which in 0usize..4,
        pick in any::<prop::sample::Index>(),
    ) {
        let ocb = Ocb3::<Aes128>::new_from_slice(&key).unwrap().with_tag_len(tag_len).unwrap();
        let (mut nonce, mut aad, mut buf) = (nonce, aad, pt.clone());
        let mut tag = ocb.encrypt_in_place_detached(&nonce, &aad, &mut buf).unwrap().to_vec();
        match which {
            0 => { let n = nonce.len() * 8; flip(&mut nonce, pick.index(n)) }
            1 => { let n = aad.len() * 8; flip(&mut aad, pick.index(n)) }
            2 => { let n = buf.len() * 8; flip(&mut buf, pick.index(n)) }
            _ => flip(&mut tag, pick.index(tag_len * 8)),
        }
        prop_assert_eq!(ocb.decrypt_in_place_detached(&nonce, &aad, &mut buf, &tag), Err(Error::Decrypt));
        prop_assert!(buf.iter().all(|&b| b == 0));
    }
}

/// pyca cryptography_vectors `ciphers/AES/OCB3/rfc7253.txt`, verbatim.
const RFC7253: &str = r#"
# AES 128 OCB vectors from RFC 7253
COUNT = 0
Key = 000102030405060708090A0B0C0D0E0F
Nonce = BBAA99887766554433221100
AAD =
Plaintext =
Ciphertext = 785407BFFFC8AD9EDCC5520AC9111EE6

COUNT = 1
Key = 000102030405060708090A0B0C0D0E0F
Nonce = BBAA99887766554433221101
AAD = 0001020304050607
Plaintext = 0001020304050607
Ciphertext = 6820B3657B6F615A5725BDA0D3B4EB3A257C9AF1F8F03009

COUNT = 2
Key = 000102030405060708090A0B0C0D0E0F
Nonce = BBAA99887766554433221102
AAD = 0001020304050607
Plaintext =
Ciphertext = 81017F8203F081277152FADE694A0A00

COUNT = 3
Key = 000102030405060708090A0B0C0D0E0F
Nonce = BBAA99887766554433221103
AAD =
Plaintext = 0001020304050607
Ciphertext = 45DD69F8F5AAE72414054CD1F35D82760B2CD00D2F99BFA9

COUNT = 4
Key = 000102030405060708090A0B0C0D0E0F
Nonce = BBAA99887766554433221104
AAD = 000102030405060708090A0B0C0D0E0F
Plaintext = 000102030405060708090A0B0C0D0E0F
Ciphertext = 571D535B60B277188BE5147170A9A22C3AD7A4FF3835B8C5701C1CCEC8FC3358

COUNT = 5
Key = 000102030405060708090A0B0C0D0E0F
Nonce = BBAA99887766554433221105
AAD = 000102030405060708090A0B0C0D0E0F
Plaintext =
Ciphertext = 8CF761B6902EF764462AD86498CA6B97

COUNT = 6
Key = 000102030405060708090A0B0C0D0E0F
Nonce = BBAA99887766554433221106
AAD =
Plaintext = 000102030405060708090A0B0C0D0E0F
Ciphertext = 5CE88EC2E0692706A915C00AEB8B2396F40E1C743F52436BDF06D8FA1ECA343D

COUNT = 7
Key = 000102030405060708090A0B0C0D0E0F
Nonce = BBAA99887766554433221107
AAD = 000102030405060708090A0B0C0D0E0F1011121314151617
Plaintext = 000102030405060708090A0B0C0D0E0F1011121314151617
Ciphertext = 1CA2207308C87C010756104D8840CE1952F09673A448A122C92C62241051F57356D7F3C90BB0E07F

COUNT = 8
Key = 000102030405060708090A0B0C0D0E0F
Nonce = BBAA99887766554433221108
AAD = 000102030405060708090A0B0C0D0E0F1011121314151617
Plaintext =
Ciphertext = 6DC225A071FC1B9F7C69F93B0F1E10DE

COUNT = 9
Key = 000102030405060708090A0B0C0D0E0F
Nonce = BBAA99887766554433221109
AAD =
Plaintext = 000102030405060708090A0B0C0D0E0F1011121314151617
Ciphertext = 221BD0DE7FA6FE993ECCD769460A0AF2D6CDED0C395B1C3CE725F32494B9F914D85C0B1EB38357FF

COUNT = 10
Key = 000102030405060708090A0B0C0D0E0F
Nonce = BBAA9988776655443322110A
AAD = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F
Plaintext = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F
Ciphertext = BD6F6C496201C69296C11EFD138A467ABD3C707924B964DEAFFC40319AF5A48540FBBA186C5553C68AD9F592A79A4240

COUNT = 11
Key = 000102030405060708090A0B0C0D0E0F
Nonce = BBAA9988776655443322110B
AAD = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F
Plaintext =
Ciphertext = FE80690BEE8A485D11F32965BC9D2A32

COUNT = 12
Key = 000102030405060708090A0B0C0D0E0F
Nonce = BBAA9988776655443322110C
AAD =
Plaintext = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F
Ciphertext = 2942BFC773BDA23CABC6ACFD9BFD5835BD300F0973792EF46040C53F1432BCDFB5E1DDE3BC18A5F840B52E653444D5DF

COUNT = 13
Key = 000102030405060708090A0B0C0D0E0F
Nonce = BBAA9988776655443322110D
AAD = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F2021222324252627
Plaintext = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F2021222324252627
Ciphertext = D5CA91748410C1751FF8A2F618255B68A0A12E093FF454606E59F9C1D0DDC54B65E8628E568BAD7AED07BA06A4A69483A7035490C5769E60

COUNT = 14
Key = 000102030405060708090A0B0C0D0E0F
Nonce = BBAA9988776655443322110E
AAD = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F2021222324252627
Plaintext =
Ciphertext = C5CD9D1850C141E358649994EE701B68

COUNT = 15
Key = 000102030405060708090A0B0C0D0E0F
Nonce = BBAA9988776655443322110F
AAD =
Plaintext = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F2021222324252627
Ciphertext = 4412923493C57D5DE0D700F753CCE0D1D2D95060122E9F15A5DDBFC5787E50B5CC55EE507BCB084E479AD363AC366B95A98CA5F3000B1479
"#;

/// pyca cryptography_vectors `ciphers/AES/OCB3/test-vector-1-nonce104.txt`, verbatim.
const NONCE104: &str = r#"
# Vectors https://gitlab.com/dkg/ocb-test-vectors/-/blob/ec0131616679f588c3be0ac7c33b7a663e1a47d4/test-vector-1-nonce104.txt
# 104-bit nonce forms of RFC 7253
# Reformatted to work with our NIST loader

COUNT = 0
Key = 000102030405060708090A0B0C0D0E0F
Nonce = CCBBAA99887766554433221100
AAD =
Plaintext =
Ciphertext = 1AF957957B85C3D7F6CA08C7C5FC8F4A

COUNT = 1
Key = 000102030405060708090A0B0C0D0E0F
Nonce = CCBBAA99887766554433221101
AAD = 0001020304050607
Plaintext =  0001020304050607
Ciphertext = F4132F7B364D13A2303ACE52DDF90774E24E3E8895AC7F88

COUNT = 2
Key = 000102030405060708090A0B0C0D0E0F
Nonce = CCBBAA99887766554433221102
AAD = 0001020304050607
Plaintext =
Ciphertext = 20E9B13D02F7B19AFDC4659344960BED

COUNT = 3
Key = 000102030405060708090A0B0C0D0E0F
Nonce = CCBBAA99887766554433221103
AAD =
Plaintext =  0001020304050607
Ciphertext = 4A2A7E6D7A0A0EA4D652CC24F2208986E47B3251A66B5944

COUNT = 4
Key = 000102030405060708090A0B0C0D0E0F
Nonce = CCBBAA99887766554433221104
AAD = 000102030405060708090A0B0C0D0E0F
Plaintext =  000102030405060708090A0B0C0D0E0F
Ciphertext = EEED2C9E7CFA9580551B03DCDB2E1DFA4A60E8225633281B98173DD6F1F1A57F

COUNT = 5
Key = 000102030405060708090A0B0C0D0E0F
Nonce = CCBBAA99887766554433221105
AAD = 000102030405060708090A0B0C0D0E0F
Plaintext =
Ciphertext = 19BAE49F721302071167C34E02A8BE9B

COUNT = 6
Key = 000102030405060708090A0B0C0D0E0F
Nonce = CCBBAA99887766554433221106
AAD =
Plaintext =  000102030405060708090A0B0C0D0E0F
Ciphertext = E254116668AEC1D2663E3E9B914AC47D0337401A0B16E4605B94A2C45F0F53CB

COUNT = 7
Key = 000102030405060708090A0B0C0D0E0F
Nonce = CCBBAA99887766554433221107
AAD = 000102030405060708090A0B0C0D0E0F1011121314151617
Plaintext =  000102030405060708090A0B0C0D0E0F1011121314151617
Ciphertext = 0C0299BEE2D5B65CBC82A6EE119543B7B89DE85561D149BFC1CBE6EC8749065C6068E046FB2BA7F7

COUNT = 8
Key = 000102030405060708090A0B0C0D0E0F
Nonce = CCBBAA99887766554433221108
AAD = 000102030405060708090A0B0C0D0E0F1011121314151617
Plaintext =
Ciphertext = F4E603C017B49123CD3EEBF0F342DE31

COUNT = 9
Key = 000102030405060708090A0B0C0D0E0F
Nonce = CCBBAA99887766554433221109
AAD =
Plaintext =  000102030405060708090A0B0C0D0E0F1011121314151617
Ciphertext = 9A2D75CA34639FF92CACDD3A881ED446B0E790D719A9DFD680C97FAE8ECE18A03A4C67DC1C0763B6

COUNT = 10
Key = 000102030405060708090A0B0C0D0E0F
Nonce = CCBBAA9988776655443322110A
AAD = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F
Plaintext =  000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F
Ciphertext = 0FEBCFA18BF3D2C4C155266755817F843DFA5A5CFD8987D87BE45F3669599D66B2D98602565E18AC31AD88C7C51A6988

COUNT = 11
Key = 000102030405060708090A0B0C0D0E0F
Nonce = CCBBAA9988776655443322110B
AAD = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F
Plaintext =
Ciphertext = 6F48A1E1F0D43023CFA84F4143E286B8

COUNT = 12
Key = 000102030405060708090A0B0C0D0E0F
Nonce = CCBBAA9988776655443322110C
AAD =
Plaintext =  000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F
Ciphertext = 1DF09EC159EB74B3B4AC4B440D2D382ADE25D3A26D9A2A2EDCF23F41002FB7EB53417D8AFED547BFD54056BC9EA9C590

COUNT = 13
Key = 000102030405060708090A0B0C0D0E0F
Nonce = CCBBAA9988776655443322110D
AAD = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F2021222324252627
Plaintext =  000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F2021222324252627
Ciphertext = 3BCFFDEAC246CB305D367A25489ACE1F8FF0317260401B9E1A08DA6C11A0CC490871BD1A5E4FA29FF0E0A7326F0F871583AA3FAE224DD5EB

COUNT = 14
Key = 000102030405060708090A0B0C0D0E0F
Nonce = CCBBAA9988776655443322110E
AAD = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F2021222324252627
Plaintext =
Ciphertext = FA7B7AC1ABD4097F4D547BE9FD5D0BB2

COUNT = 15
Key = 000102030405060708090A0B0C0D0E0F
Nonce = CCBBAA9988776655443322110F
AAD =
Plaintext =  000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F2021222324252627
Ciphertext = C8B16DA1C0AC72E4C993AC75EBD800D0ECDC45EE9DDC2D70C74BA3E4EFCC98A9DF77F8560D7EB2C33EDE4A46D9A2AD0CCAEB653BB6D38725
"#;

/// pyca cryptography_vectors `ciphers/AES/OCB3/test-vector-1-nonce112.txt`, verbatim.
const NONCE112: &str = r#"
# Vectors from https://gitlab.com/dkg/ocb-test-vectors/-/blob/ec0131616679f588c3be0ac7c33b7a663e1a47d4/test-vector-1-nonce112.txt
# 112-bit nonce forms of RFC 7253
# Reformatted to work with our NIST loader

COUNT = 0
Key = 000102030405060708090A0B0C0D0E0F
Nonce = DDCCBBAA99887766554433221100
AAD =
Plaintext =
Ciphertext = B22774052013981C3038DA65757A55E4

COUNT = 1
Key = 000102030405060708090A0B0C0D0E0F
Nonce = DDCCBBAA99887766554433221101
AAD = 0001020304050607
Plaintext = 0001020304050607
Ciphertext = 3791C1215BB0F2E3B008F1A9BFF0A2069BD2B3B93168AD17

COUNT = 2
Key = 000102030405060708090A0B0C0D0E0F
Nonce = DDCCBBAA99887766554433221102
AAD = 0001020304050607
Plaintext =
Ciphertext = C07EDDBB4359D5E68F7618E7D397BFAC

COUNT = 3
Key = 000102030405060708090A0B0C0D0E0F
Nonce = DDCCBBAA99887766554433221103
AAD =
Plaintext = 0001020304050607
Ciphertext = AF02506326B86248936845A600CEC91888F52C214ED1674A

COUNT = 4
Key = 000102030405060708090A0B0C0D0E0F
Nonce = DDCCBBAA99887766554433221104
AAD = 000102030405060708090A0B0C0D0E0F
Plaintext = 000102030405060708090A0B0C0D0E0F
Ciphertext = 165A060B6A9ED2F930A7D6DEC0195B5B19722619DD37749A1B97FF6C63393009

COUNT = 5
Key = 000102030405060708090A0B0C0D0E0F
Nonce = DDCCBBAA99887766554433221105
AAD = 000102030405060708090A0B0C0D0E0F
Plaintext =
Ciphertext = E1616FC25D8A300D8C64CD2018071BFE

COUNT = 6
Key = 000102030405060708090A0B0C0D0E0F
Nonce = DDCCBBAA99887766554433221106
AAD =
Plaintext = 000102030405060708090A0B0C0D0E0F
Ciphertext = 14F2D292673A8F1DA6B80543658784F5DEE9FF8FF1B0A40FD16720E2B2970549

COUNT = 7
Key = 000102030405060708090A0B0C0D0E0F
Nonce = DDCCBBAA99887766554433221107
AAD = 000102030405060708090A0B0C0D0E0F1011121314151617
Plaintext = 000102030405060708090A0B0C0D0E0F1011121314151617
Ciphertext = 98B9D538E13A8D12CE94C53F7C36675C77C0A8C9BDE234FDB02E92506483A49976AE5585F1777360

COUNT = 8
Key = 000102030405060708090A0B0C0D0E0F
Nonce = DDCCBBAA99887766554433221108
AAD = 000102030405060708090A0B0C0D0E0F1011121314151617
Plaintext =
Ciphertext = 8B3F1EA59A0D5D7C9FD369B6CEE0F4A6

COUNT = 9
Key = 000102030405060708090A0B0C0D0E0F
Nonce = DDCCBBAA99887766554433221109
AAD =
Plaintext = 000102030405060708090A0B0C0D0E0F1011121314151617
Ciphertext = AB910BACF2F2409EE871D2818AC31ADFAA39DA637E2D1BF2D87985B4B532966CAF43B13EE754AB07

COUNT = 10
Key = 000102030405060708090A0B0C0D0E0F
Nonce = DDCCBBAA9988776655443322110A
AAD = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F
Plaintext = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F
Ciphertext = 635623537A7D54ABB68F5B23E151FFAA77A6E0EC19DF46117C2E990154C74539393E11FBC726AACB37023175DD592667

COUNT = 11
Key = 000102030405060708090A0B0C0D0E0F
Nonce = DDCCBBAA9988776655443322110B
AAD = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F
Plaintext =
Ciphertext = 97CC4DE80C67DD335771E498944288BF

COUNT = 12
Key = 000102030405060708090A0B0C0D0E0F
Nonce = DDCCBBAA9988776655443322110C
AAD =
Plaintext = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F
Ciphertext = A159D066AB9BF3C2B3DC4881BD4DE3A197B12548F11F91972D3B0E881A811AED6427067C99276B1CD0E4382C4C9A8709

COUNT = 13
Key = 000102030405060708090A0B0C0D0E0F
Nonce = DDCCBBAA9988776655443322110D
AAD = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F2021222324252627
Plaintext = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F2021222324252627
Ciphertext = 259731C171E61C6FEE8E55A7B784DAB3B4B75AC8DE8C4A3CC01C96F19EAFA7F4FC49C84220893993A0B48DF8A969ACECD84BBAA996375A4F

COUNT = 14
Key = 000102030405060708090A0B0C0D0E0F
Nonce = DDCCBBAA9988776655443322110E
AAD = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F2021222324252627
Plaintext =
Ciphertext = F03AF5CB012CF7228FCAEC2B2B0FFF69

COUNT = 15
Key = 000102030405060708090A0B0C0D0E0F
Nonce = DDCCBBAA9988776655443322110F
AAD =
Plaintext = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F2021222324252627
Ciphertext = 45979D0ACA9A7DA537C96BCDBE1F40A288C9FD0E608148C904DA17ACAC18407E3F5D1D5A9546EA59F9F3A1D13EEF2A13676101371D0BAB20
"#;

/// pyca cryptography_vectors `ciphers/AES/OCB3/test-vector-1-nonce120.txt`, verbatim.
const NONCE120: &str = r#"
# Vectors from https://gitlab.com/dkg/ocb-test-vectors/-/blob/4db265280d1669d57f6a8458ee6c5e8a6db6bd0e/test-vector-1-nonce120.txt
# 120-bit nonce forms of RFC 7253
# Reformatted to work with our NIST loader

COUNT = 0
Key = 000102030405060708090A0B0C0D0E0F
Nonce = EEDDCCBBAA99887766554433221100
AAD =
Plaintext =
Ciphertext = 752ACD2132C41E020E41FB223EFD77B6

COUNT = 1
Key = 000102030405060708090A0B0C0D0E0F
Nonce = EEDDCCBBAA99887766554433221101
AAD = 0001020304050607
Plaintext = 0001020304050607
Ciphertext = 201FE4D89EA7BD1EB5B1577DB16283B8AED1715AD6BE5149

COUNT = 2
Key = 000102030405060708090A0B0C0D0E0F
Nonce = EEDDCCBBAA99887766554433221102
AAD = 0001020304050607
Plaintext =
Ciphertext = 710960B9EE00B8F44D2E8120AABA63AE

COUNT = 3
Key = 000102030405060708090A0B0C0D0E0F
Nonce = EEDDCCBBAA99887766554433221103
AAD =
Plaintext = 0001020304050607
Ciphertext = 084E869570194BD25032FE9E5328E45D507E74F3366E20D2

COUNT = 4
Key = 000102030405060708090A0B0C0D0E0F
Nonce = EEDDCCBBAA99887766554433221104
AAD = 000102030405060708090A0B0C0D0E0F
Plaintext = 000102030405060708090A0B0C0D0E0F
Ciphertext = 9676EE37FD645C07C0D4F70AABF686688E39B2FB3FC4FF30DCD1827B36A298D3

COUNT = 5
Key = 000102030405060708090A0B0C0D0E0F
Nonce = EEDDCCBBAA99887766554433221105
AAD = 000102030405060708090A0B0C0D0E0F
Plaintext =
Ciphertext = 9D510F56EDF72FFA34969BCEF91E6DE9

COUNT = 6
Key = 000102030405060708090A0B0C0D0E0F
Nonce = EEDDCCBBAA99887766554433221106
AAD =
Plaintext = 000102030405060708090A0B0C0D0E0F
Ciphertext = D5E15AA1D232AB57F234366DFFB25574A3636A5F3E3433EA4590CBF4F9AC1F4D

COUNT = 7
Key = 000102030405060708090A0B0C0D0E0F
Nonce = EEDDCCBBAA99887766554433221107
AAD = 000102030405060708090A0B0C0D0E0F1011121314151617
Plaintext = 000102030405060708090A0B0C0D0E0F1011121314151617
Ciphertext = 1C4B6777B7F137C30971A93DE3C56CC735686A6F7703142FAB8ACC987C1406DFF96273C5376E6210

COUNT = 8
Key = 000102030405060708090A0B0C0D0E0F
Nonce = EEDDCCBBAA99887766554433221108
AAD = 000102030405060708090A0B0C0D0E0F1011121314151617
Plaintext =
Ciphertext = 96E670C0238FB969B7ACE4ABAF7438C7

COUNT = 9
Key = 000102030405060708090A0B0C0D0E0F
Nonce = EEDDCCBBAA99887766554433221109
AAD =
Plaintext = 000102030405060708090A0B0C0D0E0F1011121314151617
Ciphertext = 1290A686D825F712E594BE4039C04D3E44F7D1342B84FFCAD68BBDFA04B580EA9A01E2F4565399C3

COUNT = 10
Key = 000102030405060708090A0B0C0D0E0F
Nonce = EEDDCCBBAA9988776655443322110A
AAD = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F
Plaintext = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F
Ciphertext = FBDFC11F749217BB7FAE5D4036B8F22803712EFF9EF94342FE1B684968D0E3E381A277DAAB83579406A01E2675A082C9

COUNT = 11
Key = 000102030405060708090A0B0C0D0E0F
Nonce = EEDDCCBBAA9988776655443322110B
AAD = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F
Plaintext =
Ciphertext = 90CDA8A05161D2873361374B76F95430

COUNT = 12
Key = 000102030405060708090A0B0C0D0E0F
Nonce = EEDDCCBBAA9988776655443322110C
AAD =
Plaintext = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F
Ciphertext = D1320AF4B6FF8AFEECEE7921395D4E8692717753EE15F5038EB674DA43D6EA8DBE7831E723BE471F62D9E7F49A7D3B32

COUNT = 13
Key = 000102030405060708090A0B0C0D0E0F
Nonce = EEDDCCBBAA9988776655443322110D
AAD = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F2021222324252627
Plaintext = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F2021222324252627
Ciphertext = 5C79F1C4B9A204ED3323616D576FC500E4A71939F03A3C3DE2C097AF2C6C81DC3F0309E76082B1F50FF8522959FFE41F37EF507E9076D32C

COUNT = 14
Key = 000102030405060708090A0B0C0D0E0F
Nonce = EEDDCCBBAA9988776655443322110E
AAD = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F2021222324252627
Plaintext =
Ciphertext = 3BF158B7DE76C5151EF6086A825D0CC4

COUNT = 15
Key = 000102030405060708090A0B0C0D0E0F
Nonce = EEDDCCBBAA9988776655443322110F
AAD =
Plaintext = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F2021222324252627
Ciphertext = 34DA59D2EB08F47822D48C85B6A1D23694E1D3DE680D616D7B1B59472C13E369C68DCA699DA1686A339D5452803632810B0840E6804AB020
"#;

/// pyca cryptography_vectors `ciphers/AES/OCB3/openssl.txt`, verbatim.
const OPENSSL: &str = r#"
# Vectors from https://github.com/openssl/openssl/commit/2f19ab18a29cf9c82cdd68bc8c7e5be5061b19be
# Reformatted to fit our NIST loader

COUNT = 0
Key = 000102030405060708090A0B0C0D0E0F
Nonce = 000000000001020304050607
AAD =
Plaintext = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F404142434445464748494A4B4C4D4E4F505152535455565758595A5B5C5D5E5F
Ciphertext = F5186C9CC3506386919B6FD9443956E05B203313F8AB35E916AB36932EBDDCD2945901BABE7CF29404929F322F954C916065FABF8F1E52F4BD7C538C0F96899519DBC6BC504D837D8EBD1436B45D33F528CB642FA2EB2C403FE604C12B819333C14DFF7D62A13C4A3422456207453190

COUNT = 1
Key = 000102030405060708090A0B0C0D0E0F
Nonce = 000000000001020304050607
AAD =
Plaintext = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F404142434445464748494A4B4C4D4E4F505152535455565758595A5B5C5D5E5F606162636465666768696A6B6C6D6E6F
Ciphertext = F5186C9CC3506386919B6FD9443956E05B203313F8AB35E916AB36932EBDDCD2945901BABE7CF29404929F322F954C916065FABF8F1E52F4BD7C538C0F96899519DBC6BC504D837D8EBD1436B45D33F528CB642FA2EB2C403FE604C12B8193332374120A78A1171D23ED9E9CB1ADC204D47D84F6FF912C79B6A4223AB9BE2DB8

COUNT = 2
Key = 000102030405060708090A0B0C0D0E0F
Nonce = 000000000001020304050607
AAD =
Plaintext = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F404142434445464748494A4B4C4D4E4F505152535455565758595A5B5C5D5E5F606162636465666768696A6B6C6D6E6F7071000102030405060708090A0B0C0D
Ciphertext = F5186C9CC3506386919B6FD9443956E05B203313F8AB35E916AB36932EBDDCD2945901BABE7CF29404929F322F954C916065FABF8F1E52F4BD7C538C0F96899519DBC6BC504D837D8EBD1436B45D33F528CB642FA2EB2C403FE604C12B8193332374120A78A1171D23ED9E9CB1ADC20412C017AD0CA498827C768DDD99B26E9141970D13737B7BD1B5FBF49ED4412CA5

COUNT = 3
Key = 000102030405060708090A0B0C0D0E0F
Nonce = 000000000001020304050607
AAD =
Plaintext = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F404142434445464748494A4B4C4D4E4F505152535455565758595A5B5C5D5E5F606162636465666768696A6B6C6D6E6F7071000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D
Ciphertext = F5186C9CC3506386919B6FD9443956E05B203313F8AB35E916AB36932EBDDCD2945901BABE7CF29404929F322F954C916065FABF8F1E52F4BD7C538C0F96899519DBC6BC504D837D8EBD1436B45D33F528CB642FA2EB2C403FE604C12B8193332374120A78A1171D23ED9E9CB1ADC20412C017AD0CA498827C768DDD99B26E91EDB8681700FF30366F07AEDE8CEACC1FBE0228651ED4E48A11BDED68D953F3A0

COUNT = 4
Key = 000102030405060708090A0B0C0D0E0F
Nonce = 000000000001020304050607
AAD =
Plaintext = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F404142434445464748494A4B4C4D4E4F505152535455565758595A5B5C5D5E5F606162636465666768696A6B6C6D6E6F7071000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728292A2B2C2D
Ciphertext = F5186C9CC3506386919B6FD9443956E05B203313F8AB35E916AB36932EBDDCD2945901BABE7CF29404929F322F954C916065FABF8F1E52F4BD7C538C0F96899519DBC6BC504D837D8EBD1436B45D33F528CB642FA2EB2C403FE604C12B8193332374120A78A1171D23ED9E9CB1ADC20412C017AD0CA498827C768DDD99B26E91EDB8681700FF30366F07AEDE8CEACC1F39BE69B91BC808FA7A193F7EEA43137B17BC6E10B16E5FDC52836E7D589518C7

COUNT = 5
Key = 000102030405060708090A0B0C0D0E0F
Nonce = 000000000001020304050607
AAD =
Plaintext = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F404142434445464748494A4B4C4D4E4F505152535455565758595A5B5C5D5E5F606162636465666768696A6B6C6D6E6F7071000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D
Ciphertext = F5186C9CC3506386919B6FD9443956E05B203313F8AB35E916AB36932EBDDCD2945901BABE7CF29404929F322F954C916065FABF8F1E52F4BD7C538C0F96899519DBC6BC504D837D8EBD1436B45D33F528CB642FA2EB2C403FE604C12B8193332374120A78A1171D23ED9E9CB1ADC20412C017AD0CA498827C768DDD99B26E91EDB8681700FF30366F07AEDE8CEACC1F39BE69B91BC808FA7A193F7EEA43137B11CF99263D693AEBDF8ADE1A1D838DEDE84AAC18666116990A3A37B3A5FC55BD

COUNT = 6
Key = 000102030405060708090A0B0C0D0E0F
Nonce = 000000000001020304050607
AAD =
Plaintext = 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F404142434445464748494A4B4C4D4E4F505152535455565758595A5B5C5D5E5F606162636465666768696A6B6C6D6E6F7071000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F404142434445464748494A4B4C4D
Ciphertext = F5186C9CC3506386919B6FD9443956E05B203313F8AB35E916AB36932EBDDCD2945901BABE7CF29404929F322F954C916065FABF8F1E52F4BD7C538C0F96899519DBC6BC504D837D8EBD1436B45D33F528CB642FA2EB2C403FE604C12B8193332374120A78A1171D23ED9E9CB1ADC20412C017AD0CA498827C768DDD99B26E91EDB8681700FF30366F07AEDE8CEACC1F39BE69B91BC808FA7A193F7EEA43137B11CF99263D693AEBDF8ADE1A1D838DED48D9E09F452F8E6FBEB76A3DED47611C3E5EA7EE064FE83B313E28D411E91EAD
"#;
