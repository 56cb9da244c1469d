//! The NIST CAVP XTS-AES files (XTSVS, CAVS 11.0: `XTSGenAES128.rsp`,
//! `XTSGenAES256.rsp`; IEEE Std 1619-2007 / NIST SP 800-38E) run against
//! [`Xts`].
//!
//! A record gives `DataUnitLen` (in **bits**), `Key` (`Key1 || Key2`), the
//! tweak as either `i` (16 bytes, hex) or `DataUnitSeqNumber` (decimal,
//! written little-endian into the tweak block, as IEEE 1619 §5.1 does), and
//! `PT` / `CT` in hex, the last byte holding the final `DataUnitLen mod 8`
//! bits in its most significant bits.
//!
//! Byte-aligned data units go straight through
//! [`Xts::encrypt_unit`] / [`Xts::decrypt_unit`]. The files also hold data
//! units that end in a partial *byte* (130, 140 and 250 bits), which XTS
//! defines (IEEE 1619-2007 §5.3.2 steals `b - s` bits) but a byte API
//! cannot take; for those the runner carries out the bit-level stealing
//! step itself, getting each block of the standard from the public API:
//! the block at position `j` under tweak `T_j` is block `j` of a `j + 1`
//! block data unit.

use std::format;
use std::string::String;
use std::vec::Vec;

use cipher::{BlockCipherDecrypt, KeyInit, typenum::U16};

use super::parse::{self, Direction, LineError, Record, encode_hex};
use crate::backend::{Aes128, Aes256};
use crate::{Error, Xts};

/// One XTSGen record; `Ok(Some(msg))` if it failed. `key_bits` is the AES
/// key size the file name promises (each half of `Key`).
pub(super) fn run_record(key_bits: usize, rec: &mut Record) -> Result<Option<String>, LineError> {
    let (len_s, len_line) = rec.take("DataUnitLen")?;
    let bits: usize = len_s.parse().map_err(|_| LineError {
        line: len_line,
        msg: format!("DataUnitLen must be a decimal number of bits, not {len_s:?}"),
    })?;
    let (key, key_line) = rec.take_hex("Key")?;
    if key.len() * 8 != 2 * key_bits {
        return parse::err(
            key_line,
            format!(
                "Key of {} bits is not two AES-{key_bits} keys",
                key.len() * 8
            ),
        );
    }
    let tweak = take_tweak(rec)?;
    let pt = take_data(rec, "PT", bits)?;
    let ct = take_data(rec, "CT", bits)?;
    rec.finish()?;
    let (encrypt, input, expected, out_name, d) = match rec.direction {
        Some(Direction::Decrypt) => (false, &ct, &pt, "PT", "DECRYPT"),
        _ => (true, &pt, &ct, "CT", "ENCRYPT"),
    };
    let label = format!("line {}: [{d}] COUNT = {}", rec.line, rec.id);
    let got = match key_bits {
        128 => Xts::<Aes128>::new_from_slice(&key)
            .and_then(|x| crypt_bits(&x, &tweak, input, bits, encrypt)),
        _ => Xts::<Aes256>::new_from_slice(&key)
            .and_then(|x| crypt_bits(&x, &tweak, input, bits, encrypt)),
    };
    Ok(match got {
        Err(e) => Some(format!("{label}: the API returned an error: {e}")),
        Ok(got) if &got != expected => Some(format!(
            "{label}: expected {out_name} = {}, got {}",
            encode_hex(expected),
            encode_hex(&got)
        )),
        Ok(_) => None,
    })
}

/// The tweak block: `i` (hex, 16 bytes) or `DataUnitSeqNumber` (decimal,
/// little-endian).
fn take_tweak(rec: &mut Record) -> Result<[u8; 16], LineError> {
    if rec.has("i") {
        let (i, line) = rec.take_hex("i")?;
        return i.try_into().map_err(|_| LineError {
            line,
            msg: "i must be 16 bytes".into(),
        });
    }
    let (n, line) = rec.take("DataUnitSeqNumber")?;
    let n: u128 = n.parse().map_err(|_| LineError {
        line,
        msg: format!("DataUnitSeqNumber must be a decimal number below 2^128, not {n:?}"),
    })?;
    Ok(n.to_le_bytes())
}

