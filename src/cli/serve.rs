//! `jingqin serve`: the embed server, when the build has it.

use clap::Args;

use super::failure::Failure;
use super::pack::PackArgs;

#[derive(Args)]
pub(super) struct ServeArgs {
    #[command(flatten)]
    pack: PackArgs,
    /// The address to listen on (port 0: any free port)
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    addr: std::net::SocketAddr,
    /// Where visitors reach the server, e.g. https://plans.example.com behind
    /// a TLS proxy: the origin of the links it gives out (default: http://
    /// and the request's Host)
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
}

#[cfg(feature = "serve")]
pub(super) fn run(args: &ServeArgs) -> Result<(), Failure> {
    use std::io;

    use jingqin::serve;

    use super::pack::load;

    let base_url = (args.base_url.as_deref())
        .map(serve::base_url)
        .transpose()
        .map_err(|e| Failure::Usage(format!("--base-url: {e}")))?;
    let pack = load(&args.pack)?;
    serve::log_to_stderr();
    let config = serve::Config {
        base_url,
        ..serve::Config::default()
    };
    serve::run_until_signal(args.addr, pack, config, |addr| {
        // The first line out, for the scripts and tests that ask for port 0.
        println!("listening on http://{addr}");
    })
    .map_err(|e| {
        Failure::Io(io::Error::new(
            e.kind(),
            format!("cannot serve on {}: {e}", args.addr),
        ))
    })
}

#[cfg(not(feature = "serve"))]
pub(super) fn run(_: &ServeArgs) -> Result<(), Failure> {
    Err(Failure::Usage(
        "this build has no server; build with the serve feature (cargo install --path . --features serve)".into(),
    ))
}
