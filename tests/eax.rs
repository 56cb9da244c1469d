//! EAX: the ten AES-128 vectors of the EAX paper (Bellare–Rogaway–Wagner,
//! Appendix), tag lengths, nonce lengths, bit flips (failed opens zero the
//! output), and a differential against RustCrypto `eax`.

use aes::{Aes128, Aes256};
use blockmodes::Error;
use blockmodes::aead::{Aead, Eax};
use proptest::prelude::*;

fn hex(s: &str) -> Vec<u8> {
    let s: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    assert!(s.len().is_multiple_of(2), "odd hex");
    s.chunks(2)
        .map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap(), 16).unwrap())
        .collect()
}

/// (msg, key, nonce, header, ciphertext || tag).
const PAPER: &[[&str; 5]] = &[
    [
        "",
        "233952dee4d5ed5f9b9c6d6ff80ff478",
        "62ec67f9c3a4a407fcb2a8c49031a8b3",
        "6bfb914fd07eae6b",
        "e037830e8389f27b025a2d6527e79d01",
    ],
    [
        "f7fb",
        "91945d3f4dcbee0bf45ef52255f095a4",
        "becaf043b0a23d843194ba972c66debd",
        "fa3bfd4806eb53fa",
        "19dd5c4c9331049d0bdab0277408f67967e5",
    ],
    [
        "1a47cb4933",
        "01f74ad64077f2e704c0f60ada3dd523",
        "70c3db4f0d26368400a10ed05d2bff5e",
        "234a3463c1264ac6",
        "d851d5bae03a59f238a23e39199dc9266626c40f80",
    ],
    [
        "481c9e39b1",
        "d07cf6cbb7f313bdde66b727afd3c5e8",
        "8408dfff3c1a2b1292dc199e46b7d617",
        "33cce2eabff5a79d",
        "632a9d131ad4c168a4225d8e1ff755939974a7bede",
    ],
    [
        "40d0c07da5e4",
        "35b6d0580005bbc12b0587124557d2c2",
        "fdb6b06676eedc5c61d74276e1f8e816",
        "aeb96eaebe2970e9",
        "071dfe16c675cb0677e536f73afe6a14b74ee49844dd",
    ],
    [
        "4de3b35c3fc039245bd1fb7d",
        "bd8e6e11475e60b268784c38c62feb22",
        "6eac5c93072d8e8513f750935e46da1b",
        "d4482d1ca78dce0f",
        "835bb4f15d743e350e728414abb8644fd6ccb86947c5e10590210a4f",
    ],
    [
        "8b0a79306c9ce7ed99dae4f87f8dd61636",
        "7c77d6e813bed5ac98baa417477a2e7d",
        "1a8c98dcd73d38393b2bf1569deefc19",
        "65d2017990d62528",
        "02083e3979da014812f59f11d52630da30137327d10649b0aa6e1c181db617d7f2",
    ],
    [
        "1bda122bce8a8dbaf1877d962b8592dd2d56",
        "5fff20cafab119ca2fc73549e20f5b0d",
        "dde59b97d722156d4d9aff2bc7559826",
        "54b9f04e6a09189a",
        "2ec47b2c4954a489afc7ba4897edcdae8cc33b60450599bd02c96382902aef7f832a",
    ],
    [
        "6cf36720872b8513f6eab1a8a44438d5ef11",
        "a4a4782bcffd3ec5e7ef6d8c34a56123",
        "b781fcf2f75fa5a8de97a9ca48e522ec",
        "899a175897561d7e",
        "0de18fd0fdd91e7af19f1d8ee8733938b1e8e7f6d2231618102fdb7fe55ff1991700",
    ],
    [
        "ca40d7446e545ffaed3bd12a740a659ffbbb3ceab7",
        "8395fcf1e95bebd697bd010bc766aac3",
        "22e7add93cfc6393c57ec0b3c17d6b44",
        "126735fcc320d25a",
        "cb8920f87a6c75cff39627b56e3ed197c552d295a7cfc46afc253b4652b1af3795b124ab6e",
    ],
];

#[test]
fn paper_vectors() {
    for [msg, key, nonce, header, out] in PAPER {
        let (msg, nonce, header, out) = (hex(msg), hex(nonce), hex(header), hex(out));
        let eax = Eax::<Aes128>::new_from_slice(&hex(key)).unwrap();
        assert_eq!(eax.encrypt(&nonce, &header, &msg).unwrap(), out);
        assert_eq!(eax.decrypt(&nonce, &header, &out).unwrap(), msg);
        // Truncated tags are prefixes of the full one.
        for t in 1..=16 {
            let short = Eax::<Aes128>::new_from_slice(&hex(key))
                .unwrap()
                .with_tag_len(t)
                .unwrap();
            let sealed = short.encrypt(&nonce, &header, &msg).unwrap();
            assert_eq!(sealed, out[..msg.len() + t]);
            assert_eq!(short.decrypt(&nonce, &header, &sealed).unwrap(), msg);
            // A tag of another length is refused (the receiver fixes τ).
            if t < 16 {
                assert_eq!(short.decrypt(&nonce, &header, &out), Err(Error::Decrypt));
            }
        }
    }
}

