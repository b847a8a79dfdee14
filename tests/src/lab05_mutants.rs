//! The lab 05 mutants: the solution (solutions/05-time/src) with one small
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
    let listener = TcpListener::bind(addr)",
            "    let addr = SocketAddr::new(args.host, args.port);
    // Mutant: listens on every address.
    let addr = SocketAddr::new(std::net::Ipv4Addr::UNSPECIFIED.into(), addr.port());
    let listener = TcpListener::bind(addr)",
        )],
    },
    Mutant {
        name: "client-ignores-host",
        bug: "the client dials 127.0.0.1 whatever --host says",
        caught_by: &["client-tcp"],
        parts: &[change(
            "main",
            "    let addr = SocketAddr::new(args.host, args.port);
    let show = |s: &Sample|",
            "    let addr = SocketAddr::new(std::net::Ipv4Addr::LOCALHOST.into(), args.port);
    let show = |s: &Sample|",
        )],
    },
    Mutant {
        name: "local-time",
        bug: "answers with local time written as if it were UTC (chrono::Local)",
        caught_by: &["time-is-utc"],
        parts: &[change(
            "protocol",
            "format_time(Utc::now())",
            "format_time(chrono::Local::now().naive_local().and_utc())",
        )],
    },
    Mutant {
        name: "start-time",
        bug: "reads the clock once, when the server starts, and answers that time ever after",
        caught_by: &["time-is-now"],
        parts: &[change(
            "protocol",
            "format_time(Utc::now())",
            "{
        static START: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        START.get_or_init(|| format_time(Utc::now())).clone()
    }",
        )],
    },
    Mutant {
        name: "fake-millis",
        bug: "reads the clock to the second and writes .000 for the milliseconds",
        caught_by: &["time-is-now"],
        parts: &[change(
            "protocol",
            "format_time(Utc::now())",
            "format_time(chrono::Timelike::with_nanosecond(&Utc::now(), 0).unwrap())",
        )],
    },
    Mutant {
        name: "cached-time",
        bug: "keeps the time read for one request and answers it to the next ones until it is 100 ms old",
        caught_by: &["time-is-now"],
        parts: &[change(
            "protocol",
            "format_time(Utc::now())",
            "{
        // Mutant: a time cached for 100 ms, as a busy server might.
        use std::sync::Mutex;
        use std::time::{Duration, Instant};
        static CACHE: Mutex<Option<(Instant, String)>> = Mutex::new(None);
        let mut cache = CACHE.lock().unwrap();
        match &*cache {
            Some((at, text)) if at.elapsed() < Duration::from_millis(100) => text.clone(),
            _ => {
                let text = format_time(Utc::now());
                *cache = Some((Instant::now(), text.clone()));
                text
            }
        }
    }",
        )],
    },
    Mutant {
        name: "no-millis",
        bug: "answers 2026-11-24T06:31:52Z, without milliseconds",
        caught_by: &["time-format"],
        parts: &[change(
            "protocol",
            "SecondsFormat::Millis",
            "SecondsFormat::Secs",
        )],
    },
    Mutant {
        name: "case-sensitive",
        bug: "answers only TIME in capitals",
        caught_by: &["case-insensitive"],
        parts: &[change(
            "protocol",
            "command.eq_ignore_ascii_case(\"TIME\")",
            "command == \"TIME\"",
        )],
    },
    Mutant {
        name: "trims-spaces",
        bug: "trim()s the request line, so ` TIME ` is taken for TIME",
        caught_by: &["unknown-command"],
        parts: &[change(
            "protocol",
            "let command = line.strip_suffix('\\r').unwrap_or(line);",
            "let command = line.trim();",
        )],
    },
    Mutant {
        name: "last-request-first",
        bug: "takes the requests that arrived in one read off a stack (Vec::pop): the last is answered first",
        caught_by: &["many-requests"],
        parts: &[change(
            "server",
            "    while let Some(line) = read_request(&mut reader)? {
        let reply = match parse_request(&line) {
            Request::Time => now_utc(),
            Request::Quit => break,
            Request::Unknown => UNKNOWN_COMMAND.to_string(),
        };
        // send() the reply and its newline in one write.
        writer.write_all(format!(\"{reply}\\n\").as_bytes())?;
    }",
            "    // Mutant: the lines of one read, answered off a stack, last first.
    'connection: while let Some(first) = read_request(&mut reader)? {
        let mut lines = vec![first];
        while !reader.buffer().is_empty() {
            match read_request(&mut reader)? {
                Some(line) => lines.push(line),
                None => break,
            }
        }
        while let Some(line) = lines.pop() {
            let reply = match parse_request(&line) {
                Request::Time => now_utc(),
                Request::Quit => break 'connection,
                Request::Unknown => UNKNOWN_COMMAND.to_string(),
            };
            writer.write_all(format!(\"{reply}\\n\").as_bytes())?;
        }
    }",
        )],
    },
    Mutant {
        name: "closes-on-unknown",
        bug: "closes the connection on an unknown command",
        caught_by: &["unknown-command"],
        parts: &[change(
            "server",
            "            Request::Quit => break,
            Request::Unknown => UNKNOWN_COMMAND.to_string(),",
            "            Request::Quit | Request::Unknown => break,",
        )],
    },
    Mutant {
        name: "quit-ignored",
        bug: "ignores QUIT and keeps the connection open",
        caught_by: &["quit"],
        parts: &[change(
            "server",
            "            Request::Quit => break,",
            "            Request::Quit => continue,",
        )],
    },
    Mutant {
        name: "closes-after-one",
        bug: "closes the connection after one reply",
        caught_by: &["many-requests"],
        parts: &[change(
            "server",
            "        writer.write_all(format!(\"{reply}\\n\").as_bytes())?;",
            "        writer.write_all(format!(\"{reply}\\n\").as_bytes())?;
        break;",
        )],
    },
    Mutant {
        name: "reads-after-end-of-stream",
        bug: "takes the end of the stream for an empty read and reads again: the thread spins and never closes",
        caught_by: &["end-of-stream"],
        parts: &[change(
            "server",
            "    while let Some(line) = read_request(&mut reader)? {
        let reply",
            "    loop {
        // Mutant: end of stream read as nothing yet; read again.
        let Some(line) = read_request(&mut reader)? else {
            continue;
        };
        let reply",
        )],
    },
    Mutant {
        name: "long-line-in-pieces",
        bug: "cuts a long request line every 512 bytes and answers each piece",
        caught_by: &["long-request"],
        parts: &[change(
            "server",
            "    } else if read == MAX_REQUEST {
        // Too long: skip the rest of it, whatever its size, without
        // keeping any of it.
        skip_line(reader)?;
    }",
            "    }",
        )],
    },
    Mutant {
        name: "keeps-cr",
        bug: "keeps the \\r of TIME\\r\\n, so the request is unknown",
        caught_by: &["crlf-and-fragments"],
        parts: &[change(
            "protocol",
            "let command = line.strip_suffix('\\r').unwrap_or(line);",
            "let command = line;",
        )],
    },
    Mutant {
        name: "one-at-a-time",
        bug: "serves one connection at a time, on the accepting thread: never starts another",
        caught_by: &["many-connections", "idle-connection"],
        parts: &[change(
            "server",
            "        if stop_waiting(&acceptors) {
            start_acceptor(&acceptors);
        }
",
            "",
        )],
    },
    Mutant {
        name: "one-at-a-time-idle-timeout",
        bug: "serves one connection at a time, and closes one that is silent for 100 ms so the next gets its turn",
        caught_by: &["idle-connection"],
        parts: &[change(
            "server",
            "        if stop_waiting(&acceptors) {
            start_acceptor(&acceptors);
        }
",
            "        let _ = stream.set_read_timeout(Some(std::time::Duration::from_millis(100)));
",
        )],
    },
    Mutant {
        name: "udp-reply-from-another-port",
        bug: "sends each UDP reply from a new socket, so it comes from another port than the request went to",
        caught_by: &["udp-time", "udp-error"],
        parts: &[change(
            "server",
            "        if let Err(e) = socket.send_to(format!(\"{reply}\\n\").as_bytes(), peer) {",
            "        let replier = UdpSocket::bind(std::net::SocketAddr::new(socket.local_addr()?.ip(), 0))?;
        if let Err(e) = replier.send_to(format!(\"{reply}\\n\").as_bytes(), peer) {",
        )],
    },
    Mutant {
        name: "udp-binds-everywhere",
        bug: "binds the UDP socket to 0.0.0.0 (every address) whatever --host says",
        caught_by: &["udp-host"],
        parts: &[change(
            "main",
            "UdpSocket::bind(local).map_err(",
            "UdpSocket::bind(SocketAddr::new(
                std::net::Ipv4Addr::UNSPECIFIED.into(),
                local.port(),
            ))
            .map_err(",
        )],
    },
    Mutant {
        name: "udp-keeps-cr",
        bug: "compares a datagram with TIME itself after dropping a \\n, so `TIME\\r\\n` is unknown",
        caught_by: &["udp-time"],
        parts: &[change(
            "server",
            "    Some(match parse_request(line) {",
            "    Some(match if line.eq_ignore_ascii_case(\"TIME\") {
        Request::Time
    } else {
        Request::Unknown
    } {",
        )],
    },
    Mutant {
        name: "no-udp",
        bug: "--udp binds the socket but nobody answers it",
        caught_by: &["udp-time"],
        parts: &[change(
            "main",
            "        thread::spawn(move || server::serve_udp(socket));",
            "        drop(socket);",
        )],
    },
    Mutant {
        name: "udp-ignores-unknown",
        bug: "answers TIME over UDP and nothing else",
        caught_by: &["udp-error"],
        parts: &[change(
            "server",
            "        Request::Quit | Request::Unknown => UNKNOWN_COMMAND.to_string(),
    })",
            "        Request::Quit | Request::Unknown => return None,
    })",
        )],
    },
    Mutant {
        name: "udp-quit-unanswered",
        bug: "leaves a datagram QUIT unanswered, as if it closed something",
        caught_by: &["udp-error"],
        parts: &[change(
            "server",
            "        Request::Quit | Request::Unknown => UNKNOWN_COMMAND.to_string(),",
            "        Request::Quit => return None,
        Request::Unknown => UNKNOWN_COMMAND.to_string(),",
        )],
    },
    Mutant {
        name: "udp-dies-on-empty",
        bug: "stops answering UDP after an empty datagram",
        caught_by: &["udp-garbage"],
        parts: &[change(
            "server",
            "            continue; // an empty datagram: nothing asked, nothing to answer",
            "            return Ok(()); // an empty datagram ends the UDP side",
        )],
    },
    Mutant {
        name: "udp-only",
        bug: "with --udp serves UDP only: the TCP listener is bound, but nobody accepts",
        caught_by: &["udp-time"],
        parts: &[change(
            "main",
            "        thread::spawn(move || server::serve_udp(socket));",
            "        // Mutant: --udp serves UDP instead of TCP.
        println!(\"listening on {local}\");
        return server::serve_udp(socket).map_err(|e| format!(\"server stopped: {e}\"));",
        )],
    },
    Mutant {
        name: "no-udp-on-line",
        bug: "with --udp prints only the ready line, not `udp on <ip>:<port>`",
        caught_by: &["udp-time"],
        parts: &[change("main", "        println!(\"udp on {local}\");\n", "")],
    },
    Mutant {
        name: "udp-answers-empty",
        bug: "answers an empty datagram with ERROR unknown command",
        caught_by: &["udp-error"],
        parts: &[change(
            "server",
            "    if datagram.is_empty() {
        return None;
    }
",
            "",
        )],
    },
    Mutant {
        name: "udp-trims-spaces",
        bug: "trim()s a datagram, so ` TIME ` is taken for TIME over UDP",
        caught_by: &["udp-error"],
        parts: &[change(
            "server",
            "    let line = text.strip_suffix('\\n').unwrap_or(&text);
    Some(match parse_request(line) {",
            "    let line = text.trim();
    Some(match parse_request(line) {",
        )],
    },
    Mutant {
        name: "client-retries-after-half",
        bug: "the UDP client asks again after half the time it is given (0.5 s by default)",
        caught_by: &["client-udp-retry", "client-udp-gives-up"],
        parts: &[change(
            "client",
            "    socket.set_read_timeout(Some(timeout))?;",
            "    socket.set_read_timeout(Some(timeout / 2))?;",
        )],
    },
    Mutant {
        name: "client-retries-late",
        bug: "the UDP client asks again after 2.5 times the time it is given (2.5 s by default)",
        caught_by: &["client-udp-retry", "client-udp-gives-up"],
        parts: &[change(
            "client",
            "    socket.set_read_timeout(Some(timeout))?;",
            "    socket.set_read_timeout(Some(timeout * 5 / 2))?;",
        )],
    },
    Mutant {
        name: "client-default-retry-half",
        bug: "the UDP client waits 0.5 s by default, 500 where the handout says 1000 (--retry-ms is obeyed)",
        caught_by: &["client-udp-retry"],
        parts: &[change(
            "cli",
            "pub const DEFAULT_RETRY_MS: u64 = 1000;",
            "pub const DEFAULT_RETRY_MS: u64 = 500;",
        )],
    },
    Mutant {
        name: "client-ignores-retry-ms",
        bug: "the UDP client always waits 1 s, whatever --retry-ms says",
        caught_by: &["client-udp-gives-up"],
        parts: &[change(
            "main",
            "        let timeout = std::time::Duration::from_millis(args.retry_ms);",
            "        let timeout = std::time::Duration::from_millis(1000);",
        )],
    },
    Mutant {
        name: "client-silent-retry",
        bug: "the UDP client asks again without saying so on stderr",
        caught_by: &["client-udp-retry"],
        parts: &[change(
            "client",
            "                    eprintln!(\"no reply within {} ms; asking again\", timeout.as_millis());",
            "",
        )],
    },
    Mutant {
        name: "client-notes-after-reply",
        bug: "the UDP client says it asked again only once the reply to its next request came",
        caught_by: &["client-udp-retry"],
        parts: &[
            change(
                "client",
                "                    eprintln!(\"no reply within {} ms; asking again\", timeout.as_millis());",
                "                    retried = true;",
            ),
            change(
                "client",
                "        let received = Utc::now();
        let sample = estimate(server_time(&reply)?, rtt, received);
        show(&sample);
        samples.push(sample);
    }
    Ok(samples)",
                "        let received = Utc::now();
        if retried {
            eprintln!(\"asked again\");
        }
        let sample = estimate(server_time(&reply)?, rtt, received);
        show(&sample);
        samples.push(sample);
    }
    Ok(samples)",
            ),
            change(
                "client",
                "        let mut tries = 0;",
                "        let mut tries = 0;
        let mut retried = false;",
            ),
        ],
    },
    Mutant {
        name: "client-offset-inverted",
        bug: "prints local time - server time: the offset's sign is inverted",
        caught_by: &["client-tcp", "client-udp"],
        parts: &[change(
            "client",
            "offset_ms: server_ms + rtt_ms / 2.0 - received_ms,",
            "offset_ms: received_ms - server_ms - rtt_ms / 2.0,",
        )],
    },
    Mutant {
        name: "client-no-rtt",
        bug: "forgets rtt/2: offset = server time - local time",
        caught_by: &["client-tcp"],
        parts: &[change(
            "client",
            "offset_ms: server_ms + rtt_ms / 2.0 - received_ms,",
            "offset_ms: server_ms - received_ms,",
        )],
    },
    Mutant {
        name: "client-no-best",
        bug: "prints no best estimate after several requests",
        caught_by: &["client-tcp"],
        parts: &[change(
            "main",
            "    if samples.len() > 1 {",
            "    if false {",
        )],
    },
    Mutant {
        name: "client-best-is-first",
        bug: "the client's best offset is its first sample's, not the one with the lowest rtt",
        caught_by: &["client-tcp"],
        parts: &[change(
            "client",
            "        .min_by(|a, b| a.rtt_ms.total_cmp(&b.rtt_ms))",
            "        .next()",
        )],
    },
    Mutant {
        name: "client-no-retry",
        bug: "waits for a UDP reply forever: a lost request is never asked again",
        caught_by: &["client-udp-retry"],
        parts: &[change(
            "client",
            "    socket.set_read_timeout(Some(timeout))?;",
            "",
        )],
    },
    Mutant {
        name: "client-udp-asks-once",
        bug: "over UDP the client asks once, whatever --count says",
        caught_by: &["client-udp-count"],
        parts: &[change(
            "client",
            "    for _ in 0..count {
        let mut tries = 0;",
            "    for _ in 0..count.min(1) {
        let mut tries = 0;",
        )],
    },
    Mutant {
        name: "client-retries-forever",
        bug: "the UDP client asks again and again, never giving up",
        caught_by: &["client-udp-gives-up"],
        parts: &[change("client", "if tries == UDP_TRIES {", "if tries == u32::MAX {")],
    },
    Mutant {
        name: "client-unwraps",
        bug: "unwraps connect(): a refused connection panics",
        caught_by: &["client-refused"],
        parts: &[change(
            "client",
            "    let stream = TcpStream::connect(addr)?;",
            "    let stream = TcpStream::connect(addr).unwrap();",
        )],
    },
    Mutant {
        name: "client-no-quit",
        bug: "the client closes without saying QUIT",
        caught_by: &["client-quits"],
        parts: &[change("client", "    writer.write_all(b\"QUIT\\n\")?;\n", "")],
    },
];

/// Correct variants: changes the handout allows. Each must score full marks.
pub const VARIANTS: &[Mutant<&[Change]>] = &[
    Mutant {
        name: "crlf-replies",
        bug: "correct: ends TCP replies, UDP replies and the client's lines with \\r\\n",
        caught_by: &[],
        parts: &[
            change(
                "server",
                "        writer.write_all(format!(\"{reply}\\n\").as_bytes())?;",
                "        writer.write_all(format!(\"{reply}\\r\\n\").as_bytes())?;",
            ),
            change(
                "server",
                "socket.send_to(format!(\"{reply}\\n\").as_bytes(), peer)",
                "socket.send_to(format!(\"{reply}\\r\\n\").as_bytes(), peer)",
            ),
            change(
                "main",
                "    let show = |s: &Sample| println!(\"{}\", describe(s));",
                "    let show = |s: &Sample| print!(\"{}\\r\\n\", describe(s));",
            ),
        ],
    },
    Mutant {
        name: "udp-no-newline",
        bug: "correct: a UDP reply datagram without a newline",
        caught_by: &[],
        parts: &[change(
            "server",
            "socket.send_to(format!(\"{reply}\\n\").as_bytes(), peer)",
            "socket.send_to(reply.as_bytes(), peer)",
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
        bug: "correct: sends each TCP reply one byte per write",
        caught_by: &[],
        parts: &[change(
            "server",
            "        writer.write_all(format!(\"{reply}\\n\").as_bytes())?;",
            "        writer.set_nodelay(true)?;
        for byte in format!(\"{reply}\\n\").bytes() {
            writer.write_all(&[byte])?;
        }",
        )],
    },
    Mutant {
        name: "chatty-stderr",
        bug: "correct: logs every request on stderr",
        caught_by: &[],
        parts: &[change(
            "server",
            "        let reply = match parse_request(&line) {",
            "        eprintln!(\"request {line:?}\");
        let reply = match parse_request(&line) {",
        )],
    },
    Mutant {
        name: "client-retry-wording",
        bug: "correct: the UDP client's note at a retry says `sending TIME once more` (no \"again\", no \"retry\")",
        caught_by: &[],
        parts: &[change(
            "client",
            "\"no reply within {} ms; asking again\"",
            "\"nothing came in {} ms: sending TIME once more\"",
        )],
    },
    Mutant {
        name: "client-four-tries",
        bug: "correct: the UDP client sends the first request and 3 more before it gives up",
        caught_by: &[],
        parts: &[change(
            "client",
            "pub const UDP_TRIES: u32 = 3;",
            "pub const UDP_TRIES: u32 = 4;",
        )],
    },
    Mutant {
        name: "client-block-buffered",
        bug: "correct: the client's stdout is block-buffered (as C's or Python's is into a pipe), written out at exit",
        caught_by: &[],
        parts: &[
            change(
                "main",
                "    let show = |s: &Sample| println!(\"{}\", describe(s));",
                "    // Correct variant: stdout buffered in 8 KiB blocks, written at exit.
    use std::io::Write as _;
    let out = std::cell::RefCell::new(std::io::BufWriter::new(std::io::stdout()));
    let show = |s: &Sample| {
        let _ = writeln!(out.borrow_mut(), \"{}\", describe(s));
    };",
            ),
            change(
                "main",
                "    if samples.len() > 1 {
        if let Some(best) = client::best(&samples) {
            println!(
                \"best offset {:.3} ms (rtt {:.3} ms)\",
                best.offset_ms, best.rtt_ms
            );
        }
    }",
                "    if samples.len() > 1 {
        if let Some(best) = client::best(&samples) {
            let _ = writeln!(
                out.borrow_mut(),
                \"best offset {:.3} ms (rtt {:.3} ms)\",
                best.offset_ms, best.rtt_ms
            );
        }
    }
    let _ = out.borrow_mut().flush();",
            ),
        ],
    },
    Mutant {
        name: "client-chatty-stderr",
        bug: "correct: the client logs every request it sends on stderr",
        caught_by: &[],
        parts: &[
            change(
                "client",
                "            socket.send(b\"TIME\")?;",
                "            eprintln!(\"sending TIME (try {tries})\");
            socket.send(b\"TIME\")?;",
            ),
            change(
                "client",
                "        writer.write_all(b\"TIME\\n\")?;",
                "        eprintln!(\"sending TIME\");
        writer.write_all(b\"TIME\\n\")?;",
            ),
        ],
    },
    Mutant {
        name: "thread-per-connection",
        bug: "correct: a new thread for every connection, started after each accept() (no thread reused)",
        caught_by: &[],
        parts: &[change(
            "server",
            "    let acceptors = Arc::new(Acceptors {
        listener,
        // This thread, which is about to accept().
        waiting: Mutex::new(1),
    });
    accept_and_serve(acceptors)",
            "    // Correct variant: a thread per connection, ended with it.
    loop {
        let (stream, peer) = match listener.accept() {
            Ok(connection) => connection,
            Err(e) => {
                eprintln!(\"accept failed: {e}\");
                continue;
            }
        };
        thread::spawn(move || {
            if let Err(e) = handle_connection(stream) {
                eprintln!(\"{peer}: {e}\");
            }
        });
    }",
        )],
    },
];
