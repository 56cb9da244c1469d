//! Shared pieces of the fuzz targets: cipher selection, fuzzer-chosen
//! splits, a deterministic ISO 10126 random source, and simple *branchy*
//! reference implementations (padding per RFC 5652 §6.3 / ANSI X9.23 /
//! ISO 10126 / ISO/IEC 7816-4; CBC, PCBC, CFB-s, OFB and CTR per NIST
//! SP 800-38A §6; ciphertext stealing per the SP 800-38A Addendum) that the
//! library's constant-time, batched code is checked against.
//!
//! The references go one block at a time through the cipher's public
//! `encrypt_block` and are written for clarity, not speed: they are the
//! specification, the library is the thing under test.

use arbitrary::{Result, Unstructured};
use blockmodes::cipher::{
    Block, BlockCipherDecrypt, BlockSizeUser, KeyInit, KeySizeUser, typenum::Unsigned,
};
use blockmodes::{BlockDecryptMode, BlockEncryptMode, Error, Padding, RandomFill};

pub use blockmodes::aes::{Aes128, Aes192, Aes256};
pub use blockmodes::des::TdesEde3;

/// What every target needs of a cipher.
pub trait Cipher: blockmodes::Kernels + BlockCipherDecrypt + KeyInit + Clone {}
impl<T: blockmodes::Kernels + BlockCipherDecrypt + KeyInit + Clone> Cipher for T {}

/// Call `$f::<C>(&mut $u)` for a fuzzer-chosen cipher: AES-128/192/256
/// (16-byte blocks) or TDES (8-byte blocks).
#[macro_export]
macro_rules! dispatch {
    ($u:ident, $f:ident) => {
        (|| -> ::arbitrary::Result<()> {
            match $u.int_in_range(0u8..=3)? {
                0 => $f::<$crate::Aes128>(&mut $u),
                1 => $f::<$crate::Aes192>(&mut $u),
                2 => $f::<$crate::Aes256>(&mut $u),
                _ => $f::<$crate::TdesEde3>(&mut $u),
            }
        })()
    };
}

/// Block size of `C` in bytes.
pub fn bs<C: BlockSizeUser>() -> usize {
    C::BlockSize::USIZE
}

/// A key of the right length for `C`.
pub fn key<C: KeyInit>(u: &mut Unstructured<'_>) -> Result<Vec<u8>> {
    Ok(u.bytes(<C as KeySizeUser>::KeySize::USIZE)?.to_vec())
}

/// One block of fuzzer bytes (an IV or initial counter block).
pub fn block<C: BlockSizeUser>(u: &mut Unstructured<'_>) -> Result<Vec<u8>> {
    Ok(u.bytes(bs::<C>())?.to_vec())
}

/// Up to `max` fuzzer bytes.
pub fn data(u: &mut Unstructured<'_>, max: usize) -> Result<Vec<u8>> {
    let n = u.int_in_range(0..=max)?;
    let avail = n.min(u.len());
    Ok(u.bytes(avail)?.to_vec())
}

/// Fuzzer-chosen piece lengths that add up to `len` (empty pieces allowed).
pub fn splits(u: &mut Unstructured<'_>, len: usize) -> Result<Vec<usize>> {
    let mut out = Vec::new();
    let mut left = len;
    while left > 0 && out.len() < 64 {
        let n = u.int_in_range(0..=left)?;
        out.push(n);
        left -= n;
    }
    out.push(left);
    Ok(out)
}

/// A fuzzer-chosen padding scheme.
pub fn padding(u: &mut Unstructured<'_>) -> Result<Padding> {
    Ok(*u.choose(&Padding::ALL)?)
}

/// A deterministic "random" source: the same seed always gives the same
/// bytes, so every call path of one message sees the same ISO 10126 filler.
#[derive(Clone)]
pub struct Fill(pub u8);

impl RandomFill for Fill {
    fn fill(&mut self, dst: &mut [u8]) {
        for b in dst {
            self.0 = self.0.wrapping_mul(167).wrapping_add(13);
            *b = self.0;
        }
    }
}

