//! Our AES backends (`blockmodes::backend`) against FIPS 197 Appendix C and
//! against the `aes` crate, on every path this CPU can run, and every mode
//! over them against the same mode over `aes::Aes128`.
//!
//! Paths are chosen per instance with `new_with_backend`, so tests running in
//! parallel threads never depend on the global `force_portable` switch; the
//! one test that flips the switch ([`force_portable_switch`]) only checks
//! which path new keys get, and every path computes the same answers anyway.

use blockmodes::backend::{self, Aes128, Aes192, Aes256, Backend};
use blockmodes::{
    BlockDecryptMode, BlockEncryptMode, Cbc, CbcCs, Cfb, CounterLayout, CsVariant, Ctr, Ecb, Ofb,
    Pcbc, StreamMode,
};
use cipher::{Array, BlockCipherDecrypt, BlockCipherEncrypt, KeyInit};
use proptest::prelude::*;

/// Every path this machine can run (always includes `Portable`).
fn paths() -> Vec<Backend> {
    Backend::ALL
        .into_iter()
        .filter(|b| b.is_supported())
        .collect()
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// Encrypt and decrypt `pt` as one block and as a batch of `n` copies
/// (exercising the single-block, parallel and tail kernels), checking `ct`.
fn check_vector<C: blockmodes::Kernels + BlockCipherDecrypt>(c: &C, pt: &[u8], ct: &[u8]) {
    let mut b = Array::try_from(pt).unwrap();
    c.encrypt_block(&mut b);
    assert_eq!(&b[..], ct);
    c.decrypt_block(&mut b);
    assert_eq!(&b[..], pt);
    for n in [1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 64] {
        let mut blocks = vec![Array::try_from(pt).unwrap(); n];
        c.encrypt_blocks(&mut blocks);
        assert!(blocks.iter().all(|b| &b[..] == ct), "encrypt batch of {n}");
        c.decrypt_blocks(&mut blocks);
        assert!(blocks.iter().all(|b| &b[..] == pt), "decrypt batch of {n}");
    }
}

#[test]
fn fips197_appendix_c() {
    let pt = hex("00112233445566778899aabbccddeeff");
    for path in paths() {
        // C.1 AES-128
        let key = hex("000102030405060708090a0b0c0d0e0f");
        let c = Aes128::new_with_backend(key.as_slice().try_into().unwrap(), path).unwrap();
        assert_eq!(c.backend(), path);
        check_vector(&c, &pt, &hex("69c4e0d86a7b0430d8cdb78070b4c55a"));
        // C.2 AES-192
        let key = hex("000102030405060708090a0b0c0d0e0f1011121314151617");
        let c = Aes192::new_with_backend(key.as_slice().try_into().unwrap(), path).unwrap();
        check_vector(&c, &pt, &hex("dda97ca4864cdfe06eaf70a0ec0d7191"));
        // C.3 AES-256
        let key = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        let c = Aes256::new_with_backend(key.as_slice().try_into().unwrap(), path).unwrap();
        check_vector(&c, &pt, &hex("8ea2b7ca516745bfeafc49904b496089"));
    }
}

/// NIST SP 800-38A F.1.1 and F.1.2 (ECB-AES128), four blocks.
#[test]
fn sp800_38a_ecb_aes128() {
    let key = hex("2b7e151628aed2a6abf7158809cf4f3c");
    let pt = hex(concat!(
        "6bc1bee22e409f96e93d7e117393172a",
        "ae2d8a571e03ac9c9eb76fac45af8e51",
        "30c81c46a35ce411e5fbc1191a0a52ef",
        "f69f2445df4f9b17ad2b417be66c3710"
    ));
    let ct = hex(concat!(
        "3ad77bb40d7a3660a89ecaf32466ef97",
        "f5d3d58503b9699de785895a96fdbaaf",
        "43b1cd7f598ece23881b00e3ed030688",
        "7b0c785e27e8ad3f8223207104725dd4"
    ));
    for path in paths() {
        let c = Aes128::new_with_backend(key.as_slice().try_into().unwrap(), path).unwrap();
        let mut buf = pt.clone();
        Ecb::new(c.clone()).encrypt_blocks(&mut buf).unwrap();
        assert_eq!(buf, ct, "{path}");
        Ecb::new(c).decrypt_blocks(&mut buf).unwrap();
        assert_eq!(buf, pt, "{path}");
    }
}

fn blocks_of(data: &[u8]) -> Vec<Array<u8, cipher::consts::U16>> {
    data.chunks_exact(16)
        .map(|c| Array::try_from(c).unwrap())
        .collect()
}

macro_rules! differential {
    ($name:ident, $ours:ty, $theirs:ty, $klen:expr) => {
        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]
            #[test]
            fn $name(key in prop::collection::vec(any::<u8>(), $klen),
                     nblocks in 1usize..=70,
                     seed in any::<u8>()) {
                let data: Vec<u8> = (0..16 * nblocks)
                    .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
                    .collect();
                let theirs = <$theirs>::new_from_slice(&key).unwrap();
                let mut want_enc = blocks_of(&data);
                theirs.encrypt_blocks(&mut want_enc);
                let mut want_dec = blocks_of(&data);
                theirs.decrypt_blocks(&mut want_dec);
                for path in paths() {
                    let ours = <$ours>::new_with_backend(key.as_slice().try_into().unwrap(), path).unwrap();
                    // in place
                    let mut got = blocks_of(&data);
                    ours.encrypt_blocks(&mut got);
                    prop_assert_eq!(&got, &want_enc, "{} encrypt", path);
                    let mut got = blocks_of(&data);
                    ours.decrypt_blocks(&mut got);
                    prop_assert_eq!(&got, &want_dec, "{} decrypt", path);
                    // buffer to buffer
                    let src = blocks_of(&data);
                    let mut dst = vec![Array::default(); nblocks];
                    ours.encrypt_blocks_b2b(&src, &mut dst).unwrap();
                    prop_assert_eq!(&dst, &want_enc, "{} encrypt b2b", path);
                    ours.decrypt_blocks_b2b(&want_enc, &mut dst).unwrap();
                    prop_assert_eq!(&dst, &src, "{} decrypt b2b", path);
                    // one block at a time, on a clone
                    let one = ours.clone();
                    let mut b = blocks_of(&data)[nblocks - 1].clone();
                    one.encrypt_block(&mut b);
                    prop_assert_eq!(&b, &want_enc[nblocks - 1]);
                }
            }
        }
    };
}

