//! `speed`: the throughput of each mode, measured as `openssl speed` does —
//! the one-shot call run again and again on one buffer of `--size` bytes
//! until `--seconds` have passed, reported in bytes per second.
//!
//! - Padded modes (ecb, cbc, pcbc) encrypt and decrypt whole blocks
//!   without padding (`encrypt_blocks` / `decrypt_blocks`), as OpenSSL
//!   does; the buffer must be whole blocks.
//! - Stream modes (cfbS, ofb, ctr) continue one stream across calls; ctr
//!   has a 128-bit counter, so it never runs out.
//! - cbc-cs3 takes a fresh copy of the keyed mode for each message.
//! - xts (IEEE 1619) treats the buffer as 4096-byte data units with
//!   consecutive sector numbers when it is a multiple of 4096 bytes longer
//!   than one, and as one data unit otherwise (`--xts-unit` sets the unit;
//!   `--xts-unit` equal to `--size` measures one data unit per buffer, as
//!   `openssl speed -evp aes-128-xts` does); `--key-bits` is the AES key
//!   size (128: XTS-AES-128, a 256-bit key1‖key2).
//! - The authenticated modes (gcm ccm eax siv ocb3 gcm-siv) run with a
//!   12-byte nonce, no associated data and 16-byte tags: `enc` seals the
//!   buffer in place (its previous contents: it does not matter what),
//!   `dec` copies a valid sealed message of `--size` bytes into the buffer
//!   and opens it, so every open verifies (the copy, a memcpy, is counted).
//!   siv takes the nonce as its one associated-data component, and
//!   `--key-bits` is the size of each half of its K1‖K2 key, as for xts.
//! - The MACs (cmac, gmac; AES): `enc` computes the tag of the buffer,
//!   `dec` verifies a valid tag of a message of `--size` bytes. gmac takes
//!   the message as its AAD under a 12-byte nonce.
//! - `--threads N` (0: one per core) runs the calls on a pool of N threads;
//!   the modes that split (ctr, xts, ecb, cbc and cfb128 decryption: see
//!   `blockmodes::par`) cut each buffer of at least 64 KiB per thread into
//!   pieces, the others run as with one thread. The `pieces` column/field
//!   says how many pieces a buffer was actually cut into.
//!
//! - With one thread the rate divides by the CPU time the thread got (on
//!   Linux), as `openssl speed` divides by its CPU time: on a shared or
//!   virtual machine wall-clock time also counts the waits for a CPU, and
//!   the two tools would not compare. With a pool of threads, and where the
//!   OS does not report a thread's CPU time, wall-clock time. `--json`
//!   says which in `clock` (`"cpu"` or `"wall"`); `seconds` is that time.
//!
//! Every combination is set up and run once before any is measured, so a
//! bad one fails (exit 2, one line on stderr) before anything is printed.

use std::fmt::Write as _;
use std::hint::black_box;
use std::io::Write as _;
use std::time::{Duration, Instant};

use blockmodes::aead::Siv;
use blockmodes::backend::{self, Aes128, Aes192, Aes256};
use blockmodes::cipher::typenum::U16;
use blockmodes::cipher::{BlockCipherDecrypt, BlockSizeUser, KeyInit};
use blockmodes::{
    Aead, BlockDecryptMode, BlockEncryptMode, Cbc, CbcCs, Cfb, Cmac, CounterLayout, Ctr, Ecb, Gmac,
    Ofb, Pcbc, StreamMode, Tag, Xts, par,
};
use clap::{Args, ValueEnum};

use crate::aead::{AeadMode, keyed_aead};
use crate::crypt::usage;
use crate::mode::Mode;
use crate::{Failure, Op};

/// The modes measured when no `--mode` is given, in this order. Adding a
/// mode is a line here and an arm in [`job`].
const DEFAULT_MODES: &[&str] = &[
    "ecb", "cbc", "pcbc", "cfb1", "cfb8", "cfb128", "ofb", "ctr", "cbc-cs3", "xts", "gcm", "ccm",
    "eax", "siv", "ocb3", "gcm-siv", "cmac", "gmac",
];

/// The nonce the authenticated modes and gmac are measured with.
const NONCE: [u8; 12] = [0x5a; 12];

