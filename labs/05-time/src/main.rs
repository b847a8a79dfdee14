//! The command line glue: parse the arguments, open the sockets, print the
//! ready line, and turn errors into messages and exit codes. Your work is in
//! server.rs and client.rs (protocol.rs is given).

use std::process::ExitCode;
use std::thread;

// std::net's types, which also print each call they make with --trace.
use socklab_trace::net::{SocketAddr, TcpListener, UdpSocket};

use clap::Parser;
use lab05_time::cli::{Cli, ClientArgs, Command, ServerArgs};
use lab05_time::client::{self, Sample};
use lab05_time::protocol::format_time;
use lab05_time::server;

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
    let listener = TcpListener::bind(addr).map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    if args.udp {
        // The same port number, for UDP: a separate socket of its own.
        let socket =
            UdpSocket::bind(local).map_err(|e| format!("cannot bind UDP on {local}: {e}"))?;
        println!("udp on {local}");
        thread::spawn(move || server::serve_udp(socket));
    }
    // The ready line: with --port 0 it is the only way to learn the port.
    println!("listening on {local}");
    server::serve_tcp(listener).map_err(|e| format!("server stopped: {e}"))
}

fn run_client(args: ClientArgs) -> Result<(), String> {
    let addr = SocketAddr::new(args.host, args.port);
    let show = |s: &Sample| println!("{}", describe(s));
    let samples = if args.udp {
        let timeout = std::time::Duration::from_millis(args.retry_ms);
        client::measure_udp(addr, args.count, timeout, show)
    } else {
        client::measure_tcp(addr, args.count, show)
    }
    .map_err(|e| match e.kind() {
        std::io::ErrorKind::ConnectionRefused => format!(
            "cannot connect to {addr}: connection refused (is the server running on that port?)"
        ),
        _ => format!("{addr}: {e}"),
    })?;
    if samples.len() > 1 {
        if let Some(best) = client::best(&samples) {
            println!(
                "best offset {:.3} ms (rtt {:.3} ms)",
                best.offset_ms, best.rtt_ms
            );
        }
    }
    Ok(())
}

/// `server time 2026-11-24T06:31:52.123Z  rtt 0.412 ms  offset -0.103 ms`
fn describe(sample: &Sample) -> String {
    format!(
        "server time {}  rtt {:.3} ms  offset {:.3} ms",
        format_time(sample.server_time),
        sample.rtt_ms,
        sample.offset_ms
    )
}
