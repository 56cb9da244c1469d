//! Conformance suite: every mode of the crate through the same checks, on
//! every AES path this CPU has (`backend::Aes128` per supported
//! [`Backend`], the portable one included), on the `aes` crate's AES-128,
//! and on TDES where the mode takes 64-bit blocks.
//!
//! Each mode is wrapped once in a small adapter (a [`Unit`] of closures for
//! the confidentiality modes, a `Box<dyn Aead>` for the AEADs); the checks
//! are written once, generically over the adapters:
//!
//! 1. in place == buffer to buffer == `Vec`, and decryption inverts;
//! 2. streaming with random splits == one-shot;
//! 3. state carries across calls (the stream modes' successive calls);
//! 4. every AES path gives the same bytes;
//! 5. wrong key / IV / nonce / tag lengths and impossible data lengths are
//!    `Err`, never a panic;
//! 6. buffer-to-buffer outputs of the wrong size are refused with `Err`
//!    and left untouched;
//! 7. AEADs (and MACs): any single flipped bit in ciphertext or tag is
//!    `Err(Decrypt)`, and the buffer is zeroed.

use blockmodes::aead::{Aead, Tag};
use blockmodes::backend::{self, Backend};
use blockmodes::cipher::{BlockCipherDecrypt, KeyInit, consts::U16, typenum::Unsigned};
use blockmodes::modes::{BlockDecryptMode, BlockEncryptMode, StreamMode};
use blockmodes::{
    Cbc, CbcCs, Ccm, Cfb, Cmac, CounterLayout, CsVariant, Ctr, Eax, Ecb, Endian, Error, Gcm,
    GcmSiv, Gmac, Ocb3, Ofb, Padding, Pcbc, RandomFill, Siv, Xts,
};
use des::TdesEde3;
use proptest::prelude::*;

type R<T> = Result<T, Error>;
type EncFn = Box<dyn Fn(&[u8]) -> R<Vec<u8>>>;
type B2bFn = Box<dyn Fn(&[u8], &mut [u8]) -> R<usize>>;
type StreamFn = Box<dyn Fn(&[u8], &[usize]) -> R<Vec<u8>>>;

const SENTINEL: u8 = 0xA5;
const CASES: u32 = 24;

/// Deterministic "random" source so ISO 10126 ciphertexts can be compared.
struct Counter(u8);

impl RandomFill for Counter {
    fn fill(&mut self, dst: &mut [u8]) {
        for b in dst {
            self.0 = self.0.wrapping_mul(31).wrapping_add(7);
            *b = self.0;
        }
    }
}

fn aes_backends() -> Vec<Backend> {
    Backend::ALL
        .into_iter()
        .filter(|b| b.is_supported())
        .collect()
}

/// Split `len` bytes into chunk lengths at the given random cut points.
fn chunks(len: usize, cuts: &[usize]) -> Vec<usize> {
    let mut pts: Vec<usize> = cuts.iter().map(|c| c % (len + 1)).collect();
    pts.push(0);
    pts.push(len);
    pts.sort_unstable();
    pts.windows(2).map(|w| w[1] - w[0]).collect()
}

// ---------------------------------------------------------------------------
// Confidentiality-mode adapters
// ---------------------------------------------------------------------------

/// One mode with one keyed cipher and IV, seen through closures. Every
/// closure builds a fresh mode value, so each call is a whole message.
struct Unit {
    name: String,
    /// Ciphertext length for an `n`-byte message; `None` if the mode cannot
    /// take `n` bytes.
    ct_len: Box<dyn Fn(usize) -> Option<usize>>,
    /// Whether decryption can accept an `n`-byte ciphertext.
    ct_ok: Box<dyn Fn(usize) -> bool>,
    /// Whether b2b outputs must be exactly the input length (larger ones
    /// are accepted by the padded calls).
    b2b_exact: bool,
    /// What decryption gives back for a message (Zero padding strips
    /// trailing zero bytes).
    plain_of: fn(&[u8]) -> Vec<u8>,
    enc_in_place: EncFn,
    enc_b2b: Option<B2bFn>,
    enc_vec: EncFn,
    enc_stream: Option<StreamFn>,
    dec_in_place: EncFn,
    dec_b2b: B2bFn,
    dec_vec: EncFn,
    dec_stream: Option<StreamFn>,
}

fn same(m: &[u8]) -> Vec<u8> {
    m.to_vec()
}

fn strip_zeros(m: &[u8]) -> Vec<u8> {
    let n = m.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
    m[..n].to_vec()
}

trait Cipher: blockmodes::Kernels + BlockCipherDecrypt + Clone + 'static {}
impl<C: blockmodes::Kernels + BlockCipherDecrypt + Clone + 'static> Cipher for C {}

/// Run a streaming encryptor/decryptor over `input` in `cuts` pieces.
macro_rules! run_stream {
    ($s:expr, $input:expr, $cuts:expr, $bs:expr) => {{
        let mut s = $s;
        let mut out = Vec::new();
        let mut at = 0;
        for n in chunks($input.len(), $cuts) {
            let piece = &$input[at..at + n];
            at += n;
            let mut o = vec![0u8; s.update_len(n)];
            let w = s.update(piece, &mut o)?;
            assert_eq!(w, o.len(), "update wrote update_len bytes");
            out.extend_from_slice(&o);
        }
        let mut o = vec![0u8; 2 * $bs];
        let w = s.finalize(&mut o)?;
        out.extend_from_slice(&o[..w]);
        Ok(out)
    }};
}