/// Reference padding of a whole message: `None` where the scheme cannot
/// pad it (no padding and an unaligned message).
pub fn ref_pad(p: Padding, msg: &[u8], bs: usize, rng: &mut Fill) -> Option<Vec<u8>> {
    let rem = msg.len() % bs;
    let n = bs - rem; // 1..=bs
    let mut v = msg.to_vec();
    match p {
        Padding::None => {
            if rem != 0 {
                return None;
            }
        }
        Padding::Zero => {
            if rem != 0 {
                v.extend(std::iter::repeat_n(0, n));
            }
        }
        Padding::Pkcs7 => v.extend(std::iter::repeat_n(n as u8, n)),
        Padding::AnsiX923 => {
            v.extend(std::iter::repeat_n(0, n - 1));
            v.push(n as u8);
        }
        Padding::Iso10126 => {
            let mut r = vec![0; n - 1];
            rng.fill(&mut r);
            v.extend(r);
            v.push(n as u8);
        }
        Padding::Iso7816 => {
            v.push(0x80);
            v.extend(std::iter::repeat_n(0, n - 1));
        }
    }
    Some(v)
}

/// Reference removal from one final block, with ordinary early-exit
/// branches: how many message bytes the block holds.
pub fn ref_unpad(p: Padding, block: &[u8]) -> std::result::Result<usize, Error> {
    let bs = block.len();
    if bs == 0 || bs > 255 {
        return Err(Error::InvalidParameter);
    }
    let last = block[bs - 1] as usize;
    match p {
        Padding::None => Ok(bs),
        Padding::Pkcs7 => {
            if last == 0 || last > bs {
                return Err(Error::Decrypt);
            }
            for &b in &block[bs - last..] {
                if b as usize != last {
                    return Err(Error::Decrypt);
                }
            }
            Ok(bs - last)
        }
        Padding::AnsiX923 => {
            if last == 0 || last > bs {
                return Err(Error::Decrypt);
            }
            for &b in &block[bs - last..bs - 1] {
                if b != 0 {
                    return Err(Error::Decrypt);
                }
            }
            Ok(bs - last)
        }
        Padding::Iso10126 => {
            if last == 0 || last > bs {
                return Err(Error::Decrypt);
            }
            Ok(bs - last)
        }
        Padding::Iso7816 => {
            let mut i = bs;
            while i > 0 && block[i - 1] == 0 {
                i -= 1;
            }
            if i > 0 && block[i - 1] == 0x80 {
                Ok(i - 1)
            } else {
                Err(Error::Decrypt)
            }
        }
        Padding::Zero => {
            let mut i = bs;
            while i > 0 && block[i - 1] == 0 {
                i -= 1;
            }
            Ok(i)
        }
    }
}

/// `E_K(x)` for one block.
pub fn enc_block<C: blockmodes::Kernels>(c: &C, x: &[u8]) -> Vec<u8> {
    let mut b = Block::<C>::try_from(x).expect("one block");
    c.encrypt_block(&mut b);
    b.to_vec()
}

/// `D_K(x)` for one block.
pub fn dec_block<C: BlockCipherDecrypt>(c: &C, x: &[u8]) -> Vec<u8> {
    let mut b = Block::<C>::try_from(x).expect("one block");
    c.decrypt_block(&mut b);
    b.to_vec()
}

fn xor(a: &[u8], b: &[u8]) -> Vec<u8> {
    a.iter().zip(b).map(|(x, y)| x ^ y).collect()
}

/// The block modes the targets exercise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// SP 800-38A §6.1.
    Ecb,
    /// SP 800-38A §6.2.
    Cbc,
    /// PCBC: `C_i = E(P_i ^ P_{i-1} ^ C_{i-1})`, `P_0 ^ C_0 = IV`.
    Pcbc,
}

