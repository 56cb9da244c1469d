#![doc = include_str!("../README.md")]
#![no_std]
#![deny(unsafe_code)]
#![warn(missing_docs, rust_2018_idioms)]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod aead;
#[cfg(feature = "aes")]
pub mod backend;
pub mod block;
mod error;
pub mod kernels;
pub mod mac;
pub mod modes;
pub mod padding;
#[cfg(feature = "rayon")]
pub mod par;
pub mod uhash;
#[cfg(feature = "vectors")]
pub mod vectors;
#[path = "backend/wipe.rs"]
mod wipe;

pub use aead::{Aead, Ccm, Eax, Gcm, GcmSiv, Ocb3, Siv, Tag};
pub use cipher;
pub use error::{Error, Result};
pub use kernels::{Ctr32, Generic, Kernels, MacInput};
pub use mac::{Cmac, Gmac};
pub use padding::{Padding, RandomFill};

#[cfg(feature = "aes")]
pub use aes;
#[cfg(feature = "des")]
pub use des;

pub use modes::Xts;
pub use modes::{BlockDecryptMode, BlockEncryptMode, Cbc, Ecb, Ofb, Pcbc, StreamMode};
pub use modes::{CbcCs, Cfb, CounterLayout, CsVariant, Ctr, Endian};
