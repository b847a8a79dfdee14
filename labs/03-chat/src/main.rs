//! The command line glue: parse the arguments, open the listening socket,
//! print the ready line, start the console, and turn errors into messages
//! and exit codes. Your work is in hub.rs, server.rs and client.rs
//! (protocol.rs and console.rs are given).

use std::process::ExitCode;
use std::thread;

// std::net's types, which also print each call they make with --trace.
use socklab_trace::net::SocketAddr;

use clap::Parser;
use lab03_chat::cli::{Cli, ClientArgs, Command, ServerArgs};
use lab03_chat::hub::Hub;
use lab03_chat::{client, console, server};

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
    let listener =
        server::open_listener(addr).map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    println!("listening on {local}");
    let hub = Hub::new();
    let console_hub = hub.clone();
    thread::spawn(move || console::run(console_hub));
    server::serve(listener, hub).map_err(|e| format!("server stopped: {e}"))
}

fn run_client(args: ClientArgs) -> Result<(), String> {
    let addr = SocketAddr::new(args.host, args.port);
    client::run(addr, args.nick).map_err(|e| match e.kind() {
        std::io::ErrorKind::ConnectionRefused => {
            format!(
                "cannot connect to {addr}: connection refused (is the server running on that port?)"
            )
        }
        _ => format!("{addr}: {e}"),
    })
}
