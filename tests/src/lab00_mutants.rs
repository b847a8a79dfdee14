//! The lab 00 mutants: the solution (solutions/00-echo/src) with one small
//! change each. build.rs applies them; a change whose `find` text no longer
//! occurs exactly once in the solution stops the build with a message.

use crate::mutant::{Change, Mutant, change};

/// Where echo()'s body starts: mutants that echo differently put their
/// own body first and return before the solution's.
const ECHO: &str = "pub fn echo(mut stream: TcpStream) -> io::Result<u64> {";

pub const MUTANTS: &[Mutant<&[Change]>] = &[
    Mutant {
        name: "binds-everywhere",
        bug: "listens on 0.0.0.0 (every address) whatever --host says",
        caught_by: &["server-host"],
        parts: &[change(
            "main",
            "    let addr = SocketAddr::new(args.host, args.port);
    let listener = listener::open_listener(addr)",
            "    let addr = SocketAddr::new(args.host, args.port);
    // Mutant: listens on every address.
    let addr = SocketAddr::new(std::net::Ipv4Addr::UNSPECIFIED.into(), addr.port());
    let listener = listener::open_listener(addr)",
        )],
    },
    Mutant {
        name: "binds-everywhere-quietly",
        bug: "listens on 0.0.0.0 (every address) whatever --host says, and its ready line shows the address it was told",
        caught_by: &["server-host"],
        parts: &[
            change(
                "main",
                "    let addr = SocketAddr::new(args.host, args.port);\n    let listener = listener::open_listener(addr)",
                "    // Mutant: listens on every address of the family, whatever --host says...\n    let any: std::net::IpAddr = if args.host.is_ipv4() {\n        std::net::Ipv4Addr::UNSPECIFIED.into()\n    } else {\n        std::net::Ipv6Addr::UNSPECIFIED.into()\n    };\n    let addr = SocketAddr::new(any, args.port);\n    let listener = listener::open_listener(addr)",
            ),
            change(
                "main",
                "println!(\"listening on {local}\");",
                "// ...and its ready line shows the address it was told.\n    println!(\"listening on {}\", SocketAddr::new(args.host, local.port()));",
            ),
        ],
    },
    Mutant {
        name: "client-ignores-host",
        bug: "the client dials 127.0.0.1 whatever --host says",
        caught_by: &["client-echo"],
        parts: &[change(
            "main",
            "    let addr = SocketAddr::new(args.host, args.port);
    let echoed = client::run(addr,",
            "    let addr = SocketAddr::new(std::net::Ipv4Addr::LOCALHOST.into(), args.port);
    let echoed = client::run(addr,",
        )],
    },
    Mutant {
        name: "buffers-until-eof",
        bug: "reads everything until the client half-closes, then echoes it all at once",
        caught_by: &["short-message"],
        parts: &[change(
            "server",
            ECHO,
            "pub fn echo(mut stream: TcpStream) -> io::Result<u64> {\n    let mut all = Vec::new();\n    stream.read_to_end(&mut all)?;\n    stream.write_all(&all)?;\n    return Ok(all.len() as u64);",
        )],
    },
    Mutant {
        name: "echoes-line-by-line",
        bug: "echoes a line at a time, holding bytes back until a newline (or the end)",
        caught_by: &["short-message"],
        parts: &[change(
            "server",
            ECHO,
            "pub fn echo(mut stream: TcpStream) -> io::Result<u64> {
    let mut lines = io::BufReader::new(stream.try_clone()?);
    let mut total = 0;
    loop {
        let mut line = Vec::new();
        if io::BufRead::read_until(&mut lines, b'\\n', &mut line)? == 0 {
            return Ok(total);
        }
        stream.write_all(&line)?;
        total += line.len() as u64;
    }",
        )],
    },
    Mutant {
        name: "reads-once",
        bug: "echoes what one recv() returned and closes",
        caught_by: &["large-binary", "many-small-pieces"],
        parts: &[change(
            "server",
            ECHO,
            "pub fn echo(mut stream: TcpStream) -> io::Result<u64> {\n    let mut once = [0u8; 65536];\n    let n = stream.read(&mut once)?;\n    stream.write_all(&once[..n])?;\n    return Ok(n as u64);",
        )],
    },
    Mutant {
        name: "closes-early",
        bug: "stops as soon as a recv() returns less than a full buffer, taking that as the end",
        caught_by: &["large-binary", "many-small-pieces"],
        parts: &[change(
            "server",
            "total += received as u64;",
            "total += received as u64;\n        if received < buffer.len() {\n            break;\n        }",
        )],
    },
    Mutant {
        name: "never-closes",
        bug: "keeps the connection open after the client's half-close",
        caught_by: &["close-after-half-close"],
        parts: &[change(
            "server",
            "    Ok(total)",
            "    std::thread::park();\n    Ok(total)",
        )],
    },
    Mutant {
        name: "one-client-only",
        bug: "exits after its first client",
        caught_by: &["several-clients"],
        parts: &[change(
            "server",
            "Err(e) => eprintln!(\"{peer} dropped: {e}\"),\n        }",
            "Err(e) => eprintln!(\"{peer} dropped: {e}\"),\n        }\n        return Ok(());",
        )],
    },
    Mutant {
        name: "dies-on-connection-error",
        bug: "returns a connection's error from the accept loop, so a client that resets its connection stops the server",
        caught_by: &["connection-reset"],
        parts: &[change(
            "server",
            "Err(e) => eprintln!(\"{peer} dropped: {e}\"),",
            "Err(e) => return Err(e),",
        )],
    },
    Mutant {
        name: "unwraps-bind",

        bug: "unwrap()s bind(), so a port in use or a privileged port is a panic",
        caught_by: &["port-in-use", "privileged-port"],
        parts: &[change(
            "listener",
            "bind(&socket, addr)?;",
            "bind(&socket, addr).unwrap();",
        )],
    },
    Mutant {
        name: "no-reuseaddr",
        bug: "does not set SO_REUSEADDR, so it cannot restart while old connections are in TIME_WAIT",
        caught_by: &["restart-same-port"],
        parts: &[change(
            "listener",
            "    allow_address_reuse(&socket)?;\n",
            "",
        )],
    },
    Mutant {
        name: "ipv4-only",
        bug: "always creates an IPv4 socket, whatever the address",
        caught_by: &["ipv6"],
        parts: &[change(
            "listener",
            "Domain::for_address(addr)",
            "Domain::IPV4",
        )],
    },
    Mutant {
        name: "server-default-port",
        bug: "the server's --port defaults to 7000, not the lab's 7700",
        caught_by: &["server-host"],
        parts: &[change(
            "cli",
            "    /// The port to listen on (0 to 65535); 0 lets the operating system pick.
    #[arg(long, default_value_t = DEFAULT_PORT)]",
            "    /// The port to listen on (0 to 65535); 0 lets the operating system pick.
    #[arg(long, default_value_t = 7000)]",
        )],
    },
    Mutant {
        name: "server-default-host-everywhere",
        bug: "the server's --host defaults to 0.0.0.0 (every address), not 127.0.0.1",
        caught_by: &["server-host"],
        parts: &[change(
            "cli",
            "    /// only), 0.0.0.0 or :: (every interface).
    #[arg(long, default_value = \"127.0.0.1\")]",
            "    /// only), 0.0.0.0 or :: (every interface).
    #[arg(long, default_value = \"0.0.0.0\")]",
        )],
    },
    Mutant {
        name: "client-default-port",
        bug: "the client's --port defaults to 7000, not the lab's 7700",
        caught_by: &["client-echo"],
        parts: &[change(
            "cli",
            "    /// The server's port.
    #[arg(long, default_value_t = DEFAULT_PORT)]",
            "    /// The server's port.
    #[arg(long, default_value_t = 7000)]",
        )],
    },
    Mutant {
        name: "client-default-message",
        bug: "the client's --message defaults to \"hello\", not \"hello, echo\"",
        caught_by: &["client-echo"],
        parts: &[change(
            "cli",
            "default_value = \"hello, echo\"",
            "default_value = \"hello\"",
        )],
    },
    Mutant {
        name: "client-println",
        bug: "the client println!s what came back, so an echo that ends in a newline is printed with two",
        caught_by: &["client-echo"],
        parts: &[change(
            "main",
            "    let newline: &[u8] = if echoed.ends_with(b\"\\n\") { b\"\" } else { b\"\\n\" };",
            "    let newline: &[u8] = b\"\\n\";",
        )],
    },
    Mutant {
        name: "client-no-newline",
        bug: "the client prints what came back as it is, without a newline when it had none",
        caught_by: &["client-echo"],
        parts: &[change(
            "main",
            "    let newline: &[u8] = if echoed.ends_with(b\"\\n\") { b\"\" } else { b\"\\n\" };",
            "    let newline: &[u8] = b\"\";",
        )],
    },
    Mutant {
        name: "errors-on-stdout",
        bug: "prints its error messages on stdout, not stderr",
        caught_by: &["port-in-use", "client-refused"],
        parts: &[change(
            "main",
            "            eprintln!(\"error: {message}\");",
            "            println!(\"error: {message}\");",
        )],
    },
    Mutant {
        name: "port-error-without-port",
        bug: "says the address is in use without naming the port",
        caught_by: &["port-in-use"],
        parts: &[change(
            "main",
            "        ErrorKind::AddrInUse => format!(
            \"cannot listen on {addr}: port {port} is already in use. Another program \\",
            "        ErrorKind::AddrInUse => format!(
            \"cannot listen: the address is already in use. Another program \\",
        )],
    },
    Mutant {
        name: "client-refused-vague",
        bug: "the client says only that it could not connect, not why",
        caught_by: &["client-refused"],
        parts: &[change(
            "main",
            "                \"cannot connect to {addr}: connection refused (is the server running on that port?)\"",
            "                \"cannot connect to {addr}\"",
        )],
    },
    Mutant {
        name: "client-no-half-close",
        bug: "the client never shuts down its sending side, so both ends wait forever",
        caught_by: &["client-echo"],
        parts: &[change(
            "client",
            "    stream.shutdown(Shutdown::Write)?;\n",
            "",
        )],
    },
    Mutant {
        name: "client-first-piece",
        bug: "the client prints what its first recv() returned",
        caught_by: &["client-echo"],
        parts: &[change(
            "client",
            "stream.read_to_end(&mut echoed)?;",
            "let mut buffer = [0u8; 4096];\n    let n = stream.read(&mut buffer)?;\n    echoed.extend_from_slice(&buffer[..n]);",
        )],
    },
    Mutant {
        name: "client-prints-its-message",
        bug: "the client reads until the server closes but prints the message it sent, not what came back",
        caught_by: &["client-echo"],
        parts: &[change(
            "client",
            "    stream.read_to_end(&mut echoed)?;\n    Ok(echoed)",
            "    stream.read_to_end(&mut echoed)?;\n    Ok(message.to_vec())",
        )],
    },
    Mutant {
        name: "client-unwraps",
        bug: "the client unwrap()s connect(), so a refused connection is a panic",
        caught_by: &["client-refused"],
        parts: &[change(
            "client",
            "TcpStream::connect(addr)?;",
            "TcpStream::connect(addr).unwrap();",
        )],
    },
];

/// Correct variants: changes the handouts allow. Each must score full
/// marks; a checker that fails one fails correct students' work.
pub const VARIANTS: &[Mutant<&[Change]>] = &[
    Mutant {
        name: "system-errors-as-they-are",
        bug: "correct: says each error as the system words it (`{addr}: {error}`), with none of the solution's explanations",
        caught_by: &[],
        parts: &[
            change(
                "main",
                "    let port = addr.port();
    match error.kind() {",
                "    let port = addr.port();
    if port > 0 {
        return format!(\"{addr}: {error}\");
    }
    match error.kind() {",
            ),
            change(
                "main",
                "        ErrorKind::ConnectionRefused => {",
                "        ErrorKind::ConnectionRefused if false => {",
            ),
        ],
    },
    Mutant {
        name: "ready-line-in-pieces",
        bug: "correct: writes the ready line in three pieces",
        caught_by: &[],
        parts: &[change(
            "main",
            "    println!(\"listening on {local}\");",
            "    // Correct variant: the ready line in three writes, a pause between.
    {
        use std::io::Write as _;
        let text = local.to_string();
        let (head, tail) = text.split_at(text.len() - 2);
        let mut out = std::io::stdout();
        for piece in [\"listening on \", head] {
            let _ = out.write_all(piece.as_bytes());
            let _ = out.flush();
            std::thread::sleep(std::time::Duration::from_millis(30));
        }
        let _ = out.write_all(format!(\"{tail}\\n\").as_bytes());
        let _ = out.flush();
    }",
        )],
    },
    Mutant {
        name: "byte-by-byte",
        bug: "correct: echoes one byte per send(), each its own segment (slow: a megabyte takes seconds, more on a loaded machine, and must still pass while it keeps coming)",
        caught_by: &[],
        parts: &[change(
            "server",
            "        stream.write_all(&buffer[..received])?;",
            "        stream.set_nodelay(true)?;
        for byte in &buffer[..received] {
            stream.write_all(std::slice::from_ref(byte))?;
        }",
        )],
    },
    Mutant {
        name: "chatty-stderr",
        bug: "correct: logs every recv() on stderr",
        caught_by: &[],
        parts: &[change(
            "server",
            "        if received == 0 {
            break;
        }",
            "        eprintln!(\"recv() -> {received} bytes\");
        if received == 0 {
            break;
        }",
        )],
    },
];
