//! Questions asked on a terminal (dialoguer), shared by the commands that prompt.

use crate::model::{Symptom, red_flag};

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

/// Asks for a 0-10 score until one checks.
pub fn score(label: &str) -> anyhow::Result<u8> {
    let text: String = dialoguer::Input::with_theme(&dialoguer::theme::SimpleTheme)
        .with_prompt(label)
        .validate_with(|s: &String| crate::cli::parse_score(s).map(|_| ()))
        .interact_text()?;
    crate::cli::parse_score(&text).map_err(|e| anyhow::anyhow!(e))
}
