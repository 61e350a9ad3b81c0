//! `tracker templates`: the follow-up templates, where custom ones go, and their sources.

use anyhow::Result;

use crate::Paths;
use crate::cli::{Templates, TemplatesAction};
use crate::model::FollowupKind;
use crate::output::{inert, print, shown_path};
use crate::template::{self, Origin};

pub fn run(paths: &Paths, args: &Templates) -> Result<()> {
    let dir = paths.templates();
    match &args.action {
        TemplatesAction::List => {
            let mut out = String::new();
            for kind in FollowupKind::ALL {
                // A custom file tracker cannot read is listed as broken, like one that does not render.
                let (origin, problem) = match template::load(&dir, kind) {
                    Ok(source) => {
                        let origin = match &source.origin {
                            Origin::BuiltIn => "built-in".to_owned(),
                            Origin::Custom(path) => shown_path(path),
                        };
                        (origin, template::check(&source).err())
                    }
                    Err(e) => (shown_path(&template::path(&dir, kind)), Some(e)),
                };
                let status = problem.map_or_else(String::new, |e| format!("  BROKEN: {}", inert(&format!("{e:#}"))));
                out.push_str(&format!("{:<9} {origin}{status}\n", kind.as_str()));
            }
            out.push_str("\nVariables:\n");
            for (name, help) in template::VARIABLES {
                out.push_str(&format!("  {{{{ {name} }}}}  {help}\n"));
            }
            Ok(print(&out)?)
        }
        TemplatesAction::Show { kind } => Ok(print(&template::load(&dir, *kind)?.text)?),
        TemplatesAction::Path => Ok(print(&shown_path(&dir))?),
    }
}