/// Reference encryption of whole blocks.
pub fn ref_block_encrypt<C: blockmodes::Kernels>(
    kind: BlockKind,
    c: &C,
    iv: &[u8],
    pt: &[u8],
) -> Vec<u8> {
    let bs = bs::<C>();
    let mut chain = iv.to_vec();
    let mut out = Vec::with_capacity(pt.len());
    for p in pt.chunks(bs) {
        let ct = match kind {
            BlockKind::Ecb => enc_block(c, p),
            BlockKind::Cbc | BlockKind::Pcbc => enc_block(c, &xor(p, &chain)),
        };
        chain = match kind {
            BlockKind::Pcbc => xor(p, &ct),
            _ => ct.clone(),
        };
        out.extend(ct);
    }
    out
}

/// Reference decryption of whole blocks.
pub fn ref_block_decrypt<C: BlockCipherDecrypt>(
    kind: BlockKind,
    c: &C,
    iv: &[u8],
    ct: &[u8],
) -> Vec<u8> {
    let bs = bs::<C>();
    let mut chain = iv.to_vec();
    let mut out = Vec::with_capacity(ct.len());
    for x in ct.chunks(bs) {
        let d = dec_block(c, x);
        let p = match kind {
            BlockKind::Ecb => d,
            _ => xor(&d, &chain),
        };
        chain = match kind {
            BlockKind::Pcbc => xor(&p, x),
            _ => x.to_vec(),
        };
        out.extend(p);
    }
    out
}

/// Bit `i` (MSB first) of `buf`.
pub fn get_bit(buf: &[u8], i: usize) -> bool {
    (buf[i / 8] >> (7 - i % 8)) & 1 == 1
}

/// Set bit `i` (MSB first) of `buf` to `v`.
pub fn set_bit(buf: &mut [u8], i: usize, v: bool) {
    let m = 1u8 << (7 - i % 8);
    if v {
        buf[i / 8] |= m;
    } else {
        buf[i / 8] &= !m;
    }
}

/// Reference CFB-s (SP 800-38A §6.3) as a bit stream: encrypt or decrypt
/// the first `bits` bits of `buf` (MSB first) in place, starting from the
/// register `iv`. A partial final segment uses the first bits of its
/// keystream block, as the library's streaming does.
pub fn ref_cfb<C: blockmodes::Kernels>(
    c: &C,
    iv: &[u8],
    s: usize,
    buf: &mut [u8],
    bits: usize,
    decrypt: bool,
) {
    let bs_bits = 8 * bs::<C>();
    let mut reg: Vec<bool> = (0..bs_bits).map(|i| get_bit(iv, i)).collect();
    let mut out = Vec::new();
    let mut seg: Vec<bool> = Vec::new();
    for i in 0..bits {
        if seg.is_empty() {
            let r: Vec<u8> = reg
                .chunks(8)
                .map(|b| b.iter().fold(0u8, |a, &x| a << 1 | x as u8))
                .collect();
            out = enc_block(c, &r);
        }
        let x = get_bit(buf, i);
        let y = x ^ get_bit(&out, seg.len());
        set_bit(buf, i, y);
        seg.push(if decrypt { x } else { y });
        if seg.len() == s {
            reg.drain(..s);
            reg.append(&mut seg);
        }
    }
}

/// Reference OFB (SP 800-38A §6.4) keystream of `len` bytes.
pub fn ref_ofb<C: blockmodes::Kernels>(c: &C, iv: &[u8], len: usize) -> Vec<u8> {
    let mut o = iv.to_vec();
    let mut ks = Vec::with_capacity(len);
    while ks.len() < len {
        o = enc_block(c, &o);
        ks.extend_from_slice(&o);
    }
    ks.truncate(len);
    ks
}

/// A counter layout for the reference: the last `bits` bits of the block,
/// big-endian, or the last `bits / 8` bytes, little-endian.
#[derive(Clone, Copy, Debug)]
pub struct RefLayout {
    /// Counter width in bits.
    pub bits: u32,
    /// Little-endian byte order.
    pub little: bool,
}

