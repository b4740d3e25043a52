//! `sync.toml`: the fields, never a password, written 0600, the password from a command or the
//! environment.

use graded::sync::config::{ConfigError, SyncConfig};

fn config(cmd: Option<&str>) -> SyncConfig {
    SyncConfig {
        origin: None,
        url: "https://caldav.fastmail.com/dav/calendars/user/me@example.com/graded/".into(),
        username: "me@example.com".into(),
        password_cmd: cmd.map(Into::into),
    }
}

#[test]
fn written_0600_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(SyncConfig::read(dir.path()).unwrap(), None);
    let c = config(Some("pass show caldav"));
    c.write(dir.path()).unwrap();
    assert_eq!(SyncConfig::read(dir.path()).unwrap(), Some(c));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("sync.toml"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let text = std::fs::read_to_string(dir.path().join("sync.toml")).unwrap();
    assert!(!text.contains("password ="), "{text}");
}

#[test]
fn a_password_in_the_file_is_refused_by_name() {
    let e = SyncConfig::parse(
        "url = \"https://x/\"\nusername = \"u\"\npassword = \"hunter2\"\n",
        "sync.toml",
    )
    .unwrap_err();
    assert!(matches!(e, ConfigError::PasswordInFile { .. }), "{e}");
    assert!(
        !e.to_string().contains("hunter2"),
        "the password is never echoed: {e}"
    );
    assert!(e.to_string().contains("password_cmd"), "{e}");
    let e = SyncConfig::parse(
        "url = \"https://x/\"\nusername = \"u\"\npasword_cmd = \"x\"\n",
        "sync.toml",
    )
    .unwrap_err();
    assert!(e.to_string().contains("pasword_cmd"), "{e}");
    let e = SyncConfig::parse("username = \"u\"\n", "sync.toml").unwrap_err();
    assert!(e.to_string().contains("url"), "{e}");
}

#[test]
fn the_password_comes_from_the_command_then_the_environment() {
    assert_eq!(
        config(Some("printf 's3cret\\nsecond line\\n'"))
            .password(None)
            .unwrap(),
        "s3cret"
    );
    // The command wins over the environment.
    assert_eq!(
        config(Some("echo fromcmd"))
            .password(Some("fromenv".into()))
            .unwrap(),
        "fromcmd"
    );
    assert_eq!(
        config(None).password(Some("fromenv".into())).unwrap(),
        "fromenv"
    );
    assert!(matches!(
        config(None).password(None),
        Err(ConfigError::NoPassword)
    ));
    assert!(matches!(
        config(None).password(Some(String::new())),
        Err(ConfigError::NoPassword)
    ));
    let e = config(Some("exit 3")).password(None).unwrap_err();
    assert_eq!(
        e.to_string(),
        "the password command in sync.toml failed (exit status: 3)"
    );
    let e = config(Some("true")).password(None).unwrap_err();
    assert!(e.to_string().contains("printed nothing"), "{e}");
}
