//! Padding: every scheme against a simple branchy reference on every final
//! block shape, exhaustively over the last bytes.

use blockmodes::{Error, Padding};

/// Straightforward (variable-time) reference for unpadding.
fn reference_unpad(p: Padding, block: &[u8]) -> Result<usize, Error> {
    let bs = block.len();
    let n = *block.last().unwrap() as usize;
    match p {
        Padding::None => Ok(bs),
        Padding::Pkcs7 => {
            if n == 0 || n > bs || block[bs - n..].iter().any(|&b| b as usize != n) {
                return Err(Error::Decrypt);
            }
            Ok(bs - n)
        }
        Padding::AnsiX923 => {
            if n == 0 || n > bs || block[bs - n..bs - 1].iter().any(|&b| b != 0) {
                return Err(Error::Decrypt);
            }
            Ok(bs - n)
        }
        Padding::Iso10126 => {
            if n == 0 || n > bs {
                return Err(Error::Decrypt);
            }
            Ok(bs - n)
        }
        Padding::Iso7816 => match block.iter().rposition(|&b| b != 0) {
            Some(i) if block[i] == 0x80 => Ok(i),
            _ => Err(Error::Decrypt),
        },
        Padding::Zero => Ok(block.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1)),
    }
}

#[test]
fn unpad_matches_reference() {
    for bs in [8usize, 16] {
        for p in Padding::ALL {
            // Every value of the last two bytes, over a few fillers.
            for filler in [0u8, 1, 2, 0x80, 0xff] {
                for a in 0..=255u8 {
                    for b in 0..=255u8 {
                        let mut block = vec![filler; bs];
                        block[bs - 2] = a;
                        block[bs - 1] = b;
                        assert_eq!(
                            p.unpad_block(&block),
                            reference_unpad(p, &block),
                            "{p:?} {block:?}"
                        );
                    }
                }
            }
            // Every validly padded block round-trips.
            for pos in 0..bs {
                let mut block: Vec<u8> = (0..bs as u8).map(|i| i.wrapping_add(0x31)).collect();
                let mut rng = |d: &mut [u8]| d.fill(0x77);
                struct F<'a>(&'a mut dyn FnMut(&mut [u8]));
                impl blockmodes::RandomFill for F<'_> {
                    fn fill(&mut self, d: &mut [u8]) {
                        (self.0)(d)
                    }
                }
                let mut f = F(&mut rng);
                p.pad_block(&mut block, pos, Some(&mut f)).map_or_else(
                    |e| assert!(p == Padding::None && e == Error::InvalidLength),
                    |()| assert_eq!(p.unpad_block(&block), Ok(pos), "{p:?} pos {pos}"),
                );
            }
        }
    }
}

#[test]
fn names_round_trip() {
    for p in Padding::ALL {
        assert_eq!(Padding::from_name(p.name()), Some(p));
    }
    assert_eq!(Padding::from_name("pkcs5"), None);
}

#[test]
fn padded_len() {
    assert_eq!(Padding::Pkcs7.padded_len(0, 16), Ok(16));
    assert_eq!(Padding::Pkcs7.padded_len(16, 16), Ok(32));
    assert_eq!(Padding::Zero.padded_len(16, 16), Ok(16));
    assert_eq!(Padding::Zero.padded_len(17, 16), Ok(32));
    assert_eq!(Padding::None.padded_len(17, 16), Err(Error::InvalidLength));
    assert_eq!(
        Padding::Pkcs7.padded_len(usize::MAX, 16),
        Err(Error::InvalidLength)
    );
    assert_eq!(
        Padding::Pkcs7.padded_len(3, 0),
        Err(Error::InvalidParameter)
    );
}