/// ECB, CBC, PCBC with one padding.
fn padded_unit<C: Cipher, M>(
    name: String,
    mk: impl Fn() -> M + Clone + 'static,
    padding: Padding,
) -> Unit
where
    M: BlockEncryptMode + BlockDecryptMode + 'static,
{
    let bs = <C as blockmodes::cipher::BlockSizeUser>::BlockSize::USIZE;
    let iso = padding == Padding::Iso10126;
    let mk1 = mk.clone();
    let enc_in_place: EncFn = Box::new(move |m| {
        let mut buf = m.to_vec();
        buf.resize(m.len() + bs, 0);
        let n = if iso {
            mk1()
                .encrypt_padded_with_rng(&mut buf, m.len(), padding, &mut Counter(1))?
                .len()
        } else {
            mk1().encrypt_padded(&mut buf, m.len(), padding)?.len()
        };
        buf.truncate(n);
        Ok(buf)
    });
    let mk2 = mk.clone();
    let enc_b2b: Option<B2bFn> = (!iso).then(|| -> B2bFn {
        Box::new(move |m, out| Ok(mk2().encrypt_padded_b2b(m, out, padding)?.len()))
    });
    let mk3 = mk.clone();
    let enc_vec: EncFn = Box::new(move |m| {
        if iso {
            mk3().encrypt_padded_vec_with_rng(m, padding, Some(&mut Counter(1)))
        } else {
            mk3().encrypt_padded_vec(m, padding)
        }
    });
    let mk4 = mk.clone();
    let enc_stream: StreamFn = Box::new(move |m, cuts| {
        let mut s = mk4().encryptor(padding);
        let mut out = Vec::new();
        let mut at = 0;
        for n in chunks(m.len(), cuts) {
            let mut o = vec![0u8; s.update_len(n)];
            let w = s.update(&m[at..at + n], &mut o)?;
            assert_eq!(w, o.len());
            at += n;
            out.extend_from_slice(&o);
        }
        let mut o = vec![0u8; bs];
        let w = if iso {
            s.finalize_with_rng(&mut o, &mut Counter(1))?
        } else {
            s.finalize(&mut o)?
        };
        out.extend_from_slice(&o[..w]);
        Ok(out)
    });
    let mk5 = mk.clone();
    let dec_in_place: EncFn = Box::new(move |c| {
        let mut buf = c.to_vec();
        let n = mk5().decrypt_padded(&mut buf, padding)?.len();
        buf.truncate(n);
        Ok(buf)
    });
    let mk6 = mk.clone();
    let dec_b2b: B2bFn =
        Box::new(move |c, out| Ok(mk6().decrypt_padded_b2b(c, out, padding)?.len()));
    let mk7 = mk.clone();
    let dec_vec: EncFn = Box::new(move |c| mk7().decrypt_padded_vec(c, padding));
    let mk8 = mk;
    let dec_stream: StreamFn =
        Box::new(move |c, cuts| run_stream!(mk8().decryptor(padding), c, cuts, bs));
    let empty_ok = padding.padded_len(0, bs) == Ok(0);
    Unit {
        name: format!("{name}/{}", padding.name()),
        ct_len: Box::new(move |n| padding.padded_len(n, bs).ok()),
        ct_ok: Box::new(move |n| n % bs == 0 && (n > 0 || empty_ok)),
        b2b_exact: false,
        plain_of: if padding == Padding::Zero {
            strip_zeros
        } else {
            same
        },
        enc_in_place,
        enc_b2b,
        enc_vec,
        enc_stream: Some(enc_stream),
        dec_in_place,
        dec_b2b,
        dec_vec,
        dec_stream: Some(dec_stream),
    }
}

/// CFB-s, OFB, CTR: any length, state carries across calls.
fn stream_unit<M: StreamMode + 'static>(
    name: String,
    mk: impl Fn() -> M + Clone + 'static,
) -> Unit {
    let (a, b, c, d, e, f, g, h) = (
        mk.clone(),
        mk.clone(),
        mk.clone(),
        mk.clone(),
        mk.clone(),
        mk.clone(),
        mk.clone(),
        mk,
    );
    let pieces = |dec: bool, mut m: M, data: &[u8], cuts: &[usize]| -> R<Vec<u8>> {
        // Successive calls on one mode value: the state must carry over.
        let mut buf = data.to_vec();
        let mut at = 0;
        for n in chunks(data.len(), cuts) {
            let piece = &mut buf[at..at + n];
            if dec {
                m.decrypt(piece)?
            } else {
                m.encrypt(piece)?
            }
            at += n;
        }
        Ok(buf)
    };
    Unit {
        name,
        ct_len: Box::new(Some),
        ct_ok: Box::new(|_| true),
        b2b_exact: true,
        plain_of: same,
        enc_in_place: Box::new(move |m| {
            let mut v = m.to_vec();
            a().encrypt(&mut v)?;
            Ok(v)
        }),
        enc_b2b: Some(Box::new(move |m, out| {
            b().encrypt_b2b(m, out)?;
            Ok(out.len())
        })),
        enc_vec: Box::new(move |m| c().encrypt_vec(m)),
        enc_stream: Some(Box::new(move |m, cuts| pieces(false, d(), m, cuts))),
        dec_in_place: Box::new(move |m| {
            let mut v = m.to_vec();
            e().decrypt(&mut v)?;
            Ok(v)
        }),
        dec_b2b: Box::new(move |m, out| {
            f().decrypt_b2b(m, out)?;
            Ok(out.len())
        }),
        dec_vec: Box::new(move |m| g().decrypt_vec(m)),
        dec_stream: Some(Box::new(move |m, cuts| pieces(true, h(), m, cuts))),
    }
}

