//! `graded man`: the manual page, in roff, made from the clap definitions (as ripgrep's
//! `rg --generate man`), so that no flag in it can drift from the binary.

use std::process::ExitCode;

use clap_mangen::Man;

/// Runs `graded man`: the page on standard output.
pub fn run() -> anyhow::Result<ExitCode> {
    super::output::write_output(None, &page()?)?;
    Ok(ExitCode::SUCCESS)
}

/// The page: NAME, SYNOPSIS, DESCRIPTION, the global options, the commands, then each
/// command with its synopsis, description and options, the examples, the exit status and
/// the version.
pub fn page() -> anyhow::Result<Vec<u8>> {
    // Every command made, with the global options copied into each (they are said once).
    let mut cmd = crate::cli::command();
    cmd.build();
    let version = cmd.get_version().unwrap_or_default().to_string();
    let man = Man::new(cmd.clone())
        .title("GRADED")
        .section("1")
        .source(format!("graded {version}"))
        .manual("User Commands");
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    // The commands by their names (`graded init`): graded has one page, not one per command.
    out.extend_from_slice(b".SH COMMANDS\n");
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        out.extend_from_slice(
            format!(
                ".TP\n\\fBgraded {}\\fR\n{}\n",
                roff(sub.get_name()),
                roff(&about)
            )
            .as_bytes(),
        );
    }
    out.extend_from_slice(b".SH \"EACH COMMAND\"\n");
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        // The global options, --help and --version are said once, above.
        let sub = sub.clone().mut_args(|a| {
            let said = a.is_global_set() || a.get_id() == "help" || a.get_id() == "version";
            a.hide(said)
        });
        let name = sub.get_bin_name().unwrap_or(sub.get_name()).to_string();
        let examples = sub.get_after_help().is_some() || sub.get_after_long_help().is_some();
        let man = Man::new(sub);
        let mut part = Vec::new();
        man.render_synopsis_section(&mut part)?;
        man.render_description_section(&mut part)?;
        man.render_options_section(&mut part)?;
        if examples {
            examples_of(&man, &mut part)?;
        }
        out.extend_from_slice(format!(".SS \"{name}\"\n").as_bytes());
        // Each command's sections become paragraphs under its name.
        for line in String::from_utf8(part)?.lines() {
            match line.strip_prefix(".SH ") {
                Some("SYNOPSIS" | "DESCRIPTION") => out.extend_from_slice(b".PP\n"),
                Some(heading) => out.extend_from_slice(
                    format!(".PP\n.B {}\n", titled(heading.trim_matches('"'))).as_bytes(),
                ),
                None => {
                    out.extend_from_slice(line.as_bytes());
                    out.push(b'\n');
                }
            }
        }
    }
    out.extend_from_slice(b".SH EXAMPLES\n");
    examples_of(&man, &mut out)?;
    out.extend_from_slice(EXIT_STATUS.as_bytes());
    man.render_version_section(&mut out)?;
    Ok(out)
}

/// A command's examples (its after-help), line for line as `--help` shows them.
fn examples_of(man: &Man, out: &mut Vec<u8>) -> anyhow::Result<()> {
    let mut extra = Vec::new();
    man.render_extra_section(&mut extra)?;
    out.extend_from_slice(b".PP\n.nf\n");
    for line in String::from_utf8(extra)?.lines() {
        if !line.starts_with(".SH ") {
            out.extend_from_slice(line.as_bytes());
            out.push(b'\n');
        }
    }
    out.extend_from_slice(b".fi\n");
    Ok(())
}

/// Text made safe for roff: backslashes and hyphens escaped, no line starting with a dot.
fn roff(text: &str) -> String {
    let t = text.replace('\\', "\\e").replace('-', "\\-");
    if t.starts_with(['.', '\'']) {
        format!("\\&{t}")
    } else {
        t
    }
}

/// `OPTIONS` as `Options`.
fn titled(heading: &str) -> String {
    let lower = heading.to_lowercase();
    let mut c = lower.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// The exit codes, as docs/EXIT-CODES.md documents them.
const EXIT_STATUS: &str = ".SH \"EXIT STATUS\"
.TP
0
Success (a broken pipe too).
.TP
1
Bad data or an input/output error: the file, line and field are named.
.TP
2
Usage: an unknown flag, a missing value, a value that does not read.
.TP
3
The program is stopped (a red flag, or too much pain at rest): see a clinician.
";