/// What `speed` can measure: a mode of `enc`/`dec`, or a MAC.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    /// A mode `--mode` names for `enc`/`dec`.
    Mode(Mode),
    /// `cmac` (NIST SP 800-38B) over AES.
    Cmac,
    /// `gmac` (NIST SP 800-38D) over AES.
    Gmac,
}

impl Target {
    fn parse(name: &str) -> Option<Target> {
        match name {
            "cmac" => Some(Target::Cmac),
            "gmac" => Some(Target::Gmac),
            _ => Mode::parse(name).map(Target::Mode),
        }
    }
}

/// The buffer sizes measured when no `--size` is given (OpenSSL's, plus 1024).
const DEFAULT_SIZES: &[usize] = &[16, 64, 256, 1024, 8192, 16384];

/// The data unit xts uses for buffers that are several of them.
const XTS_SECTOR: usize = 4096;

/// Limits on the options, so a typo cannot ask for hours or gigabytes.
const MAX_SECONDS: f64 = 3600.0;
const MAX_SIZE: usize = 1 << 30;
const MAX_THREADS: usize = 1024;

/// `speed` options.
#[derive(Args)]
pub struct SpeedArgs {
    /// A mode or MAC to measure (repeat for more; default: ecb cbc pcbc
    /// cfb1 cfb8 cfb128 ofb ctr cbc-cs3 xts gcm ccm eax siv ocb3 gcm-siv
    /// cmac gmac).
    #[arg(long = "mode", value_name = "MODE")]
    modes: Vec<String>,
    /// Only this direction (default: both).
    #[arg(long, value_enum)]
    op: Option<OpName>,
    /// AES key size: 128, 192 or 256 (xts: 128 or 256; xts, siv: the size of each half).
    #[arg(long, value_name = "N", default_value_t = 128)]
    key_bits: u32,
    /// A buffer size in bytes, `K`/`M` suffix for KiB/MiB (repeat for more;
    /// default: 16 64 256 1024 8192 16384).
    #[arg(long = "size", value_name = "BYTES")]
    sizes: Vec<String>,
    /// Threads (0: one per core); only ctr, xts, ecb, cbc-dec and cfb128-dec split work.
    #[arg(long, value_name = "N", default_value_t = 1)]
    threads: usize,
    /// Seconds per measurement (fractions allowed).
    #[arg(long, value_name = "S", default_value = "1")]
    seconds: String,
    /// One JSON object per line instead of a table.
    #[arg(long)]
    json: bool,
    /// Force the portable AES path (to compare it with the hardware one).
    #[arg(long)]
    portable: bool,
    /// xts: bytes per data unit (`K`/`M` suffix allowed). Default: 4096
    /// when the buffer is a multiple of 4096 bytes longer than one, else
    /// the whole buffer (as `openssl speed` does). Threads split by unit.
    #[arg(long, value_name = "BYTES")]
    xts_unit: Option<String>,
}

/// `--op`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum OpName {
    /// Encrypt.
    Enc,
    /// Decrypt.
    Dec,
}

/// One buffer's worth of work: the one-shot call, in place.
type Job = Box<dyn FnMut(&mut [u8]) -> blockmodes::Result<()> + Send>;

/// One planned measurement.
struct Plan {
    mode: String,
    op: Op,
    size: usize,
    /// How many pieces a buffer is cut into.
    pieces: usize,
    job: Job,
}

/// One result.
struct Measured {
    iterations: u64,
    /// The divisor: CPU time of the measuring thread (one thread, where
    /// the OS reports it) or wall-clock time.
    elapsed: Duration,
    /// `"cpu"` or `"wall"`: which of the two `elapsed` is.
    clock: &'static str,
}

