//! `tracker templates`: the follow-up templates, where custom ones go, and their sources.

use anyhow::Result;

use crate::cli::{Templates, TemplatesAction};
use crate::lint::Checker;
use crate::model::FollowupKind;
use crate::output::{inert, print, shown_path};
use crate::template::{self, Origin};
use crate::{Failure, Paths};

pub fn run(paths: &Paths, args: &Templates) -> Result<()> {
    let dir = paths.templates();
    match &args.action {
        TemplatesAction::List => list(paths),
        TemplatesAction::Show { kind } => Ok(print(&template::load(&dir, *kind)?.text)?),
        TemplatesAction::Path => Ok(print(&shown_path(&dir))?),
    }
}

/// Each template with where it comes from, checked: a trial render (BROKEN when it fails) and the checker
/// on its drafts (CHECK with the findings). Exits 1 when a template is broken.
fn list(paths: &Paths) -> Result<()> {
    let dir = paths.templates();
    let checker = Checker::with_user_file(&paths.lint_phrases())?;
    let mut out = String::new();
    let mut broken = 0;
    for kind in FollowupKind::ALL {
        // A custom file tracker cannot read is listed as broken, like one that does not render.
        let (origin, checked) = match template::load(&dir, kind) {
            Ok(source) => {
                let origin = match &source.origin {
                    Origin::BuiltIn => "built-in".to_owned(),
                    Origin::Custom(path) => shown_path(path),
                };
                (origin, template::check(&source))
            }
            Err(e) => (shown_path(&template::path(&dir, kind)), Err(e)),
        };
        let status = match checked {
            Err(e) => {
                broken += 1;
                format!("  BROKEN: {}", inert(&format!("{e:#}")))
            }
            Ok(drafts) => {
                let mut findings: Vec<String> = Vec::new();
                for draft in &drafts {
                    for f in checker.check(&draft.body, Some(kind.word_limit())) {
                        let words = if f.words.is_empty() {
                            f.title.clone()
                        } else {
                            format!("{} \"{}\"", f.rule, inert(&f.words))
                        };
                        if !findings.contains(&words) {
                            findings.push(words);
                        }
                    }
                }
                if findings.is_empty() {
                    String::new()
                } else {
                    format!("  CHECK: {} (see: tracker lint)", findings.join("; "))
                }
            }
        };
        out.push_str(&format!("{:<9} {origin}{status}\n", kind.as_str()));
    }
    out.push_str("\nVariables:\n");
    for (name, help) in template::VARIABLES {
        out.push_str(&format!("  {{{{ {name} }}}}  {help}\n"));
    }
    out.push_str(
        "\nFilters:\n  {{ position | role }}  the position followed by \"role\", unless it already ends with it\n",
    );
    print(&out)?;
    if broken > 0 {
        return Err(Failure {
            code: 1,
            message: format!(
                "{broken} template{} broken (fix {} or remove {} to use the built-in one)",
                if broken == 1 { " is" } else { "s are" },
                if broken == 1 { "it" } else { "them" },
                if broken == 1 { "it" } else { "them" },
            ),
        }
        .into());
    }
    Ok(())
}