#[test]
fn parameters() {
    assert_eq!(
        Eax::<Aes128>::new_from_slice(&[0; 17]).err(),
        Some(Error::InvalidKeyLength)
    );
    for bad in [0, 17, 100] {
        let e = Eax::<Aes128>::new_from_slice(&[0; 16])
            .unwrap()
            .with_tag_len(bad);
        assert_eq!(e.err(), Some(Error::InvalidParameter));
    }
    let eax = Eax::<Aes256>::new_from_slice(&[5; 32]).unwrap();
    // Any nonce length, the empty one included; each gives its own output.
    let mut seen = Vec::new();
    for n in [0usize, 1, 12, 15, 16, 17, 33, 100] {
        let nonce = vec![0xa5; n];
        let sealed = eax.encrypt(&nonce, b"h", b"message").unwrap();
        assert_eq!(eax.decrypt(&nonce, b"h", &sealed).unwrap(), b"message");
        assert!(!seen.contains(&sealed));
        seen.push(sealed);
    }
    // Input shorter than the tag.
    assert_eq!(eax.decrypt(b"n", b"", &[0; 15]), Err(Error::Decrypt));
}

type RefEax = eax::Eax<Aes128>;

fn flip(bytes: &mut [u8], bit: usize) {
    bytes[bit / 8] ^= 1 << (bit % 8);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Same output as RustCrypto `eax` (16-byte nonces, 16-byte tags).
    #[test]
    fn matches_eax_crate(
        key in prop::array::uniform16(any::<u8>()),
        nonce in prop::array::uniform16(any::<u8>()),
        aad in prop::collection::vec(any::<u8>(), 0..70),
        pt in prop::collection::vec(any::<u8>(), 0..300),
    ) {
        use eax::aead::{Aead as _, KeyInit as _, Payload};
        let ours = Eax::<Aes128>::new_from_slice(&key).unwrap().encrypt(&nonce, &aad, &pt).unwrap();
        let theirs = RefEax::new_from_slice(&key)
            .unwrap()
            .encrypt(&nonce.into(), Payload { msg: &pt, aad: &aad })
            .unwrap();
        prop_assert_eq!(ours, theirs);
    }

    /// Any single bit flip in nonce, AAD, ciphertext or tag: `Decrypt`, and
    /// the buffer is zeroed. A `t`-byte tag lets a forgery through with
    /// probability `2^-8t` (1 in 256 for one byte, within reach of a test
    /// run), so `Decrypt` is required from 8-byte tags up; below that an
    /// accepted flip is the tag's chance, not a bug, and a refused one must
    /// still leave the buffer zeroed.
    #[test]
    fn any_bit_flip_fails_and_zeroes(
        key in prop::array::uniform16(any::<u8>()),
        nonce in prop::collection::vec(any::<u8>(), 1..20),
        aad in prop::collection::vec(any::<u8>(), 1..40),
        pt in prop::collection::vec(any::<u8>(), 1..60),
        tag_len in 1usize..=16,
        which in 0usize..4,
        pick in any::<prop::sample::Index>(),
    ) {
        let eax = Eax::<Aes128>::new_from_slice(&key).unwrap().with_tag_len(tag_len).unwrap();
        let (mut nonce, mut aad, mut buf) = (nonce, aad, pt.clone());
        let mut tag = eax.encrypt_in_place_detached(&nonce, &aad, &mut buf).unwrap().to_vec();
        match which {
            0 => { let n = nonce.len() * 8; flip(&mut nonce, pick.index(n)) }
            1 => { let n = aad.len() * 8; flip(&mut aad, pick.index(n)) }
            2 => { let n = buf.len() * 8; flip(&mut buf, pick.index(n)) }
            _ => flip(&mut tag, pick.index(tag_len * 8)),
        }
        let r = eax.decrypt_in_place_detached(&nonce, &aad, &mut buf, &tag);
        if tag_len >= 8 {
            prop_assert_eq!(r, Err(Error::Decrypt));
        }
        if r.is_err() {
            prop_assert_eq!(r, Err(Error::Decrypt));
            prop_assert!(buf.iter().all(|&b| b == 0));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The crate's AES on every path this CPU runs (the stitched CBC-MAC +
    /// CTR kernel on VAES / AES-NI) seals and opens exactly like
    /// `aes::Aes128` on the generic path, for payloads with and without a
    /// partial last block (and empty).
    #[test]
    fn every_backend_matches_the_generic_path(
        key in prop::array::uniform16(any::<u8>()),
        nonce in prop::collection::vec(any::<u8>(), 0..20),
        aad in prop::collection::vec(any::<u8>(), 0..40),
        pt in prop::collection::vec(any::<u8>(), 0..700),
        tag_len in 1usize..=16,
    ) {
        use blockmodes::backend::{self, Backend};
        let reference = Eax::<Aes128>::new_from_slice(&key).unwrap().with_tag_len(tag_len).unwrap();
        let want = reference.encrypt(&nonce, &aad, &pt).unwrap();
        for path in Backend::ALL {
            if !path.is_supported() {
                continue;
            }
            let aes = backend::Aes128::new_with_backend(&key.into(), path).unwrap();
            let eax = Eax::new(aes).with_tag_len(tag_len).unwrap();
            let sealed = eax.encrypt(&nonce, &aad, &pt).unwrap();
            prop_assert_eq!(&sealed, &want, "{} seal", path);
            prop_assert_eq!(eax.decrypt(&nonce, &aad, &sealed).unwrap(), pt.clone(), "{} open", path);
            let mut bad = sealed.clone();
            let last = bad.len() - 1;
            bad[last] ^= 0x80;
            prop_assert_eq!(eax.decrypt(&nonce, &aad, &bad), Err(Error::Decrypt), "{} forged", path);
        }
    }
}