/// CPU time this thread has run (Linux: `/proc/thread-self/schedstat`,
/// nanoseconds), the divisor `openssl speed` uses by default (its CPU
/// time). On a shared or virtual machine wall-clock time also counts the
/// time the thread waited for a CPU, so the two tools would not compare.
fn thread_cpu_time() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Run `speed`.
pub fn run(args: &SpeedArgs) -> Result<(), Failure> {
    let seconds = parse_seconds(&args.seconds)?;
    if !matches!(args.key_bits, 128 | 192 | 256) {
        return Err(usage(format!(
            "--key-bits must be 128, 192 or 256, not {}",
            args.key_bits
        )));
    }
    if args.threads > MAX_THREADS {
        return Err(usage(format!("--threads is at most {MAX_THREADS}")));
    }
    let sizes = if args.sizes.is_empty() {
        DEFAULT_SIZES.to_vec()
    } else {
        args.sizes
            .iter()
            .map(|s| parse_size(s))
            .collect::<Result<_, _>>()?
    };
    let xts_unit = args.xts_unit.as_deref().map(parse_size).transpose()?;
    let explicit = !args.modes.is_empty();
    let mut names: Vec<&str> = if explicit {
        args.modes.iter().map(String::as_str).collect()
    } else {
        DEFAULT_MODES.to_vec()
    };
    if !explicit && !matches!(args.key_bits, 128 | 256) {
        eprintln!("blockmodes: speed: xts left out: XTS-AES has 128- and 256-bit keys only");
        names.retain(|&n| n != "xts");
    }
    let ops: &[Op] = match args.op {
        Some(OpName::Enc) => &[Op::Enc],
        Some(OpName::Dec) => &[Op::Dec],
        None => &[Op::Enc, Op::Dec],
    };

    if args.portable {
        backend::force_portable(true);
    }
    let backend = format!("aes: {}", backend::active_backend());
    let pool = match args.threads {
        1 => None,
        n => Some(
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map_err(|e| usage(format!("cannot start {n} threads: {e}")))?,
        ),
    };
    let threads = pool.as_ref().map_or(1, |p| p.current_num_threads());

    // Set everything up and run each once (which also warms up).
    let mut buffers: Vec<Vec<u8>> = sizes.iter().map(|&n| vec![0u8; n]).collect();
    let mut plans = Vec::new();
    for &name in &names {
        let mode = Target::parse(name).ok_or_else(|| usage(format!("unknown mode '{name}'")))?;
        for &op in ops {
            for (&size, buf) in sizes.iter().zip(buffers.iter_mut()) {
                let (job, pieces) = match args.key_bits {
                    128 => job::<Aes128>(mode, name, op, 16, size, threads, xts_unit),
                    192 => job::<Aes192>(mode, name, op, 24, size, threads, xts_unit),
                    _ => job::<Aes256>(mode, name, op, 32, size, threads, xts_unit),
                }?;
                let mut plan = Plan {
                    mode: name.to_owned(),
                    op,
                    size,
                    pieces,
                    job,
                };
                (plan.job)(buf).map_err(|e| {
                    usage(format!(
                        "speed: {name} {} --size {size}: {}",
                        op_name(op),
                        explain(mode, e)
                    ))
                })?;
                plans.push(plan);
            }
        }
    }

    let mut out = std::io::stdout().lock();
    if !args.json {
        let _ = writeln!(
            out,
            "{:<8} {:<3} {:>4} {:>9} {:>7} {:>6} {:>14} {:>16}  backend",
            "mode", "op", "key", "size", "threads", "pieces", "throughput", "bytes/s"
        );
    }
    for plan in &mut plans {
        let Some(index) = sizes.iter().position(|&s| s == plan.size) else {
            continue;
        };
        let buf = &mut buffers[index];
        let measured = match &pool {
            None => measure(&mut plan.job, buf, seconds, true),
            Some(pool) => pool.install(|| measure(&mut plan.job, buf, seconds, false)),
        }
        .map_err(|e| usage(format!("speed: {}: {e}", plan.mode)))?;
        let secs = measured.elapsed.as_secs_f64();
        let rate = (measured.iterations as f64) * (plan.size as f64) / secs.max(f64::MIN_POSITIVE);
        let line = if args.json {
            json_line(&[
                ("mode", Json::Str(&plan.mode)),
                ("op", Json::Str(op_name(plan.op))),
                ("key_bits", Json::Int(u64::from(args.key_bits))),
                ("size", Json::Int(plan.size as u64)),
                ("threads", Json::Int(threads as u64)),
                ("pieces", Json::Int(plan.pieces as u64)),
                ("iterations", Json::Int(measured.iterations)),
                ("seconds", Json::Float(secs)),
                ("clock", Json::Str(measured.clock)),
                ("bytes_per_sec", Json::Float(rate)),
                ("backend", Json::Str(&backend)),
            ])
        } else {
            format!(
                "{:<8} {:<3} {:>4} {:>9} {:>7} {:>6} {:>14} {:>16.0}  {backend}",
                plan.mode,
                op_name(plan.op),
                args.key_bits,
                plan.size,
                threads,
                plan.pieces,
                human_rate(rate),
                rate
            )
        };
        // Stop quietly if stdout is gone (e.g. piped into `head`).
        if writeln!(out, "{line}").and_then(|()| out.flush()).is_err() {
            break;
        }
    }
    Ok(())
}

