//! ECB, CBC, PCBC and OFB: differential tests against the RustCrypto crates,
//! the three calling styles agreeing with each other, padding round trips for
//! every scheme, and genericity over 64- and 128-bit block ciphers.

use aes::{Aes128, Aes192, Aes256};
use blockmodes::{
    BlockDecryptMode, BlockEncryptMode, Cbc, Ecb, Error, Ofb, Padding, Pcbc, StreamMode,
};
use cipher::block_padding;
use cipher::{BlockModeDecrypt, BlockModeEncrypt, KeyInit, KeyIvInit, StreamCipher};
use proptest::prelude::*;

/// A deterministic RNG for ISO 10126 padding in tests.
struct Counter(u8);
impl blockmodes::RandomFill for Counter {
    fn fill(&mut self, dst: &mut [u8]) {
        for b in dst {
            self.0 = self.0.wrapping_mul(13).wrapping_add(7);
            *b = self.0;
        }
    }
}

fn rc_pad_enc<M: BlockModeEncrypt>(m: M, msg: &[u8], padding: Padding) -> Vec<u8> {
    use block_padding as bp;
    match padding {
        Padding::Pkcs7 => m.encrypt_padded_vec::<bp::Pkcs7>(msg),
        Padding::AnsiX923 => m.encrypt_padded_vec::<bp::AnsiX923>(msg),
        Padding::Iso7816 => m.encrypt_padded_vec::<bp::Iso7816>(msg),
        Padding::Zero => m.encrypt_padded_vec::<bp::ZeroPadding>(msg),
        Padding::None => m.encrypt_padded_vec::<bp::NoPadding>(msg),
        Padding::Iso10126 => unreachable!("random"),
    }
}

macro_rules! differential {
    ($name:ident, $ours:ident, $theirs_enc:ty, $theirs_dec:ty, $cipher:ty, $klen:expr, $blen:expr) => {
        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]
            #[test]
            fn $name(key in prop::collection::vec(any::<u8>(), $klen),
                     iv in prop::collection::vec(any::<u8>(), $blen),
                     msg in prop::collection::vec(any::<u8>(), 0..200),
                     pad_ix in 0usize..5) {
                let padding = [Padding::Pkcs7, Padding::AnsiX923, Padding::Iso7816, Padding::Zero, Padding::None][pad_ix];
                let msg = if padding == Padding::None { &msg[..msg.len() / $blen * $blen] } else { &msg[..] };
                let theirs = rc_pad_enc(<$theirs_enc>::new_from_slices(&key, &iv).unwrap(), msg, padding);
                let ours = $ours::<$cipher>::new_from_slices(&key, &iv).unwrap().encrypt_padded_vec(msg, padding).unwrap();
                prop_assert_eq!(&ours, &theirs);
                let mut buf = theirs.clone();
                let mut dec = <$theirs_dec>::new_from_slices(&key, &iv).unwrap();
                dec.decrypt_blocks(cipher::Array::slice_as_chunks_mut(&mut buf).0);
                let mut ours_dec = theirs.clone();
                $ours::<$cipher>::new_from_slices(&key, &iv).unwrap().decrypt_blocks(&mut ours_dec).unwrap();
                prop_assert_eq!(&ours_dec, &buf);
                if padding != Padding::Zero {
                    let pt = $ours::<$cipher>::new_from_slices(&key, &iv).unwrap().decrypt_padded_vec(&theirs, padding).unwrap();
                    prop_assert_eq!(&pt[..], msg);
                }
            }
        }
    };
}

