//! The lab 01 mutants: the solution (solutions/01-hello/src) with one small
//! change each. build.rs applies them; a change whose `find` text no longer
//! occurs exactly once in the solution stops the build with a message.

use crate::mutant::{Change, Mutant, change};

pub const MUTANTS: &[Mutant<&[Change]>] = &[
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