/// `PT` or `CT`: exactly `ceil(bits / 8)` bytes, with the unused low bits of
/// a partial last byte zero.
fn take_data(rec: &mut Record, name: &str, bits: usize) -> Result<Vec<u8>, LineError> {
    let (v, line) = rec.take_hex(name)?;
    if v.len() != bits.div_ceil(8) {
        return parse::err(
            line,
            format!(
                "{name} of {} bytes does not hold DataUnitLen = {bits} bits",
                v.len()
            ),
        );
    }
    let unused = (8 - bits % 8) % 8;
    if v.last().is_some_and(|b| b & ((1u8 << unused) - 1) != 0) {
        return parse::err(line, format!("{name} has bits set past DataUnitLen"));
    }
    Ok(v)
}

/// XTS of one data unit of `bits` bits (IEEE 1619-2007 §5.3.2 / §5.4.2).
fn crypt_bits<C>(
    xts: &Xts<C>,
    tweak: &[u8; 16],
    data: &[u8],
    bits: usize,
    encrypt: bool,
) -> Result<Vec<u8>, Error>
where
    C: crate::Kernels<BlockSize = U16> + BlockCipherDecrypt + KeyInit,
{
    let run = |buf: &mut [u8]| {
        if encrypt {
            xts.encrypt_unit(tweak, buf)
        } else {
            xts.decrypt_unit(tweak, buf)
        }
    };
    let mut out = data.to_vec();
    if bits.is_multiple_of(8) {
        run(&mut out)?;
        return Ok(out);
    }
    // m whole blocks, then s bits (0 < s < 128): q whole bytes and r bits.
    let (m, s) = (bits / 128, bits % 128);
    if m == 0 {
        return Err(Error::InvalidLength);
    }
    let (q, r) = (s / 8, s % 8);
    let mask = 0xffu8 << (8 - r);
    let tail = data.get(16 * m..).ok_or(Error::InvalidLength)?;
    // The first s bits of `hi` followed by the last 128 - s bits of `lo`.
    let splice = |hi: &[u8], lo: &[u8]| -> Vec<u8> {
        let mut v = lo.to_vec();
        v[..q].copy_from_slice(&hi[..q]);
        v[q] = (hi[q] & mask) | (lo[q] & !mask);
        v
    };
    // The first s bits of `x`, as ceil(s / 8) bytes.
    let first_bits = |x: &[u8]| -> Vec<u8> {
        let mut v = x[..=q].to_vec();
        v[q] &= mask;
        v
    };
    // The block at position j of the standard, XTS(x, T_j): block j of a
    // (j + 1)-block data unit whose last block is x.
    let at = |j: usize, x: &[u8]| -> Result<Vec<u8>, Error> {
        let mut buf = std::vec![0u8; 16 * (j + 1)];
        buf[16 * j..].copy_from_slice(x);
        run(&mut buf)?;
        Ok(buf.split_off(16 * j))
    };
    out.truncate(16 * m);
    let last = 16 * (m - 1)..16 * m;
    if encrypt {
        // C_0 … C_{m-2}, CC = XTS(P_{m-1}, T_{m-1})
        run(&mut out)?;
        let cc = out[last.clone()].to_vec();
        // C_{m-1} = XTS(P_m || CP, T_m), C_m = the first s bits of CC.
        let c_prev = at(m, &splice(tail, &cc))?;
        out[last].copy_from_slice(&c_prev);
        out.extend_from_slice(&first_bits(&cc));
    } else {
        // PP = XTS^-1(C_{m-1}, T_m)
        let pp = at(m, &out[last.clone()])?;
        // P_{m-1} = XTS^-1(C_m || CP, T_{m-1}), P_m = the first s bits of PP.
        out[last].copy_from_slice(&splice(tail, &pp));
        run(&mut out)?;
        out.extend_from_slice(&first_bits(&pp));
    }
    Ok(out)
}
