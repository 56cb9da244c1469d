//! `aead::interop`: this crate's AEADs and CMAC behind the `aead` 0.6 and
//! `digest` 0.11 traits give the same bytes as the RustCrypto crates
//! (`aes-gcm`, `ccm`, `eax`, `ocb3`, `aes-gcm-siv`, `aes-siv`, `cmac`).
//!
//! Every check is a generic function bounded only on those traits and run
//! on a (RustCrypto, blockmodes) pair with random keys, nonces, AAD and
//! messages: same ciphertext and tag, each side opens the other's output,
//! and a tampered tag, ciphertext, AAD or nonce fails with the buffer
//! zeroed.
#![cfg(all(feature = "aead", feature = "mac", feature = "aes", feature = "alloc"))]

use aead::array::{Array, ArraySize};
use aead::consts::{U1, U4, U7, U8, U10, U12, U13, U15, U16};
use aead::inout::InOutBuf;
use aead::{Aead, AeadInOut, KeyInit, KeySizeUser, Payload};
use blockmodes::aead::interop;
use digest::{FixedOutputReset, Mac};

/// splitmix64: a small deterministic generator, so a failure replays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn fill(&mut self, buf: &mut [u8]) {
        for b in buf {
            *b = self.next() as u8;
        }
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        let mut v = vec![0; len];
        self.fill(&mut v);
        v
    }

    fn array<N: ArraySize>(&mut self) -> Array<u8, N> {
        let mut a = Array::<u8, N>::default();
        self.fill(&mut a);
        a
    }

    /// A message length: mostly short, sometimes several KiB (past GCM's
    /// CTR/GHASH chunk and every parallel batch width).
    fn msg_len(&mut self) -> usize {
        if self.below(8) == 0 {
            self.below(9000)
        } else {
            self.below(200)
        }
    }
}

/// Flip one random bit of `buf` (which must not be empty).
fn flip(rng: &mut Rng, buf: &mut [u8]) {
    let i = rng.below(buf.len());
    buf[i] ^= 1 << rng.below(8);
}

