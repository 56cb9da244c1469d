//! Input and output for `enc`/`dec`: the whole input is read first, and the
//! output is written only once the operation has succeeded — to stdout in
//! one go, or to a temporary file beside `--out` that is renamed over it, so
//! a failure never leaves a partial or empty output file behind.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::Failure;

/// Read all of `path`, or of stdin when `None`.
pub fn read_input(path: Option<&Path>) -> Result<Zeroizing<Vec<u8>>, Failure> {
    let mut data = Zeroizing::new(Vec::new());
    let result = match path {
        Some(p) => File::open(p).and_then(|mut f| f.read_to_end(&mut data)),
        None => io::stdin().lock().read_to_end(&mut data),
    };
    result.map_err(|e| {
        let what = path.map_or_else(|| "stdin".to_owned(), |p| p.display().to_string());
        Failure::Usage(format!("cannot read {what}: {e}"))
    })?;
    Ok(data)
}

/// Write `data` to `path` (through a temporary file and a rename), or to
/// stdout when `None`.
pub fn write_output(path: Option<&Path>, data: &[u8]) -> Result<(), Failure> {
    match path {
        None => {
            let mut out = io::stdout().lock();
            out.write_all(data)
                .and_then(|()| out.flush())
                .map_err(|e| Failure::Usage(format!("cannot write stdout: {e}")))
        }
        Some(p) => write_file_atomically(p, data)
            .map_err(|e| Failure::Usage(format!("cannot write {}: {e}", p.display()))),
    }
}

fn write_file_atomically(path: &Path, data: &[u8]) -> io::Result<()> {
    let (tmp, mut file) = create_temp_beside(path)?;
    let written = file
        .write_all(data)
        .and_then(|()| file.sync_all())
        .and_then(|()| {
            drop(file);
            fs::rename(&tmp, path)
        });
    if written.is_err() {
        // Best effort: the temporary file is ours and worthless now.
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// A new file next to `path`, named after it, that did not exist before.
fn create_temp_beside(path: &Path) -> io::Result<(PathBuf, File)> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    let pid = std::process::id();
    let mut last_err = None;
    for attempt in 0..100u32 {
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(name);
        tmp_name.push(format!(".blockmodes-{pid}-{attempt}.tmp"));
        let tmp = dir.join(tmp_name);
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last_err = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last_err.unwrap_or_else(|| io::Error::other("no temporary file name left")))
}
