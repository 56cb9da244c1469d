//! CMAC (NIST SP 800-38B): the Appendix D examples for AES-128/192/256 and
//! three- and two-key TDES, streaming in every split, truncated tags,
//! verification failures, and a differential against RustCrypto `cmac`.

use aes::{Aes128, Aes192, Aes256};
use blockmodes::Error;
use blockmodes::cipher::KeyInit;
use blockmodes::mac::{
    Cmac,
    cmac::{CmacBlockSize, MIN_TAG_LEN},
};
use camellia::Camellia128;
use des::{TdesEde2, TdesEde3};
use proptest::prelude::*;

fn hex(s: &str) -> Vec<u8> {
    let s: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    assert!(s.len().is_multiple_of(2), "odd hex");
    s.chunks(2)
        .map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap(), 16).unwrap())
        .collect()
}

/// The message of every SP 800-38B AES example (a prefix of it).
const M64: &str = "6bc1bee22e409f96e93d7e117393172a ae2d8a571e03ac9c9eb76fac45af8e51
                   30c81c46a35ce411e5fbc1191a0a52ef f69f2445df4f9b17ad2b417be66c3710";

/// (key, message length in bytes, tag). SP 800-38B Appendix D.1–D.3 as
/// published in the CMAC examples document (Mlen 0, 128, 160, 512) plus the
/// Mlen 320 examples of the original appendix (also RFC 4493 §4 for
/// AES-128).
const AES_EXAMPLES: &[(&str, usize, &str)] = &[
    (
        "2b7e151628aed2a6abf7158809cf4f3c",
        0,
        "bb1d6929e95937287fa37d129b756746",
    ),
    (
        "2b7e151628aed2a6abf7158809cf4f3c",
        16,
        "070a16b46b4d4144f79bdd9dd04a287c",
    ),
    (
        "2b7e151628aed2a6abf7158809cf4f3c",
        20,
        "7d85449ea6ea19c823a7bf78837dfade",
    ),
    (
        "2b7e151628aed2a6abf7158809cf4f3c",
        40,
        "dfa66747de9ae63030ca32611497c827",
    ),
    (
        "2b7e151628aed2a6abf7158809cf4f3c",
        64,
        "51f0bebf7e3b9d92fc49741779363cfe",
    ),
    (
        "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
        0,
        "d17ddf46adaacde531cac483de7a9367",
    ),
    (
        "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
        16,
        "9e99a7bf31e710900662f65e617c5184",
    ),
    (
        "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
        20,
        "3d75c194ed96070444a9fa7ec740ecf8",
    ),
    (
        "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
        40,
        "8a1de5be2eb31aad089a82e6ee908b0e",
    ),
    (
        "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
        64,
        "a1d5df0eed790f794d77589659f39a11",
    ),
    (
        "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
        0,
        "028962f61b7bf89efc6b551f4667d983",
    ),
    (
        "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
        16,
        "28a7023f452e8f82bd4bf28d8c37c35c",
    ),
    (
        "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
        20,
        "156727dc0878944a023c1fe03bad6d93",
    ),
    (
        "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
        40,
        "aaf3d8f1de5640c232f5b169b9c911e6",
    ),
    (
        "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
        64,
        "e1992190549f6ed5696a2c056c315410",
    ),
];

/// SP 800-38B Appendix D.4 (three-key TDEA, the corrected values of the
/// examples document) and the two-key examples, as in pyca's
/// cryptography_vectors `CMAC/nist-800-38b-3des.txt` (`KEY1||KEY2||KEY3`;
/// two-key as `KEY1||KEY2`).
const TDES3_KEY: &str = "8aa83bf8cbda1062 0bc1bf19fbb6cd58 bc313d4a371ca8b5";
const TDES2_KEY: &str = "4cf15134a2850dd5 8a3d10ba80570d38";
const TDES_EXAMPLES: &[(bool, usize, &str)] = &[
    (true, 0, "b7a688e122ffaf95"),
    (true, 8, "8e8f293136283797"),
    (true, 20, "743ddbe0ce2dc2ed"),
    (true, 32, "33e6b1092400eae5"),
    (false, 0, "bd2ebf9a3ba00361"),
    (false, 8, "4ff2ab813c53ce83"),
    (false, 20, "62dd1b471902bd4e"),
    (false, 32, "31b1e431dabc4eb8"),
];

