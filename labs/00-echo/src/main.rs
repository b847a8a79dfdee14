//! The command line glue: parse the arguments, open the listening socket,
//! print the ready line, and explain errors. Your work is in listener.rs,
//! server.rs and client.rs.

use std::io::{self, ErrorKind, Write};
use std::net::SocketAddr;
use std::process::ExitCode;

use clap::Parser;
use lab00_echo::cli::{Cli, ClientArgs, Command, ServerArgs};
use lab00_echo::{client, listener, server};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.trace {
        socklab_trace::enable();
    }
    let result = match cli.command {
        Command::Server(args) => run_server(args),
        Command::Client(args) => run_client(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run_server(args: ServerArgs) -> Result<(), String> {
    let addr = SocketAddr::new(args.host, args.port);
    let listener = listener::open_listener(addr).map_err(|e| explain_listen_error(&e, addr))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    // The ready line: with --port 0 it is the only way to learn the port.
    println!("listening on {local}");
    server::serve(listener).map_err(|e| format!("server stopped: {e}"))
}

/// The port problems every student meets, said so that they can act on them.
fn explain_listen_error(error: &io::Error, addr: SocketAddr) -> String {
    let port = addr.port();
    match error.kind() {
        ErrorKind::AddrInUse => format!(
            "cannot listen on {addr}: port {port} is already in use. Another program \
             (or another copy of this server) is listening there; `ss -tlnp` shows which. \
             Pick another port, or --port 0 to let the system choose a free one."
        ),
        ErrorKind::PermissionDenied if port < 1024 => format!(
            "cannot listen on {addr}: permission denied. Ports below 1024 are privileged: \
             only root (or a program with the CAP_NET_BIND_SERVICE capability) may listen \
             on them. Use a port from 1024 up, e.g. --port {}.",
            1024 + port
        ),
        ErrorKind::AddrNotAvailable => format!(
            "cannot listen on {addr}: {} is not an address of this machine \
             (try 127.0.0.1, ::1 or 0.0.0.0)",
            addr.ip()
        ),
        _ => format!("cannot listen on {addr}: {error}"),
    }
}

fn run_client(args: ClientArgs) -> Result<(), String> {
    let addr = SocketAddr::new(args.host, args.port);
    let echoed = client::run(addr, args.message.as_bytes()).map_err(|e| match e.kind() {
        ErrorKind::ConnectionRefused => {
            format!(
                "cannot connect to {addr}: connection refused (is the server running on that port?)"
            )
        }
        _ => format!("{addr}: {e}"),
    })?;
    let mut stdout = io::stdout().lock();
    let newline: &[u8] = if echoed.ends_with(b"\n") { b"" } else { b"\n" };
    stdout
        .write_all(&echoed)
        .and_then(|()| stdout.write_all(newline))
        .map_err(|e| e.to_string())
}
