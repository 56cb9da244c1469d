//! One test per row of the README's "Errors" table: each public call that
//! returns an `Error` variant, fed the input the table names, gives exactly
//! that variant (and does not panic — a panic fails the test too).

use blockmodes::aes::{Aes128, Aes256};
use blockmodes::backend::{self, Backend};
use blockmodes::mac::{Cmac, Gmac};
use blockmodes::uhash::{Ghash, HashBackend, Polyval};
use blockmodes::{
    Aead, BlockDecryptMode, BlockEncryptMode, Cbc, CbcCs, Ccm, Cfb, CounterLayout, CsVariant, Ctr,
    Eax, Ecb, Endian, Error, Gcm, GcmSiv, Ocb3, Ofb, Padding, Pcbc, Siv, StreamMode, Xts,
};

/// `row!(name, expr => Variant)`: a test asserting `expr` is `Err(Variant)`.
macro_rules! row {
    ($name:ident, $e:expr => $v:ident) => {
        #[test]
        fn $name() {
            let r = ($e).err();
            assert_eq!(r, Some(Error::$v), "{}", stringify!($e));
        }
    };
}

const K16: [u8; 16] = [7; 16];
const IV: [u8; 16] = [9; 16];

// --- InvalidKeyLength -----------------------------------------------------
row!(key_cbc, Cbc::<Aes128>::new_from_slices(&[0; 15], &IV) => InvalidKeyLength);
row!(key_ecb, Ecb::<Aes128>::new_from_slice(&[0; 17]) => InvalidKeyLength);
row!(key_pcbc, Pcbc::<Aes128>::new_from_slices(&[0; 15], &IV) => InvalidKeyLength);
row!(key_cfb, Cfb::<Aes128>::new_from_slices(&[0; 15], &IV, 8) => InvalidKeyLength);
row!(key_ofb, Ofb::<Aes128>::new_from_slices(&[0; 15], &IV) => InvalidKeyLength);
row!(key_ctr, Ctr::<Aes128>::new_from_slices(&[0; 15], &IV, CounterLayout::parse("32be").unwrap()) => InvalidKeyLength);
row!(key_cts, CbcCs::<Aes128>::new_from_slices(&[0; 15], &IV, CsVariant::Cs3) => InvalidKeyLength);
row!(key_xts_length, Xts::<Aes128>::new_from_slice(&[1; 33]) => InvalidKeyLength);
row!(key_xts_equal_halves, Xts::<Aes128>::new_from_slice(&[1; 32]) => InvalidKeyLength);
row!(key_gcm, Gcm::<Aes128>::new_from_slice(&[0; 24]) => InvalidKeyLength);
row!(key_ccm, Ccm::<Aes128>::new_from_slice(&[0; 8]) => InvalidKeyLength);
row!(key_eax, Eax::<Aes128>::new_from_slice(&[0; 0]) => InvalidKeyLength);
row!(key_ocb3, Ocb3::<Aes128>::new_from_slice(&[0; 32]) => InvalidKeyLength);
row!(key_siv, Siv::<Aes128>::new_from_slice(&[0; 16]) => InvalidKeyLength);
row!(key_gcm_siv, GcmSiv::<Aes128>::new_from_slice(&[0; 24]) => InvalidKeyLength);
row!(key_cmac, Cmac::<Aes128>::new_from_slice(&[0; 15]) => InvalidKeyLength);
row!(key_gmac, Gmac::<Aes128>::new_from_slice(&[0; 15]) => InvalidKeyLength);

