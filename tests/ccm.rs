//! CCM: SP 800-38C Appendix C examples 1–4 (example 4 has 64 KiB of
//! associated data, the 6-byte length form), RFC 3610 packet vector #1,
//! CAVP DVPT records (pyca's cryptography_vectors
//! `ciphers/AES/CCM/DVPT{128,256}.rsp`, a Pass and a Fail), parameter
//! limits, bit flips (failed opens zero the output), and a differential
//! against RustCrypto `ccm`.

use aes::{Aes128, Aes256};
use blockmodes::Error;
use blockmodes::aead::{
    Aead, Ccm,
    ccm::{MAX_NONCE_LEN, MIN_NONCE_LEN, TAG_LENS},
};
use proptest::prelude::*;

fn hex(s: &str) -> Vec<u8> {
    let s: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    assert!(s.len().is_multiple_of(2), "odd hex");
    s.chunks(2)
        .map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap(), 16).unwrap())
        .collect()
}

fn check<C>(key: &str, tag_len: usize, nonce: &str, aad: &[u8], pt: &str, out: &str)
where
    C: blockmodes::Kernels<BlockSize = blockmodes::cipher::consts::U16>
        + blockmodes::cipher::KeyInit,
{
    let ccm = Ccm::<C>::new_from_slice(&hex(key))
        .unwrap()
        .with_tag_len(tag_len)
        .unwrap();
    let (nonce, pt, out) = (hex(nonce), hex(pt), hex(out));
    assert_eq!(
        ccm.encrypt(&nonce, aad, &pt).unwrap(),
        out,
        "nonce {nonce:02x?}"
    );
    assert_eq!(ccm.decrypt(&nonce, aad, &out).unwrap(), pt);
}

const K: &str = "404142434445464748494a4b4c4d4e4f";

#[test]
fn sp800_38c_appendix_c() {
    // C.1: Tlen 32, Nlen 56 (q = 8), Alen 64, Plen 32.
    check::<Aes128>(
        K,
        4,
        "10111213141516",
        &hex("0001020304050607"),
        "20212223",
        "7162015b4dac255d",
    );
    // C.2: Tlen 48, Nlen 64, Alen 128, Plen 128.
    check::<Aes128>(
        K,
        6,
        "1011121314151617",
        &hex("000102030405060708090a0b0c0d0e0f"),
        "202122232425262728292a2b2c2d2e2f",
        "d2a1f0e051ea5f62081a7792073d593d1fc64fbfaccd",
    );
    // C.3: Tlen 64, Nlen 96, Alen 160, Plen 192.
    check::<Aes128>(
        K,
        8,
        "101112131415161718191a1b",
        &hex("000102030405060708090a0b0c0d0e0f10111213"),
        "202122232425262728292a2b2c2d2e2f3031323334353637",
        "e3b201a9f5b71a7a9b1ceaeccd97e70b6176aad9a4428aa5484392fbc1b09951",
    );
    // C.4: Tlen 112, Nlen 104, Alen 524288 (0x00..0xff repeated), Plen 256.
    let aad: Vec<u8> = (0..65536).map(|i| i as u8).collect();
    check::<Aes128>(
        K,
        14,
        "101112131415161718191a1b1c",
        &aad,
        "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f",
        "69915dad1e84c6376a68c2967e4dab615ae0fd1faec44cc484828529463ccf72\
         b4ac6bec93e8598e7f0dadbcea5b",
    );
}

#[test]
fn rfc3610_packet_vector_1() {
    // 8 bytes of the 31-byte packet are authenticated only; 8-byte MAC.
    check::<Aes128>(
        "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf",
        8,
        "00000003020100a0a1a2a3a4a5",
        &hex("0001020304050607"),
        "08090a0b0c0d0e0f101112131415161718191a1b1c1d1e",
        "588c979a61c663d2f066d0c2c0f989806d5f6b61dac38417e8d12cfdf926e0",
    );
}

