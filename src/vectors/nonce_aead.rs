//! The section-less AEAD files of `cryptography_vectors` run against the
//! [`Aead`] API: OCB3 (RFC 7253 §4; the sample results of Appendix A and
//! their 104/112/120-bit-nonce forms, and OpenSSL's longer messages) over
//! [`Ocb3`], and AES-GCM-SIV (RFC 8452 §4–5; the RFC's Appendix C vectors
//! as OpenSSL keeps them, and AES-192 vectors) over [`GcmSiv`].
//!
//! - OCB3 records: `Key`, `Nonce`, `AAD`, `Plaintext`, `Ciphertext`
//!   (ciphertext ‖ tag; the tag length is what `Ciphertext` has beyond
//!   `Plaintext`, passed to [`Ocb3::with_tag_len`]).
//! - GCM-SIV records: `Key`, `IV` (the 12-byte nonce), `AAD` — absent in
//!   the records without associated data, and then empty —, `Tag`,
//!   `Plaintext`, `Ciphertext`.
//!
//! Every record is sealed (ciphertext and tag must match), opened (the
//! plaintext must come back), and opened with the last bit of the tag
//! flipped (it must fail with [`Error::Decrypt`] and the buffer zeroed).

use std::boxed::Box;
use std::format;
use std::string::String;
use std::vec::Vec;

use cipher::{BlockCipherDecrypt, KeyInit, typenum::U16};

use super::parse::{self, LineError, Record, encode_hex};
use crate::aead::{GcmSiv, Ocb3};
use crate::aes::{Aes128, Aes192, Aes256};
use crate::{Aead, Error};

/// Which algorithm a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Algorithm {
    /// OCB3, RFC 7253.
    Ocb3,
    /// AES-GCM-SIV, RFC 8452.
    GcmSiv,
}

/// One record's values.
struct Case {
    key: Vec<u8>,
    nonce: Vec<u8>,
    aad: Vec<u8>,
    pt: Vec<u8>,
    ct: Vec<u8>,
    tag: Vec<u8>,
}

fn take_case(alg: Algorithm, key_bits: Option<usize>, rec: &mut Record) -> Result<Case, LineError> {
    let (key, line) = rec.take_hex("Key")?;
    let fits = match key_bits {
        Some(bits) => key.len() * 8 == bits,
        None => matches!(key.len(), 16 | 24 | 32),
    };
    if !fits {
        return parse::err(
            line,
            format!("a Key of {} bits does not fit this file", key.len() * 8),
        );
    }
    let case = match alg {
        Algorithm::Ocb3 => {
            let (nonce, _) = rec.take_hex("Nonce")?;
            let (aad, _) = rec.take_hex("AAD")?;
            let (pt, _) = rec.take_hex("Plaintext")?;
            let (mut ct, line) = rec.take_hex("Ciphertext")?;
            if !(pt.len() + 1..=pt.len() + 16).contains(&ct.len()) {
                return parse::err(
                    line,
                    "Ciphertext must be as long as Plaintext plus a tag of 1 to 16 bytes",
                );
            }
            let tag = ct.split_off(pt.len());
            Case {
                key,
                nonce,
                aad,
                pt,
                ct,
                tag,
            }
        }
        Algorithm::GcmSiv => {
            let aad = if rec.has("AAD") {
                rec.take_hex("AAD")?.0
            } else {
                Vec::new()
            };
            let (nonce, _) = rec.take_hex("IV")?;
            let (tag, line) = rec.take_hex("Tag")?;
            if tag.len() != 16 {
                return parse::err(line, "an AES-GCM-SIV Tag is 16 bytes");
            }
            let (pt, _) = rec.take_hex("Plaintext")?;
            let (ct, line) = rec.take_hex("Ciphertext")?;
            if ct.len() != pt.len() {
                return parse::err(line, "Ciphertext and Plaintext differ in length");
            }
            Case {
                key,
                nonce,
                aad,
                pt,
                ct,
                tag,
            }
        }
    };
    rec.finish()?;
    Ok(case)
}

/// One record; `Ok(Some(msg))` if it failed. `key_bits` is the AES key
/// size the file name promises, if it does.
pub(super) fn run_record(
    alg: Algorithm,
    key_bits: Option<usize>,
    rec: &mut Record,
) -> Result<Option<String>, LineError> {
    let case = take_case(alg, key_bits, rec)?;
    let label = format!("line {}: COUNT = {}", rec.line, rec.id);
    let aead = match case.key.len() {
        16 => keyed::<Aes128>(alg, &case),
        24 => keyed::<Aes192>(alg, &case),
        _ => keyed::<Aes256>(alg, &case),
    };
    let problems = match aead {
        Ok(aead) => check(aead.as_ref(), &case),
        Err(e) => std::vec![format!("the API refused the key or tag length: {e}")],
    };
    Ok((!problems.is_empty()).then(|| format!("{label}: {}", problems.join("; "))))
}

fn keyed<C>(alg: Algorithm, case: &Case) -> Result<Box<dyn Aead>, Error>
where
    C: crate::Kernels<BlockSize = U16> + BlockCipherDecrypt + KeyInit + 'static,
{
    Ok(match alg {
        Algorithm::Ocb3 => {
            Box::new(Ocb3::<C>::new_from_slice(&case.key)?.with_tag_len(case.tag.len())?)
        }
        Algorithm::GcmSiv => Box::new(GcmSiv::<C>::new_from_slice(&case.key)?),
    })
}

/// Run `case` through the public API; the list of what went wrong.
fn check(aead: &dyn Aead, case: &Case) -> Vec<String> {
    let mut problems = Vec::new();
    // Seal.
    let mut buf = case.pt.clone();
    match aead.encrypt_in_place_detached(&case.nonce, &case.aad, &mut buf) {
        Err(e) => problems.push(format!("encrypt: the API returned an error: {e}")),
        Ok(tag) => {
            if buf != case.ct || tag[..] != case.tag[..] {
                problems.push(format!(
                    "encrypt: expected ciphertext {} tag {}, got {} tag {}",
                    encode_hex(&case.ct),
                    encode_hex(&case.tag),
                    encode_hex(&buf),
                    encode_hex(&tag)
                ));
            }
        }
    }
    // Open.
    let mut buf = case.ct.clone();
    match aead.decrypt_in_place_detached(&case.nonce, &case.aad, &mut buf, &case.tag) {
        Err(e) => problems.push(format!("decrypt: the API returned an error: {e}")),
        Ok(()) if buf != case.pt => problems.push(format!(
            "decrypt: expected plaintext {}, got {}",
            encode_hex(&case.pt),
            encode_hex(&buf)
        )),
        Ok(()) => {}
    }
    // Open with a corrupted tag.
    let mut bad = case.tag.clone();
    if let Some(last) = bad.last_mut() {
        *last ^= 1;
    }
    let mut buf = case.ct.clone();
    match aead.decrypt_in_place_detached(&case.nonce, &case.aad, &mut buf, &bad) {
        Ok(()) => problems.push("decrypt accepted the tag with its last bit flipped".into()),
        Err(Error::Decrypt) if buf.iter().any(|&b| b != 0) => {
            problems.push("decrypt with a corrupted tag did not zero the output".into());
        }
        Err(Error::Decrypt) => {}
        Err(e) => problems.push(format!(
            "decrypt with a corrupted tag: expected an authentication failure, got: {e}"
        )),
    }
    problems
}