// --- InvalidIvLength --------------------------------------------------------
row!(iv_cbc, Cbc::<Aes128>::new_from_slices(&K16, &[0; 8]) => InvalidIvLength);
row!(iv_pcbc, Pcbc::<Aes128>::new_from_slices(&K16, &[0; 17]) => InvalidIvLength);
row!(iv_cfb, Cfb::<Aes128>::new_from_slices(&K16, &[0; 15], 8) => InvalidIvLength);
row!(iv_ofb, Ofb::<Aes128>::new_from_slices(&K16, &[]) => InvalidIvLength);
row!(iv_ctr, Ctr::<Aes128>::new_from_slices(&K16, &[0; 12], CounterLayout::parse("32be").unwrap()) => InvalidIvLength);
row!(iv_cts, CbcCs::<Aes128>::new_from_slices(&K16, &[0; 15], CsVariant::Cs1) => InvalidIvLength);
row!(iv_xts_tweak, Xts::<Aes128>::new_from_slice(&[[1; 16], [2; 16]].concat()).unwrap().encrypt_unit(&[0; 12], &mut [0; 32]) => InvalidIvLength);
row!(iv_gcm_empty_nonce, Gcm::<Aes128>::new_from_slice(&K16).unwrap().encrypt(&[], b"", b"x") => InvalidIvLength);
row!(iv_ccm_nonce, Ccm::<Aes128>::new_from_slice(&K16).unwrap().encrypt(&[0; 6], b"", b"x") => InvalidIvLength);
row!(iv_ccm_nonce_open, Ccm::<Aes128>::new_from_slice(&K16).unwrap().decrypt_in_place_detached(&[0; 14], b"", &mut [0; 4], &[0; 16]) => InvalidIvLength);
row!(iv_ocb3_nonce, Ocb3::<Aes128>::new_from_slice(&K16).unwrap().encrypt(&[0; 16], b"", b"x") => InvalidIvLength);
row!(iv_gcm_siv_nonce, GcmSiv::<Aes128>::new_from_slice(&K16).unwrap().encrypt(&[0; 11], b"", b"x") => InvalidIvLength);
row!(iv_gmac_empty_nonce, Gmac::<Aes128>::new_from_slice(&K16).unwrap().compute(&[], b"x") => InvalidIvLength);

// --- InvalidLength ----------------------------------------------------------
row!(len_ecb_blocks, Ecb::<Aes128>::new_from_slice(&K16).unwrap().encrypt_blocks(&mut [0; 17]) => InvalidLength);
row!(len_cbc_decrypt_blocks, Cbc::<Aes128>::new_from_slices(&K16, &IV).unwrap().decrypt_blocks(&mut [0; 15]) => InvalidLength);
row!(len_pcbc_blocks, Pcbc::<Aes128>::new_from_slices(&K16, &IV).unwrap().encrypt_blocks(&mut [0; 1]) => InvalidLength);
row!(len_no_padding_unaligned, Cbc::<Aes128>::new_from_slices(&K16, &IV).unwrap().encrypt_padded_vec(&[0; 5], Padding::None) => InvalidLength);
row!(len_decrypt_padded_unaligned, Cbc::<Aes128>::new_from_slices(&K16, &IV).unwrap().decrypt_padded_vec(&[0; 20], Padding::Pkcs7) => InvalidLength);
row!(len_decrypt_padded_empty, Ecb::<Aes128>::new_from_slice(&K16).unwrap().decrypt_padded_vec(&[], Padding::Pkcs7) => InvalidLength);
row!(len_padded_len_none, Padding::None.padded_len(5, 16) => InvalidLength);
row!(len_pad_block_full, Padding::Pkcs7.pad_block(&mut [0; 16], 16, None) => InvalidLength);
row!(len_cts_short, CbcCs::<Aes128>::new_from_slices(&K16, &IV, CsVariant::Cs2).unwrap().encrypt(&mut [0; 15]) => InvalidLength);
row!(len_cfb_bits, Cfb::<Aes128>::new_from_slices(&K16, &IV, 1).unwrap().encrypt_bits(&mut [0; 2], 17) => InvalidLength);
row!(len_xts_short_unit, Xts::<Aes128>::new_from_slice(&[[1; 16], [2; 16]].concat()).unwrap().encrypt_sector(0, &mut [0; 15]) => InvalidLength);
row!(len_xts_partial_sector, Xts::<Aes128>::new_from_slice(&[[1; 16], [2; 16]].concat()).unwrap().encrypt_sectors(0, 32, &mut [0; 48]) => InvalidLength);

// --- OutputTooSmall ---------------------------------------------------------
row!(out_b2b_blocks, Ecb::<Aes128>::new_from_slice(&K16).unwrap().encrypt_blocks_b2b(&[0; 32], &mut [0; 16]) => OutputTooSmall);
row!(out_encrypt_padded, Cbc::<Aes128>::new_from_slices(&K16, &IV).unwrap().encrypt_padded(&mut [0; 16], 16, Padding::Pkcs7) => OutputTooSmall);
row!(out_stream_b2b, Ofb::<Aes128>::new_from_slices(&K16, &IV).unwrap().encrypt_b2b(&[0; 5], &mut [0; 4]) => OutputTooSmall);
row!(out_cts_b2b, CbcCs::<Aes128>::new_from_slices(&K16, &IV, CsVariant::Cs3).unwrap().encrypt_b2b(&[0; 20], &mut [0; 19]) => OutputTooSmall);
row!(out_xts_b2b, Xts::<Aes128>::new_from_slice(&[[1; 16], [2; 16]].concat()).unwrap().encrypt_unit_b2b(&[0; 16], &[0; 20], &mut [0; 19]) => OutputTooSmall);

