//! `Padding::unpad_block` (constant-time, src/padding.rs: PKCS#7 per
//! RFC 5652 §6.3, ANSI X9.23, ISO 10126, ISO/IEC 7816-4, zero, none)
//! against a simple branchy reference on arbitrary blocks of 0..=300
//! bytes: the same accept/reject and the same length. And `pad_block`
//! then `unpad_block` gives back the message length (or, for zero padding,
//! the position after the last non-zero message byte), with `pad_block`
//! writing only the tail and matching the reference padding.
#![no_main]

use arbitrary::Unstructured;
use blockmodes::{Error, Padding};
use fuzz_common::*;
use libfuzzer_sys::fuzz_target;

fn run(u: &mut Unstructured<'_>) -> arbitrary::Result<()> {
    let pad = padding(u)?;
    // Mostly real block sizes, sometimes anything (0 and > 255 included).
    let bs = if u.arbitrary()? {
        *u.choose(&[8usize, 16])?
    } else {
        u.int_in_range(0..=300)?
    };
    // Unpad an arbitrary block; bias the last byte and the tail towards
    // plausible padding so that acceptance is not a rarity.
    let mut blk = u.bytes(bs)?.to_vec();
    if bs > 0 && u.arbitrary()? {
        let n = u.int_in_range(1..=bs)?;
        let fill: u8 = *u.choose(&[0, n as u8, 0x80])?;
        for b in &mut blk[bs - n..] {
            *b = fill;
        }
        if u.arbitrary()? {
            blk[bs - 1] = n as u8;
        }
        if u.arbitrary()? {
            blk[bs - n] = 0x80;
        }
        if u.arbitrary()? {
            // Flip one byte anywhere.
            let i = u.int_in_range(0..=bs - 1)?;
            blk[i] ^= u.int_in_range(1..=255)?;
        }
    }
    assert_eq!(
        pad.unpad_block(&blk),
        ref_unpad(pad, &blk),
        "{pad:?} {blk:02x?}"
    );

    // pad_block → unpad_block.
    if bs == 0 {
        assert_eq!(
            pad.pad_block(&mut [], 0, None),
            Err(Error::InvalidParameter)
        );
        return Ok(());
    }
    let pos = u.int_in_range(0..=bs)?;
    let msg = u.bytes(pos)?.to_vec();
    let seed: u8 = u.arbitrary()?;
    let mut block = msg.clone();
    block.resize(bs, 0x5a);
    let byte_len = matches!(pad, Padding::Pkcs7 | Padding::AnsiX923 | Padding::Iso10126);
    let adds = !matches!(pad, Padding::Zero | Padding::None);
    let r = pad.pad_block(&mut block, pos, Some(&mut Fill(seed)));
    if byte_len && bs > 255 {
        assert_eq!(r, Err(Error::InvalidParameter));
        return Ok(());
    }
    if pos == bs && adds {
        assert_eq!(r, Err(Error::InvalidLength));
        return Ok(());
    }
    if pad == Padding::None && pos < bs {
        assert_eq!(r, Err(Error::InvalidLength));
        return Ok(());
    }
    assert_eq!(r, Ok(()), "{pad:?} bs={bs} pos={pos}");
    assert_eq!(&block[..pos], &msg[..], "pad_block touched the message");
    let want = if pad == Padding::Zero && pos == 0 {
        // A whole block of padding (`ref_pad` pads messages, and an empty
        // message needs none).
        vec![0; bs]
    } else {
        ref_pad(pad, &msg, bs, &mut Fill(seed)).expect("paddable")
    };
    assert_eq!(block, want, "pad_block vs reference");
    let whole = if pad == Padding::Zero && pos == 0 {
        0
    } else {
        bs
    };
    assert_eq!(pad.padded_len(pos, bs), Ok(whole));
    if pad == Padding::Iso10126 && pos < bs {
        assert_eq!(
            pad.pad_block(&mut block.clone(), pos, None),
            Err(Error::InvalidParameter)
        );
    }
    let back = pad.unpad_block(&block);
    if bs > 255 {
        // unpad_block takes blocks of at most 255 bytes.
        assert_eq!(back, Err(Error::InvalidParameter));
        return Ok(());
    }
    let expect = if pad == Padding::Zero {
        msg.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1)
    } else {
        pos
    };
    assert_eq!(back, Ok(expect), "{pad:?} round trip");
    Ok(())
}

fuzz_target!(|input: &[u8]| {
    let mut u = Unstructured::new(input);
    let _ = run(&mut u);
});
