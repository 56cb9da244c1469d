//! CBC-CS1 / CS2 / CS3 (NIST SP 800-38A Addendum): fuzzer-chosen cipher,
//! key, IV, variant, message and splits. The ciphertext equals a reference
//! built from plain CBC over the zero-padded message; in place, buffer to
//! buffer, `Vec` and streaming (any split) agree; decryption (one-shot and
//! streaming) gives the message back; messages shorter than a block are
//! `Err(InvalidLength)`. Decrypting arbitrary bytes never panics and
//! streaming agrees with one-shot there too.
#![no_main]

use arbitrary::Unstructured;
use blockmodes::{CbcCs, CsVariant, Error};
use fuzz_common::*;
use libfuzzer_sys::fuzz_target;

fn run<C: Cipher>(u: &mut Unstructured<'_>) -> arbitrary::Result<()> {
    let k = key::<C>(u)?;
    let iv = block::<C>(u)?;
    let cipher = C::new_from_slice(&k).expect("key length");
    let bs = bs::<C>();
    let (variant, vn) = *u.choose(&[
        (CsVariant::Cs1, 1),
        (CsVariant::Cs2, 2),
        (CsVariant::Cs3, 3),
    ])?;
    let enc_seed = data(u, 64)?;
    let dec_seed = data(u, 64)?;
    let msg = data(u, 500)?;
    let make = || CbcCs::new(cipher.clone(), &iv, variant).expect("iv");

    let want = if msg.len() < bs {
        Err(Error::InvalidLength)
    } else {
        Ok(ref_cts_encrypt(&cipher, &iv, vn, &msg))
    };
    let mut b = msg.clone();
    assert_eq!(make().encrypt(&mut b).map(|()| b.clone()), want, "in place");
    let mut out = vec![0u8; msg.len()];
    assert_eq!(
        make().encrypt_b2b(&msg, &mut out).map(|()| out.clone()),
        want,
        "b2b"
    );
    assert_eq!(make().encrypt_vec(&msg), want, "vec");
    assert_eq!(stream(&make, &msg, &enc_seed, false), want, "streaming");

    // Decrypt: the message back for a real ciphertext, and for arbitrary
    // bytes whatever one-shot says, streaming says too.
    let ct = match &want {
        Ok(ct) => ct.clone(),
        Err(_) => msg.clone(),
    };
    let mut b = ct.clone();
    let one = make().decrypt(&mut b).map(|()| b.clone());
    if want.is_ok() {
        assert_eq!(one.as_deref(), Ok(&msg[..]), "decrypt");
    } else {
        assert_eq!(one, Err(Error::InvalidLength));
    }
    assert_eq!(make().decrypt_vec(&ct), one, "decrypt vec");
    assert_eq!(
        stream(&make, &ct, &dec_seed, true),
        one,
        "decrypt streaming"
    );
    // And arbitrary bytes of the same length decrypt without panicking,
    // consistently; re-encrypting gives them back.
    let junk = data(u, 500)?;
    let d = make().decrypt_vec(&junk);
    assert_eq!(stream(&make, &junk, &dec_seed, true), d);
    if let Ok(p) = d {
        assert_eq!(make().encrypt_vec(&p), Ok(junk));
    }
    Ok(())
}

fn stream<C: Cipher>(
    make: &impl Fn() -> CbcCs<C>,
    input: &[u8],
    seed: &[u8],
    decrypt: bool,
) -> Result<Vec<u8>, Error> {
    let bs = bs::<C>();
    let mut su = Unstructured::new(seed);
    let pieces = splits(&mut su, input.len()).unwrap_or_else(|_| vec![input.len()]);
    let mut out = Vec::new();
    let mut rest = input;
    macro_rules! drive {
        ($s:expr) => {{
            let mut s = $s;
            for n in pieces {
                let (piece, r) = rest.split_at(n);
                rest = r;
                let want = s.update_len(piece.len());
                assert!(want < piece.len() + bs);
                let mut o = vec![0u8; want];
                if want > 0 {
                    // One byte short is refused and consumes nothing.
                    let mut small = vec![0u8; want - 1];
                    assert_eq!(s.update(piece, &mut small), Err(Error::OutputTooSmall));
                }
                assert_eq!(s.update(piece, &mut o)?, want);
                out.extend(o);
            }
            let mut o = vec![0u8; 2 * bs];
            let n = s.finalize(&mut o)?;
            out.extend_from_slice(&o[..n]);
        }};
    }
    if decrypt {
        drive!(make().decryptor());
    } else {
        drive!(make().encryptor());
    }
    Ok(out)
}

fuzz_target!(|input: &[u8]| {
    let mut u = Unstructured::new(input);
    let _ = dispatch!(u, run);
});