differential!(aes128_equals_aes_crate, Aes128, aes::Aes128, 16);
differential!(aes192_equals_aes_crate, Aes192, aes::Aes192, 24);
differential!(aes256_equals_aes_crate, Aes256, aes::Aes256, 32);

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    /// Every mode over our AES-128 equals the same mode over `aes::Aes128`.
    #[test]
    fn modes_over_backend_equal_modes_over_aes_crate(
        key in prop::collection::vec(any::<u8>(), 16),
        iv in prop::collection::vec(any::<u8>(), 16),
        msg in prop::collection::vec(any::<u8>(), 0..1200),
        split in 0usize..1200,
    ) {
        let aligned = &msg[..msg.len() / 16 * 16];
        let theirs = aes::Aes128::new_from_slice(&key).unwrap();
        for path in paths() {
            let ours = Aes128::new_with_backend(key.as_slice().try_into().unwrap(), path).unwrap();

            // CTR, 128-bit and 32-bit big-endian counters, in two pieces.
            for layout in ["128be", "32be", "64le"] {
                let layout = CounterLayout::parse(layout).unwrap();
                let mut want = msg.clone();
                Ctr::new(theirs.clone(), &iv, layout).unwrap().apply_keystream(&mut want).unwrap();
                let mut got = msg.clone();
                let mut ctr = Ctr::new(ours.clone(), &iv, layout).unwrap();
                let (a, b) = got.split_at_mut(split.min(msg.len()));
                ctr.apply_keystream(a).unwrap();
                ctr.apply_keystream(b).unwrap();
                prop_assert_eq!(&got, &want, "ctr {} {}", layout, path);
            }

            // ECB and CBC, both directions.
            let mut want = aligned.to_vec();
            Ecb::new(theirs.clone()).encrypt_blocks(&mut want).unwrap();
            let mut got = aligned.to_vec();
            Ecb::new(ours.clone()).encrypt_blocks(&mut got).unwrap();
            prop_assert_eq!(&got, &want, "ecb enc {}", path);
            Ecb::new(ours.clone()).decrypt_blocks(&mut got).unwrap();
            prop_assert_eq!(&got[..], aligned, "ecb dec {}", path);

            let mut want = aligned.to_vec();
            Cbc::new(theirs.clone(), &iv).unwrap().encrypt_blocks(&mut want).unwrap();
            let mut got = aligned.to_vec();
            Cbc::new(ours.clone(), &iv).unwrap().encrypt_blocks(&mut got).unwrap();
            prop_assert_eq!(&got, &want, "cbc enc {}", path);
            let mut want_dec = want.clone();
            Cbc::new(theirs.clone(), &iv).unwrap().decrypt_blocks(&mut want_dec).unwrap();
            Cbc::new(ours.clone(), &iv).unwrap().decrypt_blocks(&mut got).unwrap();
            prop_assert_eq!(&got, &want_dec, "cbc dec {}", path);

            // PCBC (chained, decrypt direction).
            let mut want = aligned.to_vec();
            Pcbc::new(theirs.clone(), &iv).unwrap().encrypt_blocks(&mut want).unwrap();
            let mut got = want.clone();
            Pcbc::new(ours.clone(), &iv).unwrap().decrypt_blocks(&mut got).unwrap();
            prop_assert_eq!(&got[..], aligned, "pcbc dec {}", path);

            // CFB-128 and CFB-8 decryption (parallel core and chained), OFB.
            for s in [128, 8] {
                let mut want = msg.clone();
                Cfb::new(theirs.clone(), &iv, s).unwrap().encrypt(&mut want).unwrap();
                let mut got = want.clone();
                Cfb::new(ours.clone(), &iv, s).unwrap().decrypt(&mut got).unwrap();
                prop_assert_eq!(&got, &msg, "cfb{} {}", s, path);
            }
            let mut want = msg.clone();
            Ofb::new(theirs.clone(), &iv).unwrap().encrypt(&mut want).unwrap();
            let mut got = msg.clone();
            Ofb::new(ours.clone(), &iv).unwrap().encrypt(&mut got).unwrap();
            prop_assert_eq!(&got, &want, "ofb {}", path);

            // Ciphertext stealing (CBC-CS3) when the message is long enough.
            if msg.len() >= 16 {
                let mut want = msg.clone();
                CbcCs::new(theirs.clone(), &iv, CsVariant::Cs3).unwrap().encrypt(&mut want).unwrap();
                let mut got = want.clone();
                CbcCs::new(ours.clone(), &iv, CsVariant::Cs3).unwrap().decrypt(&mut got).unwrap();
                prop_assert_eq!(&got, &msg, "cbc-cs3 {}", path);
            }
        }
    }
}