/// The counter block `block_index` blocks after `icb` (mod 2^bits in the
/// counter field, every other bit unchanged). Blocks of at most 16 bytes.
pub fn ref_counter_block(icb: &[u8], layout: RefLayout, block_index: u128) -> Vec<u8> {
    let bs = icb.len();
    let mut full = [0u8; 16];
    full[16 - bs..].copy_from_slice(icb);
    let x = u128::from_be_bytes(full);
    let mask = if layout.bits >= 128 {
        u128::MAX
    } else {
        (1u128 << layout.bits) - 1
    };
    if layout.little {
        let nb = (layout.bits / 8) as usize;
        let mut le = [0u8; 16];
        le[..nb].copy_from_slice(&icb[bs - nb..]);
        let v = u128::from_le_bytes(le).wrapping_add(block_index) & mask;
        let mut out = icb.to_vec();
        out[bs - nb..].copy_from_slice(&v.to_le_bytes()[..nb]);
        out
    } else {
        let v = (x & mask).wrapping_add(block_index) & mask;
        let y = (x & !mask) | v;
        y.to_be_bytes()[16 - bs..].to_vec()
    }
}

/// Reference CTR keystream (SP 800-38A §6.5) of `len` bytes starting at
/// byte `pos` of the stream.
pub fn ref_ctr<C: blockmodes::Kernels>(
    c: &C,
    icb: &[u8],
    layout: RefLayout,
    pos: u128,
    len: usize,
) -> Vec<u8> {
    let bs = bs::<C>() as u128;
    let mut ks = Vec::with_capacity(len);
    let mut p = pos;
    while ks.len() < len {
        let blk = enc_block(c, &ref_counter_block(icb, layout, p / bs));
        let off = (p % bs) as usize;
        let take = (blk.len() - off).min(len - ks.len());
        ks.extend_from_slice(&blk[off..off + take]);
        p += take as u128;
    }
    ks
}

/// Reference CBC-CS1/2/3 encryption (SP 800-38A Addendum): CBC over the
/// zero-padded message, then drop the stolen bytes and order the last two
/// blocks as the variant says. `variant` is 1, 2 or 3; `pt.len() >= bs`.
pub fn ref_cts_encrypt<C: blockmodes::Kernels>(
    c: &C,
    iv: &[u8],
    variant: u8,
    pt: &[u8],
) -> Vec<u8> {
    let bs = bs::<C>();
    let n = pt.len().div_ceil(bs);
    let d = pt.len() - (n - 1) * bs; // 1..=bs
    let mut padded = pt.to_vec();
    padded.resize(n * bs, 0);
    let cbc = ref_block_encrypt(BlockKind::Cbc, c, iv, &padded);
    if n == 1 {
        return cbc;
    }
    let head = &cbc[..(n - 2) * bs];
    let c_prev = &cbc[(n - 2) * bs..(n - 1) * bs];
    let c_last = &cbc[(n - 1) * bs..];
    let swap = match variant {
        1 => false,
        2 => d < bs,
        _ => true,
    };
    let mut out = head.to_vec();
    if swap {
        out.extend_from_slice(c_last);
        out.extend_from_slice(&c_prev[..d]);
    } else {
        out.extend_from_slice(&c_prev[..d]);
        out.extend_from_slice(c_last);
    }
    out
}

/// Streaming encryption, pieces taken from `seed` bytes.
pub fn stream_encrypt<M: BlockEncryptMode + BlockSizeUser>(
    make: &impl Fn() -> M,
    pad: Padding,
    fill: u8,
    msg: &[u8],
    seed: &[u8],
) -> Result<Vec<u8>, Error> {
    let bs = bs::<M>();
    let mut enc = make().encryptor(pad);
    let mut out = Vec::new();
    let mut su = Unstructured::new(seed);
    let pieces = splits(&mut su, msg.len()).unwrap_or_else(|_| vec![msg.len()]);
    let mut rest = msg;
    for n in pieces {
        let (piece, r) = rest.split_at(n);
        rest = r;
        let want = enc.update_len(piece.len());
        assert!(want < piece.len() + bs);
        let mut o = vec![0u8; want];
        let got = enc.update(piece, &mut o)?;
        assert_eq!(got, want);
        out.extend_from_slice(&o);
    }
    let mut o = vec![0u8; bs];
    let n = enc.finalize_with_rng(&mut o, &mut Fill(fill))?;
    out.extend_from_slice(&o[..n]);
    Ok(out)
}