#[test]
fn cavp_dvpt_records() {
    // DVPT128 [Alen = 32, Plen = 24, Nlen = 13, Tlen = 16] Count = 225 (Pass).
    check::<Aes128>(
        "26511fb51fcfa75cb4b44da75a6e5a0e",
        16,
        "5a8aa485c316e9403aff859fbb",
        &hex("a16a2e741f1cd9717285b6d882c1fc53655e9773761ad697a7ee6410184c7982"),
        "8739b4bea1a099fe547499cbc6d1b13d849b8084c9b6acc5",
        "50038b5fdd364ee747b70d00bd36840ece4ea19998123375c0a458bfcafa3b2609afe0f825cbf503",
    );
    // DVPT256 [Alen = 32, Plen = 24, Nlen = 7, Tlen = 16] Count = 195 (Pass).
    check::<Aes256>(
        "705334e30f53dd2f92d190d2c1437c8772f940c55aa35e562214ed45bd458ffe",
        16,
        "a544218dadd3c1",
        &hex("d3d5424e20fbec43ae495353ed830271515ab104f8860c988d15b6d36c038eab"),
        "78c46e3249ca28e1ef0531d80fd37c124d9aecb7be6668e3",
        "3341168eb8c48468c414347fb08f71d2086f7c2d1bd581ce1ac68bd42f5ec7fa7e068cc0ecd79c2a",
    );
    // DVPT128, same section, Count = 226 (Fail).
    let ccm = Ccm::<Aes128>::new_from_slice(&hex("26511fb51fcfa75cb4b44da75a6e5a0e")).unwrap();
    let ct =
        hex("78ed8ff6b5a1255d0fbd0a719a9c27b059ff5f83d0c4962c390042ba8bb5f6798dab01c5afad7306");
    let aad = hex("ec6c44a7e94e51a3ca6dee229098391575ec7213c85267fbf7492fdbeee61b10");
    let (body, tag) = ct.split_at(24);
    let mut buf = body.to_vec();
    assert_eq!(
        ccm.decrypt_in_place_detached(&hex("0812757ad0cc4d17c4cfe7a642"), &aad, &mut buf, tag),
        Err(Error::Decrypt)
    );
    assert_eq!(buf, [0; 24]);
}

#[test]
fn parameters_and_limits() {
    let ccm = || Ccm::<Aes128>::new_from_slice(&[9; 16]).unwrap();
    assert_eq!(
        Ccm::<Aes128>::new_from_slice(&[0; 15]).err(),
        Some(Error::InvalidKeyLength)
    );
    for t in 0..=20 {
        let r = ccm().with_tag_len(t).map(|c| c.tag_len());
        assert_eq!(
            r,
            if TAG_LENS.contains(&t) {
                Ok(t)
            } else {
                Err(Error::InvalidParameter)
            }
        );
    }
    for n in 0..20 {
        let r = ccm().encrypt(&vec![1; n], b"a", b"p");
        if (MIN_NONCE_LEN..=MAX_NONCE_LEN).contains(&n) {
            let sealed = r.unwrap();
            assert_eq!(ccm().decrypt(&vec![1; n], b"a", &sealed).unwrap(), b"p");
        } else {
            assert_eq!(r, Err(Error::InvalidIvLength), "{n}");
            let mut buf = *b"xyz";
            let e = ccm().decrypt_in_place_detached(&vec![1; n], b"a", &mut buf, &[0; 16]);
            assert_eq!(e, Err(Error::InvalidIvLength));
            assert_eq!(buf, [0; 3]);
        }
    }
    // q = 2 (13-byte nonce): the payload must be shorter than 2^16 bytes.
    let big = vec![0u8; 1 << 16];
    assert_eq!(
        ccm().encrypt(&[0; 13], b"", &big),
        Err(Error::LimitExceeded)
    );
    let sealed = ccm().encrypt(&[0; 13], b"", &big[1..]).unwrap();
    assert_eq!(ccm().decrypt(&[0; 13], b"", &sealed).unwrap(), &big[1..]);
    assert_eq!(
        ccm().encrypt(&[0; 12], b"", &big).map(|v| v.len()),
        Ok((1 << 16) + 16)
    );
    // The 2-byte / 6-byte AAD length forms meet at 2^16 - 2^8.
    for a in [0xfeff, 0xff00] {
        let aad = vec![7u8; a];
        let sealed = ccm().encrypt(&[0; 13], &aad, b"p").unwrap();
        assert_eq!(ccm().decrypt(&[0; 13], &aad, &sealed).unwrap(), b"p");
        assert_eq!(
            ccm().decrypt(&[0; 13], &aad[1..], &sealed),
            Err(Error::Decrypt)
        );
    }
    assert_eq!(ccm().decrypt(&[0; 13], b"", &[0; 15]), Err(Error::Decrypt));
}