/// CBC-CS1/2/3: at least one block, own streaming types.
fn cts_unit<C: Cipher>(name: String, c: C, iv: Vec<u8>, v: CsVariant) -> Unit {
    let bs = <C as blockmodes::cipher::BlockSizeUser>::BlockSize::USIZE;
    let mk = move || CbcCs::new(c.clone(), &iv, v).expect("valid IV");
    let (a, b, cc, d, e, f, g, h) = (
        mk.clone(),
        mk.clone(),
        mk.clone(),
        mk.clone(),
        mk.clone(),
        mk.clone(),
        mk.clone(),
        mk,
    );
    Unit {
        name: format!("{name}/{v:?}"),
        ct_len: Box::new(move |n| (n >= bs).then_some(n)),
        ct_ok: Box::new(move |n| n >= bs),
        b2b_exact: true,
        plain_of: same,
        enc_in_place: Box::new(move |m| {
            let mut x = m.to_vec();
            a().encrypt(&mut x)?;
            Ok(x)
        }),
        enc_b2b: Some(Box::new(move |m, out| {
            b().encrypt_b2b(m, out)?;
            Ok(out.len())
        })),
        enc_vec: Box::new(move |m| cc().encrypt_vec(m)),
        enc_stream: Some(Box::new(move |m, cuts| {
            run_stream!(d().encryptor(), m, cuts, bs)
        })),
        dec_in_place: Box::new(move |m| {
            let mut x = m.to_vec();
            e().decrypt(&mut x)?;
            Ok(x)
        }),
        dec_b2b: Box::new(move |m, out| {
            f().decrypt_b2b(m, out)?;
            Ok(out.len())
        }),
        dec_vec: Box::new(move |m| g().decrypt_vec(m)),
        dec_stream: Some(Box::new(move |m, cuts| {
            run_stream!(h().decryptor(), m, cuts, bs)
        })),
    }
}

/// XTS: one data unit, 16 bytes to the unit limit, no streaming.
fn xts_unit<C: Cipher + blockmodes::Kernels<BlockSize = U16>>(
    c1: C,
    c2: C,
    tweak: Vec<u8>,
) -> Unit {
    let x = std::rc::Rc::new(Xts::new(c1, c2));
    let (a, b, c, e, f, g) = (x.clone(), x.clone(), x.clone(), x.clone(), x.clone(), x);
    let (t1, t2, t3, t4, t5, t6) = (
        tweak.clone(),
        tweak.clone(),
        tweak.clone(),
        tweak.clone(),
        tweak.clone(),
        tweak,
    );
    Unit {
        name: "xts".into(),
        ct_len: Box::new(|n| (n >= 16).then_some(n)),
        ct_ok: Box::new(|n| n >= 16),
        b2b_exact: true,
        plain_of: same,
        enc_in_place: Box::new(move |m| {
            let mut v = m.to_vec();
            a.encrypt_unit(&t1, &mut v)?;
            Ok(v)
        }),
        enc_b2b: Some(Box::new(move |m, out| {
            b.encrypt_unit_b2b(&t2, m, out)?;
            Ok(out.len())
        })),
        enc_vec: Box::new(move |m| c.encrypt_unit_vec(&t3, m)),
        enc_stream: None,
        dec_in_place: Box::new(move |m| {
            let mut v = m.to_vec();
            e.decrypt_unit(&t4, &mut v)?;
            Ok(v)
        }),
        dec_b2b: Box::new(move |m, out| {
            f.decrypt_unit_b2b(&t5, m, out)?;
            Ok(out.len())
        }),
        dec_vec: Box::new(move |m| g.decrypt_unit_vec(&t6, m)),
        dec_stream: None,
    }
}

/// Every non-XTS confidentiality mode over one keyed cipher, always in the
/// same order (so the lists of two ciphers line up).
fn units_for<C: Cipher>(c: C, iv: &[u8]) -> Vec<Unit> {
    let bs = <C as blockmodes::cipher::BlockSizeUser>::BlockSize::USIZE;
    let iv = iv[..bs].to_vec();
    let mut u = Vec::new();
    for p in Padding::ALL {
        let c1 = c.clone();
        u.push(padded_unit::<C, _>(
            "ecb".into(),
            move || Ecb::new(c1.clone()),
            p,
        ));
        let (c2, iv2) = (c.clone(), iv.clone());
        u.push(padded_unit::<C, _>(
            "cbc".into(),
            move || Cbc::new(c2.clone(), &iv2).expect("iv"),
            p,
        ));
        let (c3, iv3) = (c.clone(), iv.clone());
        u.push(padded_unit::<C, _>(
            "pcbc".into(),
            move || Pcbc::new(c3.clone(), &iv3).expect("iv"),
            p,
        ));
    }
    for s in [1, 8, 8 * bs] {
        let (c1, iv1) = (c.clone(), iv.clone());
        u.push(stream_unit(format!("cfb{s}"), move || {
            Cfb::new(c1.clone(), &iv1, s).expect("cfb")
        }));
    }
    let (c1, iv1) = (c.clone(), iv.clone());
    u.push(stream_unit("ofb".into(), move || {
        Ofb::new(c1.clone(), &iv1).expect("ofb")
    }));
    // A couple of counter layouts; the IV's low bytes are set so that the
    // counter wraps within a short message (the part outside the counter
    // must stay as it is).
    let mut near_wrap = iv.clone();
    for b in near_wrap.iter_mut().skip(bs - 2) {
        *b = 0xff;
    }
    let layouts = [
        (8 * bs as u32, Endian::Big, iv.clone()),
        (32, Endian::Big, near_wrap.clone()),
        (16, Endian::Little, iv.clone()),
    ];
    for (bits, e, icb) in layouts {
        let c1 = c.clone();
        let layout = CounterLayout::new(bits, e).expect("layout");
        u.push(stream_unit(format!("ctr{bits}{e:?}"), move || {
            Ctr::new(c1.clone(), &icb, layout).expect("ctr")
        }));
    }
    for v in [CsVariant::Cs1, CsVariant::Cs2, CsVariant::Cs3] {
        u.push(cts_unit("cbc-cs".into(), c.clone(), iv.clone(), v));
    }
    u
}