/// Check one vector one-shot, streamed in pieces of every size from 1 to
/// 17 bytes, with `verify`, and with every tag truncation.
fn check<C>(key: &[u8], msg: &[u8], tag: &[u8])
where
    C: blockmodes::Kernels + KeyInit + Clone,
    C::BlockSize: CmacBlockSize,
{
    let mut mac = Cmac::<C>::new_from_slice(key).unwrap();
    assert_eq!(&mac.compute(msg)[..], tag, "one-shot, {} bytes", msg.len());
    mac.verify(msg, tag).unwrap();
    for piece in 1..=17 {
        for chunk in msg.chunks(piece) {
            mac.update(chunk);
            mac.update(&[]);
        }
        assert_eq!(&mac.finalize()[..], tag, "pieces of {piece}");
        msg.chunks(piece).for_each(|c| mac.update(c));
        mac.finalize_verify(tag).unwrap();
    }
    for len in MIN_TAG_LEN..=tag.len() {
        let short = Cmac::<C>::new_from_slice(key)
            .unwrap()
            .with_tag_len(len)
            .unwrap();
        assert_eq!(&short.compute(msg)[..], &tag[..len]);
        short.verify(msg, &tag[..len]).unwrap();
        // The verifier fixes Tlen: a longer or shorter tag is refused.
        assert_eq!(
            short.verify(msg, tag.get(..len + 1).unwrap_or(&[])),
            Err(Error::Decrypt)
        );
        assert_eq!(short.verify(msg, &tag[..len - 1]), Err(Error::Decrypt));
    }
}

#[test]
fn sp800_38b_aes_examples() {
    let m = hex(M64);
    for &(key, len, tag) in AES_EXAMPLES {
        let (key, msg, tag) = (hex(key), &m[..len], hex(tag));
        match key.len() {
            16 => check::<Aes128>(&key, msg, &tag),
            24 => check::<Aes192>(&key, msg, &tag),
            _ => check::<Aes256>(&key, msg, &tag),
        }
    }
}

#[test]
fn sp800_38b_tdes_examples() {
    let m = hex(M64);
    for &(three_key, len, tag) in TDES_EXAMPLES {
        let tag = hex(tag);
        if three_key {
            check::<TdesEde3>(&hex(TDES3_KEY), &m[..len], &tag);
        } else {
            check::<TdesEde2>(&hex(TDES2_KEY), &m[..len], &tag);
        }
    }
}

#[test]
fn parameters_are_checked() {
    assert_eq!(
        Cmac::<Aes128>::new_from_slice(&[0; 15]).err(),
        Some(Error::InvalidKeyLength)
    );
    assert_eq!(
        Cmac::<Aes256>::new_from_slice(&[0; 16]).err(),
        Some(Error::InvalidKeyLength)
    );
    assert_eq!(
        Cmac::<TdesEde3>::new_from_slice(&[0; 16]).err(),
        Some(Error::InvalidKeyLength)
    );
    let aes = || Cmac::<Aes128>::new_from_slice(&[0; 16]).unwrap();
    for bad in [0, 1, MIN_TAG_LEN - 1, 17, usize::MAX] {
        assert_eq!(
            aes().with_tag_len(bad).err(),
            Some(Error::InvalidParameter),
            "{bad}"
        );
    }
    let tdes = || Cmac::<TdesEde3>::new_from_slice(&[7; 24]).unwrap();
    assert_eq!(tdes().tag_len(), 8);
    assert_eq!(tdes().with_tag_len(9).err(), Some(Error::InvalidParameter));
    assert_eq!(tdes().with_tag_len(4).unwrap().tag_len(), 4);
}

