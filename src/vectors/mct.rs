//! The AES Monte Carlo Test, AESAVS (NIST, 2002) §6.4: for each record,
//! 1000 chained iterations of the mode under one key, then the key, IV and
//! input of the next record derived from the outputs.
//!
//! One procedure covers all six modes. With segment size `s` (128 for ECB,
//! CBC, OFB and CFB128; 8 and 1 for CFB8 and CFB1) and `n = 128 / s`
//! segments per block, output `O[j]` of iteration `j`:
//!
//! - ECB:             `I[j+1] = O[j]`; next input `O[999]`.
//! - the other modes: `I[j+1] = segment j of IV` for `j < n`, else
//!   `O[j-n]`; next input `O[999-n]`; next IV = the last 128 output bits.
//!   (For `s = 128` this is AESAVS's `PT[j+1] = IV` for `j = 0`, else
//!   `CT[j-1]`; for CFB8 `ByteJ(IV)` / `CT[j-16]`; for CFB1 `BitJ(IV)` /
//!   `CT[j-128]`.)
//! - next key = key ⊕ the last `keylen` output bits.
//!
//! Decryption is the same with the roles of plaintext and ciphertext
//! swapped. The mode object lives for the whole inner loop, so the chaining
//! state of CBC/OFB/CFB carries from iteration to iteration as the
//! procedure requires.

use std::vec::Vec;

use super::engine::{CipherKind, ModeKind, engine};
use crate::Error;

/// Inner iterations per record.
pub const INNER: usize = 1000;

/// The result of one record of the Monte Carlo test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MctStep {
    /// `O[999]`: one segment, left-aligned in `ceil(s / 8)` bytes.
    pub output: Vec<u8>,
    /// Key of the next record.
    pub next_key: Vec<u8>,
    /// IV of the next record (empty for ECB).
    pub next_iv: Vec<u8>,
    /// Input segment of the next record, as `output`.
    pub next_input: Vec<u8>,
}

/// Segment size in bits of an AES mode in the Monte Carlo test.
pub fn segment_bits(mode: ModeKind) -> usize {
    match mode {
        ModeKind::Cfb(s) => s,
        _ => 128,
    }
}

fn mask(s: usize) -> u128 {
    if s == 128 {
        u128::MAX
    } else {
        (1u128 << s) - 1
    }
}

/// A segment of `s` bits, left-aligned in bytes, as a number.
fn seg_from(bytes: &[u8], s: usize) -> u128 {
    let mut b = [0u8; 16];
    let n = bytes.len().min(16);
    b[..n].copy_from_slice(&bytes[..n]);
    (u128::from_be_bytes(b) >> (128 - s)) & mask(s)
}

fn seg_to(v: u128, s: usize) -> [u8; 16] {
    (v << (128 - s)).to_be_bytes()
}

/// Run one record: `key`, `iv` (ignored for ECB) and one input segment.
/// `Err` only if the crate's API refuses the parameters.
pub fn mct_step(
    mode: ModeKind,
    key: &[u8],
    iv: &[u8],
    input: &[u8],
    encrypt: bool,
) -> Result<MctStep, Error> {
    let s = segment_bits(mode);
    if s == 0 || !128usize.is_multiple_of(s) {
        return Err(Error::InvalidParameter);
    }
    let n = 128 / s;
    let nbytes = s.div_ceil(8);
    let iv_num = seg_from(iv, 128);
    let mut run = engine(CipherKind::Aes, mode, key, iv, encrypt)?;
    let mut outs: Vec<u128> = Vec::with_capacity(INNER);
    let mut inp = seg_from(input, s);
    for j in 0..INNER {
        let mut buf = seg_to(inp, s);
        run(&mut buf[..nbytes], s)?;
        let out = seg_from(&buf[..nbytes], s);
        outs.push(out);
        inp = if mode == ModeKind::Ecb {
            out
        } else if j < n {
            (iv_num >> (128 - s * (j + 1))) & mask(s)
        } else {
            outs[j - n]
        };
    }
    let last = outs[INNER - 1];
    let key_tail = tail_bits(&outs, s, key.len() * 8);
    let next_key = key.iter().zip(&key_tail).map(|(k, t)| k ^ t).collect();
    let (next_iv, next_input) = if mode == ModeKind::Ecb {
        (Vec::new(), seg_to(last, s)[..nbytes].to_vec())
    } else {
        (
            tail_bits(&outs, s, 128),
            seg_to(outs[INNER - 1 - n], s)[..nbytes].to_vec(),
        )
    };
    Ok(MctStep {
        output: seg_to(last, s)[..nbytes].to_vec(),
        next_key,
        next_iv,
        next_input,
    })
}

/// The last `nbits` bits (a multiple of 8) of the concatenated `s`-bit
/// segments `outs`, as bytes.
fn tail_bits(outs: &[u128], s: usize, nbits: usize) -> Vec<u8> {
    let total = outs.len() * s;
    let start = total - nbits;
    let mut v = std::vec![0u8; nbits / 8];
    for i in 0..nbits {
        let k = start + i;
        let bit = (outs[k / s] >> (s - 1 - k % s)) & 1;
        if bit != 0 {
            v[i / 8] |= 0x80 >> (i % 8);
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_round_trip() {
        assert_eq!(seg_from(&[0x80], 1), 1);
        assert_eq!(seg_to(1, 1)[0], 0x80);
        assert_eq!(seg_from(&[0xab], 8), 0xab);
        let b: [u8; 16] = core::array::from_fn(|i| i as u8);
        assert_eq!(seg_to(seg_from(&b, 128), 128), b);
        assert_eq!(tail_bits(&[0xff, 0x0f], 8, 8), [0x0f]);
        assert_eq!(tail_bits(&[1, 0, 1, 1, 0, 0, 0, 0, 1], 1, 8), [0b0110_0001]);
    }
}
