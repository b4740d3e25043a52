//! The workspace directory: `profile.toml`, `log.csv`, `calendar.json`. Private (0700 / 0600),
//! written atomically (a `tempfile` temporary file, fsync, persist, fsync of the directory)
//! under a lock (std's `File::try_lock`).
//!
//! The one place that opens a file graded reads ([`open_regular`]) and that writes a whole file
//! ([`write_atomic`], [`Lock::write`]).

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::error::LoadError;

/// The profile file name.
pub const PROFILE: &str = "profile.toml";
/// The log file name.
pub const LOG: &str = "log.csv";
/// The lock file name (it holds the pid of the graded that has the lock).
pub const LOCK: &str = ".lock";
/// The width the lock file's pid is padded to (Linux pids reach 4,194,304; any u32 fits).
const PID_WIDTH: usize = 10;
/// How long a graded waits for another to release the workspace lock, by default.
pub const LOCK_WAIT: Duration = Duration::from_secs(10);

/// What a file that is not a regular file is, for messages.
pub fn kind_of(ft: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if ft.is_char_device() {
            return "a character device";
        }
        if ft.is_block_device() {
            return "a block device";
        }
        if ft.is_socket() {
            return "a socket";
        }
    }
    if ft.is_dir() {
        "a directory"
    } else if ft.is_symlink() {
        "a symbolic link"
    } else if ft.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

fn refuse_non_regular(path: &Path, meta: &fs::Metadata) -> Result<(), LoadError> {
    if meta.file_type().is_file() {
        Ok(())
    } else {
        Err(LoadError::NotRegular {
            path: path.to_path_buf(),
            what: kind_of(&meta.file_type()),
        })
    }
}

/// Opens a file graded reads (a profile, a log, a program): `Ok(None)` when it does not exist.
/// A FIFO, a device or a directory is refused before it is opened (opening a FIFO waits for a
/// writer forever); the open itself does not block and the open file is checked again, so a
/// file swapped for a FIFO in between cannot hang graded either.
pub fn open_regular(path: &Path) -> Result<Option<File>, LoadError> {
    let io = |e| LoadError::io(path, e);
    match fs::metadata(path) {
        Ok(meta) => refuse_non_regular(path, &meta)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io(e)),
    }
    let mut opts = OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    let file = match opts.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io(e)),
    };
    refuse_non_regular(path, &file.metadata().map_err(io)?)?;
    Ok(Some(file))
}

/// Reads a file to a string; `Ok(None)` when it does not exist.
pub fn read_optional(path: &Path) -> Result<Option<String>, LoadError> {
    let Some(mut file) = open_regular(path)? else {
        return Ok(None);
    };
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .map_err(|e| LoadError::io(path, e))?;
    String::from_utf8(bytes).map(Some).map_err(|e| {
        // Point at the first byte that is not UTF-8 (a file saved as Latin-1, say).
        let at = e.utf8_error().valid_up_to();
        let good = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
        LoadError::Data(
            super::DataError::new(path.display().to_string(), "", "not UTF-8 text")
                .at(&good, at)
                .hint("save the file as UTF-8 (most editors offer it under \"Save as\" or \"Encoding\")"),
        )
    })
}

/// Reads a file that must exist (a program named by path).
pub fn read_required(path: &Path) -> Result<String, LoadError> {
    read_optional(path)?
        .ok_or_else(|| LoadError::io(path, std::io::Error::from(std::io::ErrorKind::NotFound)))
}

/// Creates `dir` (and missing parents) 0700 when it does not exist. An existing directory, or a
/// symbolic link to one, is used as it is.
pub fn create_private_dir(dir: &Path) -> Result<(), LoadError> {
    let io = |e| LoadError::io(dir, e);
    match fs::metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(m) => Err(LoadError::NotADirectory {
            path: dir.to_path_buf(),
            what: kind_of(&m.file_type()),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut b = fs::DirBuilder::new();
            b.recursive(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::DirBuilderExt;
                b.mode(0o700);
            }
            b.create(dir).map_err(io)?;
            set_mode(dir, 0o700).map_err(io)
        }
        Err(e) => Err(io(e)),
    }
}

/// Creates the workspace directory (0700) if needed; an existing workspace directory is made
/// 0700 too (it holds health data). A `--dir` that is a symbolic link is followed, but the mode
/// of what it points at is left alone: graded never changes a file it was only pointed through.
pub fn ensure_dir(dir: &Path) -> Result<(), LoadError> {
    let is_link = fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink());
    create_private_dir(dir)?;
    if is_link {
        return Ok(());
    }
    set_mode(dir, 0o700).map_err(|e| LoadError::io(dir, e))
}