/// The one-shot call of `target` over AES with a `key_len`-byte key, for
/// buffers of `size` bytes, split for `threads` threads where the mode can;
/// and how many pieces a buffer is cut into.
fn job<C>(
    target: Target,
    name: &str,
    op: Op,
    key_len: usize,
    size: usize,
    threads: usize,
    xts_unit: Option<usize>,
) -> Result<(Job, usize), Failure>
where
    C: blockmodes::Kernels
        + BlockCipherDecrypt
        + BlockSizeUser<BlockSize = U16>
        + KeyInit
        + Clone
        + Send
        + Sync
        + 'static,
{
    const BS: usize = 16;
    let key: Vec<u8> = (0..key_len as u8)
        .map(|i| i.wrapping_mul(0x3b) ^ 0xa5)
        .collect();
    let iv = [0x24u8; BS];
    let split = |align: usize| par::pieces(size, threads, align);
    let mode = match target {
        Target::Mode(mode) => mode,
        Target::Cmac | Target::Gmac => return Ok((mac_job::<C>(target, op, &key, size)?, 1)),
    };
    let job: (Job, usize) = match (mode, op) {
        (Mode::Ecb, Op::Enc) => {
            let mut m = Ecb::<C>::new_from_slice(&key)?;
            (
                Box::new(move |b| m.encrypt_blocks_par(b, threads)),
                split(BS),
            )
        }
        (Mode::Ecb, Op::Dec) => {
            let mut m = Ecb::<C>::new_from_slice(&key)?;
            (
                Box::new(move |b| m.decrypt_blocks_par(b, threads)),
                split(BS),
            )
        }
        (Mode::Cbc, Op::Enc) => {
            let mut m = Cbc::<C>::new_from_slices(&key, &iv)?;
            (Box::new(move |b| m.encrypt_blocks(b)), 1)
        }
        (Mode::Cbc, Op::Dec) => {
            let mut m = Cbc::<C>::new_from_slices(&key, &iv)?;
            (
                Box::new(move |b| m.decrypt_blocks_par(b, threads)),
                split(BS),
            )
        }
        (Mode::Pcbc, Op::Enc) => {
            let mut m = Pcbc::<C>::new_from_slices(&key, &iv)?;
            (Box::new(move |b| m.encrypt_blocks(b)), 1)
        }
        (Mode::Pcbc, Op::Dec) => {
            let mut m = Pcbc::<C>::new_from_slices(&key, &iv)?;
            (Box::new(move |b| m.decrypt_blocks(b)), 1)
        }
        (Mode::Cfb(bits), _) if bits > 8 * BS => {
            return Err(usage(format!(
                "{name}: the segment size is at most the block size, {} bits",
                8 * BS
            )));
        }
        (Mode::Cfb(bits), Op::Enc) => {
            let mut m = Cfb::<C>::new_from_slices(&key, &iv, bits)?;
            (Box::new(move |b| m.encrypt(b)), 1)
        }
        (Mode::Cfb(bits), Op::Dec) => {
            let mut m = Cfb::<C>::new_from_slices(&key, &iv, bits)?;
            let pieces = if bits == 8 * BS { split(BS) } else { 1 };
            (Box::new(move |b| m.decrypt_par(b, threads)), pieces)
        }
        (Mode::Ofb, Op::Enc) => {
            let mut m = Ofb::<C>::new_from_slices(&key, &iv)?;
            (Box::new(move |b| m.encrypt(b)), 1)
        }
        (Mode::Ofb, Op::Dec) => {
            let mut m = Ofb::<C>::new_from_slices(&key, &iv)?;
            (Box::new(move |b| m.decrypt(b)), 1)
        }
        (Mode::Ctr, _) => {
            let mut m = Ctr::<C>::new_from_slices(&key, &iv, CounterLayout::default())?;
            (
                Box::new(move |b| m.apply_keystream_par(b, threads)),
                split(BS),
            )
        }
        (Mode::CbcCs(variant), Op::Enc) => {
            let m = CbcCs::<C>::new_from_slices(&key, &iv, variant)?;
            (Box::new(move |b| m.clone().encrypt(b)), 1)
        }
        (Mode::CbcCs(variant), Op::Dec) => {
            let m = CbcCs::<C>::new_from_slices(&key, &iv, variant)?;
            (Box::new(move |b| m.clone().decrypt(b)), 1)
        }
        (Mode::Xts, _) if key_len == 24 => {
            return Err(usage(
                "xts: XTS-AES has 128- and 256-bit keys only (--key-bits 128 or 256)",
            ));
        }
        (Mode::Xts, _) => {
            let key2: Vec<u8> = key.iter().map(|b| b ^ 0xff).collect();
            let m = Xts::<C>::new_from_slice(&[key, key2].concat())?;
            let unit = match xts_unit {
                Some(unit) => unit,
                None if size > XTS_SECTOR && size.is_multiple_of(XTS_SECTOR) => XTS_SECTOR,
                None => size,
            };
            let job: Job = match op {
                Op::Enc => Box::new(move |b| m.encrypt_sectors_par(0, unit, b, threads)),
                Op::Dec => Box::new(move |b| m.decrypt_sectors_par(0, unit, b, threads)),
            };
            (job, split(unit.max(1)))
        }
        (Mode::Aead(m), _) => (aead_job::<C>(m, op, &key, size)?, 1),
    };
    Ok(job)
}