/// `Theirs` (RustCrypto) and `Ours` agree on random inputs through every
/// `AeadInOut` entry point, and `Ours` zeroes the buffer on a failed open.
fn same_aead<Theirs, Ours>(seed: u64, cases: usize)
where
    Theirs: AeadInOut + KeyInit,
    Ours: AeadInOut<NonceSize = Theirs::NonceSize, TagSize = Theirs::TagSize>
        + KeyInit
        + KeySizeUser<KeySize = <Theirs as KeySizeUser>::KeySize>,
{
    let mut rng = Rng(seed);
    for case in 0..cases {
        let key = rng.array::<<Theirs as KeySizeUser>::KeySize>();
        let theirs = Theirs::new(&key);
        let ours = Ours::new(&key);
        let mut nonce = rng.array::<Theirs::NonceSize>();
        let aad_len = rng.below(70);
        let mut aad = rng.bytes(aad_len);
        let msg_len = rng.msg_len();
        let msg = rng.bytes(msg_len);
        let ctx = format!("case {case}: aad {} msg {}", aad.len(), msg.len());

        // Detached, in place.
        let mut ct_theirs = msg.clone();
        let tag_theirs = theirs
            .encrypt_inout_detached(&nonce, &aad, ct_theirs.as_mut_slice().into())
            .unwrap();
        let mut ct_ours = msg.clone();
        let mut tag_ours = ours
            .encrypt_inout_detached(&nonce, &aad, ct_ours.as_mut_slice().into())
            .unwrap();
        assert_eq!(ct_ours, ct_theirs, "{ctx}");
        assert_eq!(tag_ours, tag_theirs, "{ctx}");

        // Detached, buffer to buffer.
        let mut out = vec![0xa5; msg.len()];
        let tag_b2b = ours
            .encrypt_inout_detached(&nonce, &aad, InOutBuf::new(&msg, &mut out).unwrap())
            .unwrap();
        assert_eq!(out, ct_theirs, "{ctx}");
        assert_eq!(tag_b2b, tag_theirs, "{ctx}");
        let mut back = vec![0x5a; msg.len()];
        ours.decrypt_inout_detached(
            &nonce,
            &aad,
            InOutBuf::new(&ct_theirs, &mut back).unwrap(),
            &tag_theirs,
        )
        .unwrap();
        assert_eq!(back, msg, "{ctx}");

        // `Vec` buffers (tag before or after, as the peer puts it), and
        // each side opens the other's output.
        let sealed_theirs = theirs
            .encrypt(
                &nonce,
                Payload {
                    msg: &msg,
                    aad: &aad,
                },
            )
            .unwrap();
        let mut sealed_ours = msg.clone();
        ours.encrypt_in_place(&nonce, &aad, &mut sealed_ours)
            .unwrap();
        assert_eq!(sealed_ours, sealed_theirs, "{ctx}");
        let opened = ours
            .decrypt(
                &nonce,
                Payload {
                    msg: &sealed_theirs,
                    aad: &aad,
                },
            )
            .unwrap();
        assert_eq!(opened, msg, "{ctx}");
        let mut opened = sealed_ours.clone();
        theirs.decrypt_in_place(&nonce, &aad, &mut opened).unwrap();
        assert_eq!(opened, msg, "{ctx}");

        // Tampering: one of tag, ciphertext, AAD, nonce. Both refuse; ours
        // leaves zeros.
        let what = match rng.below(4) {
            1 if !msg.is_empty() => {
                flip(&mut rng, &mut ct_ours);
                "ciphertext"
            }
            2 if !aad.is_empty() => {
                flip(&mut rng, &mut aad);
                "aad"
            }
            3 if !nonce.is_empty() => {
                flip(&mut rng, &mut nonce);
                "nonce"
            }
            _ => {
                flip(&mut rng, &mut tag_ours);
                "tag"
            }
        };
        let ctx = format!("{ctx}, tampered {what}");
        let mut buf = ct_ours.clone();
        assert!(
            theirs
                .decrypt_inout_detached(&nonce, &aad, buf.as_mut_slice().into(), &tag_ours)
                .is_err(),
            "{ctx}"
        );
        let mut buf = ct_ours.clone();
        assert!(
            ours.decrypt_inout_detached(&nonce, &aad, buf.as_mut_slice().into(), &tag_ours)
                .is_err(),
            "{ctx}"
        );
        assert!(
            buf.iter().all(|&b| b == 0),
            "{ctx}: detached buffer not zeroed"
        );

        // The same through a `Vec`: the whole buffer, tag included, is
        // zeroed and keeps its length.
        let mut sealed = ct_ours.clone();
        match Ours::TAG_POSITION {
            aead::TagPosition::Postfix => sealed.extend_from_slice(&tag_ours),
            aead::TagPosition::Prefix => {
                sealed.splice(0..0, tag_ours.iter().copied());
            }
        }
        let len = sealed.len();
        assert!(
            ours.decrypt_in_place(&nonce, &aad, &mut sealed).is_err(),
            "{ctx}"
        );
        assert_eq!(sealed.len(), len, "{ctx}");
        assert!(
            sealed.iter().all(|&b| b == 0),
            "{ctx}: Vec buffer not zeroed"
        );

        // A buffer shorter than a tag: an error, not a panic.
        let short_len = rng.below(tag_ours.len());
        let mut short = vec![0u8; short_len];
        assert!(
            ours.decrypt_in_place(&nonce, &aad, &mut short).is_err(),
            "{ctx}"
        );
    }
}

/// `Theirs` and `Ours` give the same CMAC through `digest::Mac`, with the
/// message fed in random pieces, and reject a tampered tag.
fn same_mac<Theirs, Ours>(seed: u64, cases: usize)
where
    Theirs: Mac + KeyInit,
    Ours: Mac<OutputSize = Theirs::OutputSize>
        + FixedOutputReset
        + KeyInit
        + KeySizeUser<KeySize = <Theirs as KeySizeUser>::KeySize>,
{
    let mut rng = Rng(seed);
    for case in 0..cases {
        let key = rng.array::<<Theirs as KeySizeUser>::KeySize>();
        let msg_len = rng.msg_len();
        let msg = rng.bytes(msg_len);
        let ctx = format!("case {case}: msg {}", msg.len());

        let want = <Theirs as KeyInit>::new(&key)
            .chain_update(&msg)
            .finalize()
            .into_bytes();
        let mut ours = <Ours as KeyInit>::new(&key);
        let mut rest = &msg[..];
        while !rest.is_empty() {
            let (piece, tail) = rest.split_at(rng.below(rest.len() + 1));
            Mac::update(&mut ours, piece);
            rest = tail;
        }
        // finalize_reset, then the same message again from the reset state.
        let got = ours.finalize_reset().into_bytes();
        assert_eq!(got, want, "{ctx}");
        assert_eq!(
            ours.chain_update(&msg).finalize().into_bytes(),
            want,
            "{ctx}"
        );

        let mac = <Ours as KeyInit>::new(&key).chain_update(&msg);
        assert!(mac.verify(&want).is_ok(), "{ctx}");
        let mut bad = want.clone();
        flip(&mut rng, &mut bad);
        assert!(
            <Ours as KeyInit>::new(&key)
                .chain_update(&msg)
                .verify(&bad)
                .is_err(),
            "{ctx}"
        );
        assert!(
            <Ours as KeyInit>::new(&key)
                .chain_update(&msg)
                .verify_slice(&want[..want.len() - 1])
                .is_err(),
            "{ctx}"
        );
        assert!(
            <Ours as KeyInit>::new(&key)
                .chain_update(&msg)
                .verify_truncated_left(&want[..4])
                .is_ok(),
            "{ctx}"
        );
    }
}

