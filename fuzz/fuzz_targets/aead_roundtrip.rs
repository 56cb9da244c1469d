//! Seal then open for every AEAD (GCM, CCM, EAX, OCB3, SIV, GCM-SIV;
//! AES-128/192/256 from the `aes` crate or the crate's own backend) with a
//! fuzzer-chosen key size, tag length, nonce, AAD and plaintext: `encrypt`
//! and `encrypt_in_place_detached` agree, opening gives the plaintext back,
//! and flipping a fuzzer-chosen bit of the sealed message, the nonce or the
//! AAD makes opening fail with the buffer zeroed (tags of 4 bytes or more;
//! shorter tags can collide, and then the re-seal check of `open_checked`
//! still holds). A nonce the mode does not take is `Err(InvalidIvLength)`
//! with nothing written. Differential: GCM = `aes-gcm`, SIV = `aes-siv`,
//! OCB3 = `ocb3`, GCM-SIV = `aes-gcm-siv`, for the shapes the peers are
//! instantiated with here.
#![no_main]

use aes_gcm::aead::AeadInOut;
use arbitrary::Unstructured;
use blockmodes::Error;
use blockmodes::cipher::consts::{U1, U4, U8, U12, U13, U15, U16, U60};
use fuzz_common::*;
use libfuzzer_sys::fuzz_target;

/// `aes-gcm` at nonce size `N`, tag size `T`: `ciphertext || tag`.
fn gcm_peer<N, T>(key: &[u8], nonce: &[u8], aad: &[u8], pt: &[u8]) -> Vec<u8>
where
    N: blockmodes::cipher::array::ArraySize,
    T: aes_gcm::TagSize,
{
    use blockmodes::cipher::KeyInit;
    let mut buf = pt.to_vec();
    let n = aes_gcm::aead::array::Array::<u8, N>::try_from(nonce).expect("nonce size");
    let tag = match key.len() {
        16 => aes_gcm::AesGcm::<Aes128, N, T>::new_from_slice(key)
            .expect("key")
            .encrypt_inout_detached(&n, aad, buf.as_mut_slice().into()),
        24 => aes_gcm::AesGcm::<Aes192, N, T>::new_from_slice(key)
            .expect("key")
            .encrypt_inout_detached(&n, aad, buf.as_mut_slice().into()),
        _ => aes_gcm::AesGcm::<Aes256, N, T>::new_from_slice(key)
            .expect("key")
            .encrypt_inout_detached(&n, aad, buf.as_mut_slice().into()),
    }
    .expect("aes-gcm seal");
    buf.extend_from_slice(&tag);
    buf
}

/// `ocb3` at nonce size `$n`, tag size `$t` (its size traits are sealed,
/// so a macro rather than a generic function).
macro_rules! ocb3_peer {
    ($n:ty, $t:ty, $key:expr, $nonce:expr, $aad:expr, $pt:expr) => {{
        use ocb3::aead::{Aead as _, KeyInit as _, Payload};
        let n = ocb3::aead::array::Array::<u8, $n>::try_from($nonce).expect("nonce size");
        let p = Payload {
            msg: $pt,
            aad: $aad,
        };
        match $key.len() {
            16 => ocb3::Ocb3::<Aes128, $n, $t>::new_from_slice($key)
                .expect("key")
                .encrypt(&n, p),
            24 => ocb3::Ocb3::<Aes192, $n, $t>::new_from_slice($key)
                .expect("key")
                .encrypt(&n, p),
            _ => ocb3::Ocb3::<Aes256, $n, $t>::new_from_slice($key)
                .expect("key")
                .encrypt(&n, p),
        }
        .expect("ocb3 seal")
    }};
}