/// Streaming decryption, pieces taken from `seed` bytes.
pub fn stream_decrypt<M: BlockDecryptMode + BlockSizeUser>(
    make: &impl Fn() -> M,
    pad: Padding,
    ct: &[u8],
    seed: &[u8],
) -> Result<Vec<u8>, Error> {
    let bs = bs::<M>();
    let mut dec = make().decryptor(pad);
    let mut out = Vec::new();
    let mut su = Unstructured::new(seed);
    let pieces = splits(&mut su, ct.len()).unwrap_or_else(|_| vec![ct.len()]);
    let mut rest = ct;
    for n in pieces {
        let (piece, r) = rest.split_at(n);
        rest = r;
        let want = dec.update_len(piece.len());
        assert!(want <= piece.len() + bs);
        let mut o = vec![0u8; want];
        let got = dec.update(piece, &mut o)?;
        assert_eq!(got, want);
        out.extend_from_slice(&o);
    }
    let mut o = vec![0u8; bs];
    let n = dec.finalize(&mut o)?;
    out.extend_from_slice(&o[..n]);
    Ok(out)
}

/// `T ⊗ α` in GF(2^128) with the block read little-endian (IEEE Std
/// 1619-2018 §5.2): shift left one bit, folding a carry out of the top
/// byte back in as `0x87`.
pub fn xts_mul_alpha(t: &mut [u8; 16]) {
    let mut carry = 0u8;
    for b in t.iter_mut() {
        let next = *b >> 7;
        *b = (*b << 1) | carry;
        carry = next;
    }
    if carry == 1 {
        t[0] ^= 0x87;
    }
}

/// The tweaks `T_0 .. T_n` of one data unit: `T_0 = E_K2(i)`, then `⊗ α`.
fn xts_tweaks<C: blockmodes::Kernels>(k2: &C, tweak: &[u8; 16], n: usize) -> Vec<[u8; 16]> {
    let mut t: [u8; 16] = enc_block(k2, tweak).try_into().expect("16-byte block");
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        out.push(t);
        xts_mul_alpha(&mut t);
    }
    out
}

/// One XTS block (IEEE 1619 §5.3.1): `E_K1(P ^ T) ^ T`, or with `decrypt`
/// `D_K1(C ^ T) ^ T` (§5.4.1).
fn xts_block<C: blockmodes::Kernels + BlockCipherDecrypt>(
    k1: &C,
    t: &[u8; 16],
    x: &[u8],
    decrypt: bool,
) -> Vec<u8> {
    let pp = xor(x, t);
    let cc = if decrypt {
        dec_block(k1, &pp)
    } else {
        enc_block(k1, &pp)
    };
    xor(&cc, t)
}

