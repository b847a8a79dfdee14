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
        name: "join-not-announced",
        bug: "does not broadcast `* <nick> joined`",
        caught_by: &["join-welcome"],
        parts: &[change(
            "hub",
            "deliver(&mut users, says::joined(nick));",
            "let _ = says::joined(nick);",
        )],
    },
    Mutant {
        name: "console-blind",
        bug: "the console does not show the chat",
        caught_by: &["broadcast"],
        parts: &[change(
            "hub",
            "        let _ = writeln!(io::stdout(), \"{line}\");\n",
            "",
        )],
    },
    Mutant {
        name: "no-common-order",
        bug: "takes a snapshot of the users and sends to each without holding the lock, so concurrent messages interleave differently for each user",
        caught_by: &["one-order"],
        parts: &[change(
            "hub",
            "deliver(&mut users, says::message(&ticket.nick, text));",
            "let outboxes: Vec<_> = users.by_key.values().map(|m| m.outbox.clone()).collect();\n        drop(users);\n        let line = outgoing(&says::message(&ticket.nick, text));\n        for outbox in outboxes {\n            let _ = outbox.try_send(Arc::clone(&line));\n            std::thread::sleep(std::time::Duration::from_millis(1));\n        }\n        return;",
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
            "println!(\"* no user named {nick}\");",
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
        bug: "waits for room in each user's queue (as if writing inline from the sender's thread), so one user who doesn't read stalls everyone",
        caught_by: &["slow-reader"],
        parts: &[change(
            "hub",
            "if let Err(TrySendError::Full(_)) = member.outbox.try_send(Arc::clone(&line)) {",
            "if member.outbox.send(Arc::clone(&line)).is_err() && false {",
        )],
    },
    Mutant {
        name: "unbounded-outbox",
        bug: "queues without limit for a user who doesn't read, so memory grows and they are never dropped",
        caught_by: &["slow-reader-dropped"],
        parts: &[change(
            "hub",
            "pub const OUTBOX_LINES: usize = 256;",
            "pub const OUTBOX_LINES: usize = 100_000;",
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
];
