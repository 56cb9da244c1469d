//! `mac`: a message authentication code over stdin (or `--in`), the tag
//! written to stdout as raw bytes, like every other command's output.
//!
//! - `cmac` (NIST SP 800-38B): `--cipher aes` (16-, 24- or 32-byte key) or
//!   `--cipher tdes` (16-byte two-key or 24-byte three-key); no nonce;
//!   `--tag-len` from 4 bytes to the block size (the default: 16 for AES,
//!   8 for TDES).
//! - `gmac` (NIST SP 800-38D, GCM with no plaintext): AES key, `--nonce`
//!   required (1 byte or more, 12 recommended, never repeated under a
//!   key), `--tag-len` 16 (default), 15, 14, 13, 12, 8 or 4.

use std::path::PathBuf;

use blockmodes::backend::{Aes128, Aes192, Aes256};
use blockmodes::cipher::{KeyInit, typenum::U16};
use blockmodes::des::{TdesEde2, TdesEde3};
use blockmodes::mac::cmac::{CmacBlockSize, MIN_TAG_LEN};
use blockmodes::{Cmac, Gmac, Tag};
use clap::Args;
use zeroize::Zeroizing;

use crate::aead::DEFAULT_TAG_LEN;
use crate::crypt::{decode_hex, usage};
use crate::{CipherName, Failure, io};

/// The options of `mac`.
#[derive(Args)]
pub struct MacArgs {
    /// cmac gmac.
    #[arg(long, value_name = "MODE")]
    pub mode: String,
    /// The key, in hex.
    #[arg(long, value_name = "HEX")]
    pub key: String,
    /// gmac: the nonce, in hex (required; never reuse one under a key).
    #[arg(long, value_name = "HEX")]
    pub nonce: Option<String>,
    /// The tag length in bytes (default: 16; cmac: the block size).
    #[arg(long, value_name = "BYTES")]
    pub tag_len: Option<usize>,
    /// The block cipher (cmac: aes or tdes; gmac: aes only).
    #[arg(long, value_enum, default_value_t = CipherName::Aes)]
    pub cipher: CipherName,
    /// Read the message from FILE instead of stdin.
    #[arg(long = "in", value_name = "FILE")]
    pub input: Option<PathBuf>,
}

/// A keyed MAC: the message in, the tag out.
type Mac = Box<dyn Fn(&[u8]) -> blockmodes::Result<Tag>>;

/// Run `mac`.
pub fn run(args: &MacArgs) -> Result<(), Failure> {
    let key = decode_hex("--key", &args.key)?;
    // Every parameter is checked before the input is read.
    let mac = match args.mode.as_str() {
        "gmac" => gmac(args, &key, args.tag_len.unwrap_or(DEFAULT_TAG_LEN))?,
        "cmac" => cmac(args, &key)?,
        other => return Err(usage(format!("unknown mac mode '{other}' (cmac gmac)"))),
    };
    let input = io::read_input(args.input.as_deref())?;
    let tag = mac(&input)?;
    io::write_output(None, &tag)
}

/// CMAC keyed from the options.
fn cmac(args: &MacArgs, key: &[u8]) -> Result<Mac, Failure> {
    if args.nonce.is_some() {
        return Err(usage("cmac takes no --nonce"));
    }
    let block = match args.cipher {
        CipherName::Aes => 16,
        CipherName::Tdes => 8,
    };
    let tag_len = args.tag_len.unwrap_or(block);
    if !(MIN_TAG_LEN..=block).contains(&tag_len) {
        return Err(usage(format!(
            "cmac: --tag-len must be {MIN_TAG_LEN} to {block} bytes, not {tag_len}"
        )));
    }
    match (args.cipher, key.len()) {
        (CipherName::Aes, 16) => cmac_with::<Aes128>(key, tag_len),
        (CipherName::Aes, 24) => cmac_with::<Aes192>(key, tag_len),
        (CipherName::Aes, 32) => cmac_with::<Aes256>(key, tag_len),
        (CipherName::Tdes, 16) => cmac_with::<TdesEde2>(key, tag_len),
        (CipherName::Tdes, 24) => cmac_with::<TdesEde3>(key, tag_len),
        (CipherName::Aes, n) => Err(usage(format!(
            "cmac: AES takes a 16-, 24- or 32-byte key, not {n} bytes"
        ))),
        (CipherName::Tdes, n) => Err(usage(format!(
            "cmac: TDES takes a 16-byte (2-key) or 24-byte (3-key) key, not {n} bytes"
        ))),
    }
}

fn cmac_with<C>(key: &[u8], tag_len: usize) -> Result<Mac, Failure>
where
    C: blockmodes::Kernels + KeyInit + 'static,
    C::BlockSize: CmacBlockSize,
{
    let mac = Cmac::<C>::new_from_slice(key)?.with_tag_len(tag_len)?;
    Ok(Box::new(move |msg| Ok(mac.compute(msg))))
}

/// GMAC keyed from the options.
fn gmac(args: &MacArgs, key: &[u8], tag_len: usize) -> Result<Mac, Failure> {
    if args.cipher != CipherName::Aes {
        return Err(usage(
            "gmac is defined for 128-bit blocks: use --cipher aes",
        ));
    }
    let nonce = match &args.nonce {
        Some(hex) => decode_hex("--nonce", hex)?,
        None => return Err(usage("gmac needs --nonce")),
    };
    if nonce.is_empty() {
        return Err(usage(
            "gmac: --nonce must be at least 1 byte (12 recommended)",
        ));
    }
    match key.len() {
        16 => gmac_with::<Aes128>(key, tag_len, nonce),
        24 => gmac_with::<Aes192>(key, tag_len, nonce),
        32 => gmac_with::<Aes256>(key, tag_len, nonce),
        n => Err(usage(format!(
            "gmac: AES takes a 16-, 24- or 32-byte key, not {n} bytes"
        ))),
    }
}

fn gmac_with<C>(key: &[u8], tag_len: usize, nonce: Zeroizing<Vec<u8>>) -> Result<Mac, Failure>
where
    C: blockmodes::Kernels<BlockSize = U16> + KeyInit + 'static,
{
    let mac = Gmac::<C>::new_from_slice(key)?
        .with_tag_len(tag_len)
        .map_err(|_| {
            usage(format!(
                "gmac: --tag-len must be 16, 15, 14, 13, 12, 8 or 4, not {tag_len}"
            ))
        })?;
    Ok(Box::new(move |msg| mac.compute(&nonce, msg)))
}
