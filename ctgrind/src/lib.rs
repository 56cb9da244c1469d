//! Safe wrappers around valgrind memcheck's client requests, for the
//! "ctgrind" constant-time check: mark secret bytes *undefined*, run the
//! code under memcheck, and every branch or memory index that depends on
//! them is reported as "Conditional jump or move depends on uninitialised
//! value(s)" / "Use of uninitialised value". Results that are public by
//! design (a padding verdict) are marked *defined* again before use.
//!
//! All the `unsafe` of the check lives here, not in the library.

unsafe extern "C" {
    fn ctgrind_make_undefined(p: *const u8, n: usize);
    fn ctgrind_make_defined(p: *const u8, n: usize);
    fn ctgrind_running_on_valgrind() -> u32;
    fn ctgrind_error_count() -> u32;
}

/// Mark every byte of `v` secret (undefined to memcheck).
pub fn secret<T: ?Sized>(v: &mut T) {
    // SAFETY: the pointer and size describe `v`'s own memory; the request
    // only changes memcheck's shadow state, not the bytes.
    unsafe { ctgrind_make_undefined((v as *const T).cast(), core::mem::size_of_val(v)) }
}

/// Mark every byte of `v` public again (defined to memcheck).
pub fn public<T: ?Sized>(v: &mut T) {
    // SAFETY: as in `secret`.
    unsafe { ctgrind_make_defined((v as *const T).cast(), core::mem::size_of_val(v)) }
}

/// Whether the process runs under valgrind.
pub fn on_valgrind() -> bool {
    // SAFETY: a client request with no arguments.
    unsafe { ctgrind_running_on_valgrind() != 0 }
}

/// How many errors valgrind has reported so far (0 outside valgrind).
pub fn errors() -> u32 {
    // SAFETY: a client request with no arguments.
    unsafe { ctgrind_error_count() }
}
