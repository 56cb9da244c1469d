//! MACs. CMAC (NIST SP 800-38B) over AES-128/192/256 (the `aes` crate and
//! the crate's own backend) and TDES: streaming with fuzzer-chosen splits
//! (and after a `reset`) = one-shot = the `cmac` crate, truncated tags are
//! prefixes, `verify` accepts the tag and refuses it with a flipped bit or
//! a wrong length, a tag length under 4 or over the block is
//! `Err(InvalidParameter)`. GMAC (NIST SP 800-38D) = `aes-gcm` with an
//! empty plaintext (12-byte nonce, several tag lengths), and `verify`
//! refuses a modified tag; an empty nonce is `Err(InvalidIvLength)`.
#![no_main]

use aes_gcm::aead::AeadInOut;
use arbitrary::Unstructured;
use blockmodes::cipher::KeyInit;
use blockmodes::mac::cmac::CmacBlockSize;
use blockmodes::{Cmac, Error, Gmac, backend};
use fuzz_common::*;
use libfuzzer_sys::fuzz_target;

/// `C` under test, `R` the cipher the `cmac` crate runs.
fn cmac<C, R>(u: &mut Unstructured<'_>) -> arbitrary::Result<()>
where
    C: blockmodes::Kernels + KeyInit + Clone,
    C::BlockSize: CmacBlockSize,
    R: cmac::block_api::CmacCipher + KeyInit + Clone,
{
    let k = key::<C>(u)?;
    let bs = bs::<C>();
    let msg = data(u, 300)?;
    let want = {
        use cmac::Mac;
        let mut m = <cmac::Cmac<R> as cmac::KeyInit>::new_from_slice(&k).expect("key");
        m.update(&msg);
        m.finalize().into_bytes().to_vec()
    };
    let mac = Cmac::<C>::new_from_slice(&k).expect("key");
    assert_eq!(mac.compute(&msg)[..], want[..], "one-shot vs cmac crate");

    let mut s = mac.clone();
    for _ in 0..2 {
        let mut at = 0;
        for n in splits(u, msg.len())? {
            s.update(&msg[at..at + n]);
            at += n;
        }
        assert_eq!(s.finalize()[..], want[..], "streaming");
        // finalize leaves the state ready for a new message? Use reset.
        s.reset();
    }

    // Truncated tags, verify.
    let tl = u.int_in_range(0..=bs + 2)?;
    let m = Cmac::<C>::new_from_slice(&k).expect("key").with_tag_len(tl);
    if !(4..=bs).contains(&tl) {
        assert_eq!(m.err(), Some(Error::InvalidParameter), "tag length {tl}");
        return Ok(());
    }
    let m = m.expect("tag length");
    assert_eq!(m.tag_len(), tl);
    let tag = m.compute(&msg);
    assert_eq!(tag[..], want[..tl], "truncated tag");
    assert_eq!(m.verify(&msg, &tag), Ok(()));
    let mut s = m.clone();
    s.update(&msg);
    assert_eq!(s.finalize_verify(&tag), Ok(()));
    let mut bad = tag.to_vec();
    flip_bit(&mut bad, u.arbitrary()?);
    assert_eq!(m.verify(&msg, &bad), Err(Error::Decrypt), "flipped tag");
    assert_eq!(
        m.verify(&msg, &tag[..tl - 1]),
        Err(Error::Decrypt),
        "short tag"
    );
    let mut long = tag.to_vec();
    long.push(0);
    assert_eq!(m.verify(&msg, &long), Err(Error::Decrypt), "long tag");
    if !msg.is_empty() {
        let mut m2 = msg.clone();
        flip_bit(&mut m2, u.arbitrary()?);
        assert_eq!(m.verify(&m2, &tag), Err(Error::Decrypt), "flipped message");
    }
    Ok(())
}

fn gmac_peer<T: aes_gcm::TagSize>(key: &[u8], nonce: &[u8], aad: &[u8]) -> Vec<u8> {
    let n = aes_gcm::Nonce::<blockmodes::cipher::consts::U12>::try_from(nonce).expect("12");
    let mut empty: [u8; 0] = [];
    let tag = match key.len() {
        16 => aes_gcm::AesGcm::<Aes128, _, T>::new_from_slice(key)
            .expect("key")
            .encrypt_inout_detached(&n, aad, (&mut empty[..]).into()),
        24 => aes_gcm::AesGcm::<Aes192, _, T>::new_from_slice(key)
            .expect("key")
            .encrypt_inout_detached(&n, aad, (&mut empty[..]).into()),
        _ => aes_gcm::AesGcm::<Aes256, _, T>::new_from_slice(key)
            .expect("key")
            .encrypt_inout_detached(&n, aad, (&mut empty[..]).into()),
    }
    .expect("aes-gcm");
    tag.to_vec()
}

fn gmac<C>(u: &mut Unstructured<'_>) -> arbitrary::Result<()>
where
    C: blockmodes::Kernels<BlockSize = blockmodes::cipher::consts::U16> + KeyInit,
{
    use blockmodes::cipher::consts::{U4, U8, U12, U16};
    let k = key::<C>(u)?;
    let tl = *u.choose(&blockmodes::aead::gcm::TAG_LENS)?;
    let long_nonce = u.ratio(1u8, 4)?;
    let nonce = if long_nonce {
        data(u, 40)?
    } else {
        u.bytes(12)?.to_vec()
    };
    let aad = data(u, 300)?;
    let g = Gmac::<C>::new_from_slice(&k)
        .expect("key")
        .with_tag_len(tl)
        .expect("tag length");
    let tag = g.compute(&nonce, &aad);
    if nonce.is_empty() {
        assert_eq!(tag.err(), Some(Error::InvalidIvLength));
        assert_eq!(
            g.verify(&nonce, &aad, &[0; 16][..tl]),
            Err(Error::InvalidIvLength)
        );
        return Ok(());
    }
    let tag = tag.expect("gmac");
    assert_eq!(tag.len(), tl);
    if nonce.len() == 12 {
        let want = match tl {
            16 => Some(gmac_peer::<U16>(&k, &nonce, &aad)),
            12 => Some(gmac_peer::<U12>(&k, &nonce, &aad)),
            8 => Some(gmac_peer::<U8>(&k, &nonce, &aad)),
            4 => Some(gmac_peer::<U4>(&k, &nonce, &aad)),
            _ => None,
        };
        if let Some(w) = want {
            assert_eq!(tag[..], w[..], "GMAC vs aes-gcm");
        }
    }
    assert_eq!(g.verify(&nonce, &aad, &tag), Ok(()));
    let mut bad = tag.to_vec();
    flip_bit(&mut bad, u.arbitrary()?);
    assert_eq!(
        g.verify(&nonce, &aad, &bad),
        Err(Error::Decrypt),
        "flipped tag"
    );
    assert_eq!(g.verify(&nonce, &aad, &tag[..tl - 1]), Err(Error::Decrypt));
    if !aad.is_empty() {
        let mut a2 = aad.clone();
        flip_bit(&mut a2, u.arbitrary()?);
        if tl >= 4 {
            assert_eq!(
                g.verify(&nonce, &a2, &tag),
                Err(Error::Decrypt),
                "flipped AAD"
            );
        }
    }
    Ok(())
}

fuzz_target!(|bytes: &[u8]| {
    let mut u = Unstructured::new(bytes);
    let _ = (|| -> arbitrary::Result<()> {
        match u.int_in_range(0u8..=9)? {
            0 => cmac::<Aes128, Aes128>(&mut u),
            1 => cmac::<Aes192, Aes192>(&mut u),
            2 => cmac::<Aes256, Aes256>(&mut u),
            3 => cmac::<TdesEde3, TdesEde3>(&mut u),
            4 => cmac::<backend::Aes128, Aes128>(&mut u),
            5 => cmac::<backend::Aes256, Aes256>(&mut u),
            6 => gmac::<Aes128>(&mut u),
            7 => gmac::<Aes192>(&mut u),
            8 => gmac::<Aes256>(&mut u),
            _ => gmac::<backend::Aes128>(&mut u),
        }
    })();
});