/// Reference XTS encryption or decryption of one data unit of at least 16
/// bytes (IEEE Std 1619-2018 §5.3.2 / §5.4.2), a block at a time, with
/// ciphertext stealing written out as the standard states it.
pub fn ref_xts<C: blockmodes::Kernels + BlockCipherDecrypt>(
    k1: &C,
    k2: &C,
    tweak: &[u8; 16],
    data: &[u8],
    decrypt: bool,
) -> Vec<u8> {
    let m = data.len() / 16;
    let b = data.len() % 16;
    let t = xts_tweaks(k2, tweak, m + 1);
    let mut out = Vec::with_capacity(data.len());
    let whole = if b == 0 { m } else { m - 1 };
    for j in 0..whole {
        out.extend(xts_block(k1, &t[j], &data[16 * j..16 * j + 16], decrypt));
    }
    if b != 0 {
        let x_prev = &data[16 * (m - 1)..16 * m];
        let x_last = &data[16 * m..];
        // Encrypt: CC = XTS(P_{m-1}, T_{m-1}); decrypt: PP = XTS^-1(C_{m-1}, T_m).
        let first_t = if decrypt { &t[m] } else { &t[m - 1] };
        let second_t = if decrypt { &t[m - 1] } else { &t[m] };
        let cc = xts_block(k1, first_t, x_prev, decrypt);
        let mut pp = x_last.to_vec();
        pp.extend_from_slice(&cc[b..]);
        out.extend(xts_block(k1, second_t, &pp, decrypt));
        out.extend_from_slice(&cc[..b]);
    }
    out
}

/// The XTS tweak block of sector `n`: `n` little-endian.
pub fn sector_tweak(n: u128) -> [u8; 16] {
    n.to_le_bytes()
}

/// Flip bit `bit % (8 * buf.len())` of a non-empty `buf`.
pub fn flip_bit(buf: &mut [u8], bit: usize) {
    let i = bit % (8 * buf.len());
    buf[i / 8] ^= 1 << (i % 8);
}

/// The AEAD modes the AEAD targets pick from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AeadKind {
    /// NIST SP 800-38D.
    Gcm,
    /// NIST SP 800-38C.
    Ccm,
    /// EAX.
    Eax,
    /// RFC 7253.
    Ocb3,
    /// RFC 5297, nonce as the last AD component (through [`SivAead`]).
    Siv,
    /// RFC 8452.
    GcmSiv,
}

/// Every [`AeadKind`].
pub const AEAD_KINDS: [AeadKind; 6] = [
    AeadKind::Gcm,
    AeadKind::Ccm,
    AeadKind::Eax,
    AeadKind::Ocb3,
    AeadKind::Siv,
    AeadKind::GcmSiv,
];

/// SIV behind the nonce-based [`Aead`](blockmodes::Aead) interface:
/// the AD components are `[aad, nonce]` (RFC 5297 §3: the nonce is the last
/// component), the tag is `V`.
pub struct SivAead<C: BlockSizeUser>(pub blockmodes::Siv<C>);

impl<C: blockmodes::Kernels<BlockSize = blockmodes::cipher::consts::U16>> blockmodes::Aead
    for SivAead<C>
{
    fn tag_len(&self) -> usize {
        16
    }
    fn encrypt_in_place_detached(
        &self,
        nonce: &[u8],
        aad: &[u8],
        buf: &mut [u8],
    ) -> std::result::Result<blockmodes::Tag, Error> {
        self.0.encrypt_in_place_detached(&[aad, nonce], buf)
    }
    fn decrypt_in_place_detached(
        &self,
        nonce: &[u8],
        aad: &[u8],
        buf: &mut [u8],
        tag: &[u8],
    ) -> std::result::Result<(), Error> {
        self.0.decrypt_in_place_detached(&[aad, nonce], buf, tag)
    }
}

/// A fuzzer-built AEAD: the mode, its key, its tag length, and the nonce
/// lengths it takes.
pub struct AnyAead {
    /// The mode.
    pub kind: AeadKind,
    /// The keyed instance.
    pub aead: Box<dyn blockmodes::Aead>,
    /// The key it was built from.
    pub key: Vec<u8>,
}

impl AnyAead {
    /// Whether the mode takes a nonce of `n` bytes.
    pub fn nonce_ok(&self, n: usize) -> bool {
        match self.kind {
            AeadKind::Gcm => n >= 1,
            AeadKind::Ccm => (7..=13).contains(&n),
            AeadKind::Ocb3 => (1..=15).contains(&n),
            AeadKind::GcmSiv => n == 12,
            AeadKind::Eax | AeadKind::Siv => true,
        }
    }

