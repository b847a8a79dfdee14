//! Broken lab 01 servers and clients: the solution with one mistake each.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::ExitCode;

use clap::Parser;
use solution01_hello::cli::{Cli, Command};
use solution01_hello::client;
use solution01_hello::protocol::{Reply, respond};
use solution01_hello::server::{handle_connection, read_command};

use crate::Mutant;

/// Which pieces a mutant replaces; the rest is the solution.
#[derive(Clone, Copy)]
pub struct Parts {
    /// The accept loop, given the connection handler.
    pub serve: fn(TcpListener, bool, Handler) -> io::Result<()>,
    pub handle: Handler,
    pub client: fn(SocketAddr, &str) -> io::Result<String>,
}

pub type Handler = fn(TcpStream) -> io::Result<()>;

const SOLUTION: Parts = Parts {
    serve: accept_loop,
    handle: handle_connection,
    client: client::run,
};

pub const MUTANTS: &[Mutant<Parts>] = &[
    Mutant {
        name: "wrong-greeting",
        bug: "answers Hello with \"Hello from Server\" (capital S)",
        caught_by: &["hello"],
        parts: Parts {
            handle: |s| lockstep(s, |c| tweak(c, "Hello", "Hello from Server")),
            ..SOLUTION
        },
    },
    Mutant {
        name: "stays-open-after-hello",
        bug: "keeps the connection open after answering Hello",
        caught_by: &["close-after-hello"],
        parts: Parts {
            handle: stays_open,
            ..SOLUTION
        },
    },
    Mutant {
        name: "naive-time",
        bug: "answers Time with \"2026-11-24 07:31:52\": no T, no offset",
        caught_by: &["time"],
        parts: Parts {
            handle: |s| lockstep(s, naive_time),
            ..SOLUTION
        },
    },
    Mutant {
        name: "closes-on-unknown",
        bug: "closes the connection after Unknown command",
        caught_by: &["unknown-command"],
        parts: Parts {
            handle: |s| {
                lockstep(s, |c| Reply {
                    close: true,
                    ..respond(c)
                })
            },
            ..SOLUTION
        },
    },
    Mutant {
        name: "one-command-per-connection",
        bug: "answers one command and closes, whatever it was",
        caught_by: &["several-commands"],
        parts: Parts {
            handle: one_command,
            ..SOLUTION
        },
    },
    Mutant {
        name: "new-bufreader-per-command",
        bug: "makes a new BufReader for each command, losing what the old one had buffered",
        caught_by: &["several-in-one-write"],
        parts: Parts {
            handle: new_bufreader_per_command,
            ..SOLUTION
        },
    },
    Mutant {
        name: "single-recv",
        bug: "takes what one recv() returns as a whole command",
        caught_by: &["fragments", "several-in-one-write"],
        parts: Parts {
            handle: single_recv,
            ..SOLUTION
        },
    },
    Mutant {
        name: "keeps-cr",
        bug: "strips the \\n but not a \\r before it",
        caught_by: &["crlf"],
        parts: Parts {
            handle: keeps_cr,
            ..SOLUTION
        },
    },
    Mutant {
        name: "drops-last-line",
        bug: "ignores a last line that has no newline",
        caught_by: &["last-line-without-newline"],
        parts: Parts {
            handle: drops_last_line,
            ..SOLUTION
        },
    },
    Mutant {
        name: "ignores-once",
        bug: "serves forever even with --once",
        caught_by: &["once"],
        parts: Parts {
            serve: |l, _once, h| accept_loop(l, false, h),
            ..SOLUTION
        },
    },
    Mutant {
        name: "exits-after-first",
        bug: "exits after the first connection even without --once",
        caught_by: &["second-connection"],
        parts: Parts {
            serve: |l, _once, h| accept_loop(l, true, h),
            ..SOLUTION
        },
    },
    Mutant {
        name: "client-no-newline",
        bug: "the client sends the message without a newline",
        caught_by: &["client-sends-hello"],
        parts: Parts {
            client: client_no_newline,
            ..SOLUTION
        },
    },
    Mutant {
        name: "client-single-read",
        bug: "the client prints what one recv() returned",
        caught_by: &["client-sends-hello"],
        parts: Parts {
            client: client_single_read,
            ..SOLUTION
        },
    },
    Mutant {
        name: "client-ignores-message",
        bug: "the client always sends Hello",
        caught_by: &["client-message"],
        parts: Parts {
            client: |addr, _message| client::run(addr, "Hello"),
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
    crate::run_mutant("lab01-", MUTANTS, |parts| match Cli::parse().command {
        Command::Server(args) => TcpListener::bind((args.host, args.port)).and_then(|listener| {
            println!("listening on {}", listener.local_addr()?);
            (parts.serve)(listener, args.once, parts.handle)
        }),
        Command::Client(args) => {
            (parts.client)(SocketAddr::new(args.host, args.port), &args.message)
                .map(|reply| println!("{reply}"))
        }
    })
}

/// The solution's accept loop, with the handler as a parameter.
fn accept_loop(listener: TcpListener, once: bool, handle: Handler) -> io::Result<()> {
    loop {
        let (stream, _) = listener.accept()?;
        let _ = handle(stream);
        if once {
            return Ok(());
        }
    }
}

/// The solution's connection loop with another reply function.
fn lockstep(stream: TcpStream, reply_to: fn(&str) -> Reply) -> io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    while let Some(command) = read_command(&mut reader)? {
        let reply = reply_to(&command);
        writer.write_all(format!("{}\n", reply.text).as_bytes())?;
        if reply.close {
            break;
        }
    }
    Ok(())
}

fn tweak(command: &str, when: &str, text: &str) -> Reply {
    let reply = respond(command);
    if command == when {
        Reply {
            text: text.to_string(),
            ..reply
        }
    } else {
        reply
    }
}

fn naive_time(command: &str) -> Reply {
    match command {
        "Time" => Reply {
            text: chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string(),
            close: false,
        },
        _ => respond(command),
    }
}

fn stays_open(stream: TcpStream) -> io::Result<()> {
    lockstep(stream, |c| Reply {
        close: false,
        ..respond(c)
    })
}

fn one_command(stream: TcpStream) -> io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    if let Some(command) = read_command(&mut reader)? {
        (&stream).write_all(format!("{}\n", respond(&command).text).as_bytes())?;
    }
    Ok(())
}

