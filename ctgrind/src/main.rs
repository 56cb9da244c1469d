//! The constant-time check of blockmodes ("ctgrind"): secrets (keys,
//! plaintext, ciphertext whose padding is checked) are marked undefined
//! with memcheck client requests, and under
//! `valgrind --error-exitcode=1 --suppressions=ctgrind/verdict.supp`
//! every branch or memory index that depends on them is an error.
//!
//! What is public by design is declassified: the outputs the test itself
//! inspects (marked defined before use), and the padding verdict, which the
//! library turns into a branch in exactly one out-of-line function
//! (`padding::verdict`) and which `decrypt_padded` then acts on (zeroing
//! the buffer on failure); likewise the AEAD / MAC tag verdict
//! (`aead::verdict`) and XTS's equal-key-halves check in
//! `Xts::new_from_slice`. The suppression file names those frames and
//! nothing else.
//!
//! `--canary` adds a deliberate secret-dependent branch, to show that the
//! check can fail (CI runs it and expects failure).

use std::hint::black_box;

use aes::{Aes128, Aes256};
use blockmodes::cipher::KeyInit;
use blockmodes::uhash::{Ghash, HashBackend, Polyval};
use blockmodes::{
    Aead, BlockDecryptMode, BlockEncryptMode, Cbc, CbcCs, Ccm, Cfb, Cmac, CounterLayout, CsVariant,
    Ctr, Eax, Ecb, Gcm, GcmSiv, Gmac, Ocb3, Ofb, Padding, Pcbc, Siv, StreamMode, Xts,
};
use blockmodes_ctgrind::{errors, on_valgrind, public, secret};
use subtle::{ConditionallySelectable, ConstantTimeEq, ConstantTimeGreater};

/// A secret copy of `bytes`.
fn s<const N: usize>(bytes: [u8; N]) -> [u8; N] {
    let mut b = bytes;
    secret(&mut b[..]);
    b
}

/// Deterministic test bytes.
fn pattern(n: usize, seed: u8) -> Vec<u8> {
    (0..n)
        .map(|i| (i as u8).wrapping_mul(151).wrapping_add(seed))
        .collect()
}

/// Blocks whose padding is valid or invalid in every way we can think of:
/// each length 1..=bs as a valid PKCS#7 / X9.23 / ISO 7816-4 tail, each
/// with one byte broken, lengths 0 and > bs, all zeros, all 0x80.
fn padding_blocks(bs: usize) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for n in 1..=bs {
        let base = pattern(bs, n as u8);
        let mut pkcs = base.clone();
        pkcs[bs - n..].fill(n as u8);
        let mut x923 = base.clone();
        x923[bs - n..].fill(0);
        x923[bs - 1] = n as u8;
        let mut iso = base.clone();
        iso[bs - n..].fill(0);
        iso[bs - n] = 0x80;
        for b in [pkcs, x923, iso] {
            let mut broken = b.clone();
            broken[bs - n] ^= 0x01;
            out.push(b);
            out.push(broken);
        }
    }
    let mut too_long = pattern(bs, 7);
    too_long[bs - 1] = bs as u8 + 1;
    out.push(too_long);
    let mut zero_len = pattern(bs, 9);
    zero_len[bs - 1] = 0;
    out.push(zero_len);
    out.push(vec![0; bs]);
    out.push(vec![0x80; bs]);
    out
}

fn check_unpad() -> usize {
    let mut n = 0;
    for pad in Padding::ALL {
        for bs in [8usize, 16, 32] {
            for mut blk in padding_blocks(bs) {
                secret(&mut blk[..]);
                let mut r = pad.unpad_block(&blk);
                public(&mut r);
                black_box(r.ok());
                n += 1;
            }
        }
    }
    n
}

