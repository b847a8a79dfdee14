//! Broken lab 00 echo servers and clients: the solution with one mistake each.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::ExitCode;

use clap::Parser;
use socket2::{Domain, Protocol, Socket, Type};
use solution00_echo::cli::{Cli, Command};
use solution00_echo::listener::{self, allow_address_reuse, bind, create_socket, listen};
use solution00_echo::{client, server};

use crate::Mutant;

/// Which pieces a mutant replaces; the rest is the solution.
#[derive(Clone, Copy)]
pub struct Parts {
    pub open_listener: fn(SocketAddr) -> io::Result<TcpListener>,
    /// The accept loop, given the per-client echo.
    pub serve: fn(TcpListener, Echo) -> io::Result<()>,
    pub echo: Echo,
    pub client: fn(SocketAddr, &[u8]) -> io::Result<Vec<u8>>,
}

pub type Echo = fn(TcpStream) -> io::Result<u64>;

const SOLUTION: Parts = Parts {
    open_listener: listener::open_listener,
    serve: accept_loop,
    echo: server::echo,
    client: client::run,
};

pub const MUTANTS: &[Mutant<Parts>] = &[
    Mutant {
        name: "buffers-until-eof",
        bug: "reads everything until the client half-closes, then echoes it all at once",
        caught_by: &["short-message"],
        parts: Parts {
            echo: buffers_until_eof,
            ..SOLUTION
        },
    },
    Mutant {
        name: "reads-once",
        bug: "echoes what one recv() returned and closes",
        caught_by: &["large-binary", "many-small-pieces"],
        parts: Parts {
            echo: reads_once,
            ..SOLUTION
        },
    },
    Mutant {
        name: "closes-early",
        bug: "stops as soon as a recv() returns less than a full buffer, taking that as the end",
        caught_by: &["large-binary", "many-small-pieces"],
        parts: Parts {
            echo: closes_early,
            ..SOLUTION
        },
    },
    Mutant {
        name: "never-closes",
        bug: "keeps the connection open after the client's half-close",
        caught_by: &["close-after-half-close"],
        parts: Parts {
            echo: never_closes,
            ..SOLUTION
        },
    },
    Mutant {
        name: "one-client-only",
        bug: "exits after its first client",
        caught_by: &["several-clients"],
        parts: Parts {
            serve: |l, echo| echo(l.accept()?.0).map(drop),
            ..SOLUTION
        },
    },
    Mutant {
        name: "unwraps-bind",
        bug: "unwrap()s bind(), so a port in use or a privileged port is a panic",
        caught_by: &["port-in-use", "privileged-port"],
        parts: Parts {
            open_listener: unwraps_bind,
            ..SOLUTION
        },
    },
    Mutant {
        name: "no-reuseaddr",
        bug: "does not set SO_REUSEADDR, so it cannot restart while old connections are in TIME_WAIT",
        caught_by: &["restart-same-port"],
        parts: Parts {
            open_listener: no_reuseaddr,
            ..SOLUTION
        },
    },
    Mutant {
        name: "ipv4-only",
        bug: "always creates an IPv4 socket, whatever the address",
        caught_by: &["ipv6"],
        parts: Parts {
            open_listener: ipv4_only,
            ..SOLUTION
        },
    },
    Mutant {
        name: "client-no-half-close",
        bug: "the client never shuts down its sending side, so both ends wait forever",
        caught_by: &["client-echo"],
        parts: Parts {
            client: client_no_half_close,
            ..SOLUTION
        },
    },
    Mutant {
        name: "client-first-piece",
        bug: "the client prints what its first recv() returned",
        caught_by: &["client-echo"],
        parts: Parts {
            client: client_first_piece,
            ..SOLUTION
        },
    },
    Mutant {
        name: "client-unwraps",
        bug: "the client unwrap()s connect(), so a refused connection is a panic",
        caught_by: &["client-refused"],
        parts: Parts {
            client: |addr, m| Ok(client::run(addr, m).unwrap()),
            ..SOLUTION
        },
    },
];

/// Runs the mutant named by the binary's file name.
pub fn main() -> ExitCode {
    crate::run_mutant("lab00-", MUTANTS, |parts| match Cli::parse().command {
        Command::Server(args) => {
            let addr = SocketAddr::new(args.host, args.port);
            (parts.open_listener)(addr)
                .map_err(|e| io::Error::new(e.kind(), format!("cannot listen on {addr}: {e}")))
                .and_then(|listener| {
                    println!("listening on {}", listener.local_addr()?);
                    (parts.serve)(listener, parts.echo)
                })
        }
        Command::Client(args) => (parts.client)(
            SocketAddr::new(args.host, args.port),
            args.message.as_bytes(),
        )
        .and_then(|echo| io::stdout().write_all(&echo)),
    })
}

fn accept_loop(listener: TcpListener, echo: Echo) -> io::Result<()> {
    loop {
        let (stream, _) = listener.accept()?;
        let _ = echo(stream);
    }
}

fn buffers_until_eof(mut stream: TcpStream) -> io::Result<u64> {
    let mut all = Vec::new();
    stream.read_to_end(&mut all)?;
    stream.write_all(&all)?;
    Ok(all.len() as u64)
}

fn reads_once(mut stream: TcpStream) -> io::Result<u64> {
    let mut buffer = [0u8; 65536];
    let n = stream.read(&mut buffer)?;
    stream.write_all(&buffer[..n])?;
    Ok(n as u64)
}

fn closes_early(mut stream: TcpStream) -> io::Result<u64> {
    let mut buffer = [0u8; 8192];
    let mut total = 0;
    loop {
        let n = stream.read(&mut buffer)?;
        stream.write_all(&buffer[..n])?;
        total += n as u64;
        if n < buffer.len() {
            return Ok(total);
        }
    }
}

fn never_closes(stream: TcpStream) -> io::Result<u64> {
    // A second handle keeps the socket open after echo() drops the first.
    let _keep = stream.try_clone()?;
    let total = server::echo(stream)?;
    std::thread::park();
    Ok(total)
}

fn unwraps_bind(addr: SocketAddr) -> io::Result<TcpListener> {
    let socket = create_socket(addr)?;
    allow_address_reuse(&socket)?;
    bind(&socket, addr).unwrap();
    listen(&socket)?;
    Ok(socket.into())
}

fn no_reuseaddr(addr: SocketAddr) -> io::Result<TcpListener> {
    let socket = create_socket(addr)?;
    bind(&socket, addr)?;
    listen(&socket)?;
    Ok(socket.into())
}

fn ipv4_only(addr: SocketAddr) -> io::Result<TcpListener> {
    let socket = Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP))?;
    allow_address_reuse(&socket)?;
    bind(&socket, addr)?;
    listen(&socket)?;
    Ok(socket.into())
}

fn client_no_half_close(addr: SocketAddr, message: &[u8]) -> io::Result<Vec<u8>> {
    let mut stream = TcpStream::connect(addr)?;
    stream.write_all(message)?;
    let mut echoed = Vec::new();
    stream.read_to_end(&mut echoed)?;
    Ok(echoed)
}

fn client_first_piece(addr: SocketAddr, message: &[u8]) -> io::Result<Vec<u8>> {
    let mut stream = TcpStream::connect(addr)?;
    stream.write_all(message)?;
    stream.shutdown(std::net::Shutdown::Write)?;
    let mut buffer = [0u8; 4096];
    let n = stream.read(&mut buffer)?;
    Ok(buffer[..n].to_vec())
}