/// SIV as an [`Aead`] for `speed`: the nonce is the last associated-data
/// component (RFC 5297 §3), after the AAD as one component if there is any.
struct SivWithNonce<C: BlockSizeUser>(Siv<C>);

impl<C: blockmodes::Kernels<BlockSize = U16>> SivWithNonce<C> {
    fn components<'a>(nonce: &'a [u8], aad: &'a [u8]) -> Vec<&'a [u8]> {
        if aad.is_empty() {
            vec![nonce]
        } else {
            vec![aad, nonce]
        }
    }
}

impl<C: blockmodes::Kernels<BlockSize = U16>> Aead for SivWithNonce<C> {
    fn tag_len(&self) -> usize {
        blockmodes::aead::siv::IV_LEN
    }

    fn encrypt_in_place_detached(
        &self,
        nonce: &[u8],
        aad: &[u8],
        buf: &mut [u8],
    ) -> blockmodes::Result<Tag> {
        self.0
            .encrypt_in_place_detached(&Self::components(nonce, aad), buf)
    }

    fn decrypt_in_place_detached(
        &self,
        nonce: &[u8],
        aad: &[u8],
        buf: &mut [u8],
        tag: &[u8],
    ) -> blockmodes::Result<()> {
        self.0
            .decrypt_in_place_detached(&Self::components(nonce, aad), buf, tag)
    }
}

/// Seal (`enc`) or open a valid message (`dec`) of `size` bytes with the
/// authenticated mode `mode`.
fn aead_job<C>(mode: AeadMode, op: Op, key: &[u8], size: usize) -> Result<Job, Failure>
where
    C: blockmodes::Kernels<BlockSize = U16> + BlockCipherDecrypt + KeyInit + Send + 'static,
{
    let aead: Box<dyn Aead + Send> = if mode == AeadMode::Siv {
        // K1 || K2, two AES keys of --key-bits each.
        let k2: Vec<u8> = key.iter().map(|b| b ^ 0xff).collect();
        Box::new(SivWithNonce(Siv::<C>::new_from_slice(
            &[key, &k2].concat(),
        )?))
    } else {
        keyed_aead::<C>(mode, key, 16).ok_or_else(|| {
            usage(format!(
                "speed: {}: a {}-bit key is not one the mode takes",
                mode.name(),
                8 * key.len()
            ))
        })?
    };
    Ok(match op {
        Op::Enc => Box::new(move |b| aead.encrypt_in_place_detached(&NONCE, &[], b).map(drop)),
        Op::Dec => {
            let mut sealed = vec![0x11u8; size];
            let tag = aead.encrypt_in_place_detached(&NONCE, &[], &mut sealed)?;
            Box::new(move |b| {
                if b.len() != sealed.len() {
                    return Err(blockmodes::Error::InvalidLength);
                }
                b.copy_from_slice(&sealed);
                aead.decrypt_in_place_detached(&NONCE, &[], b, &tag)
            })
        }
    })
}