/// The AES implementations to compare, as (name, data-cipher, tweak-cipher)
/// unit lists: one list per implementation, lined up mode by mode.
fn aes_unit_lists(key: &[u8; 32], iv: &[u8; 16]) -> Vec<(String, Vec<Unit>)> {
    let k1: &[u8; 16] = key[..16].try_into().unwrap();
    let k2: &[u8; 16] = key[16..].try_into().unwrap();
    let mut lists = Vec::new();
    for b in aes_backends() {
        let c1 = backend::Aes128::new_with_backend(k1.into(), b).expect("supported");
        let c2 = backend::Aes128::new_with_backend(k2.into(), b).expect("supported");
        assert_eq!(c1.backend(), b);
        let mut u = units_for(c1.clone(), iv);
        u.push(xts_unit(c1, c2, iv.to_vec()));
        lists.push((b.name().to_string(), u));
    }
    let c1 = aes::Aes128::new(k1.into());
    let c2 = aes::Aes128::new(k2.into());
    let mut u = units_for(c1.clone(), iv);
    u.push(xts_unit(c1, c2, iv.to_vec()));
    lists.push(("aes-crate".into(), u));
    lists
}

fn tdes_units(key: &[u8; 32], iv: &[u8; 16]) -> Vec<Unit> {
    let k: &[u8; 24] = key[..24].try_into().unwrap();
    units_for(TdesEde3::new(k.into()), iv)
}

/// Checks (1), (2), (3), (5: data lengths) and (6) on one unit and one
/// message; returns the ciphertext (or `None` if the length is impossible).
fn check_unit(u: &Unit, msg: &[u8], cuts: &[usize]) -> Result<Option<Vec<u8>>, TestCaseError> {
    let name = &u.name;
    let Some(ct_len) = (u.ct_len)(msg.len()) else {
        // Impossible length: every path refuses it, without panicking.
        prop_assert!(
            (u.enc_in_place)(msg).is_err(),
            "{name}: in place took {}",
            msg.len()
        );
        prop_assert!((u.enc_vec)(msg).is_err(), "{name}: vec took {}", msg.len());
        if let Some(b2b) = &u.enc_b2b {
            let mut out = vec![SENTINEL; msg.len() + 64];
            prop_assert!(
                b2b(msg, &mut out).is_err(),
                "{name}: b2b took {}",
                msg.len()
            );
        }
        if let Some(s) = &u.enc_stream {
            prop_assert!(s(msg, cuts).is_err(), "{name}: stream took {}", msg.len());
        }
        return Ok(None);
    };

    // (1) in place == b2b == Vec.
    let ct = (u.enc_in_place)(msg).map_err(|e| TestCaseError::fail(format!("{name}: {e}")))?;
    prop_assert_eq!(ct.len(), ct_len, "{}: ciphertext length", name);
    prop_assert_eq!(&(u.enc_vec)(msg).unwrap(), &ct, "{}: vec != in place", name);
    if let Some(b2b) = &u.enc_b2b {
        let mut out = vec![0u8; ct_len];
        let w = b2b(msg, &mut out).unwrap();
        prop_assert_eq!(&out[..w], &ct[..], "{}: b2b != in place", name);
        // (6) wrong output sizes: refused, untouched.
        let mut bad: Vec<usize> = [ct_len.checked_sub(1), Some(0)]
            .into_iter()
            .flatten()
            .collect();
        if u.b2b_exact {
            bad.push(ct_len + 1);
        }
        for n in bad
            .into_iter()
            .filter(|&n| n < ct_len || (u.b2b_exact && n != ct_len))
        {
            let mut out = vec![SENTINEL; n];
            prop_assert!(
                b2b(msg, &mut out).is_err(),
                "{name}: b2b took {n}-byte output"
            );
            prop_assert!(
                out.iter().all(|&b| b == SENTINEL),
                "{name}: b2b wrote on Err"
            );
        }
    }
    // (2)/(3) streaming with random splits == one-shot.
    if let Some(s) = &u.enc_stream {
        prop_assert_eq!(
            &s(msg, cuts).unwrap(),
            &ct,
            "{}: stream enc != one-shot",
            name
        );
    }

    // Decryption, the same three (four) ways.
    let want = (u.plain_of)(msg);
    prop_assert_eq!(
        &(u.dec_in_place)(&ct).unwrap(),
        &want,
        "{}: dec in place",
        name
    );
    prop_assert_eq!(&(u.dec_vec)(&ct).unwrap(), &want, "{}: dec vec", name);
    let mut out = vec![0u8; ct.len()];
    let w = (u.dec_b2b)(&ct, &mut out).unwrap();
    prop_assert_eq!(&out[..w], &want[..], "{}: dec b2b", name);
    let mut bad: Vec<usize> = ct.len().checked_sub(1).into_iter().collect();
    if u.b2b_exact {
        bad.push(ct.len() + 1);
    }
    for n in bad {
        let mut out = vec![SENTINEL; n];
        prop_assert!(
            (u.dec_b2b)(&ct, &mut out).is_err(),
            "{name}: dec b2b took {n}"
        );
        prop_assert!(
            out.iter().all(|&b| b == SENTINEL),
            "{name}: dec b2b wrote on Err"
        );
    }
    if let Some(s) = &u.dec_stream {
        prop_assert_eq!(&s(&ct, cuts).unwrap(), &want, "{}: stream dec", name);
    }

    // (5) impossible ciphertext lengths.
    for n in [ct.len().saturating_sub(1), ct.len() + 1, 0, 1] {
        if (u.ct_ok)(n) {
            continue;
        }
        let mut c = ct.clone();
        c.resize(n, 0x33);
        prop_assert!((u.dec_in_place)(&c).is_err(), "{name}: dec took {n}");
        prop_assert!((u.dec_vec)(&c).is_err(), "{name}: dec vec took {n}");
        let mut out = vec![SENTINEL; n];
        // Only `Err` is required here: the padded b2b calls copy the input
        // to the output before they check its length.
        prop_assert!(
            (u.dec_b2b)(&c, &mut out).is_err(),
            "{name}: dec b2b took {n}"
        );
        if let Some(s) = &u.dec_stream {
            prop_assert!(s(&c, cuts).is_err(), "{name}: stream dec took {n}");
        }
    }
    Ok(Some(ct))
}

