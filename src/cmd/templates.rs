//! `tracker templates`: the follow-up templates, where custom ones go, and their sources.

use anyhow::Result;

use crate::Paths;
use crate::cli::{Templates, TemplatesAction};
use crate::model::FollowupKind;
use crate::output::print;
use crate::template::{self, Origin};

pub fn run(paths: &Paths, args: &Templates) -> Result<()> {
    let dir = paths.templates();
    match &args.action {
        TemplatesAction::List => {
            let mut out = String::new();
            for kind in FollowupKind::ALL {
                let source = template::load(&dir, kind)?;
                let origin = match &source.origin {
                    Origin::BuiltIn => "built-in".to_owned(),
                    Origin::Custom(path) => path.display().to_string(),
                };
                let status = match template::check(&source) {
                    Ok(()) => String::new(),
                    Err(e) => format!("  BROKEN: {e}"),
                };
                out.push_str(&format!("{:<9} {origin}{status}\n", kind.as_str()));
            }
            out.push_str("\nVariables:\n");
            for (name, help) in template::VARIABLES {
                out.push_str(&format!("  {{{{ {name} }}}}  {help}\n"));
            }
            Ok(print(&out)?)
        }
        TemplatesAction::Show { kind } => Ok(print(&template::load(&dir, *kind)?.text)?),
        TemplatesAction::Path => Ok(print(&dir.display().to_string())?),
    }
}