#[test]
fn reset_and_finalize_start_a_new_message() {
    let mut mac = Cmac::<Aes128>::new_from_slice(&[3; 16]).unwrap();
    let t = mac.compute(b"hello");
    mac.update(b"garbage");
    mac.reset();
    mac.update(b"hello");
    assert_eq!(mac.finalize(), t);
    // finalize left an empty state behind
    assert_eq!(mac.finalize(), mac.compute(b""));
    // compute does not disturb a message in progress
    mac.update(b"hel");
    let _ = mac.compute(b"other");
    mac.update(b"lo");
    assert_eq!(mac.finalize(), t);
    // a failed finalize_verify also resets
    mac.update(b"hello");
    assert_eq!(mac.finalize_verify(&[0; 16]), Err(Error::Decrypt));
    mac.update(b"hello");
    mac.finalize_verify(&t).unwrap();
}

/// RustCrypto `cmac` over the same cipher.
fn reference<C>(key: &[u8], msg: &[u8]) -> Vec<u8>
where
    C: cmac::block_api::CmacCipher + KeyInit + Clone,
{
    use cmac::Mac;
    let mut m = <cmac::Cmac<C> as cmac::KeyInit>::new_from_slice(key).unwrap();
    m.update(msg);
    m.finalize().into_bytes().to_vec()
}

/// Random cut points into a message.
fn cuts() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(0usize..200, 0..6)
}

fn streamed<C>(key: &[u8], msg: &[u8], cuts: &[usize]) -> Vec<u8>
where
    C: blockmodes::Kernels + KeyInit + Clone,
    C::BlockSize: CmacBlockSize,
{
    let mut mac = Cmac::<C>::new_from_slice(key).unwrap();
    let mut cuts: Vec<usize> = cuts.iter().map(|&c| c.min(msg.len())).collect();
    cuts.sort_unstable();
    let mut at = 0;
    for c in cuts {
        mac.update(&msg[at..c]);
        at = c;
    }
    mac.update(&msg[at..]);
    mac.finalize().to_vec()
}

fn diff<C>(key: &[u8], msg: &[u8], cuts: &[usize])
where
    C: cmac::block_api::CmacCipher + KeyInit + Clone,
    C::BlockSize: CmacBlockSize,
{
    let want = reference::<C>(key, msg);
    let mac = Cmac::<blockmodes::Generic<C>>::new_from_slice(key).unwrap();
    assert_eq!(mac.compute(msg).to_vec(), want);
    assert_eq!(streamed::<blockmodes::Generic<C>>(key, msg, cuts), want);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// One-shot = streamed with random cuts = RustCrypto `cmac`, for AES
    /// (all key sizes), Camellia and TDES.
    #[test]
    fn matches_cmac_crate(
        key in prop::array::uniform32(any::<u8>()),
        msg in prop::collection::vec(any::<u8>(), 0..200),
        cuts in cuts(),
    ) {
        diff::<Aes128>(&key[..16], &msg, &cuts);
        diff::<Aes192>(&key[..24], &msg, &cuts);
        diff::<Aes256>(&key, &msg, &cuts);
        diff::<Camellia128>(&key[..16], &msg, &cuts);
        diff::<TdesEde3>(&key[..24], &msg, &cuts);
    }

    /// Any single bit flip in the message or the tag fails verification.
    #[test]
    fn bit_flips_are_rejected(
        key in prop::array::uniform16(any::<u8>()),
        msg in prop::collection::vec(any::<u8>(), 1..80),
        bit in any::<prop::sample::Index>(),
        in_tag in any::<bool>(),
    ) {
        let mac = Cmac::<Aes128>::new_from_slice(&key).unwrap();
        let mut msg = msg;
        let mut tag = mac.compute(&msg).to_vec();
        if in_tag {
            let b = bit.index(tag.len() * 8);
            tag[b / 8] ^= 1 << (b % 8);
        } else {
            let b = bit.index(msg.len() * 8);
            msg[b / 8] ^= 1 << (b % 8);
        }
        prop_assert_eq!(mac.verify(&msg, &tag), Err(Error::Decrypt));
    }
}
