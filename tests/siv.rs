//! AES-SIV (RFC 5297): the Appendix A vectors, the AES-192/256 vectors of
//! pyca's cryptography_vectors `ciphers/AES/SIV/openssl.txt`, round trips,
//! component separation, limits, bit flips (failed opens zero the output),
//! and a differential against RustCrypto `aes-siv`.

use aes::{Aes128, Aes192, Aes256};
use blockmodes::Error;
use blockmodes::aead::{
    Siv,
    siv::{IV_LEN, MAX_AD_COMPONENTS},
};
use proptest::prelude::*;

fn hex(s: &str) -> Vec<u8> {
    let s: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    assert!(s.len().is_multiple_of(2), "odd hex");
    s.chunks(2)
        .map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap(), 16).unwrap())
        .collect()
}

/// (key, AD components, plaintext, V || C).
struct Vector {
    key: &'static str,
    ad: &'static [&'static str],
    pt: &'static str,
    out: &'static str,
}

const VECTORS: &[Vector] = &[
    // RFC 5297 A.1, deterministic authenticated encryption.
    Vector {
        key: "fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0 f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
        ad: &["101112131415161718191a1b1c1d1e1f2021222324252627"],
        pt: "112233445566778899aabbccddee",
        out: "85632d07c6e8f37f950acd320a2ecc93 40c02b9690c4dc04daef7f6afe5c",
    },
    // RFC 5297 A.2, nonce-based: AD1, AD2, nonce.
    Vector {
        key: "7f7e7d7c7b7a79787776757473727170 404142434445464748494a4b4c4d4e4f",
        ad: &[
            "00112233445566778899aabbccddeeffdeaddadadeaddadaffeeddccbbaa99887766554433221100",
            "102030405060708090a0",
            "09f911029d74e35bd84156c5635688c0",
        ],
        pt: "7468697320697320736f6d6520706c61696e7465787420746f20656e6372797074207573696e67205349562d414553",
        out: "7bdb6e3b432667eb06f4d14bff2fbd0f cb900f2fddbe404326601965c889bf17dba77ceb094fa663b7a3f748ba8af829ea64ad544a272e9c485b62a3fd5c0d",
    },
    // cryptography_vectors ciphers/AES/SIV/openssl.txt COUNT = 2 (aes-192-siv).
    Vector {
        key: "fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0f0f1f2f3f4f5f6f7 f8f9fafbfcfdfefffffefdfcfbfaf9f8f7f6f5f4f3f2f1f0",
        ad: &["101112131415161718191a1b1c1d1e1f2021222324252627"],
        pt: "112233445566778899aabbccddee",
        out: "89e869b93256785154f0963962fe0740 eff356e42dec1f4febded36642f2",
    },
    // COUNT = 3 (aes-256-siv).
    Vector {
        key: "fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff \
              f0f1f2f3f4f5f6f7f8f9fafbfcfdfefffffefdfcfbfaf9f8f7f6f5f4f3f2f1f0",
        ad: &["101112131415161718191a1b1c1d1e1f2021222324252627"],
        pt: "112233445566778899aabbccddee",
        out: "724dfb2eaf94dbb19b0ba3a299a0801e f3b05a55498ec2552690b89810e4",
    },
];

/// Encrypt and decrypt with whichever AES fits the key.
fn seal(key: &[u8], ad: &[&[u8]], pt: &[u8]) -> Result<Vec<u8>, Error> {
    match key.len() {
        32 => Siv::<Aes128>::new_from_slice(key)?.encrypt(ad, pt),
        48 => Siv::<Aes192>::new_from_slice(key)?.encrypt(ad, pt),
        _ => Siv::<Aes256>::new_from_slice(key)?.encrypt(ad, pt),
    }
}

fn open(key: &[u8], ad: &[&[u8]], sealed: &[u8]) -> Result<Vec<u8>, Error> {
    match key.len() {
        32 => Siv::<Aes128>::new_from_slice(key)?.decrypt(ad, sealed),
        48 => Siv::<Aes192>::new_from_slice(key)?.decrypt(ad, sealed),
        _ => Siv::<Aes256>::new_from_slice(key)?.decrypt(ad, sealed),
    }
}

#[test]
fn rfc5297_and_openssl_vectors() {
    for v in VECTORS {
        let key = hex(v.key);
        let ad: Vec<Vec<u8>> = v.ad.iter().map(|a| hex(a)).collect();
        let ad: Vec<&[u8]> = ad.iter().map(Vec::as_slice).collect();
        let (pt, out) = (hex(v.pt), hex(v.out));
        assert_eq!(seal(&key, &ad, &pt).unwrap(), out, "key {}", v.key);
        assert_eq!(open(&key, &ad, &out).unwrap(), pt);

        // In place, detached.
        let siv = Siv::<Aes128>::new_from_slice(&key);
        if let Ok(siv) = siv {
            let mut buf = pt.clone();
            let v_tag = siv.encrypt_in_place_detached(&ad, &mut buf).unwrap();
            assert_eq!(&v_tag[..], &out[..IV_LEN]);
            assert_eq!(buf, out[IV_LEN..]);
            siv.decrypt_in_place_detached(&ad, &mut buf, &v_tag)
                .unwrap();
            assert_eq!(buf, pt);
        }
    }
}

