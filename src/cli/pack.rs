//! The route pack a subcommand reads: `--routes DIR`, else the embedded one.

use std::path::PathBuf;

use clap::Args;

use jingqin::load;
use jingqin::model::Pack;

use super::failure::Failure;

#[derive(Args)]
pub(super) struct PackArgs {
    /// Read the route pack in DIR instead of the embedded default pack
    #[arg(long, value_name = "DIR")]
    routes: Option<PathBuf>,
}

pub(super) fn load(args: &PackArgs) -> Result<Pack, Failure> {
    match &args.routes {
        Some(dir) => {
            let missing = load::missing(dir);
            if missing.as_slice() == [dir.clone()] {
                return Err(Failure::NoInput(format!(
                    "no route pack folder at {}",
                    dir.display()
                )));
            }
            if !missing.is_empty() {
                let names: Vec<String> = missing.iter().map(|p| p.display().to_string()).collect();
                return Err(Failure::NoInput(format!(
                    "the route pack lacks {}",
                    names.join(", ")
                )));
            }
            load::load_dir(dir)
        }
        None => load::load_default(),
    }
    .map_err(Failure::Data)
}
