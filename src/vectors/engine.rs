//! The bridge from a vector record to the crate's public API: one keyed
//! mode object per record (NIST SP 800-38A §6.1–6.5 modes over AES,
//! FIPS 197, or TDEA, SP 800-67), driven through the same calls a user
//! makes: [`BlockEncryptMode`]/[`BlockDecryptMode`] for ECB and CBC,
//! [`StreamMode`] for OFB, CFB-8k and CTR, `encrypt_bits`/`decrypt_bits`
//! for CFB with a segment that is not a whole number of bytes.

use std::boxed::Box;

use cipher::{BlockCipherDecrypt, KeyInit};

use crate::backend::{Aes128, Aes192, Aes256};
use crate::des::TdesEde3;
use crate::modes::{Cbc, Cfb, CounterLayout, Ctr, Ecb, Ofb};
use crate::{BlockDecryptMode, BlockEncryptMode, Error, StreamMode};

/// The block cipher of a vector file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CipherKind {
    /// AES-128/192/256, chosen by the key length.
    Aes,
    /// Three-key TDEA (EDE), keyed with K1‖K2‖K3.
    Tdes,
}

impl CipherKind {
    /// Block size in bytes.
    pub fn block_len(self) -> usize {
        match self {
            CipherKind::Aes => 16,
            CipherKind::Tdes => 8,
        }
    }

    /// Name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            CipherKind::Aes => "AES",
            CipherKind::Tdes => "TDES",
        }
    }
}

/// A confidentiality mode of SP 800-38A.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModeKind {
    /// §6.1.
    Ecb,
    /// §6.2.
    Cbc,
    /// §6.3, with the segment size in bits.
    Cfb(usize),
    /// §6.4.
    Ofb,
    /// §6.5, with the counter layout.
    Ctr(CounterLayout),
    /// XTS (IEEE 1619, SP 800-38E); its records are run by `vectors/xts.rs`.
    Xts,
    /// GCM (SP 800-38D); its records are run by `vectors/gcm.rs`.
    Gcm,
    /// CCM (SP 800-38C); its records are run by `vectors/ccm.rs`.
    Ccm,
    /// SIV (RFC 5297); its records are run by `vectors/siv.rs`.
    Siv,
    /// CMAC (SP 800-38B); its records are run by `vectors/cmac.rs`.
    Cmac,
    /// OCB3 (RFC 7253); its records are run by `vectors/nonce_aead.rs`.
    Ocb3,
    /// AES-GCM-SIV (RFC 8452); its records are run by `vectors/nonce_aead.rs`.
    GcmSiv,
}

impl ModeKind {
    /// Name used in reports (`CBC`, `CFB8`, ...).
    pub fn name(self) -> std::string::String {
        match self {
            ModeKind::Ecb => "ECB".into(),
            ModeKind::Cbc => "CBC".into(),
            ModeKind::Cfb(s) => std::format!("CFB{s}"),
            ModeKind::Ofb => "OFB".into(),
            ModeKind::Ctr(_) => "CTR".into(),
            ModeKind::Xts => "XTS".into(),
            ModeKind::Gcm => "GCM".into(),
            ModeKind::Ccm => "CCM".into(),
            ModeKind::Siv => "SIV".into(),
            ModeKind::Cmac => "CMAC".into(),
            ModeKind::Ocb3 => "OCB3".into(),
            ModeKind::GcmSiv => "GCM-SIV".into(),
        }
    }

    /// Whether the mode takes an IV (or initial counter block).
    pub fn has_iv(self) -> bool {
        self != ModeKind::Ecb
    }

    /// Whether plaintext and ciphertext are bit strings in the vector files
    /// (CFB with a segment that is not a whole number of bytes).
    pub fn bit_strings(self) -> bool {
        matches!(self, ModeKind::Cfb(s) if !s.is_multiple_of(8))
    }
}

/// A keyed mode object in one direction: call it on successive pieces of
/// one message (`buf`, and its length in bits); state carries across calls.
pub type Engine = Box<dyn FnMut(&mut [u8], usize) -> Result<(), Error>>;

/// Key `cipher` with `key`, set up `mode` with `iv`, for `encrypt` or
/// decrypt. `Err(InvalidKeyLength)` if the cipher cannot take the key.
pub fn engine(
    cipher: CipherKind,
    mode: ModeKind,
    key: &[u8],
    iv: &[u8],
    encrypt: bool,
) -> Result<Engine, Error> {
    match (cipher, key.len()) {
        (CipherKind::Aes, 16) => engine_for::<Aes128>(mode, key, iv, encrypt),
        (CipherKind::Aes, 24) => engine_for::<Aes192>(mode, key, iv, encrypt),
        (CipherKind::Aes, 32) => engine_for::<Aes256>(mode, key, iv, encrypt),
        (CipherKind::Tdes, 24) => engine_for::<TdesEde3>(mode, key, iv, encrypt),
        _ => Err(Error::InvalidKeyLength),
    }
}

fn engine_for<C>(mode: ModeKind, key: &[u8], iv: &[u8], encrypt: bool) -> Result<Engine, Error>
where
    C: crate::Kernels + BlockCipherDecrypt + KeyInit + 'static,
{
    let cipher = C::new_from_slice(key).map_err(|_| Error::InvalidKeyLength)?;
    Ok(match mode {
        ModeKind::Ecb => {
            let mut m = Ecb::new(cipher);
            if encrypt {
                Box::new(move |b: &mut [u8], _| m.encrypt_blocks(b))
            } else {
                Box::new(move |b: &mut [u8], _| m.decrypt_blocks(b))
            }
        }
        ModeKind::Cbc => {
            let mut m = Cbc::new(cipher, iv)?;
            if encrypt {
                Box::new(move |b: &mut [u8], _| m.encrypt_blocks(b))
            } else {
                Box::new(move |b: &mut [u8], _| m.decrypt_blocks(b))
            }
        }
        // XTS takes two keys and a tweak per data unit, not a stream; GCM,
        // CCM, SIV, OCB3 and GCM-SIV are AEADs, CMAC a MAC. Their runners
        // call the API themselves.
        ModeKind::Xts
        | ModeKind::Gcm
        | ModeKind::Ccm
        | ModeKind::Siv
        | ModeKind::Cmac
        | ModeKind::Ocb3
        | ModeKind::GcmSiv => {
            return Err(Error::InvalidParameter);
        }
        ModeKind::Ofb => stream(Ofb::new(cipher, iv)?, encrypt),
        ModeKind::Ctr(layout) => stream(Ctr::new(cipher, iv, layout)?, encrypt),
        ModeKind::Cfb(s) if s.is_multiple_of(8) => stream(Cfb::new(cipher, iv, s)?, encrypt),
        ModeKind::Cfb(s) => {
            let mut m = Cfb::new(cipher, iv, s)?;
            if encrypt {
                Box::new(move |b: &mut [u8], bits| m.encrypt_bits(b, bits))
            } else {
                Box::new(move |b: &mut [u8], bits| m.decrypt_bits(b, bits))
            }
        }
    })
}

fn stream<M: StreamMode + 'static>(mut m: M, encrypt: bool) -> Engine {
    if encrypt {
        Box::new(move |b: &mut [u8], _| m.encrypt(b))
    } else {
        Box::new(move |b: &mut [u8], _| m.decrypt(b))
    }
}
