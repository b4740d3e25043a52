//! The workspace directory: `profile.toml`, `log.csv`, `calendar.json`. Private (0700 / 0600),
//! written atomically (temporary file, fsync, rename, fsync of the directory), the log under a lock.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::error::LoadError;

/// The profile file name.
pub const PROFILE: &str = "profile.toml";
/// The log file name.
pub const LOG: &str = "log.csv";
/// The lock file name.
pub const LOCK: &str = ".lock";

/// Creates the workspace directory (0700) if needed.
pub fn ensure_dir(dir: &Path) -> Result<(), LoadError> {
    fs::create_dir_all(dir).map_err(|e| LoadError::io(dir, e))?;
    set_mode(dir, 0o700).map_err(|e| LoadError::io(dir, e))
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> std::io::Result<()> {
    Ok(())
}

/// Writes `bytes` to `path` atomically: a temporary file beside it (0600), fsync, rename, fsync
/// of the directory. A reader sees the old file or the new one, never a mix.
pub fn write_atomic(path: &Path, bytes: &[u8], private: bool) -> Result<(), LoadError> {
    write_atomic_with(path, bytes, private, |_| Ok(()))
}

/// [`write_atomic`] with a hook run on the finished temporary file just before the rename; an
/// error from the hook (a simulated crash) abandons the write and leaves `path` as it was.
pub fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    private: bool,
    before_rename: impl FnOnce(&Path) -> std::io::Result<()>,
) -> Result<(), LoadError> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let io = |e| LoadError::io(path, e);
    let result = (|| {
        let mut opts = OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(if private { 0o600 } else { 0o644 });
        }
        let mut f = opts.open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        if private {
            set_mode(&tmp, 0o600)?;
        }
        before_rename(&tmp)?;
        fs::rename(&tmp, path)?;
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(io)
}

/// Reads a file to a string; `Ok(None)` when it does not exist.
pub fn read_optional(path: &Path) -> Result<Option<String>, LoadError> {
    match fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes).map(Some).map_err(|e| {
            // Point at the first byte that is not UTF-8 (a file saved as Latin-1, say).
            let at = e.utf8_error().valid_up_to();
            let good = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
            LoadError::Data(
                super::DataError::new(path.display().to_string(), "", "not UTF-8 text")
                    .at(&good, at)
                    .hint("save the file as UTF-8 (most editors offer it under \"Save as\" or \"Encoding\")"),
            )
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(LoadError::io(path, e)),
    }
}

/// An exclusive lock on the workspace, held until dropped: two `graded log` at once never lose a row.
pub struct Lock(#[allow(dead_code)] File);

/// Takes the workspace lock, waiting for another graded to finish.
pub fn lock(dir: &Path) -> Result<Lock, LoadError> {
    let path: PathBuf = dir.join(LOCK);
    let mut opts = OpenOptions::new();
    opts.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let f = opts.open(&path).map_err(|e| LoadError::io(&path, e))?;
    f.lock().map_err(|e| LoadError::io(&path, e))?;
    Ok(Lock(f))
}
