//! The lab 03 mutants: the solution (solutions/03-chat/src) with one small
//! change each. build.rs applies them; a change whose `find` text no longer
//! occurs exactly once in the solution stops the build with a message.

use crate::mutant::{Change, Mutant};

const fn change(file: &'static str, find: &'static str, replace: &'static str) -> Change {
    Change {
        file,
        find,
        replace,
    }
}

pub const MUTANTS: &[Mutant<&[Change]>] = &[
    Mutant {
        name: "binds-everywhere",
        bug: "listens on 0.0.0.0 (every address) whatever --host says",
        caught_by: &["server-host"],
        parts: &[change(
            "main",
            "    let addr = SocketAddr::new(args.host, args.port);
    let listener =
        server::open_listener(addr)",
            "    let addr = SocketAddr::new(args.host, args.port);
    // Mutant: listens on every address.
    let addr = SocketAddr::new(std::net::Ipv4Addr::UNSPECIFIED.into(), addr.port());
    let listener =
        server::open_listener(addr)",
        )],
    },
    Mutant {
        name: "binds-everywhere-quietly",
        bug: "listens on 0.0.0.0 (every address) whatever --host says, and its ready line shows the address it was told",
        caught_by: &["server-host"],
        parts: &[
            change(
                "main",
                "    let addr = SocketAddr::new(args.host, args.port);\n    let listener =\n        server::open_listener(addr)",
                "    // Mutant: listens on every address of the family, whatever --host says...\n    let any: std::net::IpAddr = if args.host.is_ipv4() {\n        std::net::Ipv4Addr::UNSPECIFIED.into()\n    } else {\n        std::net::Ipv6Addr::UNSPECIFIED.into()\n    };\n    let addr = SocketAddr::new(any, args.port);\n    let listener =\n        server::open_listener(addr)",
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
        caught_by: &["client-incoming"],
        parts: &[change(
            "main",
            "    let addr = SocketAddr::new(args.host, args.port);
    client::run(addr, args.nick)",
            "    let addr = SocketAddr::new(std::net::Ipv4Addr::LOCALHOST.into(), args.port);
    client::run(addr, args.nick)",
        )],
    },
    Mutant {
        name: "join-not-announced",
        bug: "does not broadcast `* <nick> joined`",
        caught_by: &["join-welcome"],
        parts: &[change(
            "hub",
            "self.deliver(&users, says::joined(nick));",
            "let _ = says::joined(nick);",
        )],
    },
    Mutant {
        name: "console-blind",
        bug: "the console does not show the chat",
        caught_by: &["broadcast"],
        parts: &[change(
            "hub",
            "        self.console.show(Arc::clone(&line));\n",
            "",
        )],
    },
    Mutant {
        name: "no-common-order",
        bug: "takes a snapshot of the users and sends to each without holding the lock, so concurrent messages interleave differently for each user",
        caught_by: &["one-order"],
        parts: &[change(
            "hub",
            "self.deliver(&users, says::message(&ticket.nick, text));",
            "let outboxes: Vec<_> = users.by_key.values().map(|m| m.outbox.clone()).collect();\n        drop(users);\n        let line = outgoing(&says::message(&ticket.nick, text));\n        for outbox in outboxes {\n            let _ = outbox.push(Arc::clone(&line));\n            drop(self.lock()); // the mailman sends it\n            std::thread::sleep(std::time::Duration::from_millis(1));\n        }\n        return;",
        )],
    },
    Mutant {
        name: "console-not-relayed",
        bug: "the admin's lines are printed on the console but not sent to users",
        caught_by: &["console-says"],
        parts: &[change(
            "console",
            "ConsoleCommand::Say(text) => hub.broadcast(says::message(\"admin\", &text)),",
            "ConsoleCommand::Say(text) => println!(\"admin: {text}\"),",
        )],
    },
    Mutant {
        name: "leave-not-announced",
        bug: "never removes a user who leaves, nor announces it",
        caught_by: &["join-leave-announced"],
        parts: &[change("server", "    hub.leave(&ticket);\n", "")],
    },
    Mutant {
        name: "kick-also-left",
        bug: "announces a kicked user as left too",
        caught_by: &["kick"],
        parts: &[change(
            "hub",
            "if users.by_key.get(&key).is_some_and(|m| m.id == ticket.id) {",
            "if true {",
        )],
    },
    Mutant {
        name: "kick-unknown-silent",
        bug: "says nothing on the console when the nick to kick does not exist",
        caught_by: &["kick-unknown"],
        parts: &[change(
            "console",
            "hub.show(&format!(\"* no user named {nick}\"));",
            "let _ = &nick;",
        )],
    },
    Mutant {
        name: "user-can-kick",
        bug: "lets any user /kick",
        caught_by: &["user-cannot-kick"],
        parts: &[change(
            "server",
            "UserCommand::Kick => hub.send_to(ticket, says::ONLY_ADMIN_KICKS.to_string()),",
            "UserCommand::Kick => {\n                hub.kick(text.split_whitespace().nth(1).unwrap_or(\"\"), None);\n            }",
        )],
    },
    Mutant {
        name: "duplicate-nicks",
        bug: "does not check whether a nick is taken",
        caught_by: &["duplicate-nick"],
        parts: &[change(
            "hub",
            "if users.by_key.contains_key(&key) {",
            "if false {",
        )],
    },
    Mutant {
        name: "reserved-case-sensitive",
        bug: "refuses `admin` but not `Admin`",
        caught_by: &["reserved-nick"],
        parts: &[change(
            "protocol",
            "if RESERVED_NICKS.contains(&nick_key(nick).as_str()) {",
            "if RESERVED_NICKS.contains(&nick) {",
        )],
    },
    Mutant {
        name: "ascii-nicks-only",
        bug: "accepts only ASCII letters in nicks, so Polish names are refused",
        caught_by: &["invalid-nick"],
        parts: &[change(
            "protocol",
            "c.is_alphanumeric() || c == '_'",
            "c.is_ascii_alphanumeric() || c == '_'",
        )],
    },
    Mutant {
        name: "list-to-everyone",
        bug: "sends the /list answer to everyone",
        caught_by: &["list"],
        parts: &[change(
            "server",
            "UserCommand::List => hub.send_to(ticket, says::users(&hub.nicks())),",
            "UserCommand::List => hub.broadcast(says::users(&hub.nicks())),",
        )],
    },
    Mutant {
        name: "one-user-at-a-time",
        bug: "serves each connection in the accept loop's thread, so the second user waits for the first",
        caught_by: &["many-users"],
        parts: &[change(
            "server",
            "thread::spawn(move || {\n            if let Err(e) = handle_client(stream, hub) {\n                eprintln!(\"{peer}: {e}\");\n            }\n        });",
            "if let Err(e) = handle_client(stream, hub) {\n            eprintln!(\"{peer}: {e}\");\n        }",
        )],
    },
    Mutant {
        name: "leave-only-on-quit",
        bug: "announces leaving only after /quit, not when the connection just closes",
        caught_by: &["abrupt-disconnect"],
        parts: &[
            change("server", "    hub.leave(&ticket);\n", ""),
            change(
                "server",
                "UserCommand::Quit => return Ok(()),",
                "UserCommand::Quit => {\n                hub.leave(ticket);\n                return Ok(());\n            }",
            ),
        ],
    },
    Mutant {
        name: "one-recv-one-line",
        bug: "takes whatever one recv() returned as one line",
        caught_by: &["fragments-and-coalesced"],
        parts: &[change(
            "protocol",
            "let read = reader.by_ref().take(limit).read_until(b'\\n', &mut bytes)?;",
            "let read = {\n        bytes = reader.fill_buf()?.to_vec();\n        reader.consume(bytes.len());\n        bytes.len()\n    };",
        )],
    },
    Mutant {
        name: "no-line-limit",
        bug: "relays lines of any length",
        caught_by: &["long-line"],
        parts: &[
            change(
                "protocol",
                "let limit = MAX_LINE as u64 + 2;",
                "let limit = u64::MAX;",
            ),
            change(
                "protocol",
                "if bytes.len() > MAX_LINE {",
                "if bytes.len() > usize::MAX - 1 {",
            ),
        ],
    },
    Mutant {
        name: "utf8-fatal",
        bug: "ends the connection on bytes that are not UTF-8",
        caught_by: &["invalid-utf8"],
        parts: &[change(
            "protocol",
            "String::from_utf8_lossy(&bytes).into_owned(),",
            "String::from_utf8(bytes).map_err(io::Error::other)?,",
        )],
    },
    Mutant {
        name: "no-sanitize",
        bug: "relays control characters, so a user can send escape codes to everyone's terminal",
        caught_by: &["escapes-stripped"],
        parts: &[change(
            "protocol",
            "text.chars().filter(|c| !c.is_control()).collect()",
            "text.to_string()",
        )],
    },
    Mutant {
        name: "blocking-broadcast",
        bug: "writes to each user with no time limit and lets Linux grow the send buffer: one user who doesn't read blocks their writer, and with it everyone, once megabytes are queued",
        caught_by: &["slow-reader"],
        parts: &[
            change(
                "hub",
                "socket.set_write_timeout(Some(left))?;",
                "socket.set_write_timeout(None)?;",
            ),
            change(
                "server",
                "SockRef::from(&stream).set_send_buffer_size(SEND_BUFFER)?;",
                "",
            ),
        ],
    },
    Mutant {
        name: "unbounded-outbox",
        bug: "queues without limit for a user who doesn't read and never gives up on them, so memory grows and they are never dropped",
        caught_by: &["slow-reader-dropped", "kick-not-reading"],
        parts: &[
            change(
                "hub",
                "pub const OUTBOX_LINES: usize = 256;",
                "pub const OUTBOX_LINES: usize = 100_000;",
            ),
            change(
                "hub",
                "socket.set_write_timeout(Some(left))?;",
                "socket.set_write_timeout(None)?;",
            ),
        ],
    },
    Mutant {
        name: "kick-while-blocked",
        bug: "a writer's send() has no timeout: a kicked user who reads nothing keeps their connection, and a user who stops reading stalls everyone",
        caught_by: &["kick-not-reading", "slow-reader"],
        parts: &[change(
            "hub",
            "socket.set_write_timeout(Some(left))?;",
            "socket.set_write_timeout(None)?;",
        )],
    },
    Mutant {
        name: "line-at-a-time",
        bug: "waits until a user has something to say (like select/poll), then reads their whole line while holding everyone else up",
        caught_by: &["half-line"],
        parts: &[change(
            "server",
            "while let Some(line) = read_line(reader)? {",
            "while let Some(line) = {\n        let _ = std::io::BufRead::fill_buf(reader);\n        static READING: std::sync::Mutex<()> = std::sync::Mutex::new(());\n        let _turn = READING.lock().unwrap_or_else(|p| p.into_inner());\n        read_line(reader)?\n    } {",
        )],
    },
    Mutant {
        name: "console-under-lock",
        bug: "prints each chat line on the console while holding the hub's lock, so a console nobody reads freezes the chat",
        caught_by: &["console-not-read"],
        parts: &[change(
            "hub",
            "        self.console.show(Arc::clone(&line));\n",
            "        let _ = io::stdout().write_all(line.as_bytes());\n",
        )],
    },
    Mutant {
        name: "console-waits",
        bug: "queues each line for the console with a blocking send(), so once nobody reads the console its full queue freezes the chat",
        caught_by: &["console-not-read"],
        parts: &[change(
            "hub",
            "if let Err(TrySendError::Full(_)) = self.outbox.try_send(line) {",
            "if self.outbox.send(line).is_err() {",
        )],
    },
    Mutant {
        name: "client-waits-for-keyboard",
        bug: "the client reads the keyboard before the socket, so incoming lines wait until something is typed",
        caught_by: &["client-incoming"],
        parts: &[change(
            "client",
            "thread::spawn(move || forward_keyboard(keyboard));",
            "forward_keyboard(keyboard);",
        )],
    },
    Mutant {
        name: "client-no-quit",
        bug: "the client does not send /quit when its input ends",
        caught_by: &["client-typing"],
        parts: &[change(
            "client",
            "let _ = writeln!(to_server, \"/quit\");",
            "let _ = &mut to_server;",
        )],
    },
    Mutant {
        name: "client-guest-nick",
        bug: "the client joins as \"guest\" when no --nick is given, instead of asking",
        caught_by: &["client-asks-nick"],
        parts: &[change(
            "client",
            "let mut offered = nick;",
            "let mut offered = nick.or(Some(\"guest\".to_string()));",
        )],
    },
    Mutant {
        name: "client-gives-up-on-taken-nick",
        bug: "the client stops after `ERROR nick taken` instead of asking for another nick",
        caught_by: &["client-nick-taken"],
        parts: &[change(
            "client",
            "if reply.starts_with(\"WELCOME \") {\n            return Ok(true);\n        }",
            "return Ok(reply.starts_with(\"WELCOME \"));",
        )],
    },
    Mutant {
        name: "client-fails-when-closed",
        bug: "the client exits with an error status when the server closes the connection",
        caught_by: &["client-kicked"],
        parts: &[change(
            "client",
            "eprintln!(\"the server closed the connection\");\n    Ok(())",
            "Err(io::Error::other(\"the server closed the connection\"))",
        )],
    },
    // The rules of issue 8 item 8: one mutant each.
    Mutant {
        name: "nick-max-8",
        bug: "refuses nicks longer than 8 characters",
        caught_by: &["nick-length"],
        parts: &[change(
            "protocol",
            "pub const MAX_NICK: usize = 16;",
            "pub const MAX_NICK: usize = 8;",
        )],
    },
    Mutant {
        name: "nick-length-in-bytes",
        bug: "counts a nick's length in bytes, so a 16-character Polish nick is too long",
        caught_by: &["nick-length"],
        parts: &[change(
            "protocol",
            "let length = nick.chars().count();",
            "let length = nick.len();",
        )],
    },
    Mutant {
        name: "nick-not-trimmed",
        bug: "keeps the spaces around a nick, so `  ola  ` is refused",
        caught_by: &["nick-spaces"],
        parts: &[change(
            "server",
            "Line::Text(nick) => match hub.join(nick.trim(), stream.try_clone()?) {",
            "Line::Text(nick) => match hub.join(&nick, stream.try_clone()?) {",
        )],
    },
    Mutant {
        name: "kick-reason-to-target-only",
        bug: "tells only the kicked user the reason; the others get `* bob was kicked by admin`",
        caught_by: &["kick"],
        parts: &[change(
            "protocol",
            "Some(reason) => format!(\"* {nick} was kicked by admin: {reason}\"),",
            "Some(_) => format!(\"* {nick} was kicked by admin\"),",
        )],
    },
    Mutant {
        name: "unknown-command-relayed",
        bug: "relays an unknown /command to everyone as a message",
        caught_by: &["unknown-command"],
        parts: &[change(
            "server",
            "UserCommand::Unknown => hub.send_to(ticket, says::UNKNOWN_COMMAND.to_string()),",
            "UserCommand::Unknown => hub.say(ticket, &text),",
        )],
    },
    Mutant {
        name: "relays-empty-lines",
        bug: "relays empty lines as `<nick>: `",
        caught_by: &["empty-line"],
        parts: &[change(
            "protocol",
            "\"\" => UserCommand::Empty,",
            "\"\" => UserCommand::Say(text),",
        )],
    },
    Mutant {
        name: "spaces-not-empty",
        bug: "relays a line of spaces only",
        caught_by: &["empty-line"],
        parts: &[change(
            "protocol",
            "\"\" => UserCommand::Empty,",
            "\"\" if text.is_empty() => UserCommand::Empty,",
        )],
    },
    Mutant {
        name: "controls-not-empty",
        bug: "decides whether a line is empty before removing control characters, so a line of them is relayed as `<nick>: `",
        caught_by: &["empty-line"],
        parts: &[change(
            "protocol",
            "\"\" => UserCommand::Empty,",
            "\"\" if line.trim().is_empty() => UserCommand::Empty,",
        )],
    },
    Mutant {
        name: "kick-unknown-echo",
        bug: "echoes `/kick ghost` on the console instead of saying there is no such user",
        caught_by: &["kick-unknown"],
        parts: &[change(
            "console",
            "hub.show(&format!(\"* no user named {nick}\"));",
            "hub.show(&line);",
        )],
    },
    Mutant {
        name: "console-list-unknown",
        bug: "the console has no /list: it is an unknown command there",
        caught_by: &["console-list"],
        parts: &[change(
            "protocol",
            "        \"/list\" => ConsoleCommand::List,\n",
            "",
        )],
    },
    Mutant {
        name: "console-unknown-said",
        bug: "an unknown console /command is said to everyone as admin",
        caught_by: &["console-unknown-command"],
        parts: &[change(
            "protocol",
            "        c if c.starts_with('/') => ConsoleCommand::Unknown(c.to_string()),\n",
            "",
        )],
    },
    Mutant {
        name: "line-limit-off-by-one",
        bug: "refuses a line of exactly 1024 bytes",
        caught_by: &["long-line"],
        parts: &[change(
            "protocol",
            "if bytes.len() > MAX_LINE {",
            "if bytes.len() >= MAX_LINE {",
        )],
    },
    Mutant {
        name: "ascii-case-nicks",
        bug: "compares nicks ignoring ASCII case only: Łucja and ŁUCJA are two users",
        caught_by: &["duplicate-nick"],
        parts: &[change(
            "protocol",
            "    nick.to_lowercase()",
            "    nick.to_ascii_lowercase()",
        )],
    },
    Mutant {
        name: "reserved-before-trim",
        bug: "checks for a reserved nick before trimming the spaces, so `  admin ` joins as admin",
        caught_by: &["reserved-nick"],
        parts: &[
            change(
                "protocol",
                "    if RESERVED_NICKS.contains(&nick_key(nick).as_str()) {
        return Err(NickError::Taken);
    }
",
                "",
            ),
            change(
                "server",
                "            Line::Text(nick) => match hub.join(nick.trim(), stream.try_clone()?) {",
                "            Line::Text(nick)
                if crate::protocol::RESERVED_NICKS
                    .contains(&crate::protocol::nick_key(&nick).as_str()) =>
            {
                says::NICK_TAKEN
            }
            Line::Text(nick) => match hub.join(nick.trim(), stream.try_clone()?) {",
            ),
        ],
    },
    Mutant {
        name: "chat-reaches-lurkers",
        bug: "every connection gets the chat from the moment it connects, before it has a nick (an unannounced reader)",
        caught_by: &["broadcast"],
        parts: &[
            change(
                "hub",
                "    by_key: BTreeMap<String, Member>,\n",
                "    by_key: BTreeMap<String, Member>,\n    lurkers: Vec<TcpStream>,\n",
            ),
            change(
                "hub",
                "    fn lock(&self) -> Locked<'_> {",
                "    pub fn lurk(&self, stream: &TcpStream) -> io::Result<()> {
        let stream = stream.try_clone()?;
        self.lock().lurkers.push(stream);
        Ok(())
    }

    pub fn unlurk(&self, stream: &TcpStream) {
        let peer = stream.peer_addr().ok();
        self.lock().lurkers.retain(|s| s.peer_addr().ok() != peer);
    }

    fn lock(&self) -> Locked<'_> {",
            ),
            change(
                "hub",
                "        self.console.show(Arc::clone(&line));\n",
                "        self.console.show(Arc::clone(&line));
        for lurker in &users.lurkers {
            let _ = (&*lurker).write_all(line.as_bytes());
        }
",
            ),
            change(
                "server",
                "    let mut reader = BufReader::new(stream.try_clone()?);\n    let Some((ticket, outbox))",
                "    let mut reader = BufReader::new(stream.try_clone()?);\n    hub.lurk(&stream)?;\n    let Some((ticket, outbox))",
            ),
            change(
                "server",
                "            Line::Text(nick) => match hub.join(nick.trim(), stream.try_clone()?) {",
                "            Line::Text(nick) => match {
                hub.unlurk(stream);
                hub.join(nick.trim(), stream.try_clone()?)
            } {",
            ),
        ],
    },
    Mutant {
        name: "limit-counts-characters",
        bug: "measures a line in characters, not bytes: 600 ż (1200 bytes) is relayed, cut in two",
        caught_by: &["long-line"],
        parts: &[change(
            "protocol",
            "    if bytes.len() > MAX_LINE {",
            "    if String::from_utf8_lossy(&bytes).chars().count() > MAX_LINE {",
        )],
    },
    Mutant {
        name: "limit-counts-cr",
        bug: "counts the \\r of \\r\\n in the line's length: 1024 bytes and \\r\\n is too long",
        caught_by: &["long-line"],
        parts: &[change(
            "protocol",
            "    if bytes.ends_with(b\"\\r\") {
        bytes.pop();
    }
    if bytes.len() > MAX_LINE {",
            "    let too_long = bytes.len() > MAX_LINE;
    if bytes.ends_with(b\"\\r\") {
        bytes.pop();
    }
    if too_long {",
        )],
    },
    Mutant {
        name: "leave-by-nick",
        bug: "a connection that ends removes whoever has its nick now, so a kicked user who has joined again is thrown out when their old connection finally closes",
        caught_by: &["kick-rejoin"],
        parts: &[change(
            "hub",
            "if users.by_key.get(&key).is_some_and(|m| m.id == ticket.id) {\n            users.by_key.remove(&key);",
            "// Mutant: removes the nick, whoever holds it now.\n        if users.by_key.remove(&key).is_some() {",
        )],
    },
    Mutant {
        name: "leaks-connections",
        bug: "keeps a handle of every connection for ever (a list of all sockets, never pruned): each user who leaves costs the server an open file",
        caught_by: &["come-and-go"],
        parts: &[change(
            "server",
            "    let mut reader = BufReader::new(stream.try_clone()?);\n",
            "    let mut reader = BufReader::new(stream.try_clone()?);\n    // Mutant: a handle kept for ever, never closed.\n    std::mem::forget(stream.try_clone()?);\n",
        )],
    },
    Mutant {
        name: "nick-check-then-insert",
        bug: "checks that a nick is free under the lock, then lets go of it before inserting, so two users sending the same nick at the same moment both get it",
        caught_by: &["nick-race"],
        parts: &[change(
            "hub",
            "            return Err(NickError::Taken);\n        }\n",
            "            return Err(NickError::Taken);\n        }\n        // Mutant: the lock is let go between the check and the insert.\n        drop(users);\n        std::thread::sleep(std::time::Duration::from_millis(5));\n        let mut users = self.lock();\n",
        )],
    },
    Mutant {
        name: "console-gets-escapes",
        bug: "removes control characters on the way to each user's socket, not before relaying, so the console shows them raw",
        caught_by: &["escapes-stripped"],
        parts: &[
            change(
                "protocol",
                "        _ => UserCommand::Say(text),",
                "        // Mutant: relays the line as it came...\n        _ => UserCommand::Say(line.to_string()),",
            ),
            change(
                "hub",
                "if let Err(e) = write_line(&mut socket, &batch) {",
                "// ...and strips it only when writing to a user.\n        let clean: String = String::from_utf8_lossy(&batch)\n            .lines()\n            .map(|line| format!(\"{}\\n\", crate::protocol::sanitize(line)))\n            .collect();\n        if let Err(e) = write_line(&mut socket, clean.as_bytes()) {",
            ),
        ],
    },
    Mutant {
        name: "prompt-on-stdout",
        bug: "prompts for the nick on stdout (as Python's input() does), so the server's WELCOME is printed after `nick: ` on the same line",
        caught_by: &["client-asks-nick", "client-nick-taken"],
        parts: &[change(
            "client",
            "    eprint!(\"{prompt}\");\n",
            "    // Mutant: the prompt on stdout.\n    print!(\"{prompt}\");\n    io::stdout().flush()?;\n",
        )],
    },
    Mutant {
        name: "kick-case-sensitive",
        bug: "the admin's /kick looks the nick up as typed, so `/kick BOB` finds nobody when the user is bob",
        caught_by: &["kick-any-case"],
        parts: &[change(
            "hub",
            "let Some(member) = users.by_key.remove(&nick_key(nick)) else {",
            "// Mutant: the nick as typed, not its key.\n        let Some(member) = users.by_key.remove(nick) else {",
        )],
    },
    // Issue 19: the rules of the handout's table, one mutant each where
    // no mutant above breaks it.
    Mutant {
        name: "reserved-invalid",
        bug: "answers a reserved nick with `ERROR invalid nick`, not the `ERROR nick taken` the handout names",
        caught_by: &["reserved-nick"],
        parts: &[change(
            "protocol",
            "    if RESERVED_NICKS.contains(&nick_key(nick).as_str()) {\n        return Err(NickError::Taken);",
            "    if RESERVED_NICKS.contains(&nick_key(nick).as_str()) {\n        // Mutant: reserved is \"invalid\".\n        return Err(NickError::Invalid);",
        )],
    },
    Mutant {
        name: "nick-no-dash",
        bug: "allows letters, digits and `_` in a nick, but not `-`",
        caught_by: &["invalid-nick"],
        parts: &[change(
            "protocol",
            "c.is_alphanumeric() || c == '_' || c == '-'",
            "c.is_alphanumeric() || c == '_'",
        )],
    },
    Mutant {
        name: "nick-never-freed",
        bug: "keeps the entry of a user who left (marked gone, with a dead outbox), so their nick stays taken",
        caught_by: &["join-leave-announced"],
        parts: &[change(
            "hub",
            "            users.by_key.remove(&key);\n",
            "            // Mutant: the entry stays, with an outbox nobody reads.\n            let old = users.by_key.remove(&key).expect(\"a member\");\n            let gone = Member {\n                id: 0,\n                nick: ticket.nick.clone(),\n                outbox: old.outbox,\n            };\n            users.by_key.insert(key, gone);\n",
        )],
    },
    Mutant {
        name: "kick-reason-one-word",
        bug: "takes only the first word after the nick as the kick's reason",
        caught_by: &["kick"],
        parts: &[change(
            "protocol",
            "let reason = reason.trim();",
            "let reason = reason.split_whitespace().next().unwrap_or(\"\");",
        )],
    },
    Mutant {
        name: "console-says-empty",
        bug: "an empty console line (or only spaces) is said to everyone as `admin: `",
        caught_by: &["console-says"],
        parts: &[change(
            "protocol",
            "    if trimmed.is_empty() {\n        return ConsoleCommand::Empty;\n    }\n",
            "",
        )],
    },
    Mutant {
        name: "console-kick-usage",
        bug: "the console's `/kick` without a nick shows a usage line instead of `* unknown command /kick`",
        caught_by: &["console-unknown-command"],
        parts: &[change(
            "console",
            "            ConsoleCommand::Unknown(command) => hub.show(&format!(",
            "            // Mutant: a usage line of its own for /kick.\n            ConsoleCommand::Unknown(command) if command == \"/kick\" => {\n                hub.show(\"* usage: /kick <nick> [reason]\")\n            }\n            ConsoleCommand::Unknown(command) => hub.show(&format!(",
        )],
    },
    Mutant {
        name: "console-kick-nobody",
        bug: "the console's `/kick` without a nick looks for a user with an empty nick (`* no user named `)",
        caught_by: &["console-unknown-command"],
        parts: &[change(
            "protocol",
            "\"/kick\" if !rest.trim().is_empty() => {",
            "\"/kick\" => {",
        )],
    },
    Mutant {
        name: "sanitize-keeps-whitespace",
        bug: "removes control characters but keeps the whitespace ones (tab, carriage return), so a `\\r` can draw a fake line",
        caught_by: &["escapes-stripped"],
        parts: &[change(
            "protocol",
            "text.chars().filter(|c| !c.is_control()).collect()",
            "text.chars()\n        .filter(|c| !c.is_control() || c.is_whitespace())\n        .collect()",
        )],
    },
    Mutant {
        name: "client-prints-raw",
        bug: "the client prints the server's lines with their control characters, so a server can paint on its terminal",
        caught_by: &["client-incoming"],
        parts: &[change(
            "client",
            "    Ok(Some(sanitize(&String::from_utf8_lossy(&bytes))))",
            "    // Mutant: only the line ending goes.\n    let _ = sanitize;\n    let text = String::from_utf8_lossy(&bytes);\n    Ok(Some(text.trim_end_matches(['\\r', '\\n']).to_string()))",
        )],
    },
    Mutant {
        name: "client-cuts-long-lines",
        bug: "the client reads the server's lines with the server's 1024-byte limit, so a long relayed line is cut in two",
        caught_by: &["client-incoming"],
        parts: &[change(
            "client",
            "    if from_server.read_until(b'\\n', &mut bytes)? == 0 {",
            "    // Mutant: at most 1025 bytes per line.\n    let mut limited = io::Read::take(&mut *from_server, 1025);\n    if limited.read_until(b'\\n', &mut bytes)? == 0 {",
        )],
    },
    Mutant {
        name: "client-silent-close",
        bug: "the client exits 0 without saying that the server closed the connection",
        caught_by: &["client-typing", "client-kicked"],
        parts: &[change(
            "client",
            "    eprintln!(\"the server closed the connection\");\n    Ok(())",
            "    Ok(())",
        )],
    },
    Mutant {
        name: "client-gives-up-on-invalid-nick",
        bug: "the client asks for another nick after `ERROR nick taken` but stops after `ERROR invalid nick`",
        caught_by: &["client-nick-taken"],
        parts: &[change(
            "client",
            "        // \"ERROR nick taken\" or \"ERROR invalid nick\": ask for another.\n",
            "        // Mutant: gives up on an invalid nick.\n        if reply == \"ERROR invalid nick\" {\n            return Ok(false);\n        }\n",
        )],
    },
];

/// Correct variants: changes the handouts allow. Each must score full
/// marks; a checker that fails one fails correct students' work.
pub const VARIANTS: &[Mutant<&[Change]>] = &[
    Mutant {
        name: "crlf-replies",
        bug: "correct: ends every line to users and the client's printed lines with \\r\\n",
        caught_by: &[],
        parts: &[
            change(
                "hub",
                "    format!(\"{line}\\n\").into()",
                "    format!(\"{line}\\r\\n\").into()",
            ),
            change(
                "server",
                "stream.write_all(format!(\"{error}\\n\").as_bytes())?;",
                "stream.write_all(format!(\"{error}\\r\\n\").as_bytes())?;",
            ),
            change(
                "client",
                "        println!(\"{reply}\");",
                "        print!(\"{reply}\\r\\n\");",
            ),
            change(
                "client",
                "        println!(\"{line}\");",
                "        print!(\"{line}\\r\\n\");",
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
        name: "line-in-pieces",
        bug: "correct: the writer thread sends what it has in three pieces (the first byte, the middle, the last newline)",
        caught_by: &[],
        parts: &[change(
            "hub",
            "if let Err(e) = write_line(&mut socket, &batch) {",
            "let (first, rest) = batch.split_at(1);\n        let (middle, end) = rest.split_at(rest.len() - 1);\n        if let Err(e) = [first, middle, end]\n            .iter()\n            .try_for_each(|piece| write_line(&mut socket, piece))\n        {",
        )],
    },
    Mutant {
        name: "chatty-stderr",
        bug: "correct: logs every line a user sends on stderr",
        caught_by: &[],
        parts: &[change(
            "server",
            "        let text = match line {",
            "        eprintln!(\"{} sent {line:?}\", ticket.nick);
        let text = match line {",
        )],
    },
    Mutant {
        name: "console-unknown-bare",
        bug: "correct: an unknown console command gets `* unknown command /<command>` alone, no reminder after it",
        caught_by: &[],
        parts: &[change(
            "console",
            "\"* unknown command {command}; the admin has /kick <nick> [reason] and /list\"",
            "\"* unknown command {command}\"",
        )],
    },
    Mutant {
        name: "console-echoes",
        bug: "correct: the console first shows each line the admin typed, then its reply",
        caught_by: &[],
        parts: &[change(
            "console",
            "        match parse_console_line(&line) {",
            "        // Correct variant: an echo first (not a reply: replies have their own lines).\n        hub.show(&crate::protocol::sanitize(&line));\n        match parse_console_line(&line) {",
        )],
    },
    Mutant {
        name: "kick-announces-own-nick",
        bug: "correct: `/kick BOB` announces the nick as bob chose it (`* bob was kicked by admin`), not as typed",
        caught_by: &[],
        parts: &[
            change(
                "hub",
                "        self.deliver(&users, says::was_kicked(nick, reason));",
                "        self.deliver(&users, says::was_kicked(&member_nick, reason));",
            ),
            change(
                "hub",
                "        drop(member);\n",
                "        let member_nick = member.nick.clone();\n        drop(member);\n",
            ),
        ],
    },
    Mutant {
        name: "client-other-words",
        bug: "correct: the client's prompt and its note when the server closes say it in other words (on stderr)",
        caught_by: &[],
        parts: &[
            change(
                "client",
                "None => match ask(\"nick: \")? {",
                "None => match ask(\"Who are you? \")? {",
            ),
            change(
                "client",
                "    eprintln!(\"the server closed the connection\");\n    Ok(())",
                "    eprintln!(\"-- disconnected, bye --\");\n    Ok(())",
            ),
        ],
    },
];
