//! The lab 01 mutants: the solution (solutions/01-hello/src) with one small
//! change each. build.rs applies them; a change whose `find` text no longer
//! occurs exactly once in the solution stops the build with a message.

use crate::mutant::{Change, Mutant, change};

pub const MUTANTS: &[Mutant<&[Change]>] = &[
    Mutant {
        name: "binds-everywhere",
        bug: "listens on 0.0.0.0 (every address) whatever --host says",
        caught_by: &["server-host"],
        parts: &[change(
            "main",
            "    let addr = SocketAddr::new(args.host, args.port);
    // socket() + bind() + listen() in one call",
            "    let addr = SocketAddr::new(args.host, args.port);
    // Mutant: listens on every address.
    let addr = SocketAddr::new(std::net::Ipv4Addr::UNSPECIFIED.into(), addr.port());
    // socket() + bind() + listen() in one call",
        )],
    },
    Mutant {
        name: "binds-everywhere-quietly",
        bug: "listens on 0.0.0.0 (every address) whatever --host says, and its ready line shows the address it was told",
        caught_by: &["server-host"],
        parts: &[
            change(
                "main",
                "    let addr = SocketAddr::new(args.host, args.port);\n    // socket() + bind() + listen()",
                "    // Mutant: listens on every address of the family, whatever --host says...\n    let any: std::net::IpAddr = if args.host.is_ipv4() {\n        std::net::Ipv4Addr::UNSPECIFIED.into()\n    } else {\n        std::net::Ipv6Addr::UNSPECIFIED.into()\n    };\n    let addr = SocketAddr::new(any, args.port);\n    // socket() + bind() + listen()",
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
        caught_by: &["client-sends-hello"],
        parts: &[change(
            "main",
            "    let addr = SocketAddr::new(args.host, args.port);
    let reply = client::run(addr,",
            "    let addr = SocketAddr::new(std::net::Ipv4Addr::LOCALHOST.into(), args.port);
    let reply = client::run(addr,",
        )],
    },
    Mutant {
        name: "wrong-greeting",
        bug: "answers Hello with \"Hello from Server\" (capital S)",
        caught_by: &["hello"],
        parts: &[change(
            "protocol",
            "\"Hello from server\".to_string()",
            "\"Hello from Server\".to_string()",
        )],
    },
    Mutant {
        name: "stays-open-after-hello",
        bug: "keeps the connection open after answering Hello",
        caught_by: &["close-after-hello"],
        parts: &[change(
            "server",
            "if reply.close {\n            break;\n        }",
            "",
        )],
    },
    Mutant {
        name: "naive-time",
        bug: "answers Time with \"2026-11-24 07:31:52\": no T, no offset",
        caught_by: &["time"],
        parts: &[change(
            "protocol",
            "Local::now().to_rfc3339_opts(SecondsFormat::Secs, false)",
            "Local::now().format(\"%Y-%m-%d %H:%M:%S\").to_string()",
        )],
    },
    Mutant {
        name: "utc-not-local",
        bug: "answers Time in UTC (+00:00) whatever TZ says",
        caught_by: &["time-is-local"],
        parts: &[change(
            "protocol",
            "Local::now().to_rfc3339_opts(SecondsFormat::Secs, false)",
            "chrono::Utc::now().fixed_offset().to_rfc3339_opts(SecondsFormat::Secs, false)",
        )],
    },
    Mutant {
        name: "fixed-offset",
        bug: "answers Time at the fixed offset +05:30 (the zone of the checker's first test) whatever TZ says",
        caught_by: &["time-is-local"],
        parts: &[change(
            "protocol",
            "Local::now().to_rfc3339_opts(SecondsFormat::Secs, false)",
            "chrono::Utc::now()
                .with_timezone(&chrono::FixedOffset::east_opt(5 * 3600 + 30 * 60).unwrap())
                .to_rfc3339_opts(SecondsFormat::Secs, false)",
        )],
    },
    Mutant {
        name: "start-time",
        bug: "reads the clock once, when the server starts, and answers that time ever after",
        caught_by: &["time-is-now"],
        parts: &[change(
            "protocol",
            "Local::now().to_rfc3339_opts(SecondsFormat::Secs, false)",
            "{\n                static START: std::sync::OnceLock<String> = std::sync::OnceLock::new();\n                START\n                    .get_or_init(|| Local::now().to_rfc3339_opts(SecondsFormat::Secs, false))\n                    .clone()\n            }",
        )],
    },
    Mutant {
        name: "time-from-the-future",
        bug: "answers Time with a time a day ahead, read at every request: the checker must not wait for the day to pass",
        caught_by: &["time", "time-is-now"],
        parts: &[change(
            "protocol",
            "Local::now().to_rfc3339_opts(SecondsFormat::Secs, false)",
            "(Local::now() + chrono::TimeDelta::days(1)).to_rfc3339_opts(SecondsFormat::Secs, false)",
        )],
    },
    Mutant {
        name: "hello-prefix",
        bug: "takes any line that starts with Hello for Hello (`Hello there` is answered and closed)",
        caught_by: &["unknown-command"],
        parts: &[change(
            "protocol",
            "        \"Hello\" => Reply {",
            "        c if c.starts_with(\"Hello\") => Reply {",
        )],
    },
    Mutant {
        name: "closes-on-unknown",
        bug: "closes the connection after Unknown command",
        caught_by: &["unknown-command"],
        parts: &[change(
            "protocol",
            "\"Unknown command\".to_string(),\n            close: false,",
            "\"Unknown command\".to_string(),\n            close: true,",
        )],
    },
    Mutant {
        name: "one-command-per-connection",
        bug: "answers one command and closes, whatever it was",
        caught_by: &["several-commands"],
        parts: &[change(
            "server",
            "if reply.close {",
            "if reply.close || true {",
        )],
    },
    Mutant {
        name: "new-bufreader-per-command",
        bug: "makes a new BufReader for each command, losing what the old one had buffered",
        caught_by: &["several-in-one-write"],
        parts: &[
            change(
                "server",
                "let mut reader = BufReader::new(stream.try_clone()?);\n",
                "",
            ),
            change(
                "server",
                "let mut writer = stream;",
                "let mut writer = stream.try_clone()?;",
            ),
            change(
                "server",
                "while let Some(command) = read_command(&mut reader)? {",
                "while let Some(command) = read_command(&mut BufReader::new(&stream))? {",
            ),
        ],
    },
    Mutant {
        name: "single-recv",
        bug: "takes what one recv() returns as a whole command",
        caught_by: &["fragments", "several-in-one-write"],
        parts: &[change(
            "server",
            "let read = reader\n        .by_ref()\n        .take(MAX_LINE as u64)\n        .read_until(b'\\n', &mut line)?;",
            "let read = {\n        line = reader.fill_buf()?.to_vec();\n        reader.consume(line.len());\n        line.len()\n    };",
        )],
    },
    Mutant {
        name: "keeps-cr",
        bug: "strips the \\n but not a \\r before it",
        caught_by: &["crlf"],
        parts: &[change(
            "server",
            "if line.ends_with(b\"\\r\") {\n        line.pop();\n    }",
            "",
        )],
    },
    Mutant {
        name: "drops-last-line",
        bug: "ignores a last line that has no newline",
        caught_by: &["last-line-without-newline"],
        parts: &[change(
            "server",
            "if read == 0 {",
            "if read == 0 || !line.ends_with(b\"\\n\") {",
        )],
    },
    Mutant {
        name: "long-line-not-skipped",
        bug: "cuts a line at 1024 bytes but reads the rest as a command of its own",
        caught_by: &["unknown-command"],
        parts: &[change("server", "        skip_line(reader)?;\n", "")],
    },
    Mutant {
        name: "strips-every-cr",
        bug: "strips every \\r at the end of a line (Python's rstrip(\"\\r\\n\")), so `Hello\\r\\r\\n` counts as Hello",
        caught_by: &["unknown-command"],
        parts: &[change(
            "server",
            "if line.ends_with(b\"\\r\") {\n        line.pop();\n    }",
            "while line.ends_with(b\"\\r\") {\n        line.pop();\n    }",
        )],
    },
    Mutant {
        name: "drops-every-cr",
        bug: "removes every \\r of a line, wherever it is, so `Hel\\rlo` counts as Hello",
        caught_by: &["unknown-command"],
        parts: &[change(
            "server",
            "if line.ends_with(b\"\\r\") {\n        line.pop();\n    }",
            "line.retain(|&b| b != b'\\r');",
        )],
    },
    Mutant {
        name: "trims-whitespace",
        bug: "trims all whitespace around a command (Python's strip()), so `Hello ` counts as Hello",
        caught_by: &["unknown-command"],
        parts: &[change(
            "server",
            "Ok(Some(String::from_utf8_lossy(&line).into_owned()))",
            "Ok(Some(String::from_utf8_lossy(&line).trim().to_string()))",
        )],
    },
    Mutant {
        name: "strict-utf8",
        bug: "takes a line that is not UTF-8 for an error and drops the connection (Python: decode() without errors=)",
        caught_by: &["unknown-command"],
        parts: &[change(
            "server",
            "Ok(Some(String::from_utf8_lossy(&line).into_owned()))",
            "String::from_utf8(line)\n        .map(Some)\n        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))",
        )],
    },
    Mutant {
        name: "waits-after-end-of-stream",
        bug: "takes end of stream for \"nothing yet\" and waits for more, so a connection the client ended is never closed",
        caught_by: &["end-of-stream"],
        parts: &[change(
            "server",
            "while let Some(command) = read_command(&mut reader)? {",
            "loop {\n        // Mutant: end of stream is not the end; wait for more.\n        let Some(command) = read_command(&mut reader)? else {\n            std::thread::park();\n            continue;\n        };",
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
        name: "ignores-once",

        bug: "serves forever even with --once",
        caught_by: &["once"],
        parts: &[change("server", "if once {", "if once && false {")],
    },
    Mutant {
        name: "exits-after-first",
        bug: "exits after the first connection even without --once",
        caught_by: &["second-connection"],
        parts: &[change("server", "if once {", "if once || true {")],
    },
    Mutant {
        name: "server-default-port",
        bug: "the server's --port defaults to 7000, not the lab's 7701",
        caught_by: &["server-host"],
        parts: &[change(
            "cli",
            "    /// The port to listen on; 0 lets the operating system pick a free one.
    #[arg(long, default_value_t = DEFAULT_PORT)]",
            "    /// The port to listen on; 0 lets the operating system pick a free one.
    #[arg(long, default_value_t = 7000)]",
        )],
    },
    Mutant {
        name: "server-default-host-everywhere",
        bug: "the server's --host defaults to 0.0.0.0 (every address), not 127.0.0.1",
        caught_by: &["server-host"],
        parts: &[change(
            "cli",
            "    /// from this machine; 0.0.0.0 or :: from anywhere).
    #[arg(long, default_value = \"127.0.0.1\")]",
            "    /// from this machine; 0.0.0.0 or :: from anywhere).
    #[arg(long, default_value = \"0.0.0.0\")]",
        )],
    },
    Mutant {
        name: "client-default-port",
        bug: "the client's --port defaults to 7000, not the lab's 7701",
        caught_by: &["client-sends-hello"],
        parts: &[change(
            "cli",
            "    /// The server's port.
    #[arg(long, default_value_t = DEFAULT_PORT)]",
            "    /// The server's port.
    #[arg(long, default_value_t = 7000)]",
        )],
    },
    Mutant {
        name: "client-error-on-stdout",
        bug: "the client prints its error message on stdout, not stderr",
        caught_by: &["client-refused"],
        parts: &[change(
            "main",
            "            eprintln!(\"error: {message}\");",
            "            println!(\"error: {message}\");",
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
        name: "client-no-newline",
        bug: "the client sends the message without a newline",
        caught_by: &["client-sends-hello"],
        parts: &[change(
            "client",
            "stream.write_all(format!(\"{message}\\n\").as_bytes())?;",
            "stream.write_all(message.as_bytes())?;",
        )],
    },
    Mutant {
        name: "client-single-read",
        bug: "the client prints what one recv() returned",
        caught_by: &["client-sends-hello"],
        parts: &[change(
            "client",
            "BufReader::new(&stream).read_line(&mut reply)?;",
            "let mut buffer = [0u8; 1024];\n    let n = std::io::Read::read(&mut &stream, &mut buffer)?;\n    reply = String::from_utf8_lossy(&buffer[..n]).into_owned();",
        )],
    },
    Mutant {
        name: "client-chatty-stdout",
        bug: "the client says where it connects on stdout, before the reply",
        caught_by: &["client-sends-hello", "client-message"],
        parts: &[change(
            "main",
            "    println!(\"{reply}\");",
            "    println!(\"connected to {addr}\");\n    println!(\"{reply}\");",
        )],
    },
    Mutant {
        name: "client-reads-to-end",
        bug: "the client reads until the server closes, so after Time (the connection stays open) it never exits",
        caught_by: &["client-message"],
        parts: &[change(
            "client",
            "BufReader::new(&stream).read_line(&mut reply)?;",
            "std::io::Read::read_to_string(&mut &stream, &mut reply)?;",
        )],
    },
    Mutant {
        name: "client-ignores-message",
        bug: "the client always sends Hello",
        caught_by: &["client-message"],
        parts: &[change(
            "main",
            "client::run(addr, &args.message)",
            "client::run(addr, \"Hello\")",
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
        name: "crlf-replies",
        bug: "correct: ends every reply and the client's printed line with \\r\\n",
        caught_by: &[],
        parts: &[
            change(
                "server",
                "writer.write_all(format!(\"{}\\n\", reply.text).as_bytes())?;",
                "writer.write_all(format!(\"{}\\r\\n\", reply.text).as_bytes())?;",
            ),
            change(
                "main",
                "    println!(\"{reply}\");",
                "    print!(\"{reply}\\r\\n\");",
            ),
        ],
    },
    Mutant {
        name: "time-with-milliseconds",
        bug: "correct: answers Time with milliseconds (RFC 3339 allows a fraction of a second)",
        caught_by: &[],
        parts: &[change(
            "protocol",
            "Local::now().to_rfc3339_opts(SecondsFormat::Secs, false)",
            "Local::now().to_rfc3339_opts(SecondsFormat::Millis, false)",
        )],
    },
    Mutant {
        name: "client-system-error",
        bug: "correct: the client says the error as the system words it (`{addr}: {error}`)",
        caught_by: &[],
        parts: &[change(
            "main",
            "        std::io::ErrorKind::ConnectionRefused => {",
            "        std::io::ErrorKind::ConnectionRefused if false => {",
        )],
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
        bug: "correct: sends each reply one byte per write (one segment each), and prints it a character at a time",
        caught_by: &[],
        parts: &[
            change(
                "server",
                "writer.write_all(format!(\"{}\\n\", reply.text).as_bytes())?;",
                "writer.set_nodelay(true)?;
        for byte in format!(\"{}\\n\", reply.text).bytes() {
            writer.write_all(&[byte])?;
        }",
            ),
            change(
                "main",
                "    println!(\"{reply}\");",
                "    for c in format!(\"{reply}\\n\").chars() {
        use std::io::Write as _;
        print!(\"{c}\");
        let _ = std::io::stdout().flush();
    }",
            ),
        ],
    },
    Mutant {
        name: "chatty-stderr",
        bug: "correct: logs every command and reply on stderr",
        caught_by: &[],
        parts: &[change(
            "server",
            "        let reply = respond(&command);",
            "        eprintln!(\"command {command:?}\");
        let reply = respond(&command);
        eprintln!(\"reply {:?}\", reply.text);",
        )],
    },
];

/// Hostile programs: the solution plus something a grader must survive
/// (tests/hostile.rs). Built into the same binary as the mutants.
pub const HOSTILE: &[Mutant<&[Change]>] = &[
    Mutant {
        name: "hostile-daemon",
        bug: "double-forks a setsid() daemon that sleeps forever",
        caught_by: &[],
        parts: &[change(
            "main",
            "    server::serve(listener, args.once).map_err(|e| format!(\"server stopped: {e}\"))",
            "    // Hostile: a daemon that leaves the process group and the session.
    // SAFETY: fork in a test program; the children only sleep or exit.
    unsafe {
        if libc::fork() == 0 {
            libc::setsid();
            if libc::fork() == 0 {
                loop {
                    libc::sleep(1);
                }
            }
            libc::_exit(0);
        }
    }
    server::serve(listener, args.once).map_err(|e| format!(\"server stopped: {e}\"))",
        )],
    },
    Mutant {
        name: "hostile-proc-writer",
        bug: "a daemon opens the checker's stdout through /proc and writes into it once the checker has exited",
        caught_by: &[],
        parts: &[change(
            "main",
            "    server::serve(listener, args.once).map_err(|e| format!(\"server stopped: {e}\"))",
            "    // Hostile: hold the checker's stdout, write into it after it exits.
    let checker = std::os::unix::process::parent_id();
    // SAFETY: fork in a test program; the child opens a file and writes.
    unsafe {
        if libc::fork() == 0 {
            libc::setsid();
            if libc::fork() == 0 {
                let path = std::ffi::CString::new(format!(\"/proc/{checker}/fd/1\")).unwrap();
                let fd = libc::open(path.as_ptr(), libc::O_WRONLY | libc::O_APPEND);
                while libc::kill(checker as i32, 0) == 0 {
                    libc::usleep(2000);
                }
                let text = b\"HACKED: a leftover process wrote this\\n\";
                libc::write(fd, text.as_ptr().cast(), text.len());
                libc::_exit(0);
            }
            libc::_exit(0);
        }
    }
    server::serve(listener, args.once).map_err(|e| format!(\"server stopped: {e}\"))",
        )],
    },
    Mutant {
        name: "hostile-env-spy",
        bug: "prints a secret-looking environment variable if it can see it",
        caught_by: &[],
        parts: &[change(
            "main",
            "    server::serve(listener, args.once).map_err(|e| format!(\"server stopped: {e}\"))",
            "    // Hostile: steal what the environment holds.
    for (name, value) in std::env::vars() {
        if name.contains(\"SECRET\") || name.contains(\"TOKEN\") {
            println!(\"stolen {name}={value}\");
            eprintln!(\"stolen {name}={value}\");
        }
    }
    server::serve(listener, args.once).map_err(|e| format!(\"server stopped: {e}\"))",
        )],
    },
    Mutant {
        name: "hostile-fork-bomb",
        bug: "starts 2000 processes that sleep (a capped fork bomb)",
        caught_by: &[],
        parts: &[change(
            "main",
            "    server::serve(listener, args.once).map_err(|e| format!(\"server stopped: {e}\"))",
            "    // Hostile: a fork bomb, capped so that a bug in the checker can't take
    // the machine down.
    for _ in 0..2000 {
        // SAFETY: fork in a test program; the children only sleep.
        unsafe {
            match libc::fork() {
                0 => loop {
                    libc::sleep(1);
                },
                -1 => break,
                _ => {}
            }
        }
    }
    server::serve(listener, args.once).map_err(|e| format!(\"server stopped: {e}\"))",
        )],
    },
    Mutant {
        name: "hostile-memory-hog",
        bug: "allocates and touches 16 GiB",
        caught_by: &[],
        parts: &[change(
            "main",
            "    server::serve(listener, args.once).map_err(|e| format!(\"server stopped: {e}\"))",
            "    // Hostile: eat all the memory there is.
    let mut hog: Vec<Vec<u8>> = Vec::new();
    for _ in 0..64 {
        let mut block = vec![0u8; 256 << 20];
        for page in (0..block.len()).step_by(4096) {
            block[page] = 1;
        }
        hog.push(block);
    }
    std::hint::black_box(&hog);
    server::serve(listener, args.once).map_err(|e| format!(\"server stopped: {e}\"))",
        )],
    },
    Mutant {
        name: "hostile-file-filler",
        bug: "writes a 1 GB file",
        caught_by: &[],
        parts: &[change(
            "main",
            "    server::serve(listener, args.once).map_err(|e| format!(\"server stopped: {e}\"))",
            "    // Hostile: fill the disk.
    {
        use std::io::Write as _;
        let path = std::env::temp_dir().join(format!(\"socklab-hostile-{}\", std::process::id()));
        let mut file = std::fs::File::create(&path).unwrap();
        let block = vec![b'x'; 1 << 20];
        for _ in 0..1024 {
            if file.write_all(&block).is_err() {
                break;
            }
        }
        let _ = std::fs::remove_file(&path);
    }
    server::serve(listener, args.once).map_err(|e| format!(\"server stopped: {e}\"))",
        )],
    },
    Mutant {
        name: "hostile-fake-pass",
        bug: "prints ANSI escapes and fake PASS lines, then panics",
        caught_by: &[],
        parts: &[change(
            "main",
            "    server::serve(listener, args.once).map_err(|e| format!(\"server stopped: {e}\"))",
            "    // Hostile: pose as the checker.
    for _ in 0..3 {
        eprintln!(\"\\x1b[2J\\x1b[H  PASS  lab01 hello 2/2\\r  PASS hello                        2/2\");
    }
    println!(\"\\x1b[32m  PASS  lab01: 14/14 tests, 20/20 points\\x1b[0m\");
    panic!(\"\\x1b[2J  PASS  lab01 hello 2/2\");
    server::serve(listener, args.once).map_err(|e| format!(\"server stopped: {e}\"))",
        )],
    },
    Mutant {
        name: "hostile-huge-panic",
        bug: "panics with a 100 MB message",
        caught_by: &[],
        parts: &[change(
            "main",
            "    server::serve(listener, args.once).map_err(|e| format!(\"server stopped: {e}\"))",
            "    // Hostile: a panic message of 100 MB.
    panic!(\"{}\", \"x\".repeat(100 << 20));
    server::serve(listener, args.once).map_err(|e| format!(\"server stopped: {e}\"))",
        )],
    },
];
