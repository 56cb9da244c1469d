//! Genericity: every confidentiality mode runs over a 64-bit-block cipher
//! (TDES) and a second 128-bit cipher (Camellia), checked against textbook
//! reference loops built from the cipher's single-block calls.

use blockmodes::{
    BlockDecryptMode, BlockEncryptMode, Cbc, CbcCs, Cfb, CounterLayout, CsVariant, Ctr, Ecb,
    Endian, Ofb, Padding, Pcbc, StreamMode,
};
use cipher::{Block, BlockCipherDecrypt, KeyInit, typenum::Unsigned};

fn enc<C: blockmodes::Kernels>(c: &C, x: &[u8]) -> Vec<u8> {
    let mut b = Block::<C>::try_from(x).unwrap();
    c.encrypt_block(&mut b);
    b.to_vec()
}

fn xor(a: &[u8], b: &[u8]) -> Vec<u8> {
    a.iter().zip(b).map(|(x, y)| x ^ y).collect()
}

fn check<C: blockmodes::Kernels + BlockCipherDecrypt + KeyInit + Clone>(key: &[u8]) {
    let bs = C::BlockSize::USIZE;
    let c = C::new_from_slice(key).unwrap();
    let iv: Vec<u8> = (0..bs as u8).map(|i| i.wrapping_mul(37)).collect();
    for blocks in [1usize, 2, 5, 17] {
        let msg: Vec<u8> = (0..blocks * bs).map(|i| (i * 11 + 3) as u8).collect();
        let chunks: Vec<&[u8]> = msg.chunks(bs).collect();

        // ECB
        let want: Vec<u8> = chunks.iter().flat_map(|p| enc(&c, p)).collect();
        let got = Ecb::new(c.clone())
            .encrypt_padded_vec(&msg, Padding::None)
            .unwrap();
        assert_eq!(got, want, "ECB");
        assert_eq!(
            Ecb::new(c.clone())
                .decrypt_padded_vec(&got, Padding::None)
                .unwrap(),
            msg
        );

        // CBC
        let (mut prev, mut want) = (iv.clone(), Vec::new());
        for p in &chunks {
            prev = enc(&c, &xor(p, &prev));
            want.extend_from_slice(&prev);
        }
        let got = Cbc::new(c.clone(), &iv)
            .unwrap()
            .encrypt_padded_vec(&msg, Padding::None)
            .unwrap();
        assert_eq!(got, want, "CBC");
        let back = Cbc::new(c.clone(), &iv)
            .unwrap()
            .decrypt_padded_vec(&got, Padding::None)
            .unwrap();
        assert_eq!(back, msg);

        // PCBC
        let (mut chain, mut want) = (iv.clone(), Vec::new());
        for p in &chunks {
            let ct = enc(&c, &xor(p, &chain));
            chain = xor(p, &ct);
            want.extend_from_slice(&ct);
        }
        let got = Pcbc::new(c.clone(), &iv)
            .unwrap()
            .encrypt_padded_vec(&msg, Padding::None)
            .unwrap();
        assert_eq!(got, want, "PCBC");
        let back = Pcbc::new(c.clone(), &iv)
            .unwrap()
            .decrypt_padded_vec(&got, Padding::None)
            .unwrap();
        assert_eq!(back, msg);

        // OFB and full-block CFB, with a partial last block
        let msg_p = &msg[..msg.len() - 1];
        let (mut o, mut want) = (iv.clone(), Vec::new());
        for p in msg_p.chunks(bs) {
            o = enc(&c, &o);
            want.extend(xor(p, &o));
        }
        assert_eq!(
            Ofb::new(c.clone(), &iv)
                .unwrap()
                .encrypt_vec(msg_p)
                .unwrap(),
            want,
            "OFB"
        );
        let (mut reg, mut want) = (iv.clone(), Vec::new());
        for p in msg_p.chunks(bs) {
            let ct = xor(p, &enc(&c, &reg));
            if ct.len() == bs {
                reg = ct.clone();
            }
            want.extend(ct);
        }
        let got = Cfb::new(c.clone(), &iv, bs * 8)
            .unwrap()
            .encrypt_vec(msg_p)
            .unwrap();
        assert_eq!(got, want, "CFB");
        assert_eq!(
            Cfb::new(c.clone(), &iv, bs * 8)
                .unwrap()
                .decrypt_vec(&got)
                .unwrap(),
            msg_p
        );
        let cfb8 = Cfb::new(c.clone(), &iv, 8)
            .unwrap()
            .encrypt_vec(msg_p)
            .unwrap();
        assert_eq!(
            Cfb::new(c.clone(), &iv, 8)
                .unwrap()
                .decrypt_vec(&cfb8)
                .unwrap(),
            msg_p
        );

        // CTR, whole-block big-endian counter and a 16-bit little-endian one
        for layout in [
            CounterLayout::new(bs as u32 * 8, Endian::Big).unwrap(),
            CounterLayout::new(16, Endian::Little).unwrap(),
        ] {
            let mut ctr = iv.clone();
            let mut want = Vec::new();
            for p in msg_p.chunks(bs) {
                want.extend(xor(p, &enc(&c, &ctr)));
                if layout.endian() == Endian::Big {
                    for b in ctr.iter_mut().rev() {
                        *b = b.wrapping_add(1);
                        if *b != 0 {
                            break;
                        }
                    }
                } else {
                    let v = u16::from_le_bytes([ctr[bs - 2], ctr[bs - 1]]).wrapping_add(1);
                    ctr[bs - 2..].copy_from_slice(&v.to_le_bytes());
                }
            }
            let got = Ctr::new(c.clone(), &iv, layout)
                .unwrap()
                .encrypt_vec(msg_p)
                .unwrap();
            assert_eq!(got, want, "CTR {layout}");
        }

        // CBC-CS1/2/3 round trip (known answers are in tests/cts.rs)
        for v in [CsVariant::Cs1, CsVariant::Cs2, CsVariant::Cs3] {
            let m = &msg[..msg.len() - bs / 2];
            if m.len() < bs {
                continue;
            }
            let ct = CbcCs::new(c.clone(), &iv, v)
                .unwrap()
                .encrypt_vec(m)
                .unwrap();
            assert_eq!(
                CbcCs::new(c.clone(), &iv, v)
                    .unwrap()
                    .decrypt_vec(&ct)
                    .unwrap(),
                m
            );
        }
    }
}

#[test]
fn every_mode_over_tdes() {
    check::<des::TdesEde3>(&(0..24).collect::<Vec<u8>>());
}

#[test]
fn every_mode_over_camellia() {
    check::<blockmodes::Generic<camellia::Camellia128>>(&(0..16).collect::<Vec<u8>>());
    check::<blockmodes::Generic<camellia::Camellia256>>(&(0..32).collect::<Vec<u8>>());
}

#[test]
fn every_mode_over_aes() {
    check::<aes::Aes192>(&(0..24).collect::<Vec<u8>>());
}