fn msg_strategy(max: usize) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 0..max)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    /// Checks 1, 2, 3, 5, 6 on every AES mode and path, and check 4: all
    /// paths give the same ciphertext.
    #[test]
    fn aes_modes_conform(
        key in any::<[u8; 32]>(),
        iv in any::<[u8; 16]>(),
        msg in msg_strategy(300),
        cuts in prop::collection::vec(any::<usize>(), 0..6),
    ) {
        let lists = aes_unit_lists(&key, &iv);
        let (ref_name, reference) = &lists[lists.len() - 1];
        for (impl_name, units) in &lists {
            prop_assert_eq!(units.len(), reference.len());
            for (u, r) in units.iter().zip(reference) {
                let ct = check_unit(u, &msg, &cuts)?;
                let want = check_unit(r, &msg, &cuts)?;
                prop_assert_eq!(ct, want, "{} on {} != {}", &u.name, impl_name, ref_name);
            }
        }
    }

    /// Checks 1, 2, 3, 5, 6 on every mode that takes 64-bit blocks, with TDES.
    #[test]
    fn tdes_modes_conform(
        key in any::<[u8; 32]>(),
        iv in any::<[u8; 16]>(),
        msg in msg_strategy(100),
        cuts in prop::collection::vec(any::<usize>(), 0..6),
    ) {
        for u in tdes_units(&key, &iv) {
            check_unit(&u, &msg, &cuts)?;
        }
    }
}

/// Whole-block modes: two `encrypt_blocks` calls == one (check 3).
#[test]
fn block_modes_carry_state() {
    let c = aes::Aes128::new(&[7; 16].into());
    let msg: Vec<u8> = (0..96u8).collect();
    let one = Cbc::new(c.clone(), &[1; 16])
        .unwrap()
        .encrypt_padded_vec(&msg, Padding::None)
        .unwrap();
    for split in [0, 16, 48, 80, 96] {
        let mut cbc = Cbc::new(c.clone(), &[1; 16]).unwrap();
        let mut pcbc1 = Pcbc::new(c.clone(), &[1; 16]).unwrap();
        let mut buf = msg.clone();
        let (a, b) = buf.split_at_mut(split);
        cbc.encrypt_blocks(a).unwrap();
        cbc.encrypt_blocks(b).unwrap();
        assert_eq!(buf, one, "cbc split at {split}");
        let mut p = msg.clone();
        let (a, b) = p.split_at_mut(split);
        pcbc1.encrypt_blocks(a).unwrap();
        pcbc1.encrypt_blocks(b).unwrap();
        let mut whole = msg.clone();
        Pcbc::new(c.clone(), &[1; 16])
            .unwrap()
            .encrypt_blocks(&mut whole)
            .unwrap();
        assert_eq!(p, whole, "pcbc split at {split}");
    }
}

/// ISO 10126 needs a random source: the calls without one refuse it.
#[test]
fn iso10126_without_rng_is_err() {
    let c = aes::Aes128::new(&[7; 16].into());
    let mut out = [SENTINEL; 64];
    assert!(
        Ecb::new(c.clone())
            .encrypt_padded_b2b(b"abc", &mut out, Padding::Iso10126)
            .is_err()
    );
    assert!(
        Ecb::new(c)
            .encrypt_padded_vec(b"abc", Padding::Iso10126)
            .is_err()
    );
}

