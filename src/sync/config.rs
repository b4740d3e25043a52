//! `sync.toml`: where the calendar is and how to get the password, never the password itself.
//! Written 0600 (it names an account), read strictly: an unknown key is an error, and a
//! `password` key gets its own message.

use std::path::Path;
use std::process::{Command, Stdio};

use serde::{Deserialize, Serialize};

use crate::load::workspace::{read_optional, write_atomic};

/// The file's name in the workspace.
pub const SYNC_TOML: &str = "sync.toml";
/// The environment variable read when there is no `password_cmd`.
pub const PASSWORD_ENV: &str = "GRADED_CALDAV_PASSWORD";

/// What `graded sync` needs to reach the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SyncConfig {
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
    /// The password command failed or printed nothing.
    #[error("the password command `{cmd}` {detail}")]
    PasswordCmd { cmd: String, detail: String },
    /// Reading or writing the file.
    #[error(transparent)]
    Io(#[from] crate::load::LoadError),
}

impl SyncConfig {
    /// Parses `sync.toml`'s text (`path` for messages).
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
        SyncConfig::deserialize(table).map_err(|e| ConfigError::Invalid {
            path: path.to_string(),
            detail: e.message().to_string(),
        })
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

    /// The password: `password_cmd`'s first line of output, else `env` (the value of
    /// [`PASSWORD_ENV`]), else an error naming both.
    pub fn password(&self, env: Option<String>) -> Result<String, ConfigError> {
        let Some(cmd) = &self.password_cmd else {
            return env.filter(|p| !p.is_empty()).ok_or(ConfigError::NoPassword);
        };
        let fail = |detail: String| ConfigError::PasswordCmd {
            cmd: cmd.clone(),
            detail,
        };
        let out = Command::new("sh")
            .args(["-c", cmd])
            .stdin(Stdio::null())
            .stderr(Stdio::inherit())
            .output()
            .map_err(|e| fail(format!("could not run: {e}")))?;
        if !out.status.success() {
            return Err(fail(format!("failed ({})", out.status)));
        }
        let text = String::from_utf8(out.stdout).map_err(|_| fail("printed non-UTF-8".into()))?;
        let line = text.lines().next().unwrap_or("").trim_end_matches('\r');
        if line.is_empty() {
            return Err(fail("printed nothing".into()));
        }
        Ok(line.to_string())
    }
}
