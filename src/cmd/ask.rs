//! Questions asked on a terminal (dialoguer), shared by the commands that prompt.

use std::fmt::Display;

use crate::model::{Pain, Symptom, red_flag};

/// Asks every red-flag question; returns the ids answered yes.
pub fn red_flags() -> anyhow::Result<Vec<Symptom>> {
    eprintln!("Red-flag screen: answer each question about NEW symptoms (y/n).");
    let mut yes = Vec::new();
    for f in red_flag::RED_FLAGS {
        if dialoguer::Confirm::with_theme(&dialoguer::theme::SimpleTheme)
            .with_prompt(f.question)
            .default(false)
            .interact()?
        {
            yes.push(Symptom::Flag(f));
        }
    }
    Ok(yes)
}

/// Asks whether any warning sign is new; on a yes, the full red-flag screen.
pub fn new_symptoms() -> anyhow::Result<Vec<Symptom>> {
    let any = dialoguer::Confirm::with_theme(&dialoguer::theme::SimpleTheme)
        .with_prompt("Any new numbness, tingling, weakness, bladder or bowel change, chest pain, fever or other warning sign?")
        .default(false)
        .interact()?;
    if any { red_flags() } else { Ok(Vec::new()) }
}

/// Asks for a pain score until one checks.
pub fn pain(label: &str) -> anyhow::Result<Pain> {
    until_read(label, str::parse::<Pain>)
}

/// Asks for the session's effort, a whole RPE 0-10, until one checks.
pub fn rpe(label: &str) -> anyhow::Result<u8> {
    until_read(label, crate::load::session_log::whole_rpe)
}

/// Asks for an answer until `read` takes it; the reason it did not is shown under the prompt.
fn until_read<T, E: Display>(
    label: &str,
    read: impl Fn(&str) -> Result<T, E>,
) -> anyhow::Result<T> {
    let text: String = dialoguer::Input::with_theme(&dialoguer::theme::SimpleTheme)
        .with_prompt(label)
        .validate_with(|s: &String| read(s).map(|_| ()))
        .interact_text()?;
    read(&text).map_err(|e| anyhow::anyhow!("{e}"))
}
