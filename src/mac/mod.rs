//! Message authentication codes built from block ciphers: CMAC (NIST
//! SP 800-38B) and GMAC (NIST SP 800-38D §3, GCM with no plaintext).

pub mod cmac;
mod gmac;

pub use cmac::Cmac;
pub use gmac::Gmac;
