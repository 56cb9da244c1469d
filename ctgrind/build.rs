//! Compile the memcheck client-request shim (needs valgrind's headers,
//! which Debian's `valgrind` package installs in /usr/include/valgrind).
fn main() {
    println!("cargo:rerun-if-changed=src/memcheck.c");
    cc::Build::new()
        .file("src/memcheck.c")
        .compile("ctgrind_memcheck");
}