fn check_block_modes() -> usize {
    let mut n = 0;
    for pad in Padding::ALL {
        for len in [0usize, 1, 15, 16, 17, 33, 64] {
            let key = s([0x2b; 16]);
            let msg = {
                let mut m = pattern(len, 3);
                secret(&mut m[..]);
                m
            };
            let iv = pattern(16, 5);
            // Encrypt with a secret key and message (ISO 10126 needs an
            // RNG: take X9.23's place for it, the filler is not secret).
            let p = if pad == Padding::Iso10126 {
                Padding::AnsiX923
            } else {
                pad
            };
            let Ok(ct) = Cbc::<Aes128>::new_from_slices(&key, &iv)
                .and_then(|mut m| m.encrypt_padded_vec(&msg, p))
            else {
                continue; // unaligned with no padding: a public length check
            };
            // Decrypt it (and a tampered copy) with a secret key: the
            // ciphertext is secret too, only the verdict comes out.
            for tamper in [false, true] {
                let mut c = ct.clone();
                if tamper && !c.is_empty() {
                    let i = c.len() - 1;
                    c[i] ^= 0x5a;
                }
                secret(&mut c[..]);
                let mut r = Cbc::<Aes128>::new_from_slices(&key, &iv)
                    .and_then(|mut m| m.decrypt_padded(&mut c, pad).map(|m| m.len()));
                public(&mut r);
                black_box(r.ok());
                let mut c2 = ct.clone();
                secret(&mut c2[..]);
                let mut r = Pcbc::<Aes128>::new_from_slices(&key, &iv)
                    .and_then(|mut m| m.decrypt_padded(&mut c2, pad).map(|m| m.len()));
                public(&mut r);
                black_box(r.ok());
                let mut c3 = ct.clone();
                secret(&mut c3[..]);
                let mut r = Ecb::<Aes128>::new_from_slice(&key)
                    .and_then(|mut m| m.decrypt_padded(&mut c3, pad).map(|m| m.len()));
                public(&mut r);
                black_box(r.ok());
                n += 3;
            }
        }
    }
    n
}

fn check_stream_modes() -> usize {
    let key = s([0x77; 32]);
    let iv = pattern(16, 1);
    let mut n = 0;
    for len in [1usize, 16, 31, 100, 257] {
        let mut data = pattern(len, 11);
        secret(&mut data[..]);
        for layout in ["128be", "32be", "12be", "64le"] {
            let layout = CounterLayout::parse(layout).expect("layout");
            let mut r = Ctr::<Aes256>::new_from_slices(&key, &iv, layout)
                .and_then(|mut c| c.encrypt(&mut data));
            public(&mut r);
            black_box(r.ok());
            n += 1;
        }
        let mut r =
            Ofb::<Aes256>::new_from_slices(&key, &iv).and_then(|mut c| c.encrypt(&mut data));
        public(&mut r);
        black_box(r.ok());
        for seg in [1usize, 8, 13, 64, 128] {
            let mut r = Cfb::<Aes256>::new_from_slices(&key, &iv, seg).and_then(|mut c| {
                c.encrypt(&mut data)?;
                c.decrypt(&mut data)
            });
            public(&mut r);
            black_box(r.ok());
            n += 1;
        }
        if len >= 16 {
            for v in [CsVariant::Cs1, CsVariant::Cs2, CsVariant::Cs3] {
                let mut r = CbcCs::<Aes256>::new_from_slices(&key, &iv, v)
                    .and_then(|c| c.encrypt(&mut data))
                    .and_then(|()| CbcCs::<Aes256>::new_from_slices(&key, &iv, v))
                    .and_then(|c| c.decrypt(&mut data));
                public(&mut r);
                black_box(r.ok());
                n += 1;
            }
        }
        n += 1;
    }
    n
}

fn check_subtle() -> usize {
    let a = s([0x11u8; 32]);
    let mut b = s([0x11u8; 32]);
    b[31] = 0x12;
    let mut eq = [a.ct_eq(&a).unwrap_u8(), a.ct_eq(&b).unwrap_u8()];
    let x = s([200u8]);
    let y = s([100u8]);
    let mut gt = [x[0].ct_gt(&y[0]).unwrap_u8()];
    let mut sel = [u8::conditional_select(&x[0], &y[0], a[0].ct_eq(&b[0]))];
    public(&mut eq);
    public(&mut gt);
    public(&mut sel);
    assert_eq!((eq, gt, sel), ([1, 0], [1], [100]));
    4
}