#[test]
fn keys_and_short_inputs() {
    for bad in [0, 16, 31, 33, 40, 47, 63, 65] {
        assert_eq!(
            Siv::<Aes128>::new_from_slice(&vec![0; bad]).err(),
            if bad == 32 {
                None
            } else {
                Some(Error::InvalidKeyLength)
            },
            "{bad}"
        );
    }
    assert!(Siv::<Aes192>::new_from_slice(&[0; 48]).is_ok());
    assert!(Siv::<Aes256>::new_from_slice(&[0; 64]).is_ok());
    assert_eq!(
        Siv::<Aes256>::new_from_slice(&[0; 32]).err(),
        Some(Error::InvalidKeyLength)
    );

    let siv = Siv::<Aes128>::new_from_slice(&[1; 32]).unwrap();
    for n in 0..IV_LEN {
        assert_eq!(siv.decrypt(&[], &vec![0; n]), Err(Error::Decrypt));
    }
    // A wrong-length V is refused, and the buffer is zeroed.
    let mut buf = *b"some ciphertext";
    assert_eq!(
        siv.decrypt_in_place_detached(&[], &mut buf, &[0; 15]),
        Err(Error::Decrypt)
    );
    assert_eq!(buf, [0; 15]);
    // Empty plaintext: V alone.
    let sealed = siv.encrypt(&[], b"").unwrap();
    assert_eq!(sealed.len(), IV_LEN);
    assert_eq!(siv.decrypt(&[], &sealed).unwrap(), b"");
}

#[test]
fn component_limit() {
    let siv = Siv::<Aes128>::new_from_slice(&[2; 32]).unwrap();
    let ok = vec![&b"x"[..]; MAX_AD_COMPONENTS];
    let sealed = siv.encrypt(&ok, b"pt").unwrap();
    assert_eq!(siv.decrypt(&ok, &sealed).unwrap(), b"pt");
    let too_many = vec![&b"x"[..]; MAX_AD_COMPONENTS + 1];
    assert_eq!(siv.encrypt(&too_many, b"pt"), Err(Error::LimitExceeded));
    let mut buf = sealed[IV_LEN..].to_vec();
    assert_eq!(
        siv.decrypt_in_place_detached(&too_many, &mut buf, &sealed[..IV_LEN]),
        Err(Error::LimitExceeded)
    );
    assert_eq!(buf, [0, 0]);
}

#[test]
fn components_are_separate() {
    let siv = Siv::<Aes128>::new_from_slice(&[3; 32]).unwrap();
    let outs = [
        siv.encrypt(&[], b"message").unwrap(),
        siv.encrypt(&[b""], b"message").unwrap(),
        siv.encrypt(&[b"", b""], b"message").unwrap(),
        siv.encrypt(&[b"abc"], b"message").unwrap(),
        siv.encrypt(&[b"ab", b"c"], b"message").unwrap(),
        siv.encrypt(&[b"a", b"bc"], b"message").unwrap(),
        siv.encrypt(&[b"c", b"ab"], b"message").unwrap(),
    ];
    for (i, a) in outs.iter().enumerate() {
        for b in &outs[i + 1..] {
            assert_ne!(a, b);
        }
    }
}

type RefSiv128 = aes_siv::siv::Aes128Siv;
type RefSiv256 = aes_siv::siv::Aes256Siv;