differential!(
    cbc_aes128_vs_rustcrypto,
    Cbc,
    cbc::Encryptor<Aes128>,
    cbc::Decryptor<Aes128>,
    Aes128,
    16,
    16
);
differential!(
    cbc_aes192_vs_rustcrypto,
    Cbc,
    cbc::Encryptor<Aes192>,
    cbc::Decryptor<Aes192>,
    Aes192,
    24,
    16
);
differential!(
    cbc_aes256_vs_rustcrypto,
    Cbc,
    cbc::Encryptor<Aes256>,
    cbc::Decryptor<Aes256>,
    Aes256,
    32,
    16
);
differential!(
    cbc_tdes_vs_rustcrypto,
    Cbc,
    cbc::Encryptor<des::TdesEde3>,
    cbc::Decryptor<des::TdesEde3>,
    des::TdesEde3,
    24,
    8
);
differential!(
    pcbc_aes128_vs_rustcrypto,
    Pcbc,
    pcbc::Encryptor<Aes128>,
    pcbc::Decryptor<Aes128>,
    Aes128,
    16,
    16
);
differential!(
    pcbc_aes256_vs_rustcrypto,
    Pcbc,
    pcbc::Encryptor<Aes256>,
    pcbc::Decryptor<Aes256>,
    Aes256,
    32,
    16
);
differential!(
    pcbc_tdes_vs_rustcrypto,
    Pcbc,
    pcbc::Encryptor<des::TdesEde3>,
    pcbc::Decryptor<des::TdesEde3>,
    des::TdesEde3,
    24,
    8
);
differential!(
    cbc_camellia_vs_rustcrypto,
    Cbc,
    cbc::Encryptor<camellia::Camellia128>,
    cbc::Decryptor<camellia::Camellia128>,
    blockmodes::Generic<camellia::Camellia128>,
    16,
    16
);

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn ecb_vs_cipher(key in prop::collection::vec(any::<u8>(), 32), blocks in 0usize..40) {
        let msg: Vec<u8> = (0..blocks * 16).map(|i| (i * 7) as u8).collect();
        let c = Aes256::new_from_slice(&key).unwrap();
        let mut theirs = msg.clone();
        for b in theirs.chunks_mut(16) {
            cipher::BlockCipherEncrypt::encrypt_block(&c, b.try_into().unwrap());
        }
        let ours = Ecb::<Aes256>::new_from_slice(&key).unwrap().encrypt_padded_vec(&msg, Padding::None).unwrap();
        prop_assert_eq!(&ours, &theirs);
        let back = Ecb::<Aes256>::new_from_slice(&key).unwrap().decrypt_padded_vec(&ours, Padding::None).unwrap();
        prop_assert_eq!(back, msg);
    }

    #[test]
    fn ofb_vs_rustcrypto(key in prop::collection::vec(any::<u8>(), 16),
                         iv in prop::collection::vec(any::<u8>(), 16),
                         msg in prop::collection::vec(any::<u8>(), 0..300),
                         splits in prop::collection::vec(0usize..40, 0..8)) {
        let mut theirs = msg.clone();
        ofb::Ofb::<Aes128>::new_from_slices(&key, &iv).unwrap().apply_keystream(&mut theirs);
        let mut ours = msg.clone();
        Ofb::<Aes128>::new_from_slices(&key, &iv).unwrap().encrypt(&mut ours).unwrap();
        prop_assert_eq!(&ours, &theirs);
        // Streaming in arbitrary pieces, buffer to buffer.
        let mut m = Ofb::<Aes128>::new_from_slices(&key, &iv).unwrap();
        let mut out = vec![0u8; msg.len()];
        let mut at = 0;
        for s in splits {
            let end = (at + s).min(msg.len());
            m.encrypt_b2b(&msg[at..end], &mut out[at..end]).unwrap();
            at = end;
        }
        m.encrypt_b2b(&msg[at..], &mut out[at..]).unwrap();
        prop_assert_eq!(&out, &theirs);
        let back = Ofb::<Aes128>::new_from_slices(&key, &iv).unwrap().decrypt_vec(&ours).unwrap();
        prop_assert_eq!(back, msg);
    }

    #[test]
    fn ofb_tdes_vs_rustcrypto(key in prop::collection::vec(any::<u8>(), 24),
                              iv in prop::collection::vec(any::<u8>(), 8),
                              msg in prop::collection::vec(any::<u8>(), 0..100)) {
        let mut theirs = msg.clone();
        ofb::Ofb::<des::TdesEde3>::new_from_slices(&key, &iv).unwrap().apply_keystream(&mut theirs);
        let ours = Ofb::<des::TdesEde3>::new_from_slices(&key, &iv).unwrap().encrypt_vec(&msg).unwrap();
        prop_assert_eq!(ours, theirs);
    }

    /// Streaming with random splits equals one-shot, for every padding, both
    /// directions; in place equals buffer to buffer.
    #[test]
    fn streaming_equals_one_shot(key in prop::collection::vec(any::<u8>(), 16),
                                 iv in prop::collection::vec(any::<u8>(), 16),
                                 msg in prop::collection::vec(any::<u8>(), 0..150),
                                 splits in prop::collection::vec(0usize..35, 0..8),
                                 pad_ix in 0usize..6) {
        let padding = Padding::ALL[pad_ix];
        let msg = if padding == Padding::None { &msg[..msg.len() / 16 * 16] } else { &msg[..] };
        let one = Cbc::<Aes128>::new_from_slices(&key, &iv).unwrap()
            .encrypt_padded_vec_with_rng(msg, padding, Some(&mut Counter(1))).unwrap();

        // in place = buffer to buffer
        let mut buf = vec![0u8; msg.len() + 16];
        buf[..msg.len()].copy_from_slice(msg);
        let in_place = Cbc::<Aes128>::new_from_slices(&key, &iv).unwrap()
            .encrypt_padded_with_rng(&mut buf, msg.len(), padding, &mut Counter(1)).unwrap().to_vec();
        prop_assert_eq!(&in_place, &one);

        let mut enc = Cbc::<Aes128>::new_from_slices(&key, &iv).unwrap().encryptor(padding);
        let mut out = vec![0u8; msg.len() + 16];
        let (mut at, mut w) = (0, 0);
        for &s in &splits {
            let end = (at + s).min(msg.len());
            prop_assert_eq!(enc.update_len(end - at), enc.update(&msg[at..end], &mut out[w..]).unwrap());
            w += (msg[..end].len() / 16 * 16) - w;
            at = end;
        }
        w += enc.update(&msg[at..], &mut out[w..]).unwrap();
        w += enc.finalize_with_rng(&mut out[w..], &mut Counter(1)).unwrap();
        prop_assert_eq!(&out[..w], &one[..]);

        if padding == Padding::Zero { return Ok(()); }
        let mut dec = Cbc::<Aes128>::new_from_slices(&key, &iv).unwrap().decryptor(padding);
        let mut pt = vec![0u8; one.len() + 16];
        let (mut at, mut w) = (0, 0);
        for &s in &splits {
            let end = (at + s).min(one.len());
            let expect = dec.update_len(end - at);
            let n = dec.update(&one[at..end], &mut pt[w..]).unwrap();
            prop_assert_eq!(n, expect);
            w += n;
            at = end;
        }
        w += dec.update(&one[at..], &mut pt[w..]).unwrap();
        w += dec.finalize(&mut pt[w..]).unwrap();
        prop_assert_eq!(&pt[..w], msg);
    }

    /// Every padding scheme round-trips through every padded mode and key size.
    #[test]
    fn padded_round_trips(key_len in prop::sample::select(vec![16usize, 24, 32]),
                          msg in prop::collection::vec(any::<u8>(), 0..70),
                          pad_ix in 0usize..6, mode in 0usize..3) {
        let padding = Padding::ALL[pad_ix];
        let mut msg = msg;
        if padding == Padding::None { msg.truncate(msg.len() / 16 * 16); }
        if padding == Padding::Zero { msg.retain(|&b| b != 0); }
        let key = vec![0x5a; key_len];
        let iv = [0xa5; 16];
        let rt = |msg: &[u8]| -> (Vec<u8>, Vec<u8>) {
            macro_rules! go { ($c:ty) => {{
                let ct = match mode {
                    0 => Ecb::<$c>::new_from_slice(&key).unwrap().encrypt_padded_vec_with_rng(msg, padding, Some(&mut Counter(3))).unwrap(),
                    1 => Cbc::<$c>::new_from_slices(&key, &iv).unwrap().encrypt_padded_vec_with_rng(msg, padding, Some(&mut Counter(3))).unwrap(),
                    _ => Pcbc::<$c>::new_from_slices(&key, &iv).unwrap().encrypt_padded_vec_with_rng(msg, padding, Some(&mut Counter(3))).unwrap(),
                };
                let pt = match mode {
                    0 => Ecb::<$c>::new_from_slice(&key).unwrap().decrypt_padded_vec(&ct, padding).unwrap(),
                    1 => Cbc::<$c>::new_from_slices(&key, &iv).unwrap().decrypt_padded_vec(&ct, padding).unwrap(),
                    _ => Pcbc::<$c>::new_from_slices(&key, &iv).unwrap().decrypt_padded_vec(&ct, padding).unwrap(),
                };
                (ct, pt)
            }}}
            match key_len { 16 => go!(Aes128), 24 => go!(Aes192), _ => go!(Aes256) }
        };
        let (ct, pt) = rt(&msg);
        prop_assert_eq!(ct.len(), padding.padded_len(msg.len(), 16).unwrap());
        prop_assert_eq!(pt, msg);
    }
}