    /// A nonce length the fuzzer picks, biased towards lengths the mode
    /// takes.
    pub fn nonce_len(&self, u: &mut Unstructured<'_>) -> Result<usize> {
        if u.ratio(1u8, 10)? {
            return u.int_in_range(0..=70);
        }
        Ok(match self.kind {
            AeadKind::Gcm => *u.choose(&[12, 12, 12, 1, 8, 16, 60, 13, 64])?,
            AeadKind::Ccm => u.int_in_range(7..=13)?,
            AeadKind::Ocb3 => u.int_in_range(1..=15)?,
            AeadKind::GcmSiv => 12,
            AeadKind::Eax | AeadKind::Siv => u.int_in_range(0..=32)?,
        })
    }
}

macro_rules! build_aead {
    ($kind:expr, $c:ty, $key:expr, $tag:expr) => {{
        let key: &[u8] = $key;
        let tag: usize = $tag;
        let b: Box<dyn blockmodes::Aead> = match $kind {
            AeadKind::Gcm => Box::new(
                blockmodes::Gcm::<$c>::new_from_slice(key)
                    .expect("key")
                    .with_tag_len(tag)
                    .expect("tag"),
            ),
            AeadKind::Ccm => Box::new(
                blockmodes::Ccm::<$c>::new_from_slice(key)
                    .expect("key")
                    .with_tag_len(tag)
                    .expect("tag"),
            ),
            AeadKind::Eax => Box::new(
                blockmodes::Eax::<$c>::new_from_slice(key)
                    .expect("key")
                    .with_tag_len(tag)
                    .expect("tag"),
            ),
            AeadKind::Ocb3 => Box::new(
                blockmodes::Ocb3::<$c>::new_from_slice(key)
                    .expect("key")
                    .with_tag_len(tag)
                    .expect("tag"),
            ),
            AeadKind::Siv => Box::new(SivAead(
                blockmodes::Siv::<$c>::new_from_slice(key).expect("key"),
            )),
            AeadKind::GcmSiv => {
                Box::new(blockmodes::GcmSiv::<$c>::new_from_slice(key).expect("key"))
            }
        };
        b
    }};
}

/// The tag lengths `kind` takes.
pub fn tag_lens(kind: AeadKind) -> &'static [usize] {
    match kind {
        AeadKind::Gcm => &blockmodes::aead::gcm::TAG_LENS,
        AeadKind::Ccm => &blockmodes::aead::ccm::TAG_LENS,
        AeadKind::Eax | AeadKind::Ocb3 => &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
        AeadKind::Siv | AeadKind::GcmSiv => &[16],
    }
}

/// A fuzzer-chosen AEAD: mode, AES key size (128/192/256; GCM-SIV takes
/// 128 and 256 only), the `aes` crate or the crate's own backend type, a
/// key, and a tag length the mode takes. A wrong tag length is checked to
/// be `Err(InvalidParameter)` on the way.
pub fn any_aead(u: &mut Unstructured<'_>) -> Result<AnyAead> {
    let kind = *u.choose(&AEAD_KINDS)?;
    let mut ks = *u.choose(&[16usize, 24, 32])?;
    if kind == AeadKind::GcmSiv && ks == 24 {
        ks = 32;
    }
    let own = u.arbitrary::<bool>()?;
    // SIV takes a double-length key.
    let klen = if kind == AeadKind::Siv { 2 * ks } else { ks };
    let key = u.bytes(klen)?.to_vec();
    let tag = *u.choose(tag_lens(kind))?;
    let bad: usize = u.int_in_range(0..=20)?;
    if !tag_lens(kind).contains(&bad) {
        let r = match kind {
            AeadKind::Gcm => blockmodes::Gcm::<Aes128>::new_from_slice(&[0; 16])
                .expect("key")
                .with_tag_len(bad)
                .err(),
            AeadKind::Ccm => blockmodes::Ccm::<Aes128>::new_from_slice(&[0; 16])
                .expect("key")
                .with_tag_len(bad)
                .err(),
            AeadKind::Eax => blockmodes::Eax::<Aes128>::new_from_slice(&[0; 16])
                .expect("key")
                .with_tag_len(bad)
                .err(),
            AeadKind::Ocb3 => blockmodes::Ocb3::<Aes128>::new_from_slice(&[0; 16])
                .expect("key")
                .with_tag_len(bad)
                .err(),
            _ => Some(Error::InvalidParameter),
        };
        assert_eq!(r, Some(Error::InvalidParameter), "tag length {bad}");
    }
    use blockmodes::backend as be;
    let aead = match (ks, own) {
        (16, false) => build_aead!(kind, Aes128, &key, tag),
        (24, false) => build_aead!(kind, Aes192, &key, tag),
        (_, false) => build_aead!(kind, Aes256, &key, tag),
        (16, true) => build_aead!(kind, be::Aes128, &key, tag),
        (24, true) => build_aead!(kind, be::Aes192, &key, tag),
        (_, true) => build_aead!(kind, be::Aes256, &key, tag),
    };
    Ok(AnyAead { kind, aead, key })
}