/// Portable GHASH and POLYVAL with a secret key `H` and secret data, every
/// way of feeding them.
fn check_uhash() -> usize {
    let mut n = 0;
    for len in [0usize, 1, 15, 16, 17, 64, 100, 257] {
        let h = s([0x3c; 16]);
        let mut data = pattern(len, 21);
        secret(&mut data[..]);
        let mut blocks = vec![[0u8; 16]; len / 16];
        for (i, b) in blocks.iter_mut().enumerate() {
            b.copy_from_slice(&data[16 * i..16 * i + 16]);
        }
        let mut g = Ghash::new_with_backend(&h, HashBackend::Portable).expect("portable");
        g.update_padded(&data);
        g.update_blocks(&blocks);
        let mut out = g.finalize();
        g.reset();
        public(&mut out);
        black_box(out);
        let mut p = Polyval::new_with_backend(&h, HashBackend::Portable).expect("portable");
        p.update_padded(&data);
        p.update_blocks(&blocks);
        let mut out = p.finalize();
        public(&mut out);
        black_box(out);
        n += 2;
    }
    n
}

/// Seal a secret message with a secret key, then open it — genuine, with
/// a flipped ciphertext bit, with a flipped tag bit — with the sealed
/// bytes secret too. Only the verdict (`aead::verdict`) is declassified.
fn seal_open(aead: &dyn Aead, nonce: &[u8], msg_len: usize) -> usize {
    let aad = pattern(13, 2);
    let mut msg = pattern(msg_len, 17);
    secret(&mut msg[..]);
    let sealed = aead.encrypt(nonce, &aad, &msg).expect("seal");
    let mut n = 0;
    for tamper in [None, Some(0usize), Some(sealed.len() - 1)] {
        let mut c = sealed.clone();
        if let Some(i) = tamper {
            c[i] ^= 0x04;
        }
        secret(&mut c[..]);
        let mut r = aead.decrypt(nonce, &aad, &c).map(|p| p.len());
        public(&mut r);
        assert_eq!(r.is_ok(), tamper.is_none());
        n += 1;
    }
    n
}

/// Every AEAD (AES-128, portable) with a secret key.
fn check_aead() -> usize {
    let key = s([0x5e; 16]);
    let mut n = 0;
    for len in [0usize, 1, 16, 31, 64] {
        n += seal_open(
            &Gcm::<Aes128>::new_from_slice(&key).expect("key"),
            &[9; 12],
            len,
        );
        n += seal_open(
            &Gcm::<Aes128>::new_from_slice(&key).expect("key"),
            &[9; 20],
            len,
        );
        n += seal_open(
            &Gcm::<Aes128>::new_from_slice(&key)
                .and_then(|g| g.with_tag_len(12))
                .expect("key"),
            &[9; 12],
            len,
        );
        n += seal_open(
            &Ccm::<Aes128>::new_from_slice(&key).expect("key"),
            &[9; 13],
            len,
        );
        n += seal_open(
            &Ccm::<Aes128>::new_from_slice(&key)
                .and_then(|c| c.with_tag_len(8))
                .expect("key"),
            &[9; 7],
            len,
        );
        n += seal_open(
            &Eax::<Aes128>::new_from_slice(&key).expect("key"),
            &[9; 16],
            len,
        );
        n += seal_open(
            &Ocb3::<Aes128>::new_from_slice(&key).expect("key"),
            &[9; 12],
            len,
        );
        n += seal_open(
            &GcmSiv::<Aes128>::new_from_slice(&key).expect("key"),
            &[9; 12],
            len,
        );
        // SIV: K1 || K2, both secret.
        let siv_key = s([0x6d; 32]);
        let siv = Siv::<Aes128>::new_from_slice(&siv_key).expect("key");
        let mut msg = pattern(len, 23);
        secret(&mut msg[..]);
        let ad: [&[u8]; 2] = [b"header", &[9; 12]];
        let sealed = siv.encrypt(&ad, &msg).expect("seal");
        for tamper in [false, true] {
            let mut c = sealed.clone();
            if tamper {
                c[0] ^= 1;
            }
            secret(&mut c[..]);
            let mut r = siv.decrypt(&ad, &c).map(|p| p.len());
            public(&mut r);
            assert_eq!(r.is_ok(), !tamper);
            n += 1;
        }
    }
    n
}

