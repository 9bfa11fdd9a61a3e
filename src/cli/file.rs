//! Where a subcommand's output goes: standard output, or a file replaced
//! only when the run succeeds.

use std::io::{self, Write};

use super::failure::Failure;

/// `bytes` to `path` (atomically) or to standard output.
pub(super) fn write_output(path: Option<&std::path::Path>, bytes: &[u8]) -> Result<(), Failure> {
    match path {
        Some(path) => write_atomically(path, bytes).map_err(|e| {
            io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display()))
        })?,
        None => io::stdout().write_all(bytes)?,
    }
    Ok(())
}

/// Writes `bytes` to `path` so that a failed run never leaves a partial or
/// clobbered file: a new path or a regular file is replaced atomically by a
/// temporary file made beside it (created exclusively, with a random name,
/// given the old file's permissions); through a symlink the link's target
/// is replaced, never the link; a FIFO or a device is written directly; a
/// folder is refused.
fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> io::Result<()> {
    // The file a symlink (or a chain of them) points at.
    let target = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => std::fs::canonicalize(path).or_else(|_| {
            // A dangling link: create its target.
            let link = std::fs::read_link(path)?;
            Ok::<_, io::Error>(
                path.parent()
                    .unwrap_or(std::path::Path::new("."))
                    .join(link),
            )
        })?,
        _ => path.to_owned(),
    };
    let existing = std::fs::metadata(&target).ok();
    if let Some(meta) = &existing {
        if meta.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                "it is a folder",
            ));
        }
        if !meta.is_file() {
            // A FIFO or a device: written as it is, never replaced.
            let mut file = std::fs::OpenOptions::new().write(true).open(&target)?;
            return file.write_all(bytes);
        }
    }
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => std::path::Path::new("."),
    };
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("output");
    let mut temporary = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(folder)?;
    temporary.write_all(bytes)?;
    temporary.as_file().sync_all()?;
    if let Some(meta) = existing {
        temporary.as_file().set_permissions(meta.permissions())?;
    }
    temporary.persist(&target).map_err(|e| e.error)?;
    Ok(())
}
