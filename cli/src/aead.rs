//! `enc`/`dec` for the authenticated modes: `gcm` (NIST SP 800-38D),
//! `ccm` (SP 800-38C), `eax` (Bellare–Rogaway–Wagner), `siv`
//! (RFC 5297), `ocb3` (RFC 7253) and `gcm-siv` (RFC 8452).
//!
//! `enc` writes `ciphertext || tag` (siv: `V || C`, as RFC 5297 does);
//! `dec` takes the same layout back and writes the plaintext only if the
//! tag verifies (exit 1 otherwise, with nothing on stdout and no output
//! file). `--nonce` is the mode's nonce; `--aad` may repeat: for siv each
//! piece is one associated-data component (an empty `--aad ''` included,
//! and a `--nonce` is the last component), for the others the pieces are
//! concatenated in order. `--tag-len` is the tag length in bytes (default
//! 16). A nonce, tag or key length the mode cannot take is exit 2.

use blockmodes::aead::siv::IV_LEN;
use blockmodes::aead::{Ccm, Eax, GcmSiv, Ocb3, Siv};
use blockmodes::backend::{Aes128, Aes192, Aes256};
use blockmodes::cipher::{BlockCipherDecrypt, KeyInit, typenum::U16};
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
    /// `ccm`: SP 800-38C; nonces of 7 to 13 bytes, even tags of 4 to 16.
    Ccm,
    /// `eax`: any nonce (an empty one too), tags of 1 to 16 bytes.
    Eax,
    /// `siv`: RFC 5297 AES-SIV; the key is K1‖K2 (32, 48 or 64 bytes), the
    /// nonce optional, `V` 16 bytes.
    Siv,
    /// `ocb3`: RFC 7253; nonces of 1 to 15 bytes (12 usual), tags of 1 to 16.
    Ocb3,
    /// `gcm-siv`: RFC 8452 AES-GCM-SIV; 12-byte nonces, 16-byte tags, keys
    /// of 16 or 32 bytes (24 as an extension).
    GcmSiv,
}

impl AeadMode {
    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            AeadMode::Gcm => "gcm",
            AeadMode::Ccm => "ccm",
            AeadMode::Eax => "eax",
            AeadMode::Siv => "siv",
            AeadMode::Ocb3 => "ocb3",
            AeadMode::GcmSiv => "gcm-siv",
        }
    }

    /// Whether the mode takes a nonce of `len` bytes.
    fn nonce_ok(self, len: usize) -> bool {
        match self {
            AeadMode::Gcm => len >= 1,
            AeadMode::Ccm => (7..=13).contains(&len),
            AeadMode::Eax | AeadMode::Siv => true,
            AeadMode::Ocb3 => (1..=15).contains(&len),
            AeadMode::GcmSiv => len == 12,
        }
    }

    /// The nonce lengths the mode takes, for messages.
    fn nonce_rule(self) -> &'static str {
        match self {
            AeadMode::Gcm => "at least 1 byte (12 recommended)",
            AeadMode::Ccm => "7 to 13 bytes (SP 800-38C §A.1)",
            AeadMode::Eax | AeadMode::Siv => "any length",
            AeadMode::Ocb3 => "1 to 15 bytes (RFC 7253 §4.2)",
            AeadMode::GcmSiv => "12 bytes (RFC 8452 §4)",
        }
    }

    /// The tag lengths the mode takes, for messages.
    fn tag_rule(self) -> &'static str {
        match self {
            AeadMode::Gcm => "16, 15, 14, 13, 12, 8 or 4 (SP 800-38D §5.2.1.2)",
            AeadMode::Ccm => "4, 6, 8, 10, 12, 14 or 16 (SP 800-38C §A.1)",
            AeadMode::Eax | AeadMode::Ocb3 => "1 to 16",
            AeadMode::Siv => "16 (the synthetic IV)",
            AeadMode::GcmSiv => "16 (RFC 8452 §4)",
        }
    }

    /// The key lengths the mode takes, for messages.
    fn key_rule(self) -> &'static str {
        match self {
            AeadMode::Siv => "K1‖K2, 32, 48 or 64 bytes (AES-SIV-256/384/512)",
            AeadMode::GcmSiv => "16 or 32 bytes (AES-128/256-GCM-SIV; 24 as an extension)",
            _ => "16, 24 or 32 bytes (AES-128/192/256)",
        }
    }
}

/// The default `--tag-len`, in bytes.
pub const DEFAULT_TAG_LEN: usize = 16;

/// A keyed mode with its nonce and associated data: the input in, the
/// output out.
type Sealer = Box<dyn Fn(Op, &[u8]) -> blockmodes::Result<Vec<u8>>>;