/// Check 5: wrong key and IV lengths and bad parameters, on every mode's
/// slice constructor, are `Err`.
#[test]
fn wrong_key_and_iv_lengths() {
    type A = aes::Aes128;
    for k in [0, 1, 15, 17, 24, 32, 33] {
        assert!(
            Ecb::<A>::new_from_slice(&vec![0; k]).is_err(),
            "ecb key {k}"
        );
        assert!(Cbc::<A>::new_from_slices(&vec![0; k], &[0; 16]).is_err());
        assert!(Pcbc::<A>::new_from_slices(&vec![0; k], &[0; 16]).is_err());
        assert!(Ofb::<A>::new_from_slices(&vec![0; k], &[0; 16]).is_err());
        assert!(Cfb::<A>::new_from_slices(&vec![0; k], &[0; 16], 8).is_err());
        assert!(
            Ctr::<A>::new_from_slices(&vec![0; k], &[0; 16], CounterLayout::default()).is_err()
        );
        assert!(CbcCs::<A>::new_from_slices(&vec![0; k], &[0; 16], CsVariant::Cs3).is_err());
        assert!(Gcm::<A>::new_from_slice(&vec![0; k]).is_err());
        assert!(Ccm::<A>::new_from_slice(&vec![0; k]).is_err());
        assert!(Eax::<A>::new_from_slice(&vec![0; k]).is_err());
        assert!(Ocb3::<A>::new_from_slice(&vec![0; k]).is_err());
        assert!(Cmac::<A>::new_from_slice(&vec![0; k]).is_err());
        assert!(Gmac::<A>::new_from_slice(&vec![0; k]).is_err());
    }
    for k in [0, 8, 16, 23, 25, 32] {
        assert!(
            Ecb::<TdesEde3>::new_from_slice(&vec![0; k]).is_err(),
            "tdes key {k}"
        );
        assert!(Cbc::<TdesEde3>::new_from_slices(&vec![0; k], &[0; 8]).is_err());
    }
    for k in [0, 1, 16, 31, 33, 48] {
        assert!(
            Xts::<A>::new_from_slice(&vec![0; k]).is_err(),
            "xts key {k}"
        );
        assert!(
            Siv::<A>::new_from_slice(&vec![0; k]).is_err(),
            "siv key {k}"
        );
    }
    for k in [0, 15, 17, 24, 32] {
        assert!(
            GcmSiv::<A>::new_from_slice(&vec![0; k]).is_err(),
            "gcm-siv key {k}"
        );
    }
    let c = A::new(&[0; 16].into());
    for iv in [0, 1, 8, 15, 17, 32] {
        let iv = vec![0; iv];
        assert_eq!(Cbc::new(c.clone(), &iv).err(), Some(Error::InvalidIvLength));
        assert_eq!(
            Pcbc::new(c.clone(), &iv).err(),
            Some(Error::InvalidIvLength)
        );
        assert_eq!(Ofb::new(c.clone(), &iv).err(), Some(Error::InvalidIvLength));
        assert_eq!(
            Cfb::new(c.clone(), &iv, 8).err(),
            Some(Error::InvalidIvLength)
        );
        assert_eq!(
            Ctr::new(c.clone(), &iv, CounterLayout::default()).err(),
            Some(Error::InvalidIvLength)
        );
        assert_eq!(
            CbcCs::new(c.clone(), &iv, CsVariant::Cs1).err(),
            Some(Error::InvalidIvLength)
        );
        let x = Xts::new(c.clone(), c.clone());
        let mut buf = [0u8; 32];
        assert!(x.encrypt_unit(&iv, &mut buf).is_err());
        assert!(x.decrypt_unit(&iv, &mut buf).is_err());
    }
    let t = TdesEde3::new(&[1; 24].into());
    for iv in [0, 7, 9, 16] {
        assert!(Cbc::new(t.clone(), &vec![0; iv]).is_err(), "tdes iv {iv}");
        assert!(Ctr::new(t.clone(), &vec![0; iv], CounterLayout::default()).is_err());
    }
    for s in [0, 129, 1000] {
        assert_eq!(
            Cfb::new(c.clone(), &[0; 16], s).err(),
            Some(Error::InvalidParameter)
        );
    }
    assert!(Cfb::new(t.clone(), &[0; 8], 65).is_err());
    assert!(Ctr::new(t, &[0; 8], CounterLayout::new(65, Endian::Big).unwrap()).is_err());
}

// ---------------------------------------------------------------------------
// AEAD adapters
// ---------------------------------------------------------------------------

/// SIV through the one-nonce `Aead` interface: AD = [aad, nonce] (RFC 5297
/// §3: the nonce is the last AD component), tag = V.
struct SivAead<C: blockmodes::Kernels<BlockSize = U16>>(Siv<C>);

impl<C: blockmodes::Kernels<BlockSize = U16>> Aead for SivAead<C> {
    fn tag_len(&self) -> usize {
        16
    }
    fn encrypt_in_place_detached(&self, nonce: &[u8], aad: &[u8], buf: &mut [u8]) -> R<Tag> {
        self.0.encrypt_in_place_detached(&[aad, nonce], buf)
    }
    fn decrypt_in_place_detached(
        &self,
        nonce: &[u8],
        aad: &[u8],
        buf: &mut [u8],
        tag: &[u8],
    ) -> R<()> {
        self.0.decrypt_in_place_detached(&[aad, nonce], buf, tag)
    }
}

struct AeadUnit {
    name: &'static str,
    aead: Box<dyn Aead>,
    nonce_len: usize,
    bad_nonce_lens: &'static [usize],
}

type Aes = dyn Fn(&[u8; 16]) -> AnyAes;

/// The AES implementations under test as one enum, so the AEAD list can be
/// built the same way for each.
#[derive(Clone)]
enum AnyAes {
    Ours(backend::Aes128),
    Crate(aes::Aes128),
}

macro_rules! with_aes {
    ($a:expr, |$c:ident| $body:expr) => {
        match $a {
            AnyAes::Ours($c) => $body,
            AnyAes::Crate($c) => $body,
        }
    };
}