/// Makes the workspace directory 0700 when it is a directory of this user's with more open
/// bits; a symbolic link (and what it points at) is left alone, like a directory of another
/// user's.
fn make_private(dir: &Path) -> Result<(), LoadError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(m) = fs::symlink_metadata(dir)
            && m.is_dir()
            && owned_by_me(&m)
            && m.permissions().mode() & 0o077 != 0
        {
            set_mode(dir, 0o700).map_err(|e| LoadError::io(dir, e))?;
        }
    }
    Ok(())
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

/// Where a whole-file write to `path` lands: `path` itself when it is a regular file or does not
/// exist yet; the file a symbolic link points at when that is a regular file (the link stays a
/// link). Anything else (a directory, a device, a FIFO, a dangling link) is refused: a write never
/// replaces a node graded did not create.
pub fn regular_target(path: &Path) -> Result<PathBuf, LoadError> {
    let io = |e| LoadError::io(path, e);
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(path.to_path_buf()),
        Err(e) => Err(io(e)),
        Ok(m) if m.file_type().is_file() => Ok(path.to_path_buf()),
        Ok(m) if m.file_type().is_symlink() => match fs::metadata(path) {
            Ok(t) if t.is_file() => fs::canonicalize(path).map_err(io),
            Ok(t) => Err(LoadError::NotRegular {
                path: path.to_path_buf(),
                what: kind_of(&t.file_type()),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(LoadError::NotRegular {
                path: path.to_path_buf(),
                what: "a symbolic link to nothing",
            }),
            Err(e) => Err(io(e)),
        },
        Ok(m) => Err(LoadError::NotRegular {
            path: path.to_path_buf(),
            what: kind_of(&m.file_type()),
        }),
    }
}

/// Writes `bytes` to `path` atomically: a temporary file beside it (0600), fsync, rename, fsync
/// of the directory. A reader sees the old file or the new one, never a mix. graded's own
/// temporary files left by a write that was killed are removed first (see [`remove_stale_temps`]).
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
    write_file(path, bytes, private, false, before_rename)
}

/// The start of the temporary file names of a write to `name` by process `pid`: tempfile adds
/// six random letters or digits, e.g. `.log.csv.tmp-4242.a8Xk2Q`.
fn temp_prefix(name: &str, pid: u32) -> String {
    format!(".{name}.tmp-{pid}.")
}

fn write_file(
    path: &Path,
    bytes: &[u8],
    private: bool,
    locked: bool,
    before_rename: impl FnOnce(&Path) -> std::io::Result<()>,
) -> Result<(), LoadError> {
    let target = regular_target(path)?;
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    remove_stale_temps(dir, &name, locked);
    let result = (|| {
        // tempfile names the file, removes it on any error below, and renames it over the
        // target (persist). graded opens it itself (a new file or nothing, never through a
        // link) because tempfile's own open appends the temporary path to the OS error.
        let mut tmp = tempfile::Builder::new()
            .prefix(&temp_prefix(&name, std::process::id()))
            .make_in(dir, |p| new_file(p, private))?;
        tmp.as_file_mut().write_all(bytes)?;
        if private {
            // Exactly 0600 whatever the umask.
            set_file_mode(tmp.as_file(), 0o600)?;
        }
        tmp.as_file().sync_all()?;
        before_rename(tmp.path())?;
        tmp.persist(&target).map_err(|e| e.error)?;
        // tempfile does not fsync the directory: without it the rename may not survive a crash.
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    result.map_err(|e: std::io::Error| LoadError::io(path, e))
}

/// Creates the temporary file: a new file or nothing, 0600 (0644 when not `private`).
fn new_file(path: &Path, private: bool) -> std::io::Result<File> {
    let mut opts = OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(if private { 0o600 } else { 0o644 });
    }
    #[cfg(not(unix))]
    let _ = private;
    opts.open(path)
}

#[cfg(unix)]
fn set_file_mode(file: &File, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_file_mode(_file: &File, _mode: u32) -> std::io::Result<()> {
    Ok(())
}

/// The pid in a temporary file name of graded's for `name`: `.NAME.tmp-PID.RANDOM` (tempfile's
/// six letters or digits), or `.NAME.tmp-PID` as graded named them before it used tempfile.
fn temp_pid(file_name: &str, name: &str) -> Option<u32> {
    let rest = file_name.strip_prefix(&format!(".{name}.tmp-"))?;
    let (pid, random) = rest.split_once('.').unwrap_or((rest, "A"));
    let digits = |s: &str, ok: fn(&u8) -> bool| !s.is_empty() && s.bytes().all(|b| ok(&b));
    if !digits(pid, u8::is_ascii_digit) || !digits(random, u8::is_ascii_alphanumeric) {
        return None;
    }
    pid.parse().ok()
}

/// Removes graded's own temporary files for `name` in `dir` that no write is using any more:
/// regular files named as [`temp_pid`] reads them, owned by this user, whose process is gone.
/// With `locked` (the caller holds the workspace lock, and every writer of a workspace file does
/// while its temporary file exists) any such file but this process's own is stale. Nothing else
/// is touched. Hand-written: tempfile removes its file on an error, not after a kill -9.
fn remove_stale_temps(dir: &Path, name: &str, locked: bool) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let me = std::process::id();
    for entry in entries.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| temp_pid(n, name)) else {
            continue;
        };
        let path = entry.path();
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue;
        };
        if !meta.file_type().is_file() || !owned_by_me(&meta) {
            continue;
        }
        // This process writes one file at a time: a temporary file under its own pid is stale.
        if pid == me || locked || !process_alive(pid) {
            let _ = fs::remove_file(&path);
        }
    }
}