/// Compute the tag of the buffer (`enc`) or verify a valid tag of a
/// `size`-byte message (`dec`) with cmac or gmac.
fn mac_job<C>(target: Target, op: Op, key: &[u8], size: usize) -> Result<Job, Failure>
where
    C: blockmodes::Kernels<BlockSize = U16> + KeyInit + Send + 'static,
{
    let msg = vec![0x11u8; size];
    Ok(match (target, op) {
        (Target::Cmac, Op::Enc) => {
            let mac = Cmac::<C>::new_from_slice(key)?;
            Box::new(move |b| {
                black_box(mac.compute(b));
                Ok(())
            })
        }
        (Target::Cmac, Op::Dec) => {
            let mac = Cmac::<C>::new_from_slice(key)?;
            let tag = mac.compute(&msg);
            Box::new(move |_| mac.verify(black_box(&msg), &tag))
        }
        (_, Op::Enc) => {
            let mac = Gmac::<C>::new_from_slice(key)?;
            Box::new(move |b| {
                black_box(mac.compute(&NONCE, b)?);
                Ok(())
            })
        }
        (_, Op::Dec) => {
            let mac = Gmac::<C>::new_from_slice(key)?;
            let tag = mac.compute(&NONCE, &msg)?;
            Box::new(move |_| mac.verify(&NONCE, black_box(&msg), &tag))
        }
    })
}

/// Run `job` on `buf` until `seconds` have passed, checking the clock
/// after batches that grow until one takes about a hundredth of the time.
/// With `cpu_clock` (one thread, the calls on this one) the rate divides
/// by the CPU time the thread got, as `openssl speed` does, when the OS
/// reports it; otherwise (and with a pool of threads) by wall-clock time.
fn measure(
    job: &mut Job,
    buf: &mut [u8],
    seconds: f64,
    cpu_clock: bool,
) -> blockmodes::Result<Measured> {
    let target = Duration::from_secs_f64(seconds);
    let batch_target = (target / 100).max(Duration::from_micros(200));
    let cpu0 = if cpu_clock { thread_cpu_time() } else { None };
    let start = Instant::now();
    let (mut iterations, mut batch) = (0u64, 1u64);
    loop {
        let t = Instant::now();
        for _ in 0..batch {
            job(black_box(&mut *buf))?;
        }
        iterations += batch;
        let elapsed = start.elapsed();
        if elapsed >= target {
            let cpu = match (cpu0, thread_cpu_time()) {
                (Some(a), Some(b)) if b > a => Some(b - a),
                _ => None,
            };
            return Ok(Measured {
                iterations,
                elapsed: cpu.unwrap_or(elapsed),
                clock: if cpu.is_some() { "cpu" } else { "wall" },
            });
        }
        if t.elapsed() < batch_target {
            batch = batch.saturating_mul(2);
        }
    }
}

/// Why setting up or running a combination failed, for the one-line error.
fn explain(target: Target, e: blockmodes::Error) -> String {
    let Target::Mode(mode) = target else {
        return e.to_string();
    };
    match (mode, e) {
        (Mode::Ecb | Mode::Cbc | Mode::Pcbc, blockmodes::Error::InvalidLength) => {
            "the size must be a multiple of the block size (16 bytes)".to_owned()
        }
        (Mode::CbcCs(_), blockmodes::Error::InvalidLength) => {
            "the size must be at least one block (16 bytes)".to_owned()
        }
        (Mode::Xts, blockmodes::Error::InvalidLength) => {
            "a data unit is 16 bytes to 2^24 bytes".to_owned()
        }
        (Mode::Aead(AeadMode::Ccm), blockmodes::Error::LimitExceeded) => {
            "ccm with a 12-byte nonce takes at most 2^24 - 1 bytes".to_owned()
        }
        (_, e) => e.to_string(),
    }
}