#[test]
fn out_encryptor_update() {
    let mut e = Cbc::<Aes128>::new_from_slices(&K16, &IV)
        .unwrap()
        .encryptor(Padding::Pkcs7);
    let r = e.update(&[0; 40], &mut [0; 16]);
    assert_eq!(r, Err(Error::OutputTooSmall));
}

#[test]
fn out_encryptor_finalize() {
    let e = Cbc::<Aes128>::new_from_slices(&K16, &IV)
        .unwrap()
        .encryptor(Padding::Pkcs7);
    assert_eq!(e.finalize(&mut [0; 15]), Err(Error::OutputTooSmall));
}

// --- InvalidParameter -------------------------------------------------------
row!(param_cfb_segment_zero, Cfb::<Aes128>::new_from_slices(&K16, &IV, 0) => InvalidParameter);
row!(param_cfb_segment_too_big, Cfb::<Aes128>::new_from_slices(&K16, &IV, 129) => InvalidParameter);
row!(param_counter_layout_parse, CounterLayout::parse("12xx") => InvalidParameter);
row!(param_counter_layout_little_odd, CounterLayout::new(12, Endian::Little) => InvalidParameter);
row!(param_counter_too_wide, Ctr::<Aes128>::new_from_slices(&K16, &IV, CounterLayout::new(129, Endian::Big).unwrap()) => InvalidParameter);
row!(param_iso10126_without_rng, Cbc::<Aes128>::new_from_slices(&K16, &IV).unwrap().encrypt_padded_vec(&[0; 5], Padding::Iso10126) => InvalidParameter);
row!(param_unpad_block_size, Padding::Pkcs7.unpad_block(&[]) => InvalidParameter);
row!(param_padded_len_block_zero, Padding::Pkcs7.padded_len(5, 0) => InvalidParameter);
row!(param_gcm_tag_len, Gcm::<Aes128>::new_from_slice(&K16).unwrap().with_tag_len(11) => InvalidParameter);
row!(param_ccm_tag_len, Ccm::<Aes128>::new_from_slice(&K16).unwrap().with_tag_len(5) => InvalidParameter);
row!(param_eax_tag_len, Eax::<Aes128>::new_from_slice(&K16).unwrap().with_tag_len(0) => InvalidParameter);
row!(param_ocb3_tag_len, Ocb3::<Aes128>::new_from_slice(&K16).unwrap().with_tag_len(17) => InvalidParameter);
row!(param_cmac_tag_len, Cmac::<Aes128>::new_from_slice(&K16).unwrap().with_tag_len(3) => InvalidParameter);
row!(param_gmac_tag_len, Gmac::<Aes128>::new_from_slice(&K16).unwrap().with_tag_len(9) => InvalidParameter);

/// An AES path this CPU cannot run (skipped, with a note, on a CPU that
/// runs them all).
#[test]
fn param_backend_unsupported() {
    match [Backend::Vaes512, Backend::Vaes256, Backend::AesNi]
        .into_iter()
        .find(|b| !b.is_supported())
    {
        Some(b) => assert_eq!(
            backend::Aes128::new_with_backend(&K16.into(), b).err(),
            Some(Error::InvalidParameter)
        ),
        None => eprintln!("every AES path is supported here: nothing to refuse"),
    }
}

/// A GHASH / POLYVAL path this CPU cannot run.
#[test]
fn param_hash_backend_unsupported() {
    match HashBackend::ALL.into_iter().find(|b| !b.is_supported()) {
        Some(b) => {
            assert_eq!(
                Ghash::new_with_backend(&[1; 16], b).err(),
                Some(Error::InvalidParameter)
            );
            assert_eq!(
                Polyval::new_with_backend(&[1; 16], b).err(),
                Some(Error::InvalidParameter)
            );
        }
        None => eprintln!("every hash path is supported here: nothing to refuse"),
    }
}

// --- LimitExceeded ----------------------------------------------------------
#[test]
fn limit_ctr_counter_exhausted() {
    let mut c =
        Ctr::<Aes128>::new_from_slices(&K16, &IV, CounterLayout::parse("8be").unwrap()).unwrap();
    // An 8-bit counter: 256 blocks of keystream.
    assert_eq!(
        c.apply_keystream(&mut vec![0; 256 * 16 + 1]),
        Err(Error::LimitExceeded)
    );
}