#[test]
fn error_paths() {
    // Wrong key and IV lengths.
    assert_eq!(
        Cbc::<Aes128>::new_from_slices(&[0; 15], &[0; 16]).err(),
        Some(Error::InvalidKeyLength)
    );
    assert_eq!(
        Cbc::<Aes128>::new_from_slices(&[0; 16], &[0; 15]).err(),
        Some(Error::InvalidIvLength)
    );
    assert_eq!(
        Pcbc::<Aes128>::new_from_slices(&[0; 16], &[0; 17]).err(),
        Some(Error::InvalidIvLength)
    );
    assert_eq!(
        Ofb::<Aes128>::new_from_slices(&[0; 16], &[]).err(),
        Some(Error::InvalidIvLength)
    );
    assert_eq!(
        Ecb::<Aes256>::new_from_slice(&[0; 16]).err(),
        Some(Error::InvalidKeyLength)
    );
    assert_eq!(
        Cbc::<des::TdesEde3>::new_from_slices(&[0; 24], &[0; 16]).err(),
        Some(Error::InvalidIvLength)
    );

    let mut m = Cbc::<Aes128>::new_from_slices(&[0; 16], &[0; 16]).unwrap();
    // Unaligned input without padding.
    assert_eq!(m.encrypt_blocks(&mut [0; 17]), Err(Error::InvalidLength));
    assert_eq!(m.decrypt_blocks(&mut [0; 15]), Err(Error::InvalidLength));
    assert_eq!(
        m.encrypt_padded_vec(&[0; 5], Padding::None),
        Err(Error::InvalidLength)
    );
    // Ciphertext not a whole number of blocks, or empty when padding adds a block.
    assert_eq!(
        m.decrypt_padded_vec(&[0; 20], Padding::Pkcs7),
        Err(Error::InvalidLength)
    );
    assert_eq!(
        m.decrypt_padded_vec(&[], Padding::Pkcs7),
        Err(Error::InvalidLength)
    );
    assert_eq!(m.decrypt_padded_vec(&[], Padding::None), Ok(vec![]));
    // Buffers too small.
    let mut small = [0u8; 16];
    assert_eq!(
        m.encrypt_padded(&mut small, 16, Padding::Pkcs7).err(),
        Some(Error::OutputTooSmall)
    );
    assert_eq!(
        m.encrypt_padded(&mut small, 17, Padding::Pkcs7).err(),
        Some(Error::InvalidLength)
    );
    assert_eq!(
        m.encrypt_padded_b2b(&[1; 16], &mut small, Padding::Pkcs7)
            .err(),
        Some(Error::OutputTooSmall)
    );
    assert_eq!(
        m.decrypt_padded_b2b(&[1; 32], &mut small, Padding::Pkcs7)
            .err(),
        Some(Error::OutputTooSmall)
    );
    assert_eq!(
        m.encrypt_blocks_b2b(&[1; 16], &mut [0; 32]),
        Err(Error::OutputTooSmall)
    );
    // ISO 10126 needs a random source.
    assert_eq!(
        m.encrypt_padded_vec(b"x", Padding::Iso10126),
        Err(Error::InvalidParameter)
    );
    // Streaming output too small.
    let mut enc = Cbc::<Aes128>::new_from_slices(&[0; 16], &[0; 16])
        .unwrap()
        .encryptor(Padding::Pkcs7);
    assert_eq!(
        enc.update(&[0; 40], &mut [0; 31]),
        Err(Error::OutputTooSmall)
    );
    assert_eq!(enc.update(&[0; 40], &mut [0; 32]), Ok(32));
    assert_eq!(enc.finalize(&mut [0; 15]), Err(Error::OutputTooSmall));
    let mut dec = Cbc::<Aes128>::new_from_slices(&[0; 16], &[0; 16])
        .unwrap()
        .decryptor(Padding::Pkcs7);
    assert_eq!(dec.update(&[0; 20], &mut [0; 16]), Ok(16));
    assert_eq!(dec.finalize(&mut [0; 16]), Err(Error::InvalidLength));
}

