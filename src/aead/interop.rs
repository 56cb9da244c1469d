//! Interoperability with the RustCrypto trait crates: the `aead` 0.6
//! traits (`AeadCore`, `AeadInOut`, `KeyInit`) for every AEAD here, and
//! the `digest` 0.11 `Mac` trait for CMAC.
//!
//! RFC 5116 §2 describes an AEAD algorithm as a key `K`, nonce `N`,
//! associated data `A` and plaintext `P` in, `C` out, with the key length,
//! the nonce length and the tag length as *parameters of the algorithm*
//! (§4: `K_LEN`, `N_MIN`/`N_MAX`, and the ciphertext expansion). The `aead`
//! crate fixes those parameters in the type (`NonceSize`, `TagSize`, the
//! key size); this crate's modes take them at run time. [`FixedAead`]
//! bridges the two: it fixes the nonce and tag lengths in its type, checks
//! them against the mode **at compile time**, and forwards to the mode's
//! own code, so the shared open path (and its zeroing) is unchanged.
//!
//! [`Cmac`] does the same for CMAC (NIST SP 800-38B §6.2) with a full-block
//! tag, behind the `digest` crate's `Mac`.
//!
//! ```
//! # #[cfg(all(feature = "aead", feature = "aes", feature = "alloc"))] {
//! use aead::{Aead, AeadCore, KeyInit, Payload};
//! use blockmodes::aead::interop::Aes128Gcm;
//!
//! // Code written for `aes_gcm::Aes128Gcm` works unchanged.
//! let cipher = Aes128Gcm::new(&[0x42; 16].into());
//! let nonce = [7u8; 12].into();
//! let sealed = cipher.encrypt(&nonce, Payload { msg: b"secret", aad: b"v1" }).unwrap();
//! assert_eq!(sealed.len(), 6 + 16);
//! let opened = cipher.decrypt(&nonce, Payload { msg: &sealed, aad: b"v1" }).unwrap();
//! assert_eq!(opened, b"secret");
//! # }
//! ```

#[cfg(feature = "aead")]
pub use fixed::*;
#[cfg(feature = "mac")]
pub use mac::Cmac;

#[cfg(feature = "aead")]
mod fixed {
    use core::marker::PhantomData;

    use ::aead::array::{Array, ArraySize, typenum::Unsigned};
    use ::aead::consts::{U12, U16};
    use ::aead::inout::InOutBuf;
    use ::aead::{AeadCore, AeadInOut, Buffer, KeyInit, KeySizeUser, Nonce, TagPosition};
    use cipher::{BlockCipherDecrypt, typenum::Sum};
    use zeroize::Zeroize;

    use crate::aead::{Aead, Tag, ccm, gcm, gcm_siv, ocb3};
    use crate::kernels::Kernels;

