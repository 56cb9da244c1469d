//! Message authentication codes built from block ciphers: GMAC (NIST
//! SP 800-38D §3, GCM with no plaintext).

mod gmac;

pub use gmac::Gmac;