fn new_bufreader_per_command(stream: TcpStream) -> io::Result<()> {
    loop {
        let Some(command) = read_command(&mut BufReader::new(&stream))? else {
            return Ok(());
        };
        let reply = respond(&command);
        (&stream).write_all(format!("{}\n", reply.text).as_bytes())?;
        if reply.close {
            return Ok(());
        }
    }
}

fn single_recv(mut stream: TcpStream) -> io::Result<()> {
    let mut buffer = [0u8; 1024];
    loop {
        let n = stream.read(&mut buffer)?;
        if n == 0 {
            return Ok(());
        }
        let command = String::from_utf8_lossy(&buffer[..n]);
        let reply = respond(command.trim_end_matches(['\r', '\n']));
        stream.write_all(format!("{}\n", reply.text).as_bytes())?;
        if reply.close {
            return Ok(());
        }
    }
}

fn keeps_cr(stream: TcpStream) -> io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    while reader.read_line(&mut line)? > 0 {
        let reply = respond(line.trim_end_matches('\n'));
        (&stream).write_all(format!("{}\n", reply.text).as_bytes())?;
        if reply.close {
            break;
        }
        line.clear();
    }
    Ok(())
}

fn drops_last_line(stream: TcpStream) -> io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    while reader.read_line(&mut line)? > 0 && line.ends_with('\n') {
        let reply = respond(line.trim_end_matches(['\r', '\n']));
        (&stream).write_all(format!("{}\n", reply.text).as_bytes())?;
        if reply.close {
            break;
        }
        line.clear();
    }
    Ok(())
}

fn client_no_newline(addr: SocketAddr, message: &str) -> io::Result<String> {
    let mut stream = TcpStream::connect(addr)?;
    stream.write_all(message.as_bytes())?;
    let mut reply = String::new();
    BufReader::new(&stream).read_line(&mut reply)?;
    Ok(reply.trim_end().to_string())
}

fn client_single_read(addr: SocketAddr, message: &str) -> io::Result<String> {
    let mut stream = TcpStream::connect(addr)?;
    stream.write_all(format!("{message}\n").as_bytes())?;
    let mut buffer = [0u8; 1024];
    let n = stream.read(&mut buffer)?;
    Ok(String::from_utf8_lossy(&buffer[..n]).trim_end().to_string())
}
