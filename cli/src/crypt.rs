//! `enc` and `dec`: check the options against the mode table, pick the
//! cipher from `--cipher` and the key length, run the library's one-shot
//! call over the whole input, and write the result only if it succeeded.

use blockmodes::backend::{Aes128, Aes192, Aes256};
use blockmodes::cipher::{BlockCipherDecrypt, KeyInit, typenum::Unsigned};
use blockmodes::des::{TdesEde2, TdesEde3};
use blockmodes::{
    BlockDecryptMode, BlockEncryptMode, Cbc, CbcCs, Cfb, CounterLayout, Ctr, Ecb, Error, Ofb,
    Padding, Pcbc, RandomFill, StreamMode,
};
use zeroize::Zeroizing;

use crate::mode::Mode;
use crate::{CipherName, CryptArgs, Failure, Op, io};

/// Everything `run_with` needs besides the cipher type and the input.
struct Params<'a> {
    op: Op,
    mode: Mode,
    mode_name: &'a str,
    key: &'a [u8],
    iv: &'a [u8],
    padding: Padding,
    counter: Option<&'a str>,
}

/// Run `enc` or `dec`.
pub fn run(op: Op, args: &CryptArgs) -> Result<(), Failure> {
    let mode =
        Mode::parse(&args.mode).ok_or_else(|| usage(format!("unknown mode '{}'", args.mode)))?;
    if let Mode::Aead(m) = mode {
        return crate::aead::run(op, m, args);
    }
    if args.nonce.is_some() || !args.aad.is_empty() || args.tag_len.is_some() {
        return Err(usage(format!(
            "{} takes no --nonce, --aad or --tag-len (only the AEAD modes do)",
            args.mode
        )));
    }
    if mode == Mode::Xts {
        return crate::xts::run(op, args);
    }
    if args.sector.is_some() || args.sector_size.is_some() {
        return Err(usage(format!(
            "{} takes no --sector/--sector-size (only xts does)",
            args.mode
        )));
    }
    let takes = mode.options();
    let key = decode_hex("--key", &args.key)?;
    let iv = match (&args.iv, takes.iv) {
        (Some(hex), true) => decode_hex("--iv", hex)?,
        (None, true) => return Err(usage(format!("{} needs --iv", args.mode))),
        (Some(_), false) => return Err(usage(format!("{} takes no --iv", args.mode))),
        (None, false) => Zeroizing::new(Vec::new()),
    };
    let padding = match (&args.padding, takes.padding) {
        (None, _) => Padding::Pkcs7,
        (Some(name), true) => Padding::from_name(name).ok_or_else(|| {
            usage(format!(
                "unknown padding '{name}' (pkcs7 x923 iso10126 iso7816 zero none)"
            ))
        })?,
        (Some(_), false) => {
            return Err(usage(format!(
                "{} takes no --padding (only ecb, cbc and pcbc do)",
                args.mode
            )));
        }
    };
    if args.counter.is_some() && !takes.counter {
        return Err(usage(format!(
            "{} takes no --counter (only ctr does)",
            args.mode
        )));
    }
    let params = Params {
        op,
        mode,
        mode_name: &args.mode,
        key: &key,
        iv: &iv,
        padding,
        counter: args.counter.as_deref(),
    };

    let input = io::read_input(args.input.as_deref())?;
    let mut rng = OsRandom::default();
    let output = Zeroizing::new(match (args.cipher, key.len()) {
        (CipherName::Aes, 16) => run_with::<Aes128>(&params, &input, &mut rng),
        (CipherName::Aes, 24) => run_with::<Aes192>(&params, &input, &mut rng),
        (CipherName::Aes, 32) => run_with::<Aes256>(&params, &input, &mut rng),
        (CipherName::Tdes, 16) => run_with::<TdesEde2>(&params, &input, &mut rng),
        (CipherName::Tdes, 24) => run_with::<TdesEde3>(&params, &input, &mut rng),
        (CipherName::Aes, n) => Err(usage(format!(
            "AES takes a 16-, 24- or 32-byte key, not {n} bytes"
        ))),
        (CipherName::Tdes, n) => Err(usage(format!(
            "TDES takes a 16-byte (2-key) or 24-byte (3-key) key, not {n} bytes"
        ))),
    }?);
    if rng.failed {
        return Err(usage("cannot read the operating system's random source"));
    }
    io::write_output(args.out.as_deref(), &output)
}