/// Open `input` (`ciphertext || tag`) both ways — `decrypt` into a `Vec`
/// and `decrypt_in_place_detached` — and check what every AEAD promises:
/// no panic; both agree; on `Err` the in-place buffer is all zero and the
/// error is `Decrypt` or (bad nonce) `InvalidIvLength`; on `Ok(p)`
/// sealing `p` again gives exactly `input` (so success means the input
/// *is* a valid seal). Returns the `decrypt` result.
pub fn open_checked(
    a: &AnyAead,
    nonce: &[u8],
    aad: &[u8],
    input: &[u8],
) -> std::result::Result<Vec<u8>, Error> {
    let t = a.aead.tag_len();
    let got = a.aead.decrypt(nonce, aad, input);
    let want_err = if input.len() < t {
        Some(Error::Decrypt)
    } else if !a.nonce_ok(nonce.len()) {
        Some(Error::InvalidIvLength)
    } else {
        None
    };
    if let Some(e) = want_err {
        assert_eq!(got, Err(e), "{:?} open", a.kind);
    }
    match &got {
        Ok(p) => {
            assert_eq!(
                a.aead.encrypt(nonce, aad, p).as_deref(),
                Ok(input),
                "{:?}: opened, so it must be the seal of what it opened to",
                a.kind
            );
        }
        Err(e) => assert!(
            matches!(e, Error::Decrypt | Error::InvalidIvLength),
            "{:?}: unexpected {e:?}",
            a.kind
        ),
    }
    // In place, detached: same verdict; the buffer zeroed on any Err.
    if input.len() >= t {
        let (ct, tag) = input.split_at(input.len() - t);
        let mut buf = ct.to_vec();
        let r = a.aead.decrypt_in_place_detached(nonce, aad, &mut buf, tag);
        match (&r, &got) {
            (Ok(()), Ok(p)) => assert_eq!(&buf, p, "{:?} detached", a.kind),
            (Err(e), Err(g)) => {
                assert_eq!(e, g, "{:?} detached verdict", a.kind);
                assert!(
                    buf.iter().all(|&b| b == 0),
                    "{:?}: buffer not zeroed",
                    a.kind
                );
            }
            _ => panic!("{:?}: detached {r:?} vs vec {got:?}", a.kind),
        }
    }
    // A tag of the wrong length never opens, and zeroes the buffer.
    let wrong = input.len().min(t + 1);
    if wrong != t && wrong <= input.len() {
        let (ct, tag) = input.split_at(input.len() - wrong);
        let mut buf = ct.to_vec();
        let r = a.aead.decrypt_in_place_detached(nonce, aad, &mut buf, tag);
        assert!(r.is_err(), "{:?}: tag of {wrong} bytes accepted", a.kind);
        assert!(
            buf.iter().all(|&b| b == 0),
            "{:?}: buffer not zeroed",
            a.kind
        );
    }
    got
}
