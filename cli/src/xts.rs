//! `enc`/`dec --mode xts` (IEEE 1619, SP 800-38E): the key is key1‖key2
//! (32 bytes for XTS-AES-128, 64 for XTS-AES-256); either `--iv` is the
//! 16-byte tweak of one data unit, or `--sector N --sector-size BYTES` treats
//! the input as consecutive data units with tweaks N, N+1, … (little-endian
//! in the tweak block).

use blockmodes::backend::{Aes128, Aes256};
use blockmodes::cipher::typenum::U16;
use blockmodes::cipher::{BlockCipherDecrypt, BlockSizeUser, KeyInit};
use blockmodes::{Error, Xts};
use zeroize::Zeroizing;

use crate::crypt::{decode_hex, usage};
use crate::{CipherName, CryptArgs, Failure, Op, io};

/// Where the tweaks come from.
enum Tweaks {
    /// One data unit with this tweak.
    Unit(Zeroizing<Vec<u8>>),
    /// Consecutive units of `size` bytes from sector `first`.
    Sectors { first: u128, size: usize },
}

/// Run `enc` or `dec` for xts.
pub fn run(op: Op, args: &CryptArgs) -> Result<(), Failure> {
    if args.padding.is_some() || args.counter.is_some() {
        return Err(usage("xts takes no --padding or --counter"));
    }
    if args.cipher != CipherName::Aes {
        return Err(usage("xts is defined for 128-bit blocks: use --cipher aes"));
    }
    let key = decode_hex("--key", &args.key)?;
    let tweaks = match (&args.iv, args.sector, args.sector_size) {
        (Some(hex), None, None) => {
            let t = decode_hex("--iv", hex)?;
            if t.len() != 16 {
                return Err(usage(format!(
                    "xts: --iv (the tweak) must be 16 bytes, not {}",
                    t.len()
                )));
            }
            Tweaks::Unit(t)
        }
        (None, Some(first), Some(size)) => Tweaks::Sectors { first, size },
        (None, None, None) => {
            return Err(usage(
                "xts needs --iv TWEAK, or --sector N --sector-size BYTES",
            ));
        }
        (None, _, _) => return Err(usage("xts: --sector and --sector-size go together")),
        (Some(_), _, _) => return Err(usage("xts takes --iv or --sector/--sector-size, not both")),
    };
    let input = io::read_input(args.input.as_deref())?;
    let output = match key.len() {
        32 => crypt::<Aes128>(op, &key, &tweaks, &input),
        64 => crypt::<Aes256>(op, &key, &tweaks, &input),
        n => Err(usage(format!(
            "xts: the key is key1‖key2, 32 bytes (AES-128) or 64 bytes (AES-256), not {n}"
        ))),
    }?;
    io::write_output(args.out.as_deref(), &output)
}

fn crypt<C>(
    op: Op,
    key: &[u8],
    tweaks: &Tweaks,
    input: &[u8],
) -> Result<Zeroizing<Vec<u8>>, Failure>
where
    C: blockmodes::Kernels + BlockCipherDecrypt + BlockSizeUser<BlockSize = U16> + KeyInit,
{
    let xts =
        Xts::<C>::new_from_slice(key).map_err(|_| usage("xts: the two key halves must differ"))?;
    let mut buf = Zeroizing::new(input.to_vec());
    let result = match (tweaks, op) {
        (Tweaks::Unit(t), Op::Enc) => xts.encrypt_unit(t, &mut buf),
        (Tweaks::Unit(t), Op::Dec) => xts.decrypt_unit(t, &mut buf),
        (Tweaks::Sectors { first, size }, Op::Enc) => xts.encrypt_sectors(*first, *size, &mut buf),
        (Tweaks::Sectors { first, size }, Op::Dec) => xts.decrypt_sectors(*first, *size, &mut buf),
    };
    result.map_err(|e| match e {
        Error::InvalidLength => usage(match tweaks {
            Tweaks::Unit(_) => format!(
                "xts: a data unit is 16 bytes to 2^24 bytes, not {} bytes",
                input.len()
            ),
            Tweaks::Sectors { size, .. } => format!(
                "xts: the input ({} bytes) must be whole sectors of --sector-size {size} bytes, each 16 bytes to 2^24 bytes",
                input.len()
            ),
        }),
        Error::LimitExceeded => usage("xts: the sector numbers would run past 2^128 - 1"),
        e => e.into(),
    })?;
    Ok(buf)
}
