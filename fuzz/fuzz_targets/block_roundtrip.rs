//! ECB / CBC / PCBC (NIST SP 800-38A §6.1–6.2, PCBC) with every padding
//! scheme: fuzzer-chosen cipher, key, IV, message and streaming splits.
//!
//! - the ciphertext equals a block-at-a-time reference (padding included);
//! - one-shot in place, buffer to buffer, `Vec` and streaming (any split)
//!   all give the same ciphertext, and `update` writes `update_len` bytes;
//! - decryption (each way, streaming with other splits) gives back the
//!   message as the reference unpadding says (for zero padding, trailing
//!   zeros of the last block go);
//! - a message the scheme cannot pad is `Err(InvalidLength)` everywhere.
#![no_main]

use arbitrary::Unstructured;
use blockmodes::cipher::BlockSizeUser;
use blockmodes::{BlockDecryptMode, BlockEncryptMode, Cbc, Ecb, Error, Padding, Pcbc};
use fuzz_common::*;
use libfuzzer_sys::fuzz_target;

fn run<C: Cipher>(u: &mut Unstructured<'_>) -> arbitrary::Result<()> {
    let k = key::<C>(u)?;
    let iv = block::<C>(u)?;
    let kind = *u.choose(&[BlockKind::Ecb, BlockKind::Cbc, BlockKind::Pcbc])?;
    let cipher = C::new_from_slice(&k).expect("key length");
    match kind {
        BlockKind::Ecb => check(u, kind, &cipher, &iv, || Ecb::new(cipher.clone())),
        BlockKind::Cbc => check(u, kind, &cipher, &iv, || {
            Cbc::new(cipher.clone(), &iv).expect("iv")
        }),
        BlockKind::Pcbc => check(u, kind, &cipher, &iv, || {
            Pcbc::new(cipher.clone(), &iv).expect("iv")
        }),
    }
}

fn check<C: Cipher, M: BlockEncryptMode + BlockDecryptMode + BlockSizeUser>(
    u: &mut Unstructured<'_>,
    kind: BlockKind,
    cipher: &C,
    iv: &[u8],
    make: impl Fn() -> M,
) -> arbitrary::Result<()> {
    let bs = bs::<C>();
    let pad = padding(u)?;
    let seed: u8 = u.arbitrary()?;
    let enc_splits_seed = data(u, 64)?;
    let dec_splits_seed = data(u, 64)?;
    let msg = data(u, 600)?;

    let expect = ref_pad(pad, &msg, bs, &mut Fill(seed))
        .map(|padded| ref_block_encrypt(kind, cipher, iv, &padded));

    // One-shot, Vec.
    let v = make().encrypt_padded_vec_with_rng(&msg, pad, Some(&mut Fill(seed)));
    // One-shot, in place, with some slack after the message.
    let mut buf = msg.clone();
    buf.resize(msg.len() + 2 * bs, 0xa5);
    let inplace = make()
        .encrypt_padded_with_rng(&mut buf, msg.len(), pad, &mut Fill(seed))
        .map(<[u8]>::to_vec);
    // Buffer to buffer (no rng: ISO 10126 must refuse).
    let mut out = vec![0u8; msg.len() + 2 * bs];
    let b2b = make()
        .encrypt_padded_b2b(&msg, &mut out, pad)
        .map(<[u8]>::to_vec);
    // Streaming with fuzzer splits.
    let streamed = stream_encrypt(&make, pad, seed, &msg, &enc_splits_seed);

    match &expect {
        None => {
            assert_eq!(pad, Padding::None);
            assert_eq!(v, Err(Error::InvalidLength));
            assert_eq!(inplace, Err(Error::InvalidLength));
            assert_eq!(b2b, Err(Error::InvalidLength));
            assert_eq!(streamed, Err(Error::InvalidLength));
            return Ok(());
        }
        Some(ct) => {
            assert_eq!(v.as_ref(), Ok(ct), "vec vs reference");
            assert_eq!(inplace.as_ref(), Ok(ct), "in place vs reference");
            if pad == Padding::Iso10126 {
                assert_eq!(b2b, Err(Error::InvalidParameter));
            } else {
                assert_eq!(b2b.as_ref(), Ok(ct), "b2b vs reference");
            }
            assert_eq!(streamed.as_ref(), Ok(ct), "streaming vs reference");
            // A buffer too small for the padded message.
            let padded_len = ct.len();
            if padded_len > msg.len() {
                let mut short = msg.clone();
                short.resize(padded_len - 1, 0);
                assert_eq!(
                    make().encrypt_padded_with_rng(&mut short, msg.len(), pad, &mut Fill(seed)),
                    Err(Error::OutputTooSmall)
                );
            }
        }
    }
    let ct = expect.expect("checked above");

    // What decryption must give: the reference unpadding of the padded
    // message (the message itself, except zero padding's trailing zeros).
    let padded = ref_pad(pad, &msg, bs, &mut Fill(seed)).expect("paddable");
    let want = if padded.is_empty() {
        Vec::new()
    } else {
        let last = padded.len() - bs;
        let keep = ref_unpad(pad, &padded[last..]).expect("own padding is valid");
        padded[..last + keep].to_vec()
    };
    if pad != Padding::Zero {
        assert_eq!(want, msg);
    }

    let mut b = ct.clone();
    let inplace = make().decrypt_padded(&mut b, pad).map(<[u8]>::to_vec);
    assert_eq!(inplace.as_ref(), Ok(&want), "decrypt in place");
    let mut out = vec![0u8; ct.len()];
    let b2b = make()
        .decrypt_padded_b2b(&ct, &mut out, pad)
        .map(<[u8]>::to_vec);
    assert_eq!(b2b.as_ref(), Ok(&want), "decrypt b2b");
    assert_eq!(make().decrypt_padded_vec(&ct, pad).as_ref(), Ok(&want));
    let streamed = stream_decrypt(&make, pad, &ct, &dec_splits_seed);
    assert_eq!(streamed.as_ref(), Ok(&want), "decrypt streaming");

    // Whole blocks, no padding: the raw reference plaintext.
    let mut raw = ct.clone();
    make().decrypt_blocks(&mut raw).expect("whole blocks");
    assert_eq!(raw, padded);
    Ok(())
}

fuzz_target!(|input: &[u8]| {
    let mut u = Unstructured::new(input);
    let _ = dispatch!(u, run);
});
