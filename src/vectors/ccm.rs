//! The NIST CAVP CCM files (CCMVS, CAVS 11.0: `DVPT`, `VADT`, `VNT`,
//! `VPT`, `VTT` × AES-128/192/256; NIST SP 800-38C §6) run against
//! [`Ccm`].
//!
//! Lengths are in **bytes** here: `Alen` (associated data), `Plen`
//! (payload), `Nlen` (nonce), `Tlen` (tag). The varying one is a parameter
//! section (`[Alen = 3]`, or all four in `DVPT`: `[Alen = 0, Plen = 0,
//! Nlen = 7, Tlen = 4]`), the fixed ones top-of-file lines (`Plen = 24`).
//! `Key` (and in all but `DVPT` `Nonce`) is given once per group, before
//! its records. CCMVS writes an empty `Adata` or `Payload` as `00`, so a
//! length of 0 must come with exactly that placeholder.
//!
//! - `VADT`, `VNT`, `VPT`, `VTT` records give `Adata`, `Payload` and
//!   `CT` (ciphertext ‖ tag): sealing must give `CT`, opening it `Payload`.
//! - `DVPT` records give `Nonce`, `Adata`, `CT` and `Result = Pass` with
//!   the `Payload` the open must return (and sealing must give `CT` back),
//!   or `Result = Fail`: the open must return [`Error::Decrypt`] with the
//!   buffer zeroed.

use std::format;
use std::string::String;
use std::vec::Vec;

use cipher::{KeyInit, typenum::U16};

use super::parse::{self, LineError, Record, encode_hex};
use crate::aead::Ccm;
use crate::aes::{Aes128, Aes192, Aes256};
use crate::{Aead, Error};

/// One record's values, checked against its parameters.
struct Case {
    key: Vec<u8>,
    nonce: Vec<u8>,
    adata: Vec<u8>,
    /// Ciphertext ‖ tag.
    ct: Vec<u8>,
    tag_len: usize,
    /// `None` for a `Result = Fail` record.
    payload: Option<Vec<u8>>,
}

/// Take hex field `name` holding `len` bytes; a length of 0 is written
/// as the placeholder `00` when `placeholder` (CCMVS's `Adata`/`Payload`).
fn take_len(
    rec: &mut Record,
    name: &str,
    param: &str,
    len: usize,
    placeholder: bool,
) -> Result<Vec<u8>, LineError> {
    let (v, line) = rec.take_hex(name)?;
    if placeholder && len == 0 {
        if v != [0] {
            return parse::err(line, format!("[{param} = 0] but {name} is not 00"));
        }
        return Ok(Vec::new());
    }
    if v.len() != len {
        return parse::err(
            line,
            format!("{name} is {} bytes, but {param} = {len}", v.len()),
        );
    }
    Ok(v)
}

fn take_case(key_bits: usize, dvpt: bool, rec: &mut Record) -> Result<Case, LineError> {
    let (alen, _) = rec.take_param_usize("Alen")?;
    let (plen, _) = rec.take_param_usize("Plen")?;
    let (nlen, _) = rec.take_param_usize("Nlen")?;
    let (tlen, _) = rec.take_param_usize("Tlen")?;
    let key = take_len(rec, "Key", "the file's key size", key_bits / 8, false)?;
    let nonce = take_len(rec, "Nonce", "Nlen", nlen, false)?;
    let adata = take_len(rec, "Adata", "Alen", alen, true)?;
    let ct = take_len(rec, "CT", "Plen + Tlen", plen + tlen, false)?;
    let payload = if dvpt {
        let (result, line) = rec.take("Result")?;
        match result.as_str() {
            "Pass" => Some(take_len(rec, "Payload", "Plen", plen, true)?),
            "Fail" => None,
            _ => return parse::err(line, format!("Result must be Pass or Fail, not {result:?}")),
        }
    } else {
        Some(take_len(rec, "Payload", "Plen", plen, true)?)
    };
    rec.finish()?;
    Ok(Case {
        key,
        nonce,
        adata,
        ct,
        tag_len: tlen,
        payload,
    })
}

/// One CCM record; `Ok(Some(msg))` if it failed. `key_bits` is the AES key
/// size the file name promises; `dvpt` is true for the `DVPT*` files.
pub(super) fn run_record(
    key_bits: usize,
    dvpt: bool,
    rec: &mut Record,
) -> Result<Option<String>, LineError> {
    let case = take_case(key_bits, dvpt, rec)?;
    let label = format!("line {}: Count = {}", rec.line, rec.id);
    let problems = match case.key.len() {
        16 => check::<Aes128>(&case),
        24 => check::<Aes192>(&case),
        _ => check::<Aes256>(&case),
    };
    Ok((!problems.is_empty()).then(|| format!("{label}: {}", problems.join("; "))))
}

/// Run `case` through the public API; the list of what went wrong.
fn check<C>(case: &Case) -> Vec<String>
where
    C: crate::Kernels<BlockSize = U16> + KeyInit,
{
    let mut problems = Vec::new();
    let ccm = match Ccm::<C>::new_from_slice(&case.key).and_then(|c| c.with_tag_len(case.tag_len)) {
        Ok(c) => c,
        Err(e) => {
            problems.push(format!("the API refused the key or tag length: {e}"));
            return problems;
        }
    };
    let (ct, tag) = case.ct.split_at(case.ct.len() - case.tag_len);
    // Open.
    let mut buf = ct.to_vec();
    let opened = ccm.decrypt_in_place_detached(&case.nonce, &case.adata, &mut buf, tag);
    match (&case.payload, opened) {
        (Some(p), Ok(())) if &buf != p => problems.push(format!(
            "decrypt: expected Payload = {}, got {}",
            encode_hex(p),
            encode_hex(&buf)
        )),
        (Some(_), Ok(())) => {}
        (Some(_), Err(e)) => problems.push(format!("decrypt: the API returned an error: {e}")),
        (None, Ok(())) => problems.push("Result = Fail record: decrypt accepted the tag".into()),
        (None, Err(Error::Decrypt)) if buf.iter().any(|&b| b != 0) => {
            problems.push("Result = Fail record: the output was not zeroed".into());
        }
        (None, Err(Error::Decrypt)) => {}
        (None, Err(e)) => problems.push(format!(
            "Result = Fail record: expected an authentication failure, got: {e}"
        )),
    }
    // Seal.
    if let Some(p) = &case.payload {
        let mut buf = p.clone();
        match ccm.encrypt_in_place_detached(&case.nonce, &case.adata, &mut buf) {
            Err(e) => problems.push(format!("encrypt: the API returned an error: {e}")),
            Ok(t) => {
                buf.extend_from_slice(&t);
                if buf != case.ct {
                    problems.push(format!(
                        "encrypt: expected CT = {}, got {}",
                        encode_hex(&case.ct),
                        encode_hex(&buf)
                    ));
                }
            }
        }
    }
    problems
}