/// Bad padding is one opaque error, and the in-place buffer is zeroed.
#[test]
fn bad_padding_is_opaque_and_zeroes() {
    let key = [3u8; 16];
    let iv = [4u8; 16];
    for padding in [
        Padding::Pkcs7,
        Padding::AnsiX923,
        Padding::Iso7816,
        Padding::Iso10126,
    ] {
        // Encrypt raw blocks that are not validly padded.
        let bad_tails: &[&[u8]] = &[
            &[0u8; 16],
            &[17u8; 16],
            &[0x80, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0],
        ];
        for tail in bad_tails {
            let mut pt = vec![9u8; 16];
            pt.extend_from_slice(tail);
            if padding.unpad_block(tail).is_ok() {
                continue;
            }
            let mut ct = pt.clone();
            Cbc::<Aes128>::new_from_slices(&key, &iv)
                .unwrap()
                .encrypt_blocks(&mut ct)
                .unwrap();
            let r = Cbc::<Aes128>::new_from_slices(&key, &iv)
                .unwrap()
                .decrypt_padded(&mut ct, padding)
                .map(|_| ());
            assert_eq!(r, Err(Error::Decrypt), "{padding:?} {tail:?}");
            assert!(
                ct.iter().all(|&b| b == 0),
                "buffer must be zeroed after a padding failure"
            );
        }
    }
}