#[test]
fn limit_ctr_seek_past_end() {
    let mut c =
        Ctr::<Aes128>::new_from_slices(&K16, &IV, CounterLayout::parse("8be").unwrap()).unwrap();
    assert_eq!(c.seek(256 * 16 + 1), Err(Error::LimitExceeded));
}

row!(limit_xts_sector_overflow, Xts::<Aes128>::new_from_slice(&[[1; 16], [2; 16]].concat()).unwrap().encrypt_sectors(u128::MAX, 16, &mut [0; 32]) => LimitExceeded);
row!(limit_ccm_payload_too_long, Ccm::<Aes128>::new_from_slice(&K16).unwrap().encrypt(&[0; 13], b"", &vec![0; 1 << 16]) => LimitExceeded);
row!(limit_siv_too_many_components, Siv::<Aes128>::new_from_slice(&[[1; 16], [2; 16]].concat()).unwrap().encrypt(&[&[][..]; 127], b"x") => LimitExceeded);

// --- Decrypt ----------------------------------------------------------------
row!(decrypt_bad_padding, Cbc::<Aes128>::new_from_slices(&K16, &IV).unwrap().decrypt_padded_vec(&[0; 16], Padding::Iso7816) => Decrypt);
row!(decrypt_unpad_block, Padding::Pkcs7.unpad_block(&[0; 16]) => Decrypt);
row!(decrypt_gcm_tag, Gcm::<Aes128>::new_from_slice(&K16).unwrap().decrypt(&[0; 12], b"", &[0; 20]) => Decrypt);
row!(decrypt_gcm_short_input, Gcm::<Aes128>::new_from_slice(&K16).unwrap().decrypt(&[0; 12], b"", &[0; 15]) => Decrypt);
row!(decrypt_ccm_tag, Ccm::<Aes128>::new_from_slice(&K16).unwrap().decrypt(&[0; 12], b"", &[0; 20]) => Decrypt);
row!(decrypt_eax_tag, Eax::<Aes128>::new_from_slice(&K16).unwrap().decrypt(&[0; 12], b"", &[0; 20]) => Decrypt);
row!(decrypt_ocb3_tag, Ocb3::<Aes128>::new_from_slice(&K16).unwrap().decrypt(&[0; 12], b"", &[0; 20]) => Decrypt);
row!(decrypt_siv_v, Siv::<Aes128>::new_from_slice(&[[1; 16], [2; 16]].concat()).unwrap().decrypt(&[b"ad"], &[0; 20]) => Decrypt);
row!(decrypt_gcm_siv_tag, GcmSiv::<Aes128>::new_from_slice(&K16).unwrap().decrypt(&[0; 12], b"", &[0; 20]) => Decrypt);
row!(decrypt_gcm_siv_tag_length, GcmSiv::<Aes128>::new_from_slice(&K16).unwrap().decrypt_in_place_detached(&[0; 12], b"", &mut [0; 4], &[0; 15]) => Decrypt);
row!(decrypt_cmac_verify, Cmac::<Aes128>::new_from_slice(&K16).unwrap().verify(b"msg", &[0; 16]) => Decrypt);
row!(decrypt_gmac_verify, Gmac::<Aes128>::new_from_slice(&K16).unwrap().verify(&[0; 12], b"aad", &[0; 16]) => Decrypt);

/// Every AEAD zeroes the in-place buffer on `Err(Decrypt)`.
#[test]
fn decrypt_zeroes_buffer() {
    let aeads: Vec<Box<dyn Aead>> = vec![
        Box::new(Gcm::<Aes256>::new_from_slice(&[3; 32]).unwrap()),
        Box::new(Ccm::<Aes256>::new_from_slice(&[3; 32]).unwrap()),
        Box::new(Eax::<Aes256>::new_from_slice(&[3; 32]).unwrap()),
        Box::new(Ocb3::<Aes256>::new_from_slice(&[3; 32]).unwrap()),
        Box::new(GcmSiv::<Aes256>::new_from_slice(&[3; 32]).unwrap()),
    ];
    for a in aeads {
        let mut buf = [0xa5u8; 37];
        let r = a.decrypt_in_place_detached(&[1; 12], b"aad", &mut buf, &[0; 16]);
        assert_eq!(r, Err(Error::Decrypt));
        assert_eq!(buf, [0; 37]);
    }
}
