//! SIV vectors (RFC 5297 §2.6–2.7; test vectors of Appendix A.1 and A.2)
//! run against [`Siv`], from two layouts:
//!
//! - **key-value** (`vectors/aes/siv/*.txt` with `MODE = AES-SIV`): `KEY`
//!   (K1‖K2), the associated-data components `AD1`, `AD2`, … in order
//!   (numbered from 1 without gaps; an empty value is an empty component,
//!   an absent `AD1` means no components), an optional `NONCE` (the last
//!   component, RFC 5297 §3), `PLAINTEXT`, and `OUTPUT` = V ‖ C as RFC 5297
//!   Appendix A prints it.
//! - **section-less** (`cryptography_vectors`' `ciphers/AES/SIV/openssl.txt`):
//!   `Key`, the components `AAD`, `AAD2`, `AAD3`, … (the same numbering,
//!   with the first one unnumbered), `Tag` (V), `Plaintext`, `Ciphertext`.
//!
//! Every record is sealed (V ‖ C must match), opened (the plaintext must
//! come back), and opened with the last bit of V flipped (it must fail
//! with the buffer zeroed). The AES key size follows from the key length
//! (32, 48 or 64 bytes).

use std::format;
use std::string::String;
use std::vec::Vec;

use cipher::{KeyInit, typenum::U16};

use super::parse::{self, LineError, Record, encode_hex};
use crate::Error;
use crate::aead::Siv;
use crate::aes::{Aes128, Aes192, Aes256};

/// SIV's synthetic IV is one block.
const V_LEN: usize = 16;

/// One record's values.
struct Case {
    key: Vec<u8>,
    ad: Vec<Vec<u8>>,
    pt: Vec<u8>,
    /// V ‖ C.
    out: Vec<u8>,
}

/// Take the components `first`, `{stem}2`, `{stem}3`, … while present.
fn take_components(
    rec: &mut Record,
    first: &str,
    stem: &str,
    ad: &mut Vec<Vec<u8>>,
) -> Result<(), LineError> {
    let mut name = String::from(first);
    while rec.has(&name) {
        ad.push(rec.take_hex(&name)?.0);
        name = format!("{stem}{}", ad.len() + 1);
    }
    Ok(())
}

fn take_case(rec: &mut Record, kv: bool) -> Result<Case, LineError> {
    let (key, line) = rec.take_hex(if kv { "KEY" } else { "Key" })?;
    if !matches!(key.len(), 32 | 48 | 64) {
        return parse::err(
            line,
            format!(
                "an AES-SIV key is 32, 48 or 64 bytes (K1 || K2), not {}",
                key.len()
            ),
        );
    }
    let mut ad = Vec::new();
    let case = if kv {
        take_components(rec, "AD1", "AD", &mut ad)?;
        if rec.has("NONCE") {
            ad.push(rec.take_hex("NONCE")?.0);
        }
        let (pt, _) = rec.take_hex("PLAINTEXT")?;
        let (out, line) = rec.take_hex("OUTPUT")?;
        if out.len() != V_LEN + pt.len() {
            return parse::err(
                line,
                "OUTPUT must be V (16 bytes) || C (as long as PLAINTEXT)",
            );
        }
        Case { key, ad, pt, out }
    } else {
        take_components(rec, "AAD", "AAD", &mut ad)?;
        let (v, line) = rec.take_hex("Tag")?;
        if v.len() != V_LEN {
            return parse::err(line, "Tag (V) must be 16 bytes");
        }
        let (pt, _) = rec.take_hex("Plaintext")?;
        let (ct, line) = rec.take_hex("Ciphertext")?;
        if ct.len() != pt.len() {
            return parse::err(line, "Ciphertext and Plaintext differ in length");
        }
        Case {
            key,
            ad,
            pt,
            out: [v, ct].concat(),
        }
    };
    rec.finish()?;
    Ok(case)
}

/// One SIV record; `Ok(Some(msg))` if it failed. `kv` is true for the
/// key-value layout.
pub(super) fn run_record(kv: bool, rec: &mut Record) -> Result<Option<String>, LineError> {
    let case = take_case(rec, kv)?;
    let label = if kv {
        format!("line {}: VECTOR = {}", rec.line, rec.id)
    } else {
        format!("line {}: COUNT = {}", rec.line, rec.id)
    };
    let problems = match case.key.len() {
        32 => check::<Aes128>(&case),
        48 => check::<Aes192>(&case),
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
    let siv = match Siv::<C>::new_from_slice(&case.key) {
        Ok(s) => s,
        Err(e) => {
            problems.push(format!("the API refused the key: {e}"));
            return problems;
        }
    };
    let ad: Vec<&[u8]> = case.ad.iter().map(Vec::as_slice).collect();
    let (v, ct) = case.out.split_at(V_LEN);
    // Seal.
    let mut buf = case.pt.clone();
    match siv.encrypt_in_place_detached(&ad, &mut buf) {
        Err(e) => problems.push(format!("encrypt: the API returned an error: {e}")),
        Ok(tag) => {
            let got = [&tag[..], &buf].concat();
            if got != case.out {
                problems.push(format!(
                    "encrypt: expected V || C = {}, got {}",
                    encode_hex(&case.out),
                    encode_hex(&got)
                ));
            }
        }
    }
    // Open.
    let mut buf = ct.to_vec();
    match siv.decrypt_in_place_detached(&ad, &mut buf, v) {
        Err(e) => problems.push(format!("decrypt: the API returned an error: {e}")),
        Ok(()) if buf != case.pt => problems.push(format!(
            "decrypt: expected plaintext {}, got {}",
            encode_hex(&case.pt),
            encode_hex(&buf)
        )),
        Ok(()) => {}
    }
    // Open with a corrupted V.
    let mut bad_v = v.to_vec();
    if let Some(last) = bad_v.last_mut() {
        *last ^= 1;
    }
    let mut buf = ct.to_vec();
    match siv.decrypt_in_place_detached(&ad, &mut buf, &bad_v) {
        Ok(()) => problems.push("decrypt accepted V with its last bit flipped".into()),
        Err(Error::Decrypt) if buf.iter().any(|&b| b != 0) => {
            problems.push("decrypt with a corrupted V did not zero the output".into());
        }
        Err(Error::Decrypt) => {}
        Err(e) => problems.push(format!(
            "decrypt with a corrupted V: expected an authentication failure, got: {e}"
        )),
    }
    problems
}