/// CMAC (AES-128) and GMAC with a secret key and secret message: compute,
/// stream, verify (genuine and wrong tag).
fn check_macs() -> usize {
    let key = s([0x2f; 16]);
    let mut n = 0;
    for len in [0usize, 1, 16, 17, 48, 100] {
        let mut msg = pattern(len, 29);
        secret(&mut msg[..]);
        let mac = Cmac::<Aes128>::new_from_slice(&key).expect("key");
        let tag = mac.compute(&msg);
        let mut st = mac.clone();
        st.update(&msg[..len / 2]);
        st.update(&msg[len / 2..]);
        let mut r = [mac.verify(&msg, &tag), st.finalize_verify(&tag)];
        let mut bad = tag;
        let mut wrong = bad.to_vec();
        wrong[0] ^= 1;
        let mut r2 = mac.verify(&msg, &wrong);
        public(&mut r);
        public(&mut r2);
        assert!(r[0].is_ok() && r[1].is_ok() && r2.is_err());
        public(&mut bad);
        black_box(bad);
        let gmac = Gmac::<Aes128>::new_from_slice(&key).expect("key");
        let tag = gmac.compute(&[3; 12], &msg).expect("gmac");
        let mut r = gmac.verify(&[3; 12], &msg, &tag);
        public(&mut r);
        assert!(r.is_ok());
        n += 4;
    }
    n
}

/// XTS-AES-128/256 with secret keys and secret data: units of every
/// stealing length, and runs of sectors.
fn check_xts() -> usize {
    let mut n = 0;
    let k1 = s([0x13; 16]);
    let k2 = s([0x31; 16]);
    let xts = Xts::new(Aes128::new(&k1.into()), Aes128::new(&k2.into()));
    let k256 = s([0x47; 64]);
    let mut k256b = [0x47; 64];
    k256b[40] = 0x48;
    secret(&mut k256b[..]);
    let xts256 = Xts::<Aes256>::new(
        Aes256::new_from_slice(&k256[..32]).expect("key"),
        Aes256::new_from_slice(&k256b[32..]).expect("key"),
    );
    for len in [16usize, 17, 31, 32, 33, 47, 100, 512] {
        let mut data = pattern(len, 37);
        secret(&mut data[..]);
        let mut r = xts
            .encrypt_sector(5, &mut data)
            .and_then(|()| xts.decrypt_sector(5, &mut data))
            .and_then(|()| xts.encrypt_unit(&[7; 16], &mut data))
            .and_then(|()| xts.decrypt_unit(&[7; 16], &mut data))
            .and_then(|()| xts256.encrypt_sector(u128::MAX, &mut data))
            .and_then(|()| xts256.decrypt_sector(u128::MAX, &mut data));
        public(&mut r);
        assert!(r.is_ok());
        n += 6;
    }
    for sector in [16usize, 32, 33] {
        let mut data = pattern(sector * 40, 41);
        secret(&mut data[..]);
        let mut r = xts
            .encrypt_sectors(1000, sector, &mut data)
            .and_then(|()| xts.decrypt_sectors(1000, sector, &mut data));
        public(&mut r);
        assert!(r.is_ok());
        n += 2;
    }
    // Keying from one secret slice: the equal-halves check is a verdict
    // (the constructor's Ok/Err), declassified like the others.
    let mut key = [0x55u8; 32];
    key[31] = 0x56;
    secret(&mut key[..]);
    let mut r = Xts::<Aes128>::new_from_slice(&key).and_then(|x| x.encrypt_sector(0, &mut [0; 16]));
    public(&mut r);
    assert!(r.is_ok());
    n + 1
}

