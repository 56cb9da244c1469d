//! Message authentication codes built from block ciphers: CMAC (NIST
//! SP 800-38B).

pub mod cmac;

pub use cmac::Cmac;