fn aead_units(mk: &Aes, k1: &[u8; 16], k2: &[u8; 16], tag_len: usize) -> Vec<AeadUnit> {
    fn boxed<A: Aead + 'static>(a: A) -> Box<dyn Aead> {
        Box::new(a)
    }
    let t = tag_len;
    let gcm = with_aes!(mk(k1), |c| boxed(Gcm::new(c).with_tag_len(t).unwrap()));
    let ccm = with_aes!(mk(k1), |c| boxed(Ccm::new(c).with_tag_len(t).unwrap()));
    let eax = with_aes!(mk(k1), |c| boxed(Eax::new(c).with_tag_len(t).unwrap()));
    let ocb = with_aes!(mk(k1), |c| boxed(Ocb3::new(c).with_tag_len(t).unwrap()));
    let siv = match (mk(k1), mk(k2)) {
        (AnyAes::Ours(a), AnyAes::Ours(b)) => boxed(SivAead(Siv::new(a, b))),
        (AnyAes::Crate(a), AnyAes::Crate(b)) => boxed(SivAead(Siv::new(a, b))),
        _ => unreachable!("one maker gives one implementation"),
    };
    let gcm_siv = with_aes!(mk(k1), |c| boxed(GcmSiv::new(c).unwrap()));
    vec![
        AeadUnit {
            name: "gcm",
            aead: gcm,
            nonce_len: 12,
            bad_nonce_lens: &[0],
        },
        AeadUnit {
            name: "ccm",
            aead: ccm,
            nonce_len: 13,
            bad_nonce_lens: &[0, 6, 14, 16],
        },
        AeadUnit {
            name: "eax",
            aead: eax,
            nonce_len: 16,
            bad_nonce_lens: &[],
        },
        AeadUnit {
            name: "ocb3",
            aead: ocb,
            nonce_len: 12,
            bad_nonce_lens: &[0, 16, 17],
        },
        AeadUnit {
            name: "siv",
            aead: siv,
            nonce_len: 16,
            bad_nonce_lens: &[],
        },
        AeadUnit {
            name: "gcm-siv",
            aead: gcm_siv,
            nonce_len: 12,
            bad_nonce_lens: &[0, 11, 13, 16],
        },
    ]
}

fn aes_makers() -> Vec<(String, Box<Aes>)> {
    let mut v: Vec<(String, Box<Aes>)> = aes_backends()
        .into_iter()
        .map(|b| {
            let f: Box<Aes> = Box::new(move |k: &[u8; 16]| {
                AnyAes::Ours(backend::Aes128::new_with_backend(k.into(), b).unwrap())
            });
            (b.name().to_string(), f)
        })
        .collect();
    v.push((
        "aes-crate".into(),
        Box::new(|k: &[u8; 16]| AnyAes::Crate(aes::Aes128::new(k.into()))),
    ));
    v
}

/// Checks 1, 5 (nonce and tag lengths) and 7 on one AEAD; returns
/// ciphertext || tag.
fn check_aead(u: &AeadUnit, msg: &[u8], aad: &[u8], flip: usize) -> Result<Vec<u8>, TestCaseError> {
    let name = u.name;
    let a = &*u.aead;
    let nonce: Vec<u8> = (0..u.nonce_len as u8).collect();
    // (1) detached in place == Vec.
    let mut buf = msg.to_vec();
    let tag = a.encrypt_in_place_detached(&nonce, aad, &mut buf).unwrap();
    prop_assert_eq!(tag.len(), a.tag_len(), "{}: tag length", name);
    let sealed = a.encrypt(&nonce, aad, msg).unwrap();
    prop_assert_eq!(
        &sealed[..msg.len()],
        &buf[..],
        "{}: vec ct != in place",
        name
    );
    prop_assert_eq!(
        &sealed[msg.len()..],
        &tag[..],
        "{}: vec tag != in place",
        name
    );
    prop_assert_eq!(
        &a.decrypt(&nonce, aad, &sealed).unwrap(),
        msg,
        "{}: open",
        name
    );
    let mut opened = buf.clone();
    a.decrypt_in_place_detached(&nonce, aad, &mut opened, &tag)
        .unwrap();
    prop_assert_eq!(&opened[..], msg, "{}: open in place", name);

    // (7) any single flipped bit in ciphertext or tag: Err(Decrypt), zeroed.
    let bit = flip % (8 * sealed.len());
    let mut bad = sealed.clone();
    bad[bit / 8] ^= 1 << (bit % 8);
    prop_assert_eq!(
        a.decrypt(&nonce, aad, &bad).err(),
        Some(Error::Decrypt),
        "{}",
        name
    );
    let (ct, tg) = bad.split_at(msg.len());
    let mut b = ct.to_vec();
    prop_assert_eq!(
        a.decrypt_in_place_detached(&nonce, aad, &mut b, tg).err(),
        Some(Error::Decrypt),
        "{}: flipped bit {} accepted",
        name,
        bit
    );
    prop_assert!(b.iter().all(|&x| x == 0), "{}: buffer not zeroed", name);
    // A flipped AAD bit too, when there is AAD.
    if !aad.is_empty() {
        let mut ad = aad.to_vec();
        ad[flip % aad.len()] ^= 0x80;
        prop_assert_eq!(a.decrypt(&nonce, &ad, &sealed).err(), Some(Error::Decrypt));
    }

    // (5) wrong tag lengths: Err(Decrypt), buffer zeroed.
    for n in [0, 1, tag.len() - 1, tag.len() + 1] {
        let mut t = tag.to_vec();
        t.resize(n, 0);
        let mut b = buf.clone();
        prop_assert!(
            a.decrypt_in_place_detached(&nonce, aad, &mut b, &t)
                .is_err()
        );
        prop_assert!(
            b.iter().all(|&x| x == 0),
            "{}: not zeroed (tag {})",
            name,
            n
        );
    }
    prop_assert!(a.decrypt(&nonce, aad, &sealed[..a.tag_len() - 1]).is_err());
    // (5) wrong nonce lengths.
    for &n in u.bad_nonce_lens {
        let nonce = vec![1u8; n];
        let mut b = msg.to_vec();
        prop_assert!(
            a.encrypt_in_place_detached(&nonce, aad, &mut b).is_err(),
            "{}: nonce {}",
            name,
            n
        );
        prop_assert!(a.encrypt(&nonce, aad, msg).is_err());
        prop_assert!(a.decrypt(&nonce, aad, &sealed).is_err());
    }
    Ok(sealed)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    /// Checks 1, 4, 5, 7 on every AEAD, over every AES path.
    #[test]
    fn aeads_conform(
        k1 in any::<[u8; 16]>(),
        k2 in any::<[u8; 16]>(),
        msg in msg_strategy(200),
        aad in msg_strategy(40),
        flip in any::<usize>(),
        short_tag in any::<bool>(),
    ) {
        let tag_len = if short_tag { 12 } else { 16 };
        let mut reference: Option<(String, Vec<Vec<u8>>)> = None;
        for (impl_name, mk) in aes_makers() {
            let units = aead_units(&*mk, &k1, &k2, tag_len);
            let mut outs = Vec::new();
            for u in &units {
                outs.push(check_aead(u, &msg, &aad, flip)?);
            }
            match &reference {
                None => reference = Some((impl_name, outs)),
                Some((rn, r)) => {
                    for (u, (o, w)) in units.iter().zip(outs.iter().zip(r)) {
                        prop_assert_eq!(o, w, "{} on {} != {}", u.name, &impl_name, rn);
                    }
                }
            }
        }
    }

    /// CMAC (AES on every path, and TDES) and GMAC: streaming == one-shot,
    /// paths agree, a flipped bit or a wrong tag length is `Err(Decrypt)`.
    #[test]
    fn macs_conform(
        key in any::<[u8; 24]>(),
        msg in msg_strategy(200),
        cuts in prop::collection::vec(any::<usize>(), 0..6),
        flip in any::<usize>(),
    ) {
        let k: &[u8; 16] = key[..16].try_into().unwrap();
        let nonce = [9u8; 12];
        let mut cmac_ref: Option<Vec<u8>> = None;
        let mut gmac_ref: Option<Vec<u8>> = None;
        for (impl_name, mk) in aes_makers() {
            let (c, g) = with_aes!(mk(k), |c| {
                let m = Cmac::new(c.clone());
                let t = check_mac(|d| m.compute(d), |d, t| m.verify(d, t), &msg, flip)?;
                let mut s = Cmac::new(c.clone());
                let mut at = 0;
                for n in chunks(msg.len(), &cuts) {
                    s.update(&msg[at..at + n]);
                    at += n;
                }
                prop_assert_eq!(&s.finalize()[..], &t[..], "cmac stream on {}", &impl_name);
                let gm = Gmac::new(c);
                let gt = check_mac(
                    |d| gm.compute(&nonce, d).unwrap(),
                    |d, t| gm.verify(&nonce, d, t),
                    &msg,
                    flip,
                )?;
                prop_assert!(gm.compute(&[], &msg).is_err(), "gmac empty nonce");
                (t, gt)
            });
            for (r, v, what) in [(&mut cmac_ref, c, "cmac"), (&mut gmac_ref, g, "gmac")] {
                match r {
                    None => *r = Some(v),
                    Some(w) => prop_assert_eq!(&v, w, "{} on {}", what, &impl_name),
                }
            }
        }
        let m = Cmac::new(TdesEde3::new(&key.into()));
        let t = check_mac(|d| m.compute(d), |d, t| m.verify(d, t), &msg, flip)?;
        prop_assert_eq!(t.len(), 8);
    }
}

