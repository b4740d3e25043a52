//! The built-in exercise library and programs as Rust values (`built_in_data.rs`), generated
//! from `programs/*.toml` by the test below with the same checks as a person's own file, so a
//! command builds them instead of parsing 80 KB of TOML on every run (7 M instructions, a
//! third of `status` at one year). The test fails when the TOML and the values differ; it
//! says how to generate them again.

use std::sync::Arc;

use crate::model::exercise::Words;
use crate::model::{Library, Program, Text};

#[rustfmt::skip]
#[path = "built_in_data.rs"]
mod data;

/// The built-in library.
pub(super) fn library() -> Library {
    data::library()
}

/// The built-in program `id` (one of [`super::program::BUILT_IN`]) with `library`.
pub(super) fn program(id: &str, library: &Library) -> Option<Program> {
    data::program(id, library)
}

// Short names for the generated values.
fn s(x: &str) -> String {
    x.to_string()
}

fn t(x: &str) -> Text {
    Text::from(x)
}

fn v(x: &[&str]) -> Vec<String> {
    x.iter().map(|x| x.to_string()).collect()
}

fn w(x: &'static str) -> Words {
    Words::Borrowed(x)
}

fn vw(x: &[&'static str]) -> Vec<Words> {
    x.iter().map(|x| Words::Borrowed(*x)).collect()
}

fn a(x: &[&str]) -> Arc<[String]> {
    x.iter().map(|x| x.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::model::exercise::{Figure, Pose, Prop, Variant, View, Words};
    use crate::model::{
        Dose, Exercise, ExerciseEntry, Gates, Pain, Program, Stage, StageKind, Text,
    };

    /// A value as the Rust expression that builds it.
    trait Code {
        fn code(&self) -> String;
    }

    impl Code for String {
        fn code(&self) -> String {
            format!("s({self:?})")
        }
    }

    impl Code for Text {
        fn code(&self) -> String {
            format!("t({:?})", &**self)
        }
    }

    impl Code for Vec<String> {
        fn code(&self) -> String {
            format!("v(&{:?})", self)
        }
    }

    impl Code for Words {
        fn code(&self) -> String {
            format!("w({:?})", &**self)
        }
    }

    impl Code for Vec<Words> {
        fn code(&self) -> String {
            format!("vw(&{:?})", self)
        }
    }

    impl Code for Arc<[String]> {
        fn code(&self) -> String {
            format!("a(&{:?})", &**self)
        }
    }

    macro_rules! plain {
        ($($ty:ty),*) => {$(
            impl Code for $ty {
                fn code(&self) -> String {
                    format!("{self:?}")
                }
            }
        )*};
    }
    plain!(bool, u8, u32, f64);

    impl Code for Pain {
        fn code(&self) -> String {
            format!("Pain::of({})", self.get())
        }
    }

    impl Code for View {
        fn code(&self) -> String {
            format!("View::{self:?}")
        }
    }

    impl Code for StageKind {
        fn code(&self) -> String {
            format!("StageKind::{self:?}")
        }
    }

    impl<T: Code> Code for Option<T> {
        fn code(&self) -> String {
            self.as_ref()
                .map_or("None".into(), |x| format!("Some({})", x.code()))
        }
    }

    impl Code for (f64, f64) {
        fn code(&self) -> String {
            format!("({}, {})", self.0.code(), self.1.code())
        }
    }

    impl<T: Code> Code for [T; 2] {
        fn code(&self) -> String {
            format!("[{}, {}]", self[0].code(), self[1].code())
        }
    }

    fn list<T: Code>(xs: &[T]) -> String {
        let items: Vec<String> = xs.iter().map(|x| format!("{},\n", x.code())).collect();
        format!("vec![\n{}]", items.concat())
    }

    macro_rules! listed {
        ($($ty:ty),*) => {$(
            impl Code for Vec<$ty> {
                fn code(&self) -> String {
                    list(self)
                }
            }
        )*};
    }
    listed!(Stage, Exercise, Dose, Prop);

    /// A struct literal with every field (a field left out here fails to compile).
    macro_rules! fields {
        ($($ty:ident { $($f:ident),* $(,)? })*) => {$(
            impl Code for $ty {
                fn code(&self) -> String {
                    let $ty { $($f),* } = self;
                    let mut out = format!("{} {{\n", stringify!($ty));
                    $(out.push_str(&format!("{}: {},\n", stringify!($f), $f.code()));)*
                    out.push('}');
                    out
                }
            }
        )*};
    }
    fields! {
        Stage { id, name, kind, hard, sessions_per_week, min_days, weekly_load_cap_pct,
            max_pct_1rm, deload_every_weeks, deload_volume_pct, exit_morning_max, gates, source,
            notes, exercises }
        Gates { green_max, amber_max, morning_rise_red, greens_to_step, reds_to_stop,
            red_window_days, gap_days, review_after_days, source }
        Exercise { id, name, lift, optional, alternate, source, doses }
        Dose { sets, reps, hold_s, minutes, pct_1rm, rpe_cap, estimate_1rm }
        ExerciseEntry { id, name, purpose, setup, equipment, cues, feel, not_feel, stop_if,
            mistakes, easier, harder, without_equipment, figure }
        Variant { text, id }
        Figure { view, start, end }
        Pose { head, shoulder, hip, spine, leg, leg2, arm, arm2, props }
    }

    impl Code for Prop {
        fn code(&self) -> String {
            match self {
                Prop::Roller { at, r } => {
                    format!("Prop::Roller {{ at: {}, r: {} }}", at.code(), r.code())
                }
                Prop::Plate { at, r } => {
                    format!("Prop::Plate {{ at: {}, r: {} }}", at.code(), r.code())
                }
                Prop::Stick { from, to } => {
                    format!("Prop::Stick {{ from: {}, to: {} }}", from.code(), to.code())
                }
                Prop::Bench { x0, x1, top } => format!(
                    "Prop::Bench {{ x0: {}, x1: {}, top: {} }}",
                    x0.code(),
                    x1.code(),
                    top.code()
                ),
                Prop::Wall { x } => format!("Prop::Wall {{ x: {} }}", x.code()),
            }
        }
    }

    /// A program without its library (the built-in one, passed in).
    fn program(p: &Program) -> String {
        let Program {
            id,
            name,
            description,
            condition,
            source,
            morning_question,
            stages,
            library: _,
        } = p;
        format!(
            "Program {{\nid: {},\nname: {},\ndescription: {},\ncondition: {},\nsource: {},\nmorning_question: {},\nstages: {},\nlibrary: library.clone(),\n}}",
            id.code(),
            name.code(),
            description.code(),
            condition.code(),
            source.code(),
            morning_question.code(),
            stages.code()
        )
    }

    /// `built_in_data.rs` from the TOML, checked as a person's own file is.
    fn generate() -> String {
        let lib = crate::load::library::parse(
            crate::load::library::BUILT_IN_PATH,
            crate::load::library::BUILT_IN_TEXT,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let mut out = String::from(
            "//! @generated from programs/*.toml by `GRADED_GENERATE=1 cargo test --lib built_in`\n\
             //! (see `load::built_in`): do not edit.\n\n\
             #![allow(clippy::approx_constant, clippy::unreadable_literal)]\n\n\
             use std::sync::Arc;\n\n\
             use super::{a, s, t, v, vw, w};\n\
             use crate::model::exercise::{Figure, Pose, Prop, Variant, View};\n\
             use crate::model::{Dose, Exercise, ExerciseEntry, Gates, Library, Pain, Program, Stage, StageKind};\n\n\
             pub(super) fn library() -> Library {\n\
             let mut lib = Library::default();\n",
        );
        for e in lib.entries() {
            out.push_str(&format!("lib.insert(Arc::new({}));\n", e.code()));
        }
        out.push_str("lib\n}\n\npub(super) fn program(id: &str, library: &Library) -> Option<Program> {\nmatch id {\n");
        for (id, text) in crate::load::program::BUILT_IN {
            let path = format!("<built-in>/programs/{id}.toml");
            let p = crate::load::program::parse_with(&path, text, &lib)
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(
                p.library.len(),
                lib.len(),
                "{id}: a built-in program with [[library]] entries of its own is not generated"
            );
            out.push_str(&format!("{id:?} => Some({}),\n", program(&p)));
        }
        out.push_str("_ => None,\n}\n}\n");
        out
    }

    #[test]
    fn the_built_in_data_is_the_toml_checked() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/load/built_in_data.rs");
        let want = generate();
        if std::env::var_os("GRADED_GENERATE").is_some() {
            std::fs::write(path, &want).expect("built_in_data.rs written");
        }
        let have = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            have == want,
            "src/load/built_in_data.rs is not what programs/*.toml give: run `GRADED_GENERATE=1 cargo test --lib built_in`"
        );
        // And the values built are the ones the TOML gives.
        let lib = crate::load::library::parse(
            crate::load::library::BUILT_IN_PATH,
            crate::load::library::BUILT_IN_TEXT,
        )
        .expect("parses");
        assert_eq!(super::library(), lib);
        for (id, text) in crate::load::program::BUILT_IN {
            let p = crate::load::program::parse(id, text).expect("parses");
            assert_eq!(super::program(id, &lib), Some(p), "{id}");
        }
    }
}
