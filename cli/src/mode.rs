//! The table of modes `--mode` accepts (NIST SP 800-38A §6.1–6.5 and its
//! ciphertext-stealing addendum, plus PCBC, XTS and the AEADs), and which of the other options
//! each one takes. Adding a mode is a line in [`NAMED`], an arm in
//! [`Mode::options`] and an arm in `crypt::run_with`.

use blockmodes::CsVariant;

use crate::aead::AeadMode;

/// A mode of operation, as named on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// `ecb`.
    Ecb,
    /// `cbc`.
    Cbc,
    /// `pcbc`.
    Pcbc,
    /// `cfbS`: CFB with an S-bit segment, 1 ≤ S ≤ the block size in bits.
    Cfb(usize),
    /// `ofb`.
    Ofb,
    /// `ctr`.
    Ctr,
    /// `cbc-cs1`, `cbc-cs2`, `cbc-cs3`.
    CbcCs(CsVariant),
    /// `xts` (AES only; its options are checked in `xts.rs`).
    Xts,
    /// An authenticated mode (`gcm ccm eax siv ocb3 gcm-siv`; their options are checked in `aead.rs`).
    Aead(AeadMode),
}

/// The modes with fixed names; `cfbS` is parsed apart.
const NAMED: &[(&str, Mode)] = &[
    ("ecb", Mode::Ecb),
    ("cbc", Mode::Cbc),
    ("pcbc", Mode::Pcbc),
    ("ofb", Mode::Ofb),
    ("ctr", Mode::Ctr),
    ("cbc-cs1", Mode::CbcCs(CsVariant::Cs1)),
    ("cbc-cs2", Mode::CbcCs(CsVariant::Cs2)),
    ("cbc-cs3", Mode::CbcCs(CsVariant::Cs3)),
    ("xts", Mode::Xts),
    ("gcm", Mode::Aead(AeadMode::Gcm)),
    ("ccm", Mode::Aead(AeadMode::Ccm)),
    ("eax", Mode::Aead(AeadMode::Eax)),
    ("siv", Mode::Aead(AeadMode::Siv)),
    ("ocb3", Mode::Aead(AeadMode::Ocb3)),
    ("gcm-siv", Mode::Aead(AeadMode::GcmSiv)),
];

/// Which options a mode takes besides `--key`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// `--iv` is required (and refused when false).
    pub iv: bool,
    /// `--padding` is accepted.
    pub padding: bool,
    /// `--counter` is accepted.
    pub counter: bool,
}

impl Mode {
    /// The mode named `name`; `None` if there is none. `cfbS` takes any
    /// decimal S ≥ 1 here; whether the cipher's block is wide enough is
    /// checked once the cipher is known.
    pub fn parse(name: &str) -> Option<Mode> {
        if let Some(&(_, mode)) = NAMED.iter().find(|(n, _)| *n == name) {
            return Some(mode);
        }
        let digits = name.strip_prefix("cfb")?;
        if digits.is_empty()
            || !digits.bytes().all(|b| b.is_ascii_digit())
            || digits.starts_with('0')
        {
            return None;
        }
        digits.parse().ok().map(Mode::Cfb)
    }

    /// The options this mode takes.
    pub const fn options(self) -> Options {
        match self {
            Mode::Ecb => Options {
                iv: false,
                padding: true,
                counter: false,
            },
            Mode::Cbc | Mode::Pcbc => Options {
                iv: true,
                padding: true,
                counter: false,
            },
            // xts and the AEADs check their own options.
            Mode::Cfb(_) | Mode::Ofb | Mode::CbcCs(_) | Mode::Xts | Mode::Aead(_) => Options {
                iv: true,
                padding: false,
                counter: false,
            },
            Mode::Ctr => Options {
                iv: true,
                padding: false,
                counter: true,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_name() {
        for &(name, mode) in NAMED {
            assert_eq!(Mode::parse(name), Some(mode));
        }
        assert_eq!(Mode::parse("cfb1"), Some(Mode::Cfb(1)));
        assert_eq!(Mode::parse("cfb128"), Some(Mode::Cfb(128)));
        assert_eq!(Mode::parse("cfb200"), Some(Mode::Cfb(200)));
        for bad in [
            "",
            "cfb",
            "cfb0",
            "cfb08",
            "cfb-8",
            "cfb+8",
            "CBC",
            "cbc-cs4",
            "xts1",
            "cfb99999999999999999999999",
        ] {
            assert_eq!(Mode::parse(bad), None, "{bad}");
        }
    }
}