/// The mode over the block cipher `C`, in one shot.
fn run_with<C>(p: &Params<'_>, input: &[u8], rng: &mut OsRandom) -> Result<Vec<u8>, Failure>
where
    C: blockmodes::Kernels + BlockCipherDecrypt + KeyInit,
{
    let bs = C::BlockSize::USIZE;
    let (key, iv) = (p.key, p.iv);
    let result = match p.mode {
        Mode::Ecb => Ecb::<C>::new_from_slice(key).and_then(|m| padded(m, p, input, rng)),
        Mode::Cbc => Cbc::<C>::new_from_slices(key, iv).and_then(|m| padded(m, p, input, rng)),
        Mode::Pcbc => Pcbc::<C>::new_from_slices(key, iv).and_then(|m| padded(m, p, input, rng)),
        Mode::Cfb(bits) if bits > bs * 8 => {
            return Err(usage(format!(
                "{}: the segment size is at most the block size, {} bits",
                p.mode_name,
                bs * 8
            )));
        }
        Mode::Cfb(bits) => {
            Cfb::<C>::new_from_slices(key, iv, bits).and_then(|m| stream(m, p.op, input))
        }
        Mode::Ofb => Ofb::<C>::new_from_slices(key, iv).and_then(|m| stream(m, p.op, input)),
        Mode::Ctr => {
            let whole_block = format!("{}be", bs * 8);
            let text = p.counter.unwrap_or(&whole_block);
            let layout = CounterLayout::parse(text).map_err(|_| {
                usage(format!(
                    "bad --counter '{text}': NNbe (1 ≤ NN ≤ {}) or NNle (NN a multiple of 8)",
                    bs * 8
                ))
            })?;
            Ctr::<C>::new_from_slices(key, iv, layout).and_then(|m| stream(m, p.op, input))
        }
        Mode::CbcCs(variant) => {
            CbcCs::<C>::new_from_slices(key, iv, variant).and_then(|m| match p.op {
                Op::Enc => m.encrypt_vec(input),
                Op::Dec => m.decrypt_vec(input),
            })
        }
        // Dispatched to `xts::run` / `aead::run` before any cipher is chosen.
        Mode::Xts | Mode::Aead(_) => return Err(usage("handled apart")),
    };
    result.map_err(|e| explain(e, p, bs, input.len()))
}

/// A block mode with padding (ECB, CBC, PCBC).
fn padded<M: BlockEncryptMode + BlockDecryptMode>(
    mut m: M,
    p: &Params<'_>,
    input: &[u8],
    rng: &mut OsRandom,
) -> blockmodes::Result<Vec<u8>> {
    match p.op {
        Op::Enc => m.encrypt_padded_vec_with_rng(input, p.padding, Some(rng)),
        Op::Dec => m.decrypt_padded_vec(input, p.padding),
    }
}

/// A stream mode (CFB, OFB, CTR).
fn stream<M: StreamMode>(mut m: M, op: Op, input: &[u8]) -> blockmodes::Result<Vec<u8>> {
    match op {
        Op::Enc => m.encrypt_vec(input),
        Op::Dec => m.decrypt_vec(input),
    }
}

/// The library's error with the command line's context. A decryption
/// failure stays opaque.
fn explain(e: Error, p: &Params<'_>, bs: usize, input_len: usize) -> Failure {
    match e {
        Error::InvalidIvLength => usage(format!(
            "--iv must be one block ({bs} bytes), not {} bytes",
            p.iv.len()
        )),
        Error::InvalidLength => {
            let need = match p.mode {
                Mode::CbcCs(_) => format!("at least one block ({bs} bytes)"),
                _ if p.op == Op::Dec => {
                    format!("a non-empty multiple of the block size ({bs} bytes)")
                }
                _ => format!("a multiple of the block size ({bs} bytes) with --padding none"),
            };
            usage(format!(
                "{}: input of {input_len} bytes is not a length this mode takes: {need}",
                p.mode_name
            ))
        }
        Error::InvalidParameter if matches!(p.mode, Mode::Ctr) => usage(format!(
            "--counter {} does not fit a {}-bit block",
            p.counter.unwrap_or("(default)"),
            bs * 8
        )),
        Error::LimitExceeded => usage(format!(
            "{}: the counter would run past its last value (input too long for this IV and --counter)",
            p.mode_name
        )),
        e => e.into(),
    }
}

pub(crate) fn usage(reason: impl Into<String>) -> Failure {
    Failure::Usage(reason.into())
}

/// Decode the hex value of option `name`.
pub(crate) fn decode_hex(name: &str, text: &str) -> Result<Zeroizing<Vec<u8>>, Failure> {
    fn nibble(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        }
    }
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(2) {
        return Err(usage(format!("{name}: odd number of hex digits")));
    }
    let mut out = Zeroizing::new(Vec::with_capacity(bytes.len() / 2));
    for pair in bytes.chunks_exact(2) {
        match (nibble(pair[0]), nibble(pair[1])) {
            (Some(hi), Some(lo)) => out.push(hi << 4 | lo),
            _ => return Err(usage(format!("{name}: not a hex string"))),
        }
    }
    Ok(out)
}

/// ISO 10126 padding's random bytes, from the operating system. A failure
/// is remembered (and turned into exit 2) rather than a panic.
#[derive(Default)]
struct OsRandom {
    failed: bool,
}

impl RandomFill for OsRandom {
    fn fill(&mut self, dst: &mut [u8]) {
        if getrandom::fill(dst).is_err() {
            self.failed = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex() {
        assert_eq!(*decode_hex("k", "00ffA1").unwrap(), vec![0, 0xff, 0xa1]);
        assert_eq!(*decode_hex("k", "").unwrap(), Vec::<u8>::new());
        assert!(decode_hex("k", "abc").is_err());
        assert!(decode_hex("k", "zz").is_err());
        assert!(decode_hex("k", "+1").is_err());
        assert!(decode_hex("k", "é1").is_err());
    }
}
