//! CFB-s at bit granularity (NIST SP 800-38A §6.3, any s from 1 to the
//! block size in bits): a message of any bit length fed through
//! `encrypt_bits` / `decrypt_bits` in pieces of any bit length (each piece
//! at the start of its own buffer) equals a bit-by-bit reference, bits past
//! `bit_len` are never touched, and decryption with other pieces gives the
//! message back. `bit_len` beyond the buffer is `Err(InvalidLength)`.
#![no_main]

use arbitrary::Unstructured;
use blockmodes::{Cfb, Error};
use fuzz_common::*;
use libfuzzer_sys::fuzz_target;

fn run<C: Cipher>(u: &mut Unstructured<'_>) -> arbitrary::Result<()> {
    let k = key::<C>(u)?;
    let iv = block::<C>(u)?;
    let cipher = C::new_from_slice(&k).expect("key length");
    let s = u.int_in_range(1..=8 * bs::<C>())?;
    let enc_seed = data(u, 64)?;
    let dec_seed = data(u, 64)?;
    let bits: usize = u.int_in_range(0..=2400)?;
    let msg = u.bytes(bits.div_ceil(8))?.to_vec();

    let mut want = msg.clone();
    ref_cfb(&cipher, &iv, s, &mut want, bits, false);

    let make = || Cfb::new(cipher.clone(), &iv, s).expect("params");
    let ct = pieces(make(), &msg, bits, &enc_seed, false);
    assert_eq!(ct, want, "s={s} bits={bits}");
    let pt = pieces(make(), &ct, bits, &dec_seed, true);
    assert_eq!(pt, msg, "decrypt s={s} bits={bits}");

    let mut short = vec![0u8; bits.div_ceil(8)];
    assert_eq!(
        make().encrypt_bits(&mut short, bits + 8),
        Err(Error::InvalidLength)
    );
    Ok(())
}

/// Run `bits` bits of `input` through `m` in fuzzer-chosen pieces.
fn pieces<C: Cipher>(
    mut m: Cfb<C>,
    input: &[u8],
    bits: usize,
    seed: &[u8],
    decrypt: bool,
) -> Vec<u8> {
    let mut su = Unstructured::new(seed);
    let lens = splits(&mut su, bits).unwrap_or_else(|_| vec![bits]);
    let mut out = input.to_vec();
    let mut at = 0;
    for n in lens {
        // The piece, at bit 0 of its own buffer, with junk after it.
        let mut buf = vec![0xa5u8; n.div_ceil(8) + 1];
        for i in 0..n {
            set_bit(&mut buf, i, get_bit(input, at + i));
        }
        let before = buf.clone();
        if decrypt {
            m.decrypt_bits(&mut buf, n).expect("decrypt_bits");
        } else {
            m.encrypt_bits(&mut buf, n).expect("encrypt_bits");
        }
        for i in n..8 * buf.len() {
            assert_eq!(
                get_bit(&buf, i),
                get_bit(&before, i),
                "bit {i} past {n} touched"
            );
        }
        for i in 0..n {
            set_bit(&mut out, at + i, get_bit(&buf, i));
        }
        at += n;
    }
    out
}

fuzz_target!(|input: &[u8]| {
    let mut u = Unstructured::new(input);
    let _ = dispatch!(u, run);
});
