//! `vectors`: run NIST CAVP / RFC vector files through the library's runner
//! ([`blockmodes::vectors`]) and print one table row per file, then the line
//! `N passed, M failed`. A file the runner cannot recognise or parse is a
//! row of its own that counts as one failed case, never skipped silently.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use blockmodes::vectors::{FileReport, VectorError, bundled_dir, collect_files, run_file};

/// At most this many failure details are printed under a file's row.
const MAX_DETAILS: usize = 10;

/// One row of the table.
struct Row {
    name: String,
    mode: String,
    kind: String,
    cases: usize,
    passed: usize,
    failed: usize,
    /// Failure details, or the reason the file could not be run.
    notes: Vec<String>,
}

impl Row {
    fn from_report(name: String, r: FileReport) -> Row {
        Row {
            name,
            mode: r.mode,
            kind: r.kind,
            cases: r.cases,
            passed: r.passed,
            failed: r.failed,
            notes: r.failures,
        }
    }

    /// A file or folder that could not be run at all: one failed case.
    fn broken(name: String, kind: &str, reason: String) -> Row {
        Row {
            name,
            mode: "?".into(),
            kind: kind.into(),
            cases: 0,
            passed: 0,
            failed: 1,
            notes: vec![reason],
        }
    }
}

/// Run the vector files under `paths` (the bundled folder when empty).
pub fn run(paths: &[PathBuf]) -> ExitCode {
    let roots = if paths.is_empty() {
        vec![bundled_dir()]
    } else {
        paths.to_vec()
    };
    let mut rows = Vec::new();
    for root in &roots {
        match collect_files(root) {
            Ok(files) if files.is_empty() => rows.push(Row::broken(
                root.display().to_string(),
                "empty",
                "no vector files found".into(),
            )),
            Ok(files) => {
                for file in files {
                    let name = display_name(root, &file);
                    rows.push(match run_file(&file) {
                        Ok(report) => Row::from_report(name, report),
                        Err(e) => {
                            let kind = match e {
                                VectorError::Io(..) => "unreadable",
                                VectorError::Unrecognised(_) => "unrecognised",
                                VectorError::Parse { .. } => "malformed",
                            };
                            Row::broken(name, kind, e.to_string())
                        }
                    });
                }
            }
            Err(e) => rows.push(Row::broken(
                root.display().to_string(),
                "unreadable",
                e.to_string(),
            )),
        }
    }

    print_table(&rows);
    let passed: usize = rows.iter().map(|r| r.passed).sum();
    let failed: usize = rows.iter().map(|r| r.failed).sum();
    println!("{passed} passed, {failed} failed");
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// `file` relative to the folder it was found under, or as given.
fn display_name(root: &Path, file: &Path) -> String {
    let rel = file
        .strip_prefix(root)
        .ok()
        .filter(|p| !p.as_os_str().is_empty());
    rel.unwrap_or(file).display().to_string()
}

fn print_table(rows: &[Row]) {
    let header = ["file", "mode", "kind", "cases", "passed", "failed"];
    let cells: Vec<[String; 6]> = rows
        .iter()
        .map(|r| {
            [
                r.name.clone(),
                r.mode.clone(),
                r.kind.clone(),
                r.cases.to_string(),
                r.passed.to_string(),
                r.failed.to_string(),
            ]
        })
        .collect();
    let mut width = header.map(str::len);
    for row in &cells {
        for (w, cell) in width.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cols: [&str; 6]| {
        let [w0, w1, w2, w3, w4, w5] = width;
        let [c0, c1, c2, c3, c4, c5] = cols;
        format!("{c0:<w0$}  {c1:<w1$}  {c2:<w2$}  {c3:>w3$}  {c4:>w4$}  {c5:>w5$}")
            .trim_end()
            .to_owned()
    };
    println!("{}", line(header));
    for (row, cell) in rows.iter().zip(&cells) {
        println!("{}", line(cell.each_ref().map(String::as_str)));
        for note in row.notes.iter().take(MAX_DETAILS) {
            println!("    {note}");
        }
        if row.notes.len() > MAX_DETAILS {
            println!("    ... and {} more", row.notes.len() - MAX_DETAILS);
        }
    }
}