    /// Every tag length from 1 to 16 bytes.
    const ANY_TAG: &[usize] = &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];

    /// `set` contains `x` (a `const` `contains`).
    const fn contains(set: &[usize], x: usize) -> bool {
        let mut i = 0;
        while i < set.len() {
            if set[i] == x {
                return true;
            }
            i += 1;
        }
        false
    }

    mod sealed {
        pub trait Sealed {}
    }

    /// A mode of this crate that [`FixedAead`] can wrap: its key type, the
    /// nonce and tag lengths it takes, and how it seals and opens. Sealed;
    /// implemented for [`Gcm`](crate::Gcm), [`Ccm`](crate::Ccm),
    /// [`Eax`](crate::Eax), [`Ocb3`](crate::Ocb3), [`GcmSiv`](crate::GcmSiv)
    /// and [`Siv`](crate::Siv).
    pub trait Mode: Sized + sealed::Sealed {
        /// The key size in bytes, as a type.
        type KeySize: ArraySize;
        /// Where `encrypt_in_place` puts the tag: after the ciphertext, or
        /// before it (SIV's `V || C`).
        const TAG_POSITION: TagPosition;
        /// The tag lengths in bytes the mode takes.
        const TAG_LENS: &'static [usize];
        /// The shortest and longest nonce in bytes.
        const NONCE_LENS: (usize, usize);
        /// Whether the mode takes the cipher's key size.
        const KEY_OK: bool;

        /// The mode keyed with `key`, producing `tag_len`-byte tags.
        /// `None` only for a tag length outside [`TAG_LENS`](Self::TAG_LENS)
        /// or a key the mode refuses, which [`FixedAead`] rules out at
        /// compile time.
        fn with_key(key: &Key<Self>, tag_len: usize) -> Option<Self>;

        /// Encrypt `buf` in place; the tag.
        fn seal(&self, nonce: &[u8], aad: &[u8], buf: &mut [u8]) -> crate::Result<Tag>;

        /// Verify and decrypt `buf` in place; on `Err`, `buf` is zeroed.
        fn open(&self, nonce: &[u8], aad: &[u8], buf: &mut [u8], tag: &[u8]) -> crate::Result<()>;
    }

    // `Key<Self>` above needs `Self: KeySizeUser`; spell it through
    // `Mode::KeySize` instead.
    type Key<M> = Array<u8, <M as Mode>::KeySize>;

    /// One of the modes that implement [`Aead`]: key, tag length, and the
    /// forwarding to the trait.
    macro_rules! aead_mode {
        ($mode:ident, [$($bound:tt)*], $tag_lens:expr, $nonce_lens:expr, $key_ok:expr) => {
            impl<C: $($bound)*> sealed::Sealed for crate::aead::$mode<C> {}

            impl<C: $($bound)*> Mode for crate::aead::$mode<C> {
                type KeySize = C::KeySize;
                const TAG_POSITION: TagPosition = TagPosition::Postfix;
                const TAG_LENS: &'static [usize] = $tag_lens;
                const NONCE_LENS: (usize, usize) = $nonce_lens;
                const KEY_OK: bool = $key_ok;

                fn with_key(key: &Key<Self>, tag_len: usize) -> Option<Self> {
                    Self::new_from_slice(key).ok()?.with_tag_len(tag_len).ok()
                }

                fn seal(&self, nonce: &[u8], aad: &[u8], buf: &mut [u8]) -> crate::Result<Tag> {
                    self.encrypt_in_place_detached(nonce, aad, buf)
                }

                fn open(
                    &self,
                    nonce: &[u8],
                    aad: &[u8],
                    buf: &mut [u8],
                    tag: &[u8],
                ) -> crate::Result<()> {
                    self.decrypt_in_place_detached(nonce, aad, buf, tag)
                }
            }
        };
    }

    aead_mode!(
        Gcm,
        [Kernels<BlockSize = U16> + KeyInit],
        &gcm::TAG_LENS,
        (1, usize::MAX),
        true
    );
    aead_mode!(
        Ccm,
        [Kernels<BlockSize = U16> + KeyInit],
        &ccm::TAG_LENS,
        (ccm::MIN_NONCE_LEN, ccm::MAX_NONCE_LEN),
        true
    );
    aead_mode!(
        Eax,
        [Kernels<BlockSize = U16> + KeyInit],
        ANY_TAG,
        (0, usize::MAX),
        true
    );
    aead_mode!(
        Ocb3,
        [Kernels<BlockSize = U16> + BlockCipherDecrypt + KeyInit],
        ANY_TAG,
        (ocb3::MIN_NONCE_LEN, ocb3::MAX_NONCE_LEN),
        true
    );

    impl<C: Kernels<BlockSize = U16> + KeyInit> sealed::Sealed for crate::aead::GcmSiv<C> {}

    impl<C: Kernels<BlockSize = U16> + KeyInit> Mode for crate::aead::GcmSiv<C> {
        type KeySize = C::KeySize;
        const TAG_POSITION: TagPosition = TagPosition::Postfix;
        const TAG_LENS: &'static [usize] = &[gcm_siv::TAG_LEN];
        const NONCE_LENS: (usize, usize) = (gcm_siv::NONCE_LEN, gcm_siv::NONCE_LEN);
        const KEY_OK: bool = contains(&gcm_siv::KEY_LENS, C::KeySize::USIZE);

        fn with_key(key: &Key<Self>, tag_len: usize) -> Option<Self> {
            if tag_len != gcm_siv::TAG_LEN {
                return None;
            }
            Self::new_from_slice(key).ok()
        }

        fn seal(&self, nonce: &[u8], aad: &[u8], buf: &mut [u8]) -> crate::Result<Tag> {
            self.encrypt_in_place_detached(nonce, aad, buf)
        }

        fn open(&self, nonce: &[u8], aad: &[u8], buf: &mut [u8], tag: &[u8]) -> crate::Result<()> {
            self.decrypt_in_place_detached(nonce, aad, buf, tag)
        }
    }

    /// SIV as an AEAD the way RFC 5297 §3 uses it: the associated data is
    /// one component and the nonce the last one, `V` goes before `C`, and
    /// the key is `K1 || K2`.
    impl<C> sealed::Sealed for crate::aead::Siv<C>
    where
        C: Kernels<BlockSize = U16> + KeyInit,
        C::KeySize: core::ops::Add<C::KeySize, Output: ArraySize>,
    {
    }

    impl<C> Mode for crate::aead::Siv<C>
    where
        C: Kernels<BlockSize = U16> + KeyInit,
        C::KeySize: core::ops::Add<C::KeySize, Output: ArraySize>,
    {
        type KeySize = Sum<C::KeySize, C::KeySize>;
        const TAG_POSITION: TagPosition = TagPosition::Prefix;
        const TAG_LENS: &'static [usize] = &[crate::aead::siv::IV_LEN];
        const NONCE_LENS: (usize, usize) = (0, usize::MAX);
        const KEY_OK: bool = true;

        fn with_key(key: &Key<Self>, tag_len: usize) -> Option<Self> {
            if tag_len != crate::aead::siv::IV_LEN {
                return None;
            }
            Self::new_from_slice(key).ok()
        }

        fn seal(&self, nonce: &[u8], aad: &[u8], buf: &mut [u8]) -> crate::Result<Tag> {
            self.encrypt_in_place_detached(&[aad, nonce], buf)
        }

        fn open(&self, nonce: &[u8], aad: &[u8], buf: &mut [u8], tag: &[u8]) -> crate::Result<()> {
            self.decrypt_in_place_detached(&[aad, nonce], buf, tag)
        }
    }

    /// One of this crate's AEADs `M` with its nonce length (`NonceSize`
    /// bytes) and tag length (`TagSize` bytes) fixed in the type, behind
    /// the `aead` crate's traits: [`KeyInit`], [`AeadCore`], [`AeadInOut`]
    /// (and with it `AeadInPlace` and, with `alloc`, `Aead`).
    ///
    /// A length the mode cannot take is a compile-time error at
    /// [`KeyInit::new`] (e.g. a 7-byte GCM tag, a 14-byte CCM nonce,
    /// AES-GCM-SIV with a 192-bit key). Every error maps to the opaque
    /// [`aead::Error`]; a failed open zeroes the buffer, tag included for
    /// [`decrypt_in_place`](AeadInOut::decrypt_in_place).
    ///
    /// The aliases below name the usual instances with this crate's own AES
    /// ([`crate::backend`]); for another cipher use the generic aliases
    /// ([`Gcm`], [`Ccm`], …) or `FixedAead` itself.
    ///
    /// ```
    /// use aead::{AeadInOut, KeyInit};
    /// use aead::consts::{U8, U13};
    /// use blockmodes::aead::interop::Ccm;
    ///
    /// type Aes128Ccm8 = Ccm<blockmodes::aes::Aes128, U8, U13>;
    /// let ccm = Aes128Ccm8::new(&[1; 16].into());
    /// let nonce = [2u8; 13].into();
    /// let mut buf = *b"attack at dawn";
    /// let tag = ccm.encrypt_inout_detached(&nonce, b"hdr", (&mut buf[..]).into()).unwrap();
    /// assert_eq!(tag.len(), 8);
    ///
    /// let mut forged = tag;
    /// forged[0] ^= 1;
    /// assert!(ccm.decrypt_inout_detached(&nonce, b"hdr", (&mut buf[..]).into(), &forged).is_err());
    /// assert_eq!(buf, [0; 14]); // no unverified plaintext left behind
    /// ```
    ///
    /// A size the mode does not take does not compile (here a 7-byte CCM
    /// tag):
    ///
    /// ```compile_fail
    /// use aead::{KeyInit, consts::{U7, U13}};
    /// use blockmodes::aead::interop::Ccm;
    ///
    /// let ccm = Ccm::<blockmodes::aes::Aes128, U7, U13>::new(&[1; 16].into());
    /// ```
    pub struct FixedAead<M, NonceSize, TagSize> {
        /// Always `Some` (the sizes are checked at compile time); `None`
        /// would make every call fail rather than panic.
        mode: Option<M>,
        sizes: PhantomData<(NonceSize, TagSize)>,
    }

    impl<M: Mode, N: ArraySize, T: ArraySize> FixedAead<M, N, T> {
        /// The compile-time check of the sizes against the mode.
        const SIZES_OK: () = {
            assert!(
                contains(M::TAG_LENS, T::USIZE),
                "the mode does not take this tag size"
            );
            assert!(
                M::NONCE_LENS.0 <= N::USIZE && N::USIZE <= M::NONCE_LENS.1,
                "the mode does not take this nonce size"
            );
            assert!(M::KEY_OK, "the mode does not take this key size");
        };

        /// The wrapped mode, or the opaque error if there is none.
        fn mode(&self) -> ::aead::Result<&M> {
            self.mode.as_ref().ok_or(::aead::Error)
        }
    }

    impl<M: Mode, N: ArraySize, T: ArraySize> KeySizeUser for FixedAead<M, N, T> {
        type KeySize = M::KeySize;
    }

    impl<M: Mode, N: ArraySize, T: ArraySize> KeyInit for FixedAead<M, N, T> {
        fn new(key: &::aead::Key<Self>) -> Self {
            let () = Self::SIZES_OK;
            FixedAead {
                mode: M::with_key(key, T::USIZE),
                sizes: PhantomData,
            }
        }
    }

    impl<M: Mode, N: ArraySize, T: ArraySize> AeadCore for FixedAead<M, N, T> {
        type NonceSize = N;
        type TagSize = T;
        const TAG_POSITION: TagPosition = M::TAG_POSITION;
    }

    impl<M: Mode, N: ArraySize, T: ArraySize> AeadInOut for FixedAead<M, N, T> {
        fn encrypt_inout_detached(
            &self,
            nonce: &Nonce<Self>,
            associated_data: &[u8],
            buffer: InOutBuf<'_, '_, u8>,
        ) -> ::aead::Result<::aead::Tag<Self>> {
            let mode = self.mode()?;
            let buf = buffer.into_out_with_copied_in();
            let tag = mode
                .seal(nonce, associated_data, buf)
                .map_err(|_| ::aead::Error)?;
            Array::try_from(tag.as_slice()).map_err(|_| ::aead::Error)
        }

        fn decrypt_inout_detached(
            &self,
            nonce: &Nonce<Self>,
            associated_data: &[u8],
            buffer: InOutBuf<'_, '_, u8>,
            tag: &::aead::Tag<Self>,
        ) -> ::aead::Result<()> {
            let buf = buffer.into_out_with_copied_in();
            let Ok(mode) = self.mode() else {
                buf.zeroize();
                return Err(::aead::Error);
            };
            mode.open(nonce, associated_data, buf, tag)
                .map_err(|_| ::aead::Error)
        }

        /// As the trait's default, but a failed open zeroes the whole
        /// buffer, tag included, and leaves its length alone.
        fn decrypt_in_place(
            &self,
            nonce: &Nonce<Self>,
            associated_data: &[u8],
            buffer: &mut dyn Buffer,
        ) -> ::aead::Result<()> {
            let msg_len = buffer.len().checked_sub(T::USIZE).ok_or(::aead::Error)?;
            let bytes = buffer.as_mut();
            let (msg, tag) = match M::TAG_POSITION {
                TagPosition::Postfix => bytes.split_at_mut(msg_len),
                TagPosition::Prefix => {
                    let (tag, msg) = bytes.split_at_mut(T::USIZE);
                    (msg, tag)
                }
            };
            let tag = Array::<u8, T>::try_from(&*tag).map_err(|_| ::aead::Error)?;
            if let Err(e) = self.decrypt_inout_detached(nonce, associated_data, msg.into(), &tag) {
                buffer.as_mut().zeroize();
                return Err(e);
            }
            if M::TAG_POSITION == TagPosition::Prefix {
                buffer.as_mut().copy_within(T::USIZE.., 0);
            }
            buffer.truncate(msg_len);
            Ok(())
        }
    }

    impl<M: Clone, N, T> Clone for FixedAead<M, N, T> {
        fn clone(&self) -> Self {
            FixedAead {
                mode: self.mode.clone(),
                sizes: PhantomData,
            }
        }
    }

    impl<M, N: ArraySize, T: ArraySize> core::fmt::Debug for FixedAead<M, N, T> {
        fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            f.debug_struct("FixedAead")
                .field("nonce_len", &N::USIZE)
                .field("tag_len", &T::USIZE)
                .finish_non_exhaustive()
        }
    }

    /// GCM with `NonceSize`-byte nonces and `TagSize`-byte tags (the
    /// defaults of `aes_gcm::AesGcm`: 12 and 16).
    pub type Gcm<C, NonceSize = U12, TagSize = U16> =
        FixedAead<crate::aead::Gcm<C>, NonceSize, TagSize>;
    /// CCM with `TagSize`-byte tags and `NonceSize`-byte nonces, in the
    /// order of `ccm::Ccm<C, M, N>`.
    pub type Ccm<C, TagSize, NonceSize> = FixedAead<crate::aead::Ccm<C>, NonceSize, TagSize>;
    /// EAX with block-sized (16-byte) nonces and `TagSize`-byte tags, as
    /// `eax::Eax<C, M>`.
    pub type Eax<C, TagSize = U16> = FixedAead<crate::aead::Eax<C>, U16, TagSize>;
    /// OCB3 with `NonceSize`-byte nonces and `TagSize`-byte tags (the
    /// defaults of `ocb3::Ocb3`: 12 and 16).
    pub type Ocb3<C, NonceSize = U12, TagSize = U16> =
        FixedAead<crate::aead::Ocb3<C>, NonceSize, TagSize>;
    /// AES-GCM-SIV: 12-byte nonces, 16-byte tags, as `aes_gcm_siv::AesGcmSiv`.
    pub type GcmSiv<C> = FixedAead<crate::aead::GcmSiv<C>, U12, U16>;
    /// SIV as a nonce-based AEAD (`aes_siv::SivAead`): key `K1 || K2`,
    /// `NonceSize`-byte nonces (16 by default), `V || C` out.
    pub type SivAead<C, NonceSize = U16> = FixedAead<crate::aead::Siv<C>, NonceSize, U16>;

    #[cfg(feature = "aes")]
    mod aliases {
        use super::*;
        use crate::backend::{Aes128, Aes256};
        use ::aead::consts::U13;

        /// AES-128-GCM, 12-byte nonce, 16-byte tag (`aes_gcm::Aes128Gcm`).
        pub type Aes128Gcm = Gcm<Aes128>;
        /// AES-256-GCM, 12-byte nonce, 16-byte tag (`aes_gcm::Aes256Gcm`).
        pub type Aes256Gcm = Gcm<Aes256>;
        /// AES-128-CCM, 16-byte tag, 13-byte nonce (the longest nonce,
        /// the longest tag). Other sizes: [`Ccm`].
        pub type Aes128Ccm = Ccm<Aes128, U16, U13>;
        /// AES-256-CCM, 16-byte tag, 13-byte nonce. Other sizes: [`Ccm`].
        pub type Aes256Ccm = Ccm<Aes256, U16, U13>;
        /// AES-128-EAX, 16-byte nonce and tag (`eax::Eax<Aes128>`).
        pub type Aes128Eax = Eax<Aes128>;
        /// AES-256-EAX, 16-byte nonce and tag (`eax::Eax<Aes256>`).
        pub type Aes256Eax = Eax<Aes256>;
        /// AES-128-OCB3, 12-byte nonce, 16-byte tag (`ocb3::Ocb3<Aes128>`).
        pub type Aes128Ocb3 = Ocb3<Aes128>;
        /// AES-256-OCB3, 12-byte nonce, 16-byte tag (`ocb3::Ocb3<Aes256>`).
        pub type Aes256Ocb3 = Ocb3<Aes256>;
        /// AES-128-GCM-SIV (`aes_gcm_siv::Aes128GcmSiv`).
        pub type Aes128GcmSiv = GcmSiv<Aes128>;
        /// AES-256-GCM-SIV (`aes_gcm_siv::Aes256GcmSiv`).
        pub type Aes256GcmSiv = GcmSiv<Aes256>;
        /// AES-SIV with a 32-byte key, 16-byte nonce (`aes_siv::Aes128SivAead`).
        pub type Aes128SivAead = SivAead<Aes128>;
        /// AES-SIV with a 64-byte key, 16-byte nonce (`aes_siv::Aes256SivAead`).
        pub type Aes256SivAead = SivAead<Aes256>;
    }
    #[cfg(feature = "aes")]
    pub use aliases::*;
}