fn flip(bytes: &mut [u8], bit: usize) {
    bytes[bit / 8] ^= 1 << (bit % 8);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Same output as RustCrypto `aes-siv` (AES-SIV-256 and -512) for any
    /// components and plaintext, and it opens again.
    #[test]
    fn matches_aes_siv_crate(
        key in prop::collection::vec(any::<u8>(), 64),
        ad in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..40), 0..4),
        pt in prop::collection::vec(any::<u8>(), 0..100),
    ) {
        use aes_siv::KeyInit;
        let ad: Vec<&[u8]> = ad.iter().map(Vec::as_slice).collect();

        let ours = Siv::<Aes128>::new_from_slice(&key[..32]).unwrap().encrypt(&ad, &pt).unwrap();
        let theirs = RefSiv128::new_from_slice(&key[..32]).unwrap().encrypt(&ad, &pt).unwrap();
        prop_assert_eq!(&ours, &theirs);
        prop_assert_eq!(open(&key[..32], &ad, &ours).unwrap(), pt.clone());

        let ours = Siv::<Aes256>::new_from_slice(&key).unwrap().encrypt(&ad, &pt).unwrap();
        let theirs = RefSiv256::new_from_slice(&key).unwrap().encrypt(&ad, &pt).unwrap();
        prop_assert_eq!(&ours, &theirs);
    }

    /// Flipping any bit of any AD component, of V or of C makes the open
    /// fail with `Decrypt` and leaves the buffer zeroed.
    #[test]
    fn any_bit_flip_fails_and_zeroes(
        key in prop::array::uniform32(any::<u8>()),
        ad in prop::collection::vec(prop::collection::vec(any::<u8>(), 1..20), 1..3),
        pt in prop::collection::vec(any::<u8>(), 1..60),
        which in 0usize..3,
        pick in any::<prop::sample::Index>(),
    ) {
        let siv = Siv::<Aes128>::new_from_slice(&key).unwrap();
        let ad_refs: Vec<&[u8]> = ad.iter().map(Vec::as_slice).collect();
        let sealed = siv.encrypt(&ad_refs, &pt).unwrap();
        let (mut v, mut ct, mut ad) = (sealed[..IV_LEN].to_vec(), sealed[IV_LEN..].to_vec(), ad);
        match which {
            0 => flip(&mut v, pick.index(IV_LEN * 8)),
            1 => { let n = ct.len() * 8; flip(&mut ct, pick.index(n)) }
            _ => {
                let n: usize = ad.iter().map(|a| a.len() * 8).sum();
                let mut bit = pick.index(n);
                for a in ad.iter_mut() {
                    if bit < a.len() * 8 { flip(a, bit); break; }
                    bit -= a.len() * 8;
                }
            }
        }
        let ad_refs: Vec<&[u8]> = ad.iter().map(Vec::as_slice).collect();
        prop_assert_eq!(siv.decrypt_in_place_detached(&ad_refs, &mut ct, &v), Err(Error::Decrypt));
        prop_assert!(ct.iter().all(|&b| b == 0));
    }
}

/// Our AES on every path this CPU runs (the stitched decryption kernel on
/// the hardware ones, K1 and K2 on different paths too) opens what the
/// `aes` crate's SIV seals, at every length 0..=64 and around 4 KiB, for
/// every key size; a flipped bit of C fails and zeroes the buffer.
#[test]
fn every_backend_opens_at_every_length() {
    use blockmodes::backend::{self, Backend};

    fn one<Ours: blockmodes::Kernels<BlockSize = blockmodes::cipher::consts::U16>>(
        reference: &[u8],
        siv: &Siv<Ours>,
        name: &str,
    ) {
        let (v, ct) = reference.split_at(IV_LEN);
        let mut buf = ct.to_vec();
        siv.decrypt_in_place_detached(&[b"ad", b"nonce"], &mut buf, v)
            .unwrap_or_else(|e| panic!("{name}, {} bytes: {e:?}", ct.len()));
        let want: Vec<u8> = (0..ct.len()).map(|i| (i * 7 + 1) as u8).collect();
        assert_eq!(buf, want, "{name}, {} bytes", ct.len());
        if !ct.is_empty() {
            let mut bad = ct.to_vec();
            bad[ct.len() / 2] ^= 0x10;
            assert_eq!(
                siv.decrypt_in_place_detached(&[b"ad", b"nonce"], &mut bad, v),
                Err(Error::Decrypt)
            );
            assert!(bad.iter().all(|&b| b == 0), "{name}: not zeroed");
        }
    }

    let key: Vec<u8> = (0..64u8).map(|i| i.wrapping_mul(29) ^ 0x5a).collect();
    let paths: Vec<Backend> = Backend::ALL
        .into_iter()
        .filter(|p| p.is_supported())
        .collect();
    for len in (0..=64).chain(4080..=4130) {
        let pt: Vec<u8> = (0..len).map(|i| (i * 7 + 1) as u8).collect();
        let ad: [&[u8]; 2] = [b"ad", b"nonce"];
        macro_rules! sizes {
            ($ours:ty, $theirs:ty, $n:literal) => {
                let sealed = Siv::<$theirs>::new_from_slice(&key[..2 * $n])
                    .unwrap()
                    .encrypt(&ad, &pt)
                    .unwrap();
                for &p1 in &paths {
                    for &p2 in &paths {
                        let k1 = <$ours>::new_with_backend(key[..$n].try_into().unwrap(), p1);
                        let k2 = <$ours>::new_with_backend(key[$n..2 * $n].try_into().unwrap(), p2);
                        let siv = Siv::new(k1.unwrap(), k2.unwrap());
                        one(&sealed, &siv, &format!("aes{} K1 {p1} K2 {p2}", $n * 8));
                    }
                }
            };
        }
        sizes!(backend::Aes128, Aes128, 16);
        sizes!(backend::Aes192, Aes192, 24);
        sizes!(backend::Aes256, Aes256, 32);
    }
}