/// Nonce and associated data, as the mode takes them.
struct Inputs {
    nonce: Option<Zeroizing<Vec<u8>>>,
    aad: Vec<Zeroizing<Vec<u8>>>,
}

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
        Some(hex) => Some(decode_hex("--nonce", hex)?),
        None if mode == AeadMode::Siv => None,
        None => return Err(usage(format!("{name} needs --nonce"))),
    };
    let nonce_len = nonce.as_ref().map_or(0, |n| n.len());
    if !mode.nonce_ok(nonce_len) {
        return Err(explain(Error::InvalidIvLength, mode, nonce_len));
    }
    let aad = args
        .aad
        .iter()
        .map(|piece| decode_hex("--aad", piece))
        .collect::<Result<Vec<_>, _>>()?;
    let tag_len = args.tag_len.unwrap_or(DEFAULT_TAG_LEN);
    let sealer = keyed(mode, &key, tag_len, Inputs { nonce, aad })?;
    let input = io::read_input(args.input.as_deref())?;
    let output = Zeroizing::new(sealer(op, &input).map_err(|e| explain(e, mode, nonce_len))?);
    io::write_output(args.out.as_deref(), &output)
}

/// The mode keyed with `key`, with `tag_len`-byte tags.
fn keyed(mode: AeadMode, key: &[u8], tag_len: usize, inputs: Inputs) -> Result<Sealer, Failure> {
    let name = mode.name();
    let bad_tag = || {
        usage(format!(
            "{name}: --tag-len must be {}, not {tag_len}",
            mode.tag_rule()
        ))
    };
    // SIV's key is two AES keys.
    let aes_len = match mode {
        AeadMode::Siv if key.len().is_multiple_of(2) => key.len() / 2,
        AeadMode::Siv => 0,
        _ => key.len(),
    };
    let sealer = match aes_len {
        16 => keyed_with::<Aes128>(mode, key, tag_len, inputs),
        24 => keyed_with::<Aes192>(mode, key, tag_len, inputs),
        32 => keyed_with::<Aes256>(mode, key, tag_len, inputs),
        _ => {
            return Err(usage(format!(
                "{name}: the key must be {}, not {} bytes",
                mode.key_rule(),
                key.len()
            )));
        }
    };
    sealer.ok_or_else(bad_tag)
}

/// `None` if the mode refuses the tag length (the key length is checked).
fn keyed_with<C>(mode: AeadMode, key: &[u8], tag_len: usize, inputs: Inputs) -> Option<Sealer>
where
    C: blockmodes::Kernels<BlockSize = U16> + BlockCipherDecrypt + KeyInit + Send + 'static,
{
    if mode == AeadMode::Siv {
        if tag_len != IV_LEN {
            return None;
        }
        let siv = Siv::<C>::new_from_slice(key).ok()?;
        return Some(Box::new(move |op, input| {
            // RFC 5297 §3: a nonce is the last component.
            let mut ad: Vec<&[u8]> = inputs.aad.iter().map(|p| p.as_slice()).collect();
            ad.extend(inputs.nonce.as_deref().map(Vec::as_slice));
            match op {
                Op::Enc => siv.encrypt(&ad, input),
                Op::Dec => siv.decrypt(&ad, input),
            }
        }));
    }
    let aead = keyed_aead::<C>(mode, key, tag_len)?;
    let nonce = inputs.nonce.unwrap_or_default();
    let aad: Zeroizing<Vec<u8>> =
        Zeroizing::new(inputs.aad.iter().flat_map(|p| p.iter().copied()).collect());
    Some(Box::new(move |op, input| match op {
        Op::Enc => aead.encrypt(&nonce, &aad, input),
        Op::Dec => aead.decrypt(&nonce, &aad, input),
    }))
}

/// Every mode but siv (whose associated data is a list of components) as
/// an [`Aead`], keyed with `key`, with `tag_len`-byte tags; `None` if the
/// mode refuses the key or the tag length, or is siv. Shared with `speed`.
pub fn keyed_aead<C>(mode: AeadMode, key: &[u8], tag_len: usize) -> Option<Box<dyn Aead + Send>>
where
    C: blockmodes::Kernels<BlockSize = U16> + BlockCipherDecrypt + KeyInit + Send + 'static,
{
    Some(match mode {
        AeadMode::Gcm => Box::new(
            Gcm::<C>::new_from_slice(key)
                .ok()?
                .with_tag_len(tag_len)
                .ok()?,
        ),
        AeadMode::Ccm => Box::new(
            Ccm::<C>::new_from_slice(key)
                .ok()?
                .with_tag_len(tag_len)
                .ok()?,
        ),
        AeadMode::Eax => Box::new(
            Eax::<C>::new_from_slice(key)
                .ok()?
                .with_tag_len(tag_len)
                .ok()?,
        ),
        AeadMode::Ocb3 => Box::new(
            Ocb3::<C>::new_from_slice(key)
                .ok()?
                .with_tag_len(tag_len)
                .ok()?,
        ),
        AeadMode::GcmSiv if tag_len == blockmodes::aead::gcm_siv::TAG_LEN => {
            Box::new(GcmSiv::<C>::new_from_slice(key).ok()?)
        }
        AeadMode::GcmSiv | AeadMode::Siv => return None,
    })
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
        Error::LimitExceeded => usage(match mode {
            AeadMode::Ccm => format!(
                "ccm: the input is too long for a {nonce_len}-byte nonce (it leaves {} bytes for the length)",
                15usize.saturating_sub(nonce_len)
            ),
            AeadMode::Siv => "siv: more than 126 associated-data components".to_string(),
            _ => format!("{name}: the input or the AAD is longer than the mode allows"),
        }),
        e => e.into(),
    }
}