#[cfg(feature = "mac")]
mod mac {
    use cipher::{BlockSizeUser, KeyInit, KeySizeUser};
    use digest::common::{Output, OutputSizeUser};
    use digest::{FixedOutput, FixedOutputReset, MacMarker, Reset, Update};

    use crate::kernels::Kernels;
    use crate::mac::cmac::CmacBlockSize;

    /// CMAC (NIST SP 800-38B) with a full-block tag behind the `digest`
    /// crate's `Mac` trait (through `KeyInit`, `Update`, `FixedOutput`,
    /// `Reset` and `MacMarker`), like `cmac::Cmac<C>`. For truncated tags
    /// use [`crate::mac::Cmac`] itself.
    ///
    /// ```
    /// use digest::{KeyInit, Mac};
    /// use blockmodes::{aead::interop::Cmac, aes::Aes128};
    ///
    /// let mut mac = <Cmac<Aes128> as KeyInit>::new(&[0x2b; 16].into());
    /// mac.update(b"attack at ");
    /// mac.update(b"dawn");
    /// let tag = mac.finalize().into_bytes();
    ///
    /// let mac = <Cmac<Aes128> as KeyInit>::new(&[0x2b; 16].into());
    /// assert!(mac.chain_update(b"attack at dusk").verify(&tag).is_err());
    /// ```
    #[derive(Clone, Debug)]
    pub struct Cmac<C: BlockSizeUser>(crate::mac::Cmac<C>);