#[test]
fn force_portable_switch() {
    let key = [7u8; 16].into();
    backend::force_portable(true);
    assert_eq!(backend::default_backend(), Backend::Portable);
    assert_eq!(backend::active_backend(), "portable");
    let forced = Aes128::new(&key);
    backend::force_portable(false);
    assert_eq!(forced.backend(), Backend::Portable);
    let best = Aes128::new(&key);
    assert_eq!(best.backend(), backend::default_backend());
    assert_eq!(best.backend().name(), backend::active_backend());
    let order = Backend::ALL;
    let first_supported = order.into_iter().find(|b| b.is_supported());
    assert_eq!(Some(best.backend()), first_supported);
    // Both compute the same thing.
    let mut a = Array::from([1u8; 16]);
    let mut b = a;
    forced.encrypt_block(&mut a);
    best.encrypt_block(&mut b);
    assert_eq!(a, b);
    eprintln!("best AES backend here: {}", best.backend());
}

#[test]
fn unsupported_path_is_an_error_and_debug_hides_the_key() {
    let key = [9u8; 16].into();
    for b in Backend::ALL {
        assert_eq!(Aes128::new_with_backend(&key, b).is_ok(), b.is_supported());
    }
    let c = Aes128::new_with_backend(&key, Backend::Portable).unwrap();
    let s = format!("{c:?}");
    assert!(s.contains("Portable") && !s.contains('9'), "{s}");
}
