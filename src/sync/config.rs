//! `sync.toml`: where the calendar is and how to get the password, never the password itself.
//! Written 0600 (it names an account), read strictly: an unknown key is an error, and a
//! `password` key gets its own message.

use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::dav::{has_userinfo, redact};
use crate::load::workspace::{read_optional, write_atomic};
use crate::text::visible;

/// The file's name in the workspace.
pub const SYNC_TOML: &str = "sync.toml";
/// The environment variable read when there is no `password_cmd`.
pub const PASSWORD_ENV: &str = "GRADED_CALDAV_PASSWORD";
/// The environment variable giving the password command's time limit, in seconds.
pub const PASSWORD_CMD_TIMEOUT_ENV: &str = "GRADED_PASSWORD_CMD_TIMEOUT";
/// The password command's time limit unless [`PASSWORD_CMD_TIMEOUT_ENV`] says otherwise.
pub const PASSWORD_CMD_TIMEOUT: Duration = Duration::from_secs(60);

/// The password command's time limit: [`PASSWORD_CMD_TIMEOUT_ENV`] (seconds, fractions
/// allowed) when it reads as a positive number, else [`PASSWORD_CMD_TIMEOUT`].
pub fn password_cmd_timeout() -> Duration {
    std::env::var(PASSWORD_CMD_TIMEOUT_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s > 0.0 && *s <= 86_400.0)
        .map_or(PASSWORD_CMD_TIMEOUT, Duration::from_secs_f64)
}

/// What `graded sync` needs to reach the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SyncConfig {
    /// The server the person gave at setup (`scheme://host:port`): the password goes only
    /// there, or over HTTPS to a sibling host of its site (`sync::dav::may_follow`). A file
    /// without it (written before it was kept) takes the calendar URL's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// The calendar collection's URL.
    pub url: String,
    /// The account's user name.
    pub username: String,
    /// A command printing the password (its first line), run on every sync.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_cmd: Option<String>,
}

/// Why `sync.toml` or the password could not be had.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// Not valid TOML, or not these fields.
    #[error("{path}: {detail}")]
    Invalid { path: String, detail: String },
    /// A password written in the file.
    #[error(
        "{path}: holds a password; graded never reads one from a file: remove it and set \
         password_cmd (e.g. \"pass show caldav\") or {PASSWORD_ENV}"
    )]
    PasswordInFile { path: String },
    /// Neither way to get the password.
    #[error("no password: set password_cmd in sync.toml (graded sync --setup) or {PASSWORD_ENV}")]
    NoPassword,
    /// The password command failed, timed out or printed nothing. Its text is never shown: a
    /// password typed where the command was asked would be printed back.
    #[error("the password command {whose} {detail}")]
    PasswordCmd { whose: String, detail: String },
    /// Reading or writing the file.
    #[error(transparent)]
    Io(#[from] crate::load::LoadError),
}

impl SyncConfig {
    /// Parses `sync.toml`'s text (`path` for messages). The URLs are checked as at setup: no
    /// user name or password in them, no control characters, and the calendar on the origin.
    pub fn parse(text: &str, path: &str) -> Result<SyncConfig, ConfigError> {
        let table: toml::Table = toml::from_str(text).map_err(|e| ConfigError::Invalid {
            path: path.to_string(),
            detail: e.message().to_string(),
        })?;
        if table.contains_key("password") {
            return Err(ConfigError::PasswordInFile {
                path: path.to_string(),
            });
        }
        let config = SyncConfig::deserialize(table).map_err(|e| ConfigError::Invalid {
            path: path.to_string(),
            detail: e.message().to_string(),
        })?;
        let invalid = |detail: String| ConfigError::Invalid {
            path: path.to_string(),
            detail,
        };
        for (key, url) in [
            ("url", Some(&config.url)),
            ("origin", config.origin.as_ref()),
        ] {
            let Some(url) = url else { continue };
            if has_userinfo(url) {
                return Err(invalid(format!(
                    "{key} `{}` has a user name or password in it: remove them (the user name \
                     goes in username, the password comes from password_cmd)",
                    visible(&redact(url))
                )));
            }
            if url.chars().any(char::is_control) {
                return Err(invalid(format!(
                    "{key} `{}` holds control characters",
                    visible(url)
                )));
            }
        }
        Ok(config)
    }

    /// The origin the password is for: `origin`, else the calendar URL's.
    pub fn origin(&self) -> &str {
        self.origin.as_deref().unwrap_or(&self.url)
    }