    impl<C: Kernels + KeyInit> KeySizeUser for Cmac<C>
    where
        C::BlockSize: CmacBlockSize,
    {
        type KeySize = C::KeySize;
    }

    impl<C: Kernels + KeyInit> KeyInit for Cmac<C>
    where
        C::BlockSize: CmacBlockSize,
    {
        fn new(key: &cipher::Key<Self>) -> Self {
            Cmac(crate::mac::Cmac::new(C::new(key)))
        }
    }

    impl<C: Kernels> From<C> for Cmac<C>
    where
        C::BlockSize: CmacBlockSize,
    {
        /// CMAC with an already keyed cipher.
        fn from(cipher: C) -> Self {
            Cmac(crate::mac::Cmac::new(cipher))
        }
    }

    impl<C: Kernels> OutputSizeUser for Cmac<C>
    where
        C::BlockSize: CmacBlockSize,
    {
        type OutputSize = C::BlockSize;
    }

    impl<C: Kernels> Update for Cmac<C>
    where
        C::BlockSize: CmacBlockSize,
    {
        fn update(&mut self, data: &[u8]) {
            self.0.update(data);
        }
    }

    impl<C: Kernels> FixedOutput for Cmac<C>
    where
        C::BlockSize: CmacBlockSize,
    {
        fn finalize_into(mut self, out: &mut Output<Self>) {
            self.finalize_into_reset(out);
        }
    }

    impl<C: Kernels> Reset for Cmac<C>
    where
        C::BlockSize: CmacBlockSize,
    {
        fn reset(&mut self) {
            self.0.reset();
        }
    }

    impl<C: Kernels> FixedOutputReset for Cmac<C>
    where
        C::BlockSize: CmacBlockSize,
    {
        fn finalize_into_reset(&mut self, out: &mut Output<Self>) {
            // A full-block tag: `tag_len` is the block size, so the copy
            // fills `out` exactly.
            let tag = self.0.finalize();
            for (o, t) in out.iter_mut().zip(tag.iter()) {
                *o = *t;
            }
        }
    }

    impl<C: Kernels> MacMarker for Cmac<C> where C::BlockSize: CmacBlockSize {}
}