/// What the peer crate seals to, where one is instantiated for this shape.
fn peer(a: &AnyAead, nonce: &[u8], aad: &[u8], pt: &[u8]) -> Option<Vec<u8>> {
    let key = &a.key[..];
    let t = a.aead.tag_len();
    Some(match a.kind {
        AeadKind::Gcm => match (nonce.len(), t) {
            (12, 16) => gcm_peer::<U12, U16>(key, nonce, aad, pt),
            (12, 15) => gcm_peer::<U12, U15>(key, nonce, aad, pt),
            (12, 13) => gcm_peer::<U12, U13>(key, nonce, aad, pt),
            (12, 12) => gcm_peer::<U12, U12>(key, nonce, aad, pt),
            (12, 8) => gcm_peer::<U12, U8>(key, nonce, aad, pt),
            (12, 4) => gcm_peer::<U12, U4>(key, nonce, aad, pt),
            (1, 16) => gcm_peer::<U1, U16>(key, nonce, aad, pt),
            (8, 16) => gcm_peer::<U8, U16>(key, nonce, aad, pt),
            (16, 16) => gcm_peer::<U16, U16>(key, nonce, aad, pt),
            (60, 16) => gcm_peer::<U60, U16>(key, nonce, aad, pt),
            _ => return None,
        },
        AeadKind::Siv => {
            use aes_siv::KeyInit as _;
            let ad: [&[u8]; 2] = [aad, nonce];
            match key.len() {
                32 => aes_siv::siv::Aes128Siv::new_from_slice(key)
                    .expect("key")
                    .encrypt(ad, pt),
                64 => aes_siv::siv::Aes256Siv::new_from_slice(key)
                    .expect("key")
                    .encrypt(ad, pt),
                _ => return None,
            }
            .map(|mut v| {
                // aes-siv writes V || C; the nonce-based adapter C || V.
                v.rotate_left(16);
                v
            })
            .expect("aes-siv seal")
        }
        AeadKind::Ocb3 => match (nonce.len(), t) {
            (12, 16) => ocb3_peer!(U12, U16, key, nonce, aad, pt),
            (12, 8) => ocb3_peer!(U12, U8, key, nonce, aad, pt),
            (15, 12) => ocb3_peer!(U15, U12, key, nonce, aad, pt),
            (8, 16) => ocb3_peer!(U8, U16, key, nonce, aad, pt),
            _ => return None,
        },
        AeadKind::GcmSiv => {
            use aes_gcm_siv::aead::{Aead as _, KeyInit as _, Payload};
            let n = aes_gcm_siv::Nonce::try_from(nonce).ok()?;
            let p = Payload { msg: pt, aad };
            match key.len() {
                16 => aes_gcm_siv::Aes128GcmSiv::new_from_slice(key)
                    .expect("key")
                    .encrypt(&n, p),
                _ => aes_gcm_siv::Aes256GcmSiv::new_from_slice(key)
                    .expect("key")
                    .encrypt(&n, p),
            }
            .expect("aes-gcm-siv seal")
        }
        AeadKind::Ccm | AeadKind::Eax => return None,
    })
}

fn run(u: &mut Unstructured<'_>) -> arbitrary::Result<()> {
    let a = any_aead(u)?;
    let nlen = a.nonce_len(u)?;
    let mut nonce = vec![0u8; nlen];
    u.fill_buffer(&mut nonce)?;
    let mut aad = data(u, 100)?;
    let pt = data(u, 400)?;
    let t = a.aead.tag_len();

    let mut buf = pt.clone();
    let detached = a.aead.encrypt_in_place_detached(&nonce, &aad, &mut buf);
    if !a.nonce_ok(nlen) {
        assert_eq!(detached.err(), Some(Error::InvalidIvLength), "{:?}", a.kind);
        assert_eq!(buf, pt, "nothing written on Err");
        assert_eq!(
            a.aead.encrypt(&nonce, &aad, &pt).err(),
            Some(Error::InvalidIvLength)
        );
        return Ok(());
    }
    let tag = detached.expect("seal");
    assert_eq!(tag.len(), t);
    let sealed = a.aead.encrypt(&nonce, &aad, &pt).expect("seal vec");
    assert_eq!(sealed.len(), pt.len() + t);
    assert_eq!(sealed[..pt.len()], buf[..], "{:?} detached ct", a.kind);
    assert_eq!(sealed[pt.len()..], tag[..], "{:?} detached tag", a.kind);
    if let Some(want) = peer(&a, &nonce, &aad, &pt) {
        assert_eq!(sealed, want, "{:?} vs peer crate", a.kind);
    }
    assert_eq!(
        open_checked(&a, &nonce, &aad, &sealed).as_deref(),
        Ok(&pt[..]),
        "{:?} round trip",
        a.kind
    );

    // One flipped bit somewhere the tag covers.
    let bit: usize = u.arbitrary()?;
    let mut sealed2 = sealed.clone();
    match u.int_in_range(0u8..=2)? {
        0 if !nonce.is_empty() => flip_bit(&mut nonce, bit),
        1 if !aad.is_empty() => flip_bit(&mut aad, bit),
        _ => flip_bit(&mut sealed2, bit),
    }
    let r = open_checked(&a, &nonce, &aad, &sealed2);
    if t >= 4 {
        assert!(r.is_err(), "{:?}: a flipped bit opened", a.kind);
    }
    Ok(())
}

fuzz_target!(|bytes: &[u8]| {
    let mut u = Unstructured::new(bytes);
    let _ = run(&mut u);
});