/// Our AES's AES-NI whole-loop kernels (`blockmodes::Kernels`: CTR, XTS,
/// CBC, CFB/OFB/PCBC encryption, the CBC-MAC chain, OCB3, the SIV
/// decryption kernel) with a secret key and secret data: the counter,
/// tweak, offset and chaining code around the AES instructions must not
/// branch or index on them either.
fn check_aesni_kernels() -> usize {
    use blockmodes::backend::{Aes128 as Ours, Backend};
    if !Backend::AesNi.is_supported() {
        eprintln!("ctgrind: no AES-NI here: the AES-NI kernels are not checked");
        return 0;
    }
    let key = s([0x6d; 16]);
    let key2 = s([0x2e; 16]);
    let ni = |k: &[u8; 16]| Ours::new_with_backend(&(*k).into(), Backend::AesNi).expect("AES-NI");
    let iv = pattern(16, 9);
    let mut n = 0;
    // One block, a short batch, more than a batch of 8 with a partial tail.
    for len in [16usize, 48, 160, 300] {
        let mut data = pattern(len, 23);
        secret(&mut data[..]);
        let whole = len / 16 * 16;
        let mut r = Cbc::new(ni(&key), &iv)
            .and_then(|mut m| m.encrypt_blocks(&mut data[..whole]))
            .and_then(|()| Cbc::new(ni(&key), &iv))
            .and_then(|mut m| m.decrypt_blocks(&mut data[..whole]))
            .and_then(|()| Pcbc::new(ni(&key), &iv))
            .and_then(|mut m| m.encrypt_blocks(&mut data[..whole]))
            .and_then(|()| Pcbc::new(ni(&key), &iv))
            .and_then(|mut m| m.decrypt_blocks(&mut data[..whole]))
            .and_then(|()| Cfb::new(ni(&key), &iv, 128))
            .and_then(|mut m| m.encrypt(&mut data))
            .and_then(|()| Ofb::new(ni(&key), &iv))
            .and_then(|mut m| m.encrypt(&mut data));
        public(&mut r);
        assert!(r.is_ok());
        n += 6;
        for layout in ["128be", "32be", "20be"] {
            let layout = CounterLayout::parse(layout).expect("layout");
            let mut r = Ctr::new(ni(&key), &iv, layout).and_then(|mut c| c.encrypt(&mut data));
            public(&mut r);
            assert!(r.is_ok());
            n += 1;
        }
        let xts = Xts::new(ni(&key), ni(&key2));
        let mut r = xts
            .encrypt_unit(&[3; 16], &mut data)
            .and_then(|()| xts.decrypt_unit(&[3; 16], &mut data))
            .and_then(|()| xts.encrypt_sectors(7, 16, &mut data[..whole]))
            .and_then(|()| xts.decrypt_sectors(7, 16, &mut data[..whole]));
        public(&mut r);
        assert!(r.is_ok());
        n += 4;
        let mut tag = Cmac::new(ni(&key)).compute(&data).to_vec();
        public(&mut tag[..]);
        black_box(tag);
        n += 1;
        n += seal_open(&Gcm::new(ni(&key)), &[9; 12], len);
        n += seal_open(&Ccm::new(ni(&key)), &[9; 13], len);
        n += seal_open(&Eax::new(ni(&key)), &[9; 16], len);
        n += seal_open(&Ocb3::new(ni(&key)), &[9; 12], len);
        // SIV: the decryption kernel (CTR under K2 stitched with S2V's
        // CMAC chain under K1), genuine and with a flipped V / C bit.
        let siv = Siv::new(ni(&key), ni(&key2));
        let mut msg = pattern(len, 23);
        secret(&mut msg[..]);
        let ad: [&[u8]; 2] = [b"header", &[9; 12]];
        let sealed = siv.encrypt(&ad, &msg).expect("seal");
        for tamper in [None, Some(0usize), Some(sealed.len() / 2)] {
            let mut c = sealed.clone();
            if let Some(i) = tamper {
                c[i] ^= 1;
            }
            secret(&mut c[..]);
            let mut r = siv.decrypt(&ad, &c).map(|p| p.len());
            public(&mut r);
            assert_eq!(r.is_ok(), tamper.is_none());
            n += 1;
        }
    }
    n
}

/// A deliberate leak: branch on a secret byte.
fn canary() {
    let k = s([0x42u8]);
    if k[0] > 0x40 {
        black_box(1);
    }
}

fn main() {
    let on = on_valgrind();
    if !on {
        eprintln!("ctgrind: not under valgrind: the checks run but prove nothing");
    }
    // Our own AES and the universal hashes on their portable paths (the
    // aes crate's soft backend, see .cargo/config.toml).
    blockmodes::backend::force_portable(true);
    let mut n = check_unpad();
    n += check_block_modes();
    n += check_stream_modes();
    n += check_subtle();
    n += check_uhash();
    n += check_aead();
    n += check_macs();
    n += check_xts();
    n += check_aesni_kernels();
    if std::env::args().any(|a| a == "--canary") {
        canary();
    }
    let e = errors();
    eprintln!("ctgrind: {n} checks, {e} unsuppressed memcheck errors");
    if on && e > 0 {
        std::process::exit(1);
    }
}
