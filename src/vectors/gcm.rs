//! The NIST CAVP GCM files (GCMVS, CAVS 14.0: `gcmEncryptExtIV{128,192,256}.rsp`,
//! `gcmDecrypt{128,192,256}.rsp`; NIST SP 800-38D §7.1–7.2) run against
//! [`Gcm`].
//!
//! Each group of records is headed by parameter sections — `[Keylen = 128]`
//! `[IVlen = 96]` `[PTlen = 0]` `[AADlen = 0]` `[Taglen = 128]`, all in bits
//! — and every record is checked against them: a `Key`, `IV`, `PT`/`CT`,
//! `AAD` or `Tag` of another length is a parse error, not a skipped case.
//!
//! - `gcmEncryptExtIV*` records give `Key`, `IV`, `PT`, `AAD`, `CT`, `Tag`:
//!   sealing `PT` must give `CT` and `Tag`, and opening them must give `PT`.
//! - `gcmDecrypt*` records give `Key`, `IV`, `CT`, `AAD`, `Tag` and then
//!   either `PT` (the open must succeed with it, and sealing `PT` must give
//!   `CT` and `Tag` back) or a bare `FAIL` line (the open must return
//!   [`Error::Decrypt`] and leave the buffer zeroed).
//!
//! The tag length is the group's `Taglen` ([`Gcm::with_tag_len`]); IVs are
//! 8, 96 and 1024 bits long, so both ways of forming `J_0` (§7.1 step 2)
//! are covered.

use std::format;
use std::string::String;
use std::vec::Vec;

use cipher::{KeyInit, typenum::U16};

use super::parse::{self, LineError, Record, encode_hex};
use crate::aes::{Aes128, Aes192, Aes256};
use crate::{Aead, Error, Gcm};

/// One record's values, checked against its parameters.
struct Case {
    key: Vec<u8>,
    iv: Vec<u8>,
    aad: Vec<u8>,
    ct: Vec<u8>,
    tag: Vec<u8>,
    /// `None` for a `FAIL` record.
    pt: Option<Vec<u8>>,
}

/// Take hex field `name` and check that it is `bits` long.
fn take_sized(
    rec: &mut Record,
    name: &str,
    param: &str,
    bits: usize,
) -> Result<Vec<u8>, LineError> {
    let (v, line) = rec.take_hex(name)?;
    if v.len() * 8 != bits {
        return parse::err(
            line,
            format!(
                "{name} is {} bits, but its group says [{param} = {bits}]",
                v.len() * 8
            ),
        );
    }
    Ok(v)
}

/// Read one record; `decrypt` for the `gcmDecrypt*` files.
fn take_case(key_bits: usize, decrypt: bool, rec: &mut Record) -> Result<Case, LineError> {
    let (keylen, l) = rec.take_param_usize("Keylen")?;
    if keylen != key_bits {
        return parse::err(
            l,
            format!("[Keylen = {keylen}] in a file for AES-{key_bits}"),
        );
    }
    let (ivlen, _) = rec.take_param_usize("IVlen")?;
    let (ptlen, _) = rec.take_param_usize("PTlen")?;
    let (aadlen, _) = rec.take_param_usize("AADlen")?;
    let (taglen, _) = rec.take_param_usize("Taglen")?;
    let key = take_sized(rec, "Key", "Keylen", keylen)?;
    let iv = take_sized(rec, "IV", "IVlen", ivlen)?;
    let aad = take_sized(rec, "AAD", "AADlen", aadlen)?;
    let ct = take_sized(rec, "CT", "PTlen", ptlen)?;
    let tag = take_sized(rec, "Tag", "Taglen", taglen)?;
    let pt = if decrypt && rec.take_flag("FAIL") {
        None
    } else {
        Some(take_sized(rec, "PT", "PTlen", ptlen)?)
    };
    rec.finish()?;
    Ok(Case {
        key,
        iv,
        aad,
        ct,
        tag,
        pt,
    })
}

/// One GCM record; `Ok(Some(msg))` if it failed. `key_bits` is the AES key
/// size the file name promises; `decrypt` is true for `gcmDecrypt*`.
pub(super) fn run_record(
    key_bits: usize,
    decrypt: bool,
    rec: &mut Record,
) -> Result<Option<String>, LineError> {
    let case = take_case(key_bits, decrypt, rec)?;
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
    let gcm = match Gcm::<C>::new_from_slice(&case.key).and_then(|g| g.with_tag_len(case.tag.len()))
    {
        Ok(g) => g,
        Err(e) => {
            problems.push(format!("the API refused the key or tag length: {e}"));
            return problems;
        }
    };
    // Open: verify CT and Tag, then decrypt.
    let mut buf = case.ct.clone();
    let opened = gcm.decrypt_in_place_detached(&case.iv, &case.aad, &mut buf, &case.tag);
    match (&case.pt, opened) {
        (Some(pt), Ok(())) if &buf != pt => problems.push(format!(
            "decrypt: expected PT = {}, got {}",
            encode_hex(pt),
            encode_hex(&buf)
        )),
        (Some(_), Ok(())) => {}
        (Some(_), Err(e)) => problems.push(format!("decrypt: the API returned an error: {e}")),
        (None, Ok(())) => problems.push("FAIL record: decrypt accepted the tag".into()),
        (None, Err(Error::Decrypt)) if buf.iter().any(|&b| b != 0) => {
            problems.push("FAIL record: the output was not zeroed".into());
        }
        (None, Err(Error::Decrypt)) => {}
        (None, Err(e)) => problems.push(format!(
            "FAIL record: expected an authentication failure, got: {e}"
        )),
    }
    // Seal: PT must give CT and Tag.
    if let Some(pt) = &case.pt {
        let mut buf = pt.clone();
        match gcm.encrypt_in_place_detached(&case.iv, &case.aad, &mut buf) {
            Err(e) => problems.push(format!("encrypt: the API returned an error: {e}")),
            Ok(tag) => {
                if buf != case.ct {
                    problems.push(format!(
                        "encrypt: expected CT = {}, got {}",
                        encode_hex(&case.ct),
                        encode_hex(&buf)
                    ));
                }
                if tag.as_slice() != case.tag.as_slice() {
                    problems.push(format!(
                        "encrypt: expected Tag = {}, got {}",
                        encode_hex(&case.tag),
                        encode_hex(&tag)
                    ));
                }
            }
        }
    }
    problems
}