fn op_name(op: Op) -> &'static str {
    match op {
        Op::Enc => "enc",
        Op::Dec => "dec",
    }
}

/// `--seconds`: a finite number of seconds, more than 0 and at most an hour.
fn parse_seconds(text: &str) -> Result<f64, Failure> {
    match text.parse::<f64>() {
        Ok(s) if s.is_finite() && s > 0.0 && s <= MAX_SECONDS => Ok(s),
        _ => Err(usage(format!(
            "--seconds must be a number of seconds, more than 0 and at most {MAX_SECONDS}, not '{text}'"
        ))),
    }
}

/// `--size`: decimal bytes, or KiB / MiB with a `K` / `M` suffix (`KiB`,
/// `MiB` too), from 1 byte to 1 GiB.
fn parse_size(text: &str) -> Result<usize, Failure> {
    let bad = || {
        usage(format!(
            "--size must be 1 to 1G bytes (e.g. 16, 64K, 1M), not '{text}'"
        ))
    };
    let lower = text.to_ascii_lowercase();
    let (digits, unit) = match lower.find(|c: char| !c.is_ascii_digit()) {
        None => (lower.as_str(), 1),
        Some(at) => {
            let unit = match &lower[at..] {
                "k" | "kib" => 1 << 10,
                "m" | "mib" => 1 << 20,
                "g" | "gib" => 1 << 30,
                _ => return Err(bad()),
            };
            (&lower[..at], unit)
        }
    };
    if digits.is_empty() {
        return Err(bad());
    }
    digits
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_mul(unit))
        .filter(|n| (1..=MAX_SIZE).contains(n))
        .ok_or_else(bad)
}

/// A throughput for people: MB/s below 1 GB/s, GB/s above (decimal units,
/// as `openssl speed`).
fn human_rate(rate: f64) -> String {
    if rate >= 1e9 {
        format!("{:.2} GB/s", rate / 1e9)
    } else {
        format!("{:.2} MB/s", rate / 1e6)
    }
}

/// A JSON value of the few kinds `speed` prints.
enum Json<'a> {
    Str(&'a str),
    Int(u64),
    Float(f64),
}

/// One JSON object on one line.
fn json_line(fields: &[(&str, Json<'_>)]) -> String {
    let mut s = String::from("{");
    for (i, (key, value)) in fields.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        json_str(&mut s, key);
        s.push(':');
        match value {
            Json::Str(v) => json_str(&mut s, v),
            Json::Int(v) => {
                let _ = write!(s, "{v}");
            }
            // A measured rate is finite; JSON has no NaN or infinity.
            Json::Float(v) if v.is_finite() => {
                let _ = write!(s, "{v:.3}");
            }
            Json::Float(_) => s.push_str("null"),
        }
    }
    s.push('}');
    s
}

/// A JSON string literal.
fn json_str(s: &mut String, v: &str) {
    s.push('"');
    for c in v.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(s, "\\u{:04x}", c as u32);
            }
            c => s.push(c),
        }
    }
    s.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("16").ok(), Some(16));
        assert_eq!(parse_size("64K").ok(), Some(65536));
        assert_eq!(parse_size("4m").ok(), Some(4 << 20));
        assert_eq!(parse_size("1MiB").ok(), Some(1 << 20));
        for bad in [
            "",
            "0",
            "K",
            "-1",
            "1.5K",
            "2G",
            "1T",
            "99999999999999999999999",
        ] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn seconds() {
        assert_eq!(parse_seconds("0.2").ok(), Some(0.2));
        for bad in ["0", "-1", "nan", "inf", "x", "3601"] {
            assert!(parse_seconds(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn json() {
        let line = json_line(&[
            ("a", Json::Str("x\"y")),
            ("b", Json::Int(3)),
            ("c", Json::Float(1.5)),
            ("d", Json::Float(f64::NAN)),
        ]);
        assert_eq!(line, r#"{"a":"x\"y","b":3,"c":1.500,"d":null}"#);
    }

    #[test]
    fn every_default_mode_parses() {
        for name in DEFAULT_MODES {
            assert!(Target::parse(name).is_some(), "{name}");
        }
    }
}