#[cfg(unix)]
fn owned_by_me(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: geteuid has no preconditions and cannot fail.
    meta.uid() == unsafe { libc::geteuid() }
}

#[cfg(not(unix))]
fn owned_by_me(_meta: &fs::Metadata) -> bool {
    true
}

/// Whether a process with this id exists (signal 0 checks without sending anything).
#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // SAFETY: kill with signal 0 sends nothing; it only reports whether `pid` exists.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn process_alive(_pid: u32) -> bool {
    true
}

/// An exclusive lock on the workspace, held until dropped: two `graded log` at once never lose
/// a row. Workspace files are written through it ([`Lock::write`]).
pub struct Lock {
    _file: File,
    dir: PathBuf,
}

impl Lock {
    /// Writes a workspace file (private, atomically). Holding the lock, any temporary file of
    /// another graded for the same file is stale and is removed.
    pub fn write(&self, path: &Path, bytes: &[u8]) -> Result<(), LoadError> {
        debug_assert!(
            path.parent().is_none_or(|p| p == self.dir),
            "{} is not in the locked workspace {}",
            path.display(),
            self.dir.display()
        );
        write_file(path, bytes, true, true, |_| Ok(()))
    }
}

/// Takes the workspace lock, waiting up to `wait` for another graded to finish; then names this
/// process in the lock file so that a graded waiting in turn can say who holds it.
///
/// The lock is std's `File::try_lock` (stable since Rust 1.89; flock on Unix, the call fs4 and
/// fd-lock wrap): the kept implementation, with no dependency. Only the wait loop is graded's.
pub fn lock(dir: &Path, wait: Duration) -> Result<Lock, LoadError> {
    // Every write takes the lock: a workspace left open to others (0755, say) is made private
    // again before anything is written into it (as `ensure_dir` does at init).
    make_private(dir)?;
    let path: PathBuf = dir.join(LOCK);
    let io = |e| LoadError::io(&path, e);
    let mut opts = OpenOptions::new();
    opts.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600)
            .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW);
    }
    let mut f = opts.open(&path).map_err(io)?;
    refuse_non_regular(&path, &f.metadata().map_err(io)?)?;
    let started = Instant::now();
    loop {
        match f.try_lock() {
            Ok(()) => break,
            Err(std::fs::TryLockError::WouldBlock) => {
                if started.elapsed() >= wait {
                    return Err(LoadError::Locked {
                        holder: holder(&path),
                        waited_s: started.elapsed().as_secs(),
                        path,
                    });
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io(e)),
        }
    }
    // The pid over the last holder's, padded to one width so that the file need not be cut
    // first (cutting a file frees its block: a journal commit, 0.2-0.6 ms of every write on
    // ext4). A longer file (one written by hand) is cut to the record.
    let record = format!("{:<PID_WIDTH$}\n", std::process::id());
    f.write_all(record.as_bytes()).map_err(io)?;
    if f.metadata().map_err(io)?.len() > record.len() as u64 {
        f.set_len(record.len() as u64).map_err(io)?;
    }
    Ok(Lock {
        _file: f,
        dir: dir.to_path_buf(),
    })
}

/// Who holds the lock, as written in the lock file.
fn holder(path: &Path) -> String {
    read_optional(path)
        .ok()
        .flatten()
        .and_then(|t| t.trim().parse::<u32>().ok())
        .map_or_else(
            || "another graded process".to_string(),
            |pid| format!("process {pid}"),
        )
}