const CASES: usize = 120;

#[test]
fn gcm() {
    same_aead::<aes_gcm::Aes128Gcm, interop::Aes128Gcm>(1, CASES);
    same_aead::<aes_gcm::Aes256Gcm, interop::Aes256Gcm>(2, CASES);
    same_aead::<aes_gcm::Aes128Gcm, interop::Gcm<aes::Aes128>>(3, CASES);
    // A GHASHed (non-96-bit) nonce and truncated tags.
    same_aead::<aes_gcm::AesGcm<aes::Aes128, U16, U12>, interop::Gcm<aes::Aes128, U16, U12>>(
        4, CASES,
    );
    same_aead::<
        aes_gcm::AesGcm<aes::Aes256, U8, U4>,
        interop::Gcm<blockmodes::backend::Aes256, U8, U4>,
    >(5, CASES);
}

#[test]
fn ccm() {
    same_aead::<ccm::Ccm<aes::Aes128, U16, U13>, interop::Aes128Ccm>(11, CASES);
    same_aead::<ccm::Ccm<aes::Aes256, U16, U13>, interop::Aes256Ccm>(12, CASES);
    same_aead::<ccm::Ccm<aes::Aes256, U10, U13>, interop::Ccm<aes::Aes256, U10, U13>>(13, CASES);
    same_aead::<ccm::Ccm<aes::Aes128, U4, U7>, interop::Ccm<blockmodes::backend::Aes128, U4, U7>>(
        14, CASES,
    );
    same_aead::<ccm::Ccm<aes::Aes128, U8, U12>, interop::Ccm<aes::Aes128, U8, U12>>(15, CASES);
}

#[test]
fn eax() {
    same_aead::<eax::Eax<aes::Aes128>, interop::Aes128Eax>(21, CASES);
    same_aead::<eax::Eax<aes::Aes256>, interop::Aes256Eax>(22, CASES);
    same_aead::<eax::Eax<aes::Aes256, U8>, interop::Eax<aes::Aes256, U8>>(23, CASES);
}

#[test]
fn ocb3() {
    same_aead::<ocb3::Ocb3<aes::Aes128>, interop::Aes128Ocb3>(31, CASES);
    same_aead::<ocb3::Ocb3<aes::Aes256>, interop::Aes256Ocb3>(32, CASES);
    same_aead::<ocb3::Ocb3<aes::Aes128, U15, U8>, interop::Ocb3<aes::Aes128, U15, U8>>(33, CASES);
    same_aead::<ocb3::Ocb3<aes::Aes256, U7, U1>, interop::Ocb3<blockmodes::backend::Aes256, U7, U1>>(
        34, CASES,
    );
}

#[test]
fn gcm_siv() {
    same_aead::<aes_gcm_siv::Aes128GcmSiv, interop::Aes128GcmSiv>(41, CASES);
    same_aead::<aes_gcm_siv::Aes256GcmSiv, interop::Aes256GcmSiv>(42, CASES);
    same_aead::<aes_gcm_siv::Aes128GcmSiv, interop::GcmSiv<aes::Aes128>>(43, CASES);
}

#[test]
fn siv() {
    same_aead::<aes_siv::Aes128SivAead, interop::Aes128SivAead>(51, CASES);
    same_aead::<aes_siv::Aes256SivAead, interop::Aes256SivAead>(52, CASES);
    same_aead::<
        aes_siv::SivAead<aes::Aes128, cmac::Cmac<aes::Aes128>, U12>,
        interop::SivAead<aes::Aes128, U12>,
    >(53, CASES);
}

#[test]
fn cmac() {
    same_mac::<cmac::Cmac<aes::Aes128>, interop::Cmac<blockmodes::backend::Aes128>>(61, CASES);
    same_mac::<cmac::Cmac<aes::Aes256>, interop::Cmac<aes::Aes256>>(62, CASES);
    same_mac::<cmac::Cmac<des::TdesEde3>, interop::Cmac<des::TdesEde3>>(63, CASES);
}
