//! `enc`/`dec` for the authenticated modes: `gcm` (NIST SP 800-38D).
//!
//! `enc` writes `ciphertext || tag`; `dec` takes the same layout back and
//! writes the plaintext only if the tag verifies (exit 1 otherwise, with
//! nothing on stdout and no output file). `--nonce` is the mode's nonce,
//! `--aad` may repeat (the pieces are concatenated, in order), `--tag-len`
//! is the tag length in bytes (default 16). A nonce, tag or key length the
//! mode cannot take is exit 2.

use blockmodes::backend::{Aes128, Aes192, Aes256};
use blockmodes::cipher::{BlockCipherEncrypt, KeyInit, typenum::U16};
use blockmodes::{Aead, Error, Gcm};
use zeroize::Zeroizing;

use crate::crypt::{decode_hex, usage};
use crate::{CipherName, CryptArgs, Failure, Op, io};

/// An authenticated mode named by `--mode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AeadMode {
    /// `gcm`: SP 800-38D; any nonce of 1 byte or more (12 recommended),
    /// tags of 16, 15, 14, 13, 12, 8 or 4 bytes.
    Gcm,
}

impl AeadMode {
    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            AeadMode::Gcm => "gcm",
        }
    }

    /// Whether the mode takes a nonce of `len` bytes.
    fn nonce_ok(self, len: usize) -> bool {
        match self {
            AeadMode::Gcm => len >= 1,
        }
    }

    /// The nonce lengths the mode takes, for messages.
    fn nonce_rule(self) -> &'static str {
        match self {
            AeadMode::Gcm => "at least 1 byte (12 recommended)",
        }
    }

    /// The tag lengths the mode takes, for messages.
    fn tag_rule(self) -> &'static str {
        match self {
            AeadMode::Gcm => "16, 15, 14, 13, 12, 8 or 4 (SP 800-38D §5.2.1.2)",
        }
    }
}

/// The default `--tag-len`, in bytes.
pub const DEFAULT_TAG_LEN: usize = 16;

/// Run `enc` or `dec` for an AEAD.
pub fn run(op: Op, mode: AeadMode, args: &CryptArgs) -> Result<(), Failure> {
    let name = mode.name();
    if args.iv.is_some() {
        return Err(usage(format!("{name} takes --nonce, not --iv")));
    }
    if args.padding.is_some() || args.counter.is_some() {
        return Err(usage(format!("{name} takes no --padding or --counter")));
    }
    if args.sector.is_some() || args.sector_size.is_some() {
        return Err(usage(format!(
            "{name} takes no --sector/--sector-size (only xts does)"
        )));
    }
    if args.cipher != CipherName::Aes {
        return Err(usage(format!(
            "{name} is defined for 128-bit blocks: use --cipher aes"
        )));
    }
    let key = decode_hex("--key", &args.key)?;
    let nonce = match &args.nonce {
        Some(hex) => decode_hex("--nonce", hex)?,
        None => return Err(usage(format!("{name} needs --nonce"))),
    };
    if !mode.nonce_ok(nonce.len()) {
        return Err(explain(Error::InvalidIvLength, mode, nonce.len()));
    }
    let mut aad = Zeroizing::new(Vec::new());
    for piece in &args.aad {
        aad.extend_from_slice(&decode_hex("--aad", piece)?);
    }
    let tag_len = args.tag_len.unwrap_or(DEFAULT_TAG_LEN);
    let aead = keyed(mode, &key, tag_len)?;
    let input = io::read_input(args.input.as_deref())?;
    let output = Zeroizing::new(
        match op {
            Op::Enc => aead.encrypt(&nonce, &aad, &input),
            Op::Dec => aead.decrypt(&nonce, &aad, &input),
        }
        .map_err(|e| explain(e, mode, nonce.len()))?,
    );
    io::write_output(args.out.as_deref(), &output)
}

/// The mode keyed with `key`, with `tag_len`-byte tags.
fn keyed(mode: AeadMode, key: &[u8], tag_len: usize) -> Result<Box<dyn Aead>, Failure> {
    let name = mode.name();
    let bad_tag = || {
        usage(format!(
            "{name}: --tag-len must be {}, not {tag_len}",
            mode.tag_rule()
        ))
    };
    match key.len() {
        16 => keyed_with::<Aes128>(mode, key, tag_len).ok_or_else(bad_tag),
        24 => keyed_with::<Aes192>(mode, key, tag_len).ok_or_else(bad_tag),
        32 => keyed_with::<Aes256>(mode, key, tag_len).ok_or_else(bad_tag),
        n => Err(usage(format!(
            "{name}: AES takes a 16-, 24- or 32-byte key, not {n} bytes"
        ))),
    }
}

/// `None` if the mode refuses the tag length (the key length is checked).
fn keyed_with<C>(mode: AeadMode, key: &[u8], tag_len: usize) -> Option<Box<dyn Aead>>
where
    C: BlockCipherEncrypt<BlockSize = U16> + KeyInit + 'static,
{
    match mode {
        AeadMode::Gcm => Gcm::<C>::new_from_slice(key)
            .and_then(|g| g.with_tag_len(tag_len))
            .ok()
            .map(|g| Box::new(g) as Box<dyn Aead>),
    }
}

/// The library's error with the command line's context. An authentication
/// failure stays opaque.
fn explain(e: Error, mode: AeadMode, nonce_len: usize) -> Failure {
    let name = mode.name();
    match e {
        Error::InvalidIvLength => usage(format!(
            "{name}: --nonce must be {}, not {nonce_len} bytes",
            mode.nonce_rule()
        )),
        Error::LimitExceeded => usage(format!(
            "{name}: the input or the AAD is longer than the mode allows"
        )),
        e => e.into(),
    }
}
