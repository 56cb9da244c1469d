//! `blockmodes speed`, driven as a user would: `--json` prints one valid
//! JSON object per measurement with the fields the command-line contract
//! names (mode, op, key_bits, size, threads, bytes_per_sec, backend), one
//! for each requested mode × op × size, each with a positive rate; the
//! table has a header and a row per measurement; bad options exit 2 with
//! one line on stderr and nothing on stdout.

use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_blockmodes");

fn speed(args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("speed")
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Run `speed --json` and parse every line of its output.
fn json(args: &[&str]) -> Vec<Value> {
    let out = speed(&[&["--json", "--seconds", "0.05"], args].concat());
    assert!(
        out.status.success(),
        "speed {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}

fn check_fields(v: &Value) {
    for key in ["mode", "op", "backend"] {
        assert!(
            v[key].as_str().is_some_and(|s| !s.is_empty()),
            "{key} in {v}"
        );
    }
    for key in ["key_bits", "size", "threads"] {
        assert!(v[key].as_u64().is_some_and(|n| n > 0), "{key} in {v}");
    }
    let rate = v["bytes_per_sec"]
        .as_f64()
        .expect("bytes_per_sec is a number");
    assert!(rate > 0.0 && rate.is_finite(), "bytes_per_sec in {v}");
    assert!(v["backend"].as_str().unwrap().starts_with("aes: "), "{v}");
    // One thread divides by CPU time where Linux reports it, a pool by
    // wall-clock time.
    let clock = v["clock"].as_str().expect("clock is a string");
    let one_thread = v["threads"].as_u64() == Some(1);
    let cpu_reported = std::path::Path::new("/proc/thread-self/schedstat").exists();
    let want = if one_thread && cpu_reported {
        "cpu"
    } else {
        "wall"
    };
    assert_eq!(clock, want, "clock in {v}");
}

#[test]
fn json_line_per_mode_op_and_size() {
    let modes = ["ecb", "cbc", "cfb8", "ctr", "cbc-cs3", "xts"];
    let mut args = vec!["--size", "64", "--size", "1K"];
    for m in modes {
        args.extend(["--mode", m]);
    }
    let lines = json(&args);
    assert_eq!(lines.len(), modes.len() * 2 * 2);
    for v in &lines {
        check_fields(v);
        assert_eq!(v["key_bits"], 128);
        assert_eq!(v["threads"], 1);
    }
    for m in modes {
        for op in ["enc", "dec"] {
            for size in [64, 1024] {
                assert!(
                    lines
                        .iter()
                        .any(|v| v["mode"] == m && v["op"] == op && v["size"] == size),
                    "no line for {m} {op} {size}"
                );
            }
        }
    }
}

#[test]
fn every_default_mode_once_per_op() {
    let lines = json(&["--size", "256", "--op", "dec"]);
    let modes: Vec<&str> = lines.iter().map(|v| v["mode"].as_str().unwrap()).collect();
    assert_eq!(
        modes,
        [
            "ecb", "cbc", "pcbc", "cfb1", "cfb8", "cfb128", "ofb", "ctr", "cbc-cs3", "xts", "gcm",
            "ccm", "eax", "siv", "ocb3", "gcm-siv", "cmac", "gmac"
        ]
    );
    for v in &lines {
        check_fields(v);
        assert_eq!(v["op"], "dec");
    }
}

#[test]
fn every_aead_and_mac_seals_and_opens() {
    // dec opens a valid message each time: a failed open would stop
    // speed with exit 2, so a line for it means every open verified.
    let names = [
        "gcm", "ccm", "eax", "siv", "ocb3", "gcm-siv", "cmac", "gmac",
    ];
    for bits in ["128", "192", "256"] {
        let mut args = vec!["--size", "17", "--size", "4K", "--key-bits", bits];
        for m in names {
            args.extend(["--mode", m]);
        }
        let lines = json(&args);
        assert_eq!(lines.len(), names.len() * 2 * 2, "{bits}");
        for v in &lines {
            check_fields(v);
            assert_eq!(v["key_bits"].to_string(), bits);
            assert_eq!(v["pieces"], 1, "{v}");
        }
    }
}

#[test]
fn key_bits_and_threads() {
    let lines = json(&[
        "--mode",
        "ctr",
        "--mode",
        "xts",
        "--op",
        "enc",
        "--key-bits",
        "256",
        "--size",
        "256K",
        "--threads",
        "2",
    ]);
    assert_eq!(lines.len(), 2);
    for v in &lines {
        check_fields(v);
        assert_eq!(v["key_bits"], 256);
        assert_eq!(v["threads"], 2);
        // 256 KiB is two pieces of at least 64 KiB for two threads.
        assert_eq!(v["pieces"], 2, "{v}");
    }
    // 192-bit keys: every mode but xts.
    let lines = json(&["--mode", "ofb", "--key-bits", "192", "--size", "16"]);
    assert_eq!(lines.len(), 2);
    lines.iter().for_each(check_fields);
}

#[test]
fn table_has_a_header_and_a_row_per_measurement() {
    let out = speed(&["--mode", "ctr", "--size", "16", "--seconds", "0.02"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("mode") && lines[0].contains("bytes/s"));
    for row in &lines[1..] {
        assert!(row.starts_with("ctr"), "{row}");
        assert!(row.contains("B/s") && row.contains("aes: "), "{row}");
    }
}

#[test]
fn bad_options_exit_2_with_one_line() {
    for args in [
        &["--mode", "nope"][..],
        &["--mode", "cfb200"],
        &["--op", "both"],
        &["--key-bits", "512"],
        &["--key-bits", "192", "--mode", "xts"],
        &["--size", "0"],
        &["--size", "12Q"],
        &["--size", "15", "--mode", "ecb"],
        &["--size", "8", "--mode", "xts"],
        &["--size", "16M", "--mode", "ccm", "--op", "dec"],
        &["--mode", "hmac"],
        &["--seconds", "0"],
        &["--seconds", "-1"],
        &["--seconds", "soon"],
        &["--threads", "-1"],
        &["--threads", "100000"],
        &["--bogus"],
    ] {
        let out = if args.contains(&"--seconds") {
            speed(args)
        } else {
            speed(&[&["--seconds", "0.01"][..], args].concat())
        };
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?} wrote to stdout");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
    }
}
