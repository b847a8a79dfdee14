//! The command line glue: parse the arguments, open the listening socket,
//! print the ready line, start the console, and turn errors into messages
//! and exit codes. Your work is in the other files.

use std::io;
use std::process::ExitCode;

// std::net's and socket2's types, which also print each call they make
// with --trace. (The event loop's own calls are mio's, not narrated.)
use socklab_trace::net::SocketAddr;
use socklab_trace::socket2::{Domain, Protocol, Socket, Type};

use clap::Parser;
use mio::{Poll, Waker};

use lab06_evchat::cli::{Cli, ClientArgs, Command, ServerArgs};
use lab06_evchat::server::{CONSOLE, Server};
use lab06_evchat::{client, console};

/// How many finished handshakes the kernel may hold until accept() takes
/// them: thousands of users may arrive at once (see lab 02's handout on
/// `ListenOverflows`). Linux caps it at `net.core.somaxconn`.
const BACKLOG: i32 = 4096;

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

/// socket(), SO_REUSEADDR, bind(), listen(BACKLOG), as in lab 00.
fn open_listener(addr: SocketAddr) -> io::Result<std::net::TcpListener> {
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, Some(Protocol::TCP))?;
    socket.set_reuse_address(true)?;
    socket.bind(&addr.into())?;
    socket.listen(BACKLOG)?;
    // mio takes the standard library's listener; this is a second handle
    // to the same socket (the narrated one closes its own when dropped).
    Ok(socket.try_clone()?.into())
}

fn run_server(args: ServerArgs) -> Result<(), String> {
    let addr = SocketAddr::new(args.host, args.port);
    let listener = open_listener(addr).map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    let poll = Poll::new().map_err(|e| format!("cannot make the poller: {e}"))?;
    let waker = Waker::new(poll.registry(), CONSOLE).map_err(|e| e.to_string())?;
    let console_lines = console::read_stdin(waker);
    let mut server = Server::new(poll, listener, console_lines).map_err(|e| e.to_string())?;
    println!("listening on {local}");
    server.run().map_err(|e| format!("server stopped: {e}"))
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
