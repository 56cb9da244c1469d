//! `blockmodes` — the command line of the blockmodes crate.
//!
//! ```text
//! blockmodes vectors [PATH ...]
//! blockmodes enc --mode MODE --key HEX [--iv HEX] [--padding NAME] [--counter LAYOUT]
//!                [--cipher aes|tdes] [--in FILE] [--out FILE] [--sector N --sector-size BYTES]
//!                [--nonce HEX] [--aad HEX]... [--tag-len BYTES]
//! blockmodes dec (the same options)
//! blockmodes mac --mode gmac --key HEX [--nonce HEX] [--tag-len BYTES] [--in FILE]
//! blockmodes speed [--mode MODE]... [--op enc|dec] [--key-bits N] [--size BYTES]...
//!                  [--threads N] [--seconds S] [--json] [--portable]
//! ```
//!
//! Exit status: 0 success; 1 decryption (padding or tag) failure; 2 bad usage or
//! parameters. On 1 or 2 nothing is written to stdout, no output file is left
//! behind, and one line goes to stderr.

#![deny(unsafe_code)]

mod aead;
mod crypt;
mod io;
mod mac;
mod mode;
mod speed;
mod vectors;
mod xts;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Block-cipher modes of operation: encrypt, decrypt, run test vectors.
#[derive(Parser)]
#[command(name = "blockmodes", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run NIST CAVP / RFC test-vector files (default: the bundled vectors/ folder).
    Vectors {
        /// Files or folders of vector files.
        paths: Vec<PathBuf>,
    },
    /// Encrypt stdin (or --in) to stdout (or --out).
    Enc(CryptArgs),
    /// Decrypt stdin (or --in) to stdout (or --out).
    Dec(CryptArgs),
    /// The MAC of stdin (or --in), as raw bytes on stdout.
    Mac(mac::MacArgs),
    /// Measure each mode's throughput, as `openssl speed` does.
    Speed(speed::SpeedArgs),
}

/// The options `enc` and `dec` share.
#[derive(Args)]
pub struct CryptArgs {
    /// ecb cbc pcbc cfb1 cfb8 cfb64 cfb128 cfbS ofb ctr cbc-cs1 cbc-cs2 cbc-cs3 xts gcm ccm eax siv ocb3 gcm-siv.
    #[arg(long, value_name = "MODE")]
    pub mode: String,
    /// The key, in hex.
    #[arg(long, value_name = "HEX")]
    pub key: String,
    /// The IV (initial counter block for ctr), in hex; one block.
    #[arg(long, value_name = "HEX")]
    pub iv: Option<String>,
    /// ecb, cbc, pcbc: pkcs7 (default) x923 iso10126 iso7816 zero none.
    #[arg(long, value_name = "NAME")]
    pub padding: Option<String>,
    /// ctr: the counter's width and byte order, `NNbe` or `NNle` (default: the whole block, big-endian).
    #[arg(long, value_name = "LAYOUT")]
    pub counter: Option<String>,
    /// The block cipher; the key length picks AES-128/192/256 or 2-/3-key TDES.
    #[arg(long, value_enum, default_value_t = CipherName::Aes)]
    pub cipher: CipherName,
    /// Read the input from FILE instead of stdin.
    #[arg(long = "in", value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// Write the output to FILE instead of stdout (only on success).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// xts: treat the input as consecutive data units with tweaks N, N+1, …
    /// (instead of one unit with `--iv` as its tweak).
    #[arg(long, value_name = "N")]
    pub sector: Option<u128>,
    /// xts with `--sector`: the size of each data unit in bytes.
    #[arg(long, value_name = "BYTES")]
    pub sector_size: Option<usize>,
    /// AEADs: the nonce, in hex.
    #[arg(long, value_name = "HEX")]
    pub nonce: Option<String>,
    /// AEADs: associated data, in hex; may repeat (concatenated; for siv each is one component).
    #[arg(long, value_name = "HEX")]
    pub aad: Vec<String>,
    /// AEADs: the tag length in bytes (default 16).
    #[arg(long, value_name = "BYTES")]
    pub tag_len: Option<usize>,
}

/// The block ciphers `--cipher` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CipherName {
    /// AES (16-, 24- or 32-byte key).
    Aes,
    /// Triple DES, EDE (24-byte 3-key or 16-byte 2-key).
    Tdes,
}

/// Encrypt or decrypt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// Encrypt.
    Enc,
    /// Decrypt.
    Dec,
}

/// Why a command failed, and so its exit status.
#[derive(Debug)]
pub enum Failure {
    /// Exit 1: the ciphertext was rejected. No detail, on purpose.
    Decrypt,
    /// Exit 2: bad usage or parameters, with a one-line reason.
    Usage(String),
}

impl From<blockmodes::Error> for Failure {
    fn from(e: blockmodes::Error) -> Self {
        match e {
            blockmodes::Error::Decrypt => Failure::Decrypt,
            e => Failure::Usage(e.to_string()),
        }
    }
}

impl Failure {
    fn report(self) -> ExitCode {
        match self {
            Failure::Decrypt => {
                eprintln!("blockmodes: decryption failed");
                ExitCode::from(1)
            }
            Failure::Usage(reason) => {
                eprintln!("blockmodes: {reason}");
                ExitCode::from(2)
            }
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let result = match cli.command {
        Command::Vectors { paths } => return vectors::run(&paths),
        Command::Enc(args) => crypt::run(Op::Enc, &args),
        Command::Dec(args) => crypt::run(Op::Dec, &args),
        Command::Mac(args) => mac::run(&args),
        Command::Speed(args) => speed::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => f.report(),
    }
}

/// Help and version go out as clap prints them; a usage error becomes the
/// one-line reason on stderr and exit 2.
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            // Printing help can only fail if stdout is gone; nothing to add then.
            let _ = e.print();
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            // `blockmodes` alone: the help, on stderr, as a usage error.
            let _ = e.print();
            ExitCode::from(2)
        }
        _ => {
            let text = e.render().to_string();
            let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            let line = line.strip_prefix("error: ").unwrap_or(line);
            Failure::Usage(line.to_owned()).report()
        }
    }
}
