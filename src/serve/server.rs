//! A server's life: bound to an address, serving on a runtime (the caller's
//! or threads of its own), and stopped gracefully, on a signal or when asked,
//! once the requests in flight are answered.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use tokio::net::TcpListener;
use tokio::sync::oneshot;

use crate::model::Pack;

use super::app::App;
use super::config::Config;
use super::conn;
use super::routes::router;

/// A bound server, not yet serving.
pub struct Server {
    listener: TcpListener,
    app: Arc<App>,
}

impl Server {
    /// Listens on `addr` (port 0: any free port) to serve plans of `pack`.
    pub async fn bind(addr: SocketAddr, pack: Pack, config: Config) -> io::Result<Server> {
        let listener = TcpListener::bind(addr).await?;
        let local = listener.local_addr()?;
        Ok(Server {
            listener,
            app: Arc::new(App::new(pack, config, local)),
        })
    }

    /// The address it listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.app.local
    }

    /// Serves until `shutdown` completes, then stops accepting connections
    /// and returns once the requests in flight are answered.
    pub async fn run(self, shutdown: impl Future<Output = ()> + Send + 'static) -> io::Result<()> {
        tracing::info!(addr = %self.app.local, pack = %self.app.pack.info.id, "listening");
        let config = &self.app.config;
        let listener = conn::Limited::new(self.listener, config.connections, config.idle);
        let router = router(self.app);
        axum::serve(listener, router)
            .with_graceful_shutdown(shutdown)
            .await
    }
}

/// A server running on threads of its own.
pub struct Running {
    addr: SocketAddr,
    in_flight: Arc<AtomicUsize>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<thread::JoinHandle<io::Result<()>>>,
}

/// Starts a server on `addr` on a runtime of its own threads.
pub fn spawn(addr: SocketAddr, pack: Pack, config: Config) -> io::Result<Running> {
    let runtime = runtime()?;
    let server = runtime.block_on(Server::bind(addr, pack, config))?;
    let addr = server.local_addr();
    let in_flight = server.app.in_flight.clone();
    let (stop, stopped) = oneshot::channel::<()>();
    let thread = thread::Builder::new()
        .name("jingqin-serve".into())
        .spawn(move || {
            runtime.block_on(server.run(async {
                // Dropped without a word counts as asked to stop.
                let _ = stopped.await;
            }))
        })?;
    Ok(Running {
        addr,
        in_flight,
        stop: Some(stop),
        thread: Some(thread),
    })
}

impl Running {
    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The requests being answered now.
    pub fn in_flight(&self) -> usize {
        self.in_flight.load(Ordering::SeqCst)
    }

    /// Stops accepting connections and returns once the requests in flight
    /// are answered.
    pub fn stop(mut self) -> io::Result<()> {
        self.finish()
    }

    fn finish(&mut self) -> io::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match self.thread.take().map(thread::JoinHandle::join) {
            None => Ok(()),
            Some(Ok(result)) => result,
            Some(Err(_)) => Err(io::Error::other("the server's thread panicked")),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.finish();
    }
}

/// Serves on `addr` until SIGTERM or Ctrl-C, then finishes the requests in
/// flight; `bound` is told the address first (port 0 picks one).
pub fn run_until_signal(
    addr: SocketAddr,
    pack: Pack,
    config: Config,
    bound: impl FnOnce(SocketAddr),
) -> io::Result<()> {
    runtime()?.block_on(async move {
        let server = Server::bind(addr, pack, config).await?;
        bound(server.local_addr());
        server.run(shutdown_signal()).await
    })
}

/// Completes on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                terminate.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
    tracing::info!("stopping: finishing the requests in flight");
}

/// The access log and the server's messages, one line each, to standard error.
pub fn log_to_stderr() {
    // Already set (a second call, or a host program's own): keep that one.
    let _ = tracing_subscriber::fmt()
        .with_writer(io::stderr)
        .with_target(false)
        .try_init();
}

fn runtime() -> io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("jingqin-serve")
        .build()
}
