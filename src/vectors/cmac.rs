//! The CMAC example vectors of NIST SP 800-38B (Appendix D.1–D.4 values,
//! as kept in `cryptography_vectors`' `CMAC/nist-800-38b-{aes128,aes192,
//! aes256,3des}.txt`) run against [`Cmac`].
//!
//! The files are section-less: each record is `COUNT`, the key (`KEY` for
//! AES, `KEY1`/`KEY2`/`KEY3` for TDES), `MESSAGE` (possibly empty) and
//! `OUTPUT`, the tag. For every record the runner checks the one-shot
//! [`Cmac::compute`], the streaming [`Cmac::update`] /
//! [`Cmac::finalize`] with the message fed in two uneven pieces, that
//! [`Cmac::verify`] accepts `OUTPUT`, and that it rejects `OUTPUT` with
//! its last bit flipped.
//!
//! TDES records are run with three-key TDEA ([`TdesEde3`], K1‖K2‖K3); a
//! record whose `KEY3` equals `KEY1` (the file's "Two Key" records) is run
//! with two-key TDEA ([`TdesEde2`], K1‖K2) as well.

use std::format;
use std::string::String;
use std::vec::Vec;

use cipher::KeyInit;

use super::engine::CipherKind;
use super::parse::{self, LineError, Record, encode_hex};
use crate::Cmac;
use crate::aes::{Aes128, Aes192, Aes256};
use crate::des::{TdesEde2, TdesEde3};
use crate::mac::cmac::CmacBlockSize;

/// One CMAC record; `Ok(Some(msg))` if it failed. `key_bits` is the AES
/// key size the file name promises (ignored for TDES).
pub(super) fn run_record(
    cipher: CipherKind,
    key_bits: usize,
    rec: &mut Record,
) -> Result<Option<String>, LineError> {
    let keys: Vec<(&str, Vec<u8>)> = match cipher {
        CipherKind::Aes => {
            let (key, line) = rec.take_hex("KEY")?;
            if key.len() * 8 != key_bits {
                return parse::err(
                    line,
                    format!("KEY of {} bits does not fit this file", key.len() * 8),
                );
            }
            std::vec![("", key)]
        }
        CipherKind::Tdes => {
            let mut parts = Vec::with_capacity(3);
            for name in ["KEY1", "KEY2", "KEY3"] {
                let (k, line) = rec.take_hex(name)?;
                if k.len() != 8 {
                    return parse::err(line, format!("{name} must be one DES key (8 bytes)"));
                }
                parts.push(k);
            }
            let ede3 = parts.concat();
            let mut keys = std::vec![("TdesEde3", ede3)];
            if parts.first() == parts.get(2) {
                keys.push(("TdesEde2", parts[..2].concat()));
            }
            keys
        }
    };
    let (msg, _) = rec.take_hex("MESSAGE")?;
    let (tag, line) = rec.take_hex("OUTPUT")?;
    if tag.len() > cipher.block_len() {
        return parse::err(line, "OUTPUT is longer than a block");
    }
    rec.finish()?;
    let mut problems = Vec::new();
    for (name, key) in &keys {
        let got = match (cipher, key.len()) {
            (CipherKind::Aes, 16) => check::<Aes128>(key, &msg, &tag),
            (CipherKind::Aes, 24) => check::<Aes192>(key, &msg, &tag),
            (CipherKind::Aes, _) => check::<Aes256>(key, &msg, &tag),
            (CipherKind::Tdes, 16) => check::<TdesEde2>(key, &msg, &tag),
            (CipherKind::Tdes, _) => check::<TdesEde3>(key, &msg, &tag),
        };
        for p in got {
            if name.is_empty() {
                problems.push(p);
            } else {
                problems.push(format!("{name}: {p}"));
            }
        }
    }
    let label = format!("line {}: COUNT = {}", rec.line, rec.id);
    Ok((!problems.is_empty()).then(|| format!("{label}: {}", problems.join("; "))))
}

/// Run one key through the public API; the list of what went wrong.
fn check<C>(key: &[u8], msg: &[u8], tag: &[u8]) -> Vec<String>
where
    C: crate::Kernels + KeyInit,
    C::BlockSize: CmacBlockSize,
{
    let mut problems = Vec::new();
    let mut mac = match Cmac::<C>::new_from_slice(key).and_then(|m| m.with_tag_len(tag.len())) {
        Ok(m) => m,
        Err(e) => {
            problems.push(format!("the API refused the key or tag length: {e}"));
            return problems;
        }
    };
    let want = encode_hex(tag);
    let one_shot = encode_hex(&mac.compute(msg));
    if one_shot != want {
        problems.push(format!("compute: expected OUTPUT = {want}, got {one_shot}"));
    }
    let (a, b) = msg.split_at(msg.len() / 3);
    mac.update(a);
    mac.update(b);
    let streamed = encode_hex(&mac.finalize());
    if streamed != want {
        problems.push(format!(
            "update/finalize: expected OUTPUT = {want}, got {streamed}"
        ));
    }
    if let Err(e) = mac.verify(msg, tag) {
        problems.push(format!("verify rejected OUTPUT: {e}"));
    }
    let mut bad = tag.to_vec();
    if let Some(last) = bad.last_mut() {
        *last ^= 1;
    }
    if mac.verify(msg, &bad).is_ok() {
        problems.push("verify accepted OUTPUT with its last bit flipped".into());
    }
    problems
}