    /// Reads `dir/sync.toml`, `None` when there is none.
    pub fn read(dir: &Path) -> Result<Option<SyncConfig>, ConfigError> {
        let path = dir.join(SYNC_TOML);
        match read_optional(&path)? {
            None => Ok(None),
            Some(t) => SyncConfig::parse(&t, &path.display().to_string()).map(Some),
        }
    }

    /// Writes `dir/sync.toml` atomically, mode 0600.
    pub fn write(&self, dir: &Path) -> Result<(), ConfigError> {
        let text = toml::to_string(self).expect("three strings serialize");
        write_atomic(&dir.join(SYNC_TOML), text.as_bytes(), true)?;
        Ok(())
    }

    /// The password: `password_cmd`'s first line of output (the command run with a time limit,
    /// [`password_cmd_timeout`]), else `env` (the value of [`PASSWORD_ENV`]), else an error
    /// naming both. Its failures call it "the password command in sync.toml".
    pub fn password(&self, env: Option<String>) -> Result<String, ConfigError> {
        self.password_from(env, "in sync.toml", password_cmd_timeout())
    }

    /// [`SyncConfig::password`], its failures calling the command `whose` ("you gave"), with the
    /// time limit `limit`.
    pub fn password_from(
        &self,
        env: Option<String>,
        whose: &str,
        limit: Duration,
    ) -> Result<String, ConfigError> {
        let Some(cmd) = &self.password_cmd else {
            return env.filter(|p| !p.is_empty()).ok_or(ConfigError::NoPassword);
        };
        let fail = |detail: String| ConfigError::PasswordCmd {
            whose: whose.to_string(),
            detail,
        };
        let out = run_limited(cmd, limit).map_err(fail)?;
        let text = String::from_utf8(out).map_err(|_| fail("printed non-UTF-8".into()))?;
        let line = text.lines().next().unwrap_or("").trim_end_matches('\r');
        if line.is_empty() {
            return Err(fail("printed nothing".into()));
        }
        Ok(line.to_string())
    }
}

/// Runs `sh -c cmd` in a process group of its own, its standard output read (at most 64 KiB),
/// within `limit`: past it the whole group is killed. Its standard error is passed on once it
/// ends, except when the shell could not find or run the command (exit 126 or 127: the shell's
/// message would quote the command, which may be a password typed in the wrong place). Why
/// not, when it fails: never the command's text.
fn run_limited(cmd: &str, limit: Duration) -> Result<Vec<u8>, String> {
    let deadline = Instant::now() + limit;
    let mut command = Command::new("sh");
    command
        .args(["-c", cmd])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt as _;
        command.process_group(0);
    }
    let mut child = command.spawn().map_err(|e| format!("could not run: {e}"))?;
    let read = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(p) = pipe {
                let _ = p.take(64 * 1024).read_to_end(&mut buf);
            }
            let _ = tx.send(buf);
        });
        rx
    };
    let stdout = read(child.stdout.take().map(|p| Box::new(p) as _));
    let stderr = read(child.stderr.take().map(|p| Box::new(p) as _));
    let timed_out = |child: &mut std::process::Child| {
        kill_group(child);
        let _ = child.wait();
        format!(
            "did not finish within {} s, and was stopped; check that it prints the password \
             without waiting for input ({PASSWORD_CMD_TIMEOUT_ENV} sets the time limit)",
            limit.as_secs_f64()
        )
    };
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() >= deadline => return Err(timed_out(&mut child)),
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(format!("could not be waited for: {e}")),
        }
    };
    // The output ends when every process holding it does: one left in the background with it
    // counts against the same time limit.
    let left = deadline.saturating_duration_since(Instant::now());
    let Ok(out) = stdout.recv_timeout(left) else {
        return Err(timed_out(&mut child));
    };
    let err = stderr
        .recv_timeout(Duration::from_millis(100))
        .unwrap_or_default();
    let not_run = matches!(status.code(), Some(126 | 127));
    if !err.is_empty() && !not_run {
        let text = String::from_utf8_lossy(&err);
        // Standard error closed: the command's words are lost, never the sync.
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            crate::text::visible(&text).as_bytes(),
        );
    }
    match status.code() {
        Some(0) => Ok(out),
        Some(127) => Err("failed: the shell found no such command (exit 127)".into()),
        Some(126) => Err("failed: the shell could not run it (exit 126)".into()),
        _ => Err(format!("failed ({status})")),
    }
}

/// Kills the process group `child` leads (the command and whatever it started).
fn kill_group(child: &mut std::process::Child) {
    #[cfg(unix)]
    if let Ok(pid) = libc::pid_t::try_from(child.id()) {
        // SAFETY: a plain kill(2) of the group the child leads (process_group(0) above).
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
        return;
    }
    let _ = child.kill();
}
