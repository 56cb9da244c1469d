//! CFB-s (any s), OFB and CTR (any counter layout), NIST SP 800-38A
//! §6.3–6.5: fuzzer-chosen cipher, key, IV, parameters, message and
//! streaming splits.
//!
//! - the ciphertext equals a block-at-a-time reference;
//! - one-shot in place, buffer to buffer, `Vec` and streaming (any split)
//!   agree, and decryption (with other splits) gives the message back;
//! - bad parameters are `Err(InvalidParameter)`, a CTR message longer than
//!   the counter allows is `Err(LimitExceeded)` with nothing changed.
#![no_main]

use arbitrary::Unstructured;
use blockmodes::{Cfb, CounterLayout, Ctr, Endian, Error, Ofb, StreamMode};
use fuzz_common::*;
use libfuzzer_sys::fuzz_target;

fn run<C: Cipher>(u: &mut Unstructured<'_>) -> arbitrary::Result<()> {
    let k = key::<C>(u)?;
    let iv = block::<C>(u)?;
    let cipher = C::new_from_slice(&k).expect("key length");
    let bsb = 8 * bs::<C>();
    let enc_seed = data(u, 64)?;
    let dec_seed = data(u, 64)?;
    match u.int_in_range(0u8..=2)? {
        0 => {
            let s = u.int_in_range(0..=bsb + 1)?;
            if s == 0 || s > bsb {
                assert_eq!(
                    Cfb::new(cipher.clone(), &iv, s).err(),
                    Some(Error::InvalidParameter)
                );
                return Ok(());
            }
            let msg = data(u, 400)?;
            let mut want = msg.clone();
            ref_cfb(&cipher, &iv, s, &mut want, 8 * msg.len(), false);
            let make = || Cfb::new(cipher.clone(), &iv, s).expect("params");
            check(&make, &make, &msg, Ok(want), &enc_seed, &dec_seed);
        }
        1 => {
            let msg = data(u, 400)?;
            let ks = ref_ofb(&cipher, &iv, msg.len());
            let want: Vec<u8> = msg.iter().zip(&ks).map(|(a, b)| a ^ b).collect();
            let make = || Ofb::new(cipher.clone(), &iv).expect("iv");
            check(&make, &make, &msg, Ok(want), &enc_seed, &dec_seed);
        }
        _ => {
            let bits = u.int_in_range(0..=bsb as u32 + 1)?;
            let little: bool = u.arbitrary()?;
            let endian = if little { Endian::Little } else { Endian::Big };
            let layout = match CounterLayout::new(bits, endian) {
                Ok(l) => l,
                Err(e) => {
                    assert_eq!(e, Error::InvalidParameter);
                    assert!(bits == 0 || (little && !bits.is_multiple_of(8)));
                    return Ok(());
                }
            };
            if bits as usize > bsb {
                assert_eq!(
                    Ctr::new(cipher.clone(), &iv, layout).err(),
                    Some(Error::InvalidParameter)
                );
                return Ok(());
            }
            let msg = data(u, 400)?;
            // 2^bits counter blocks in all.
            let cap = 1u128
                .checked_shl(bits)
                .and_then(|n| n.checked_mul(bs::<C>() as u128))
                .unwrap_or(u128::MAX);
            let want = if msg.len() as u128 > cap {
                Err(Error::LimitExceeded)
            } else {
                let ks = ref_ctr(&cipher, &iv, RefLayout { bits, little }, 0, msg.len());
                Ok(msg.iter().zip(&ks).map(|(a, b)| a ^ b).collect())
            };
            let make = || Ctr::new(cipher.clone(), &iv, layout).expect("params");
            check(&make, &make, &msg, want, &enc_seed, &dec_seed);
        }
    }
    Ok(())
}

fn check<M: StreamMode>(
    make_enc: &impl Fn() -> M,
    make_dec: &impl Fn() -> M,
    msg: &[u8],
    want: Result<Vec<u8>, Error>,
    enc_seed: &[u8],
    dec_seed: &[u8],
) {
    let mut b = msg.to_vec();
    let r = make_enc().encrypt(&mut b).map(|()| b.clone());
    assert_eq!(r, want, "in place");
    if want.is_err() {
        // Nothing changed on error.
        assert_eq!(b, msg);
    }
    let mut out = vec![0u8; msg.len()];
    let r = make_enc().encrypt_b2b(msg, &mut out).map(|()| out.clone());
    assert_eq!(r, want, "b2b");
    assert_eq!(make_enc().encrypt_vec(msg), want, "vec");
    let mut wrong = vec![0u8; msg.len() + 1];
    assert_eq!(
        make_enc().encrypt_b2b(msg, &mut wrong),
        Err(Error::OutputTooSmall)
    );
    let Ok(ct) = want else { return };
    assert_eq!(streamed(make_enc(), msg, enc_seed, false), ct, "streaming");
    // Decrypt, one-shot and streaming.
    assert_eq!(make_dec().decrypt_vec(&ct).as_deref(), Ok(msg), "decrypt");
    let mut out = vec![0u8; ct.len()];
    make_dec().decrypt_b2b(&ct, &mut out).expect("decrypt b2b");
    assert_eq!(out, msg);
    assert_eq!(
        streamed(make_dec(), &ct, dec_seed, true),
        msg,
        "decrypt streaming"
    );
}

fn streamed<M: StreamMode>(mut m: M, input: &[u8], seed: &[u8], decrypt: bool) -> Vec<u8> {
    let mut su = Unstructured::new(seed);
    let pieces = splits(&mut su, input.len()).unwrap_or_else(|_| vec![input.len()]);
    let mut out = Vec::new();
    let mut rest = input;
    for n in pieces {
        let (piece, r) = rest.split_at(n);
        rest = r;
        let mut p = piece.to_vec();
        if decrypt {
            m.decrypt(&mut p).expect("streaming decrypt");
        } else {
            m.encrypt(&mut p).expect("streaming encrypt");
        }
        out.extend(p);
    }
    out
}

fuzz_target!(|input: &[u8]| {
    let mut u = Unstructured::new(input);
    let _ = dispatch!(u, run);
});