fn check_mac(
    compute: impl Fn(&[u8]) -> Tag,
    verify: impl Fn(&[u8], &[u8]) -> R<()>,
    msg: &[u8],
    flip: usize,
) -> Result<Vec<u8>, TestCaseError> {
    let tag = compute(msg);
    prop_assert!(verify(msg, &tag).is_ok());
    let bit = flip % (8 * tag.len());
    let mut bad = tag.to_vec();
    bad[bit / 8] ^= 1 << (bit % 8);
    prop_assert_eq!(verify(msg, &bad).err(), Some(Error::Decrypt));
    prop_assert!(verify(msg, &tag[..tag.len() - 1]).is_err());
    prop_assert!(verify(msg, &[]).is_err());
    if !msg.is_empty() {
        let mut m = msg.to_vec();
        m[flip % msg.len()] ^= 1;
        prop_assert_eq!(verify(&m, &tag).err(), Some(Error::Decrypt));
    }
    Ok(tag.to_vec())
}

/// Check 5: tag lengths the AEADs and MACs cannot produce are refused.
#[test]
fn bad_tag_length_parameters() {
    let c = aes::Aes128::new(&[3; 16].into());
    for t in [0, 3, 17, 100] {
        assert!(Gcm::new(c.clone()).with_tag_len(t).is_err(), "gcm {t}");
        assert!(Ccm::new(c.clone()).with_tag_len(t).is_err(), "ccm {t}");
        assert!(Cmac::new(c.clone()).with_tag_len(t).is_err(), "cmac {t}");
        assert!(Gmac::new(c.clone()).with_tag_len(t).is_err(), "gmac {t}");
    }
    // EAX and OCB3 take any length from 1 to 16 bytes.
    for t in [0, 17, 100] {
        assert!(Eax::new(c.clone()).with_tag_len(t).is_err(), "eax {t}");
        assert!(Ocb3::new(c.clone()).with_tag_len(t).is_err(), "ocb3 {t}");
    }
    for t in [5, 7, 9, 11] {
        assert!(Ccm::new(c.clone()).with_tag_len(t).is_err(), "ccm odd {t}");
        assert!(Gcm::new(c.clone()).with_tag_len(t).is_err(), "gcm {t}");
    }
}