fn flip(bytes: &mut [u8], bit: usize) {
    bytes[bit / 8] ^= 1 << (bit % 8);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Same output as RustCrypto `ccm` for 13- and 7-byte nonces with 16-
    /// and 4-byte tags, AAD in the 2-byte length form and none at all.
    #[test]
    fn matches_ccm_crate(
        key in prop::array::uniform16(any::<u8>()),
        nonce in prop::array::uniform13(any::<u8>()),
        aad in prop::collection::vec(any::<u8>(), 0..70),
        pt in prop::collection::vec(any::<u8>(), 0..300),
    ) {
        use ccm::aead::{Aead as _, KeyInit as _, Payload};
        use ccm::consts::{U4, U7, U13, U16};
        let ours = Ccm::<Aes128>::new_from_slice(&key).unwrap().encrypt(&nonce, &aad, &pt).unwrap();
        let theirs = ccm::Ccm::<Aes128, U16, U13>::new_from_slice(&key)
            .unwrap()
            .encrypt(&nonce.into(), Payload { msg: &pt, aad: &aad })
            .unwrap();
        prop_assert_eq!(ours, theirs);

        let n7: [u8; 7] = nonce[..7].try_into().unwrap();
        let ours = Ccm::<Aes128>::new_from_slice(&key).unwrap().with_tag_len(4).unwrap()
            .encrypt(&n7, &aad, &pt).unwrap();
        let theirs = ccm::Ccm::<Aes128, U4, U7>::new_from_slice(&key)
            .unwrap()
            .encrypt(&n7.into(), Payload { msg: &pt, aad: &aad })
            .unwrap();
        prop_assert_eq!(ours, theirs);
    }

    /// Any single bit flip in nonce, AAD, ciphertext or tag: `Decrypt`,
    /// and the buffer (which held the decrypted plaintext) is zeroed.
    #[test]
    fn any_bit_flip_fails_and_zeroes(
        key in prop::array::uniform16(any::<u8>()),
        nonce in prop::collection::vec(any::<u8>(), 7..=13),
        aad in prop::collection::vec(any::<u8>(), 1..40),
        pt in prop::collection::vec(any::<u8>(), 1..60),
        tag_len in prop::sample::select(TAG_LENS.to_vec()),
        which in 0usize..4,
        pick in any::<prop::sample::Index>(),
    ) {
        let ccm = Ccm::<Aes128>::new_from_slice(&key).unwrap().with_tag_len(tag_len).unwrap();
        let (mut nonce, mut aad, mut buf) = (nonce, aad, pt.clone());
        let mut tag = ccm.encrypt_in_place_detached(&nonce, &aad, &mut buf).unwrap().to_vec();
        match which {
            0 => { let n = nonce.len() * 8; flip(&mut nonce, pick.index(n)) }
            1 => { let n = aad.len() * 8; flip(&mut aad, pick.index(n)) }
            2 => { let n = buf.len() * 8; flip(&mut buf, pick.index(n)) }
            _ => flip(&mut tag, pick.index(tag_len * 8)),
        }
        prop_assert_eq!(ccm.decrypt_in_place_detached(&nonce, &aad, &mut buf, &tag), Err(Error::Decrypt));
        prop_assert!(buf.iter().all(|&b| b == 0));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The crate's AES on every path this CPU runs (the stitched CBC-MAC +
    /// CTR kernel on VAES / AES-NI) seals and opens exactly like `aes::Aes*`
    /// on the generic path: payloads with and without a partial last block,
    /// with and without associated data, all three key sizes.
    #[test]
    fn every_backend_matches_the_generic_path(
        key in prop::array::uniform32(any::<u8>()),
        nonce in prop::array::uniform13(any::<u8>()),
        aad in prop::collection::vec(any::<u8>(), 0..40),
        pt in prop::collection::vec(any::<u8>(), 0..700),
        tag_len in prop::sample::select(TAG_LENS.to_vec()),
    ) {
        use blockmodes::backend::{self, Backend};
        fn both<A, B>(a: Ccm<A>, b: Ccm<B>, nonce: &[u8], aad: &[u8], pt: &[u8], name: &str)
        where
            A: blockmodes::Kernels<BlockSize = blockmodes::cipher::consts::U16>,
            B: blockmodes::Kernels<BlockSize = blockmodes::cipher::consts::U16>,
        {
            let sealed = a.encrypt(nonce, aad, pt).unwrap();
            assert_eq!(sealed, b.encrypt(nonce, aad, pt).unwrap(), "{name} seal");
            assert_eq!(a.decrypt(nonce, aad, &sealed).unwrap(), pt, "{name} open");
            let mut bad = sealed.clone();
            bad[0] ^= 1;
            assert_eq!(a.decrypt(nonce, aad, &bad), Err(Error::Decrypt), "{name} forged");
        }
        for path in Backend::ALL {
            if !path.is_supported() {
                continue;
            }
            let k16 = key[..16].try_into().unwrap();
            let k32 = (&key).into();
            both(
                Ccm::new(backend::Aes128::new_with_backend(k16, path).unwrap()).with_tag_len(tag_len).unwrap(),
                Ccm::<Aes128>::new_from_slice(&key[..16]).unwrap().with_tag_len(tag_len).unwrap(),
                &nonce, &aad, &pt, &format!("aes128 {path}"),
            );
            both(
                Ccm::new(backend::Aes256::new_with_backend(k32, path).unwrap()).with_tag_len(tag_len).unwrap(),
                Ccm::<Aes256>::new_from_slice(&key).unwrap().with_tag_len(tag_len).unwrap(),
                &nonce[..7], &aad, &pt, &format!("aes256 {path}"),
            );
        }
    }
}
