//! The lab 02 mutants: the solution (solutions/02-rps/src) with one small
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
        caught_by: &["client-choice"],
        parts: &[change(
            "main",
            "    let addr = SocketAddr::new(args.host, args.port);
    client::run(addr)",
            "    let addr = SocketAddr::new(std::net::Ipv4Addr::LOCALHOST.into(), args.port);
    client::run(addr)",
        )],
    },
    Mutant {
        name: "greets",
        bug: "greets a player who connects with a line of its own before WELCOME",
        caught_by: &["welcome-wait-start"],
        parts: &[change(
            "server",
            "if send_line(&stream, &says::welcome(1)).is_ok()",
            "if send_line(&stream, \"Hello! Waiting for the game...\").is_ok()\n                    && send_line(&stream, &says::welcome(1)).is_ok()",
        )],
    },
    Mutant {
        name: "ascii-names",
        bug: "names kamień without its accent (kamien) in RESULT",
        caught_by: &["result-lines", "aliases-and-case"],
        parts: &[change(
            "protocol",
            "Choice::Kamien => \"kamień\",",
            "Choice::Kamien => \"kamien\",",
        )],
    },
    Mutant {
        name: "no-shutdown",
        bug: "ends a game without shutdown(): the reader threads' handles keep both connections open",
        caught_by: &["full-game"],
        parts: &[change("game", "    game.close();\n", "")],
    },
    Mutant {
        name: "no-wait",
        bug: "does not tell the first player to WAIT",
        caught_by: &["welcome-wait-start"],
        parts: &[change(
            "server",
            "&& send_line(&stream, says::WAIT).is_ok()",
            "&& says::WAIT.is_empty() == false",
        )],
    },
    Mutant {
        name: "scores-draws",
        bug: "a draw scores a point for both players",
        caught_by: &["full-game"],
        parts: &[change(
            "game",
            "if choices[who].beats(choices[1 - who]) {",
            "if !choices[1 - who].beats(choices[who]) {",
        )],
    },
    Mutant {
        name: "plays-to-2",
        bug: "ends the game when a player has 2 wins, not 3 (an off-by-one in the loop)",
        caught_by: &["full-game"],
        parts: &[change(
            "game",
            "while self.score.iter().all(|&s| s < self.wins) {",
            "while self.score.iter().all(|&s| s + 1 < self.wins) {",
        )],
    },
    Mutant {
        name: "draw-same-number",
        bug: "plays a drawn round again under the same number",
        caught_by: &["full-game"],
        parts: &[change(
            "game",
            "            number += 1;\n",
            "            if choices[0] != choices[1] {\n                number += 1;\n            }\n",
        )],
    },
    Mutant {
        name: "ignores-wins",
        bug: "always plays to 3, whatever --wins says",
        caught_by: &["result-lines"],
        parts: &[change(
            "server",
            "thread::spawn(move || game::play([first, stream], wins));",
            "thread::spawn(move || game::play([first, stream], 3));",
        )],
    },
    Mutant {
        name: "wrong-rules",
        bug: "has nożyce beat kamień instead of the other way round",
        caught_by: &["result-lines"],
        parts: &[change(
            "protocol",
            "| (Choice::Kamien, Choice::Nozyce)",
            "| (Choice::Nozyce, Choice::Kamien)",
        )],
    },
    Mutant {
        name: "score-swapped",
        bug: "writes the score in RESULT as <opponent's>:<yours>",
        caught_by: &["result-lines"],
        parts: &[change(
            "protocol",
            "format!(\"RESULT {} {} {outcome} {score}\", mine.name(), theirs.name())",
            "format!(\n            \"RESULT {} {} {outcome} {}:{}\",\n            mine.name(),\n            theirs.name(),\n            score.theirs,\n            score.mine\n        )",
        )],
    },
    Mutant {
        name: "no-error",
        bug: "silently ignores a line that is not a choice",
        caught_by: &["invalid-choice"],
        parts: &[change(
            "game",
            "None => self.send(who, says::NOT_A_CHOICE)?,",
            "None => {}",
        )],
    },
    Mutant {
        name: "skips-empty-lines",
        bug: "ignores an empty line (or a lone \\r) instead of answering it with an ERROR",
        caught_by: &["invalid-choice"],
        parts: &[change(
            "game",
            "                Line::Text(text) => text,\n",
            "                Line::Text(text) if text.trim().is_empty() => continue,\n                Line::Text(text) => text,\n",
        )],
    },
    Mutant {
        name: "case-sensitive",
        bug: "accepts the choices in lower case only",
        caught_by: &["aliases-and-case"],
        parts: &[change(
            "protocol",
            "match text.trim().to_lowercase().as_str() {",
            "match text.trim() {",
        )],
    },
    Mutant {
        name: "ascii-lowercase",
        bug: "lower-cases with to_ascii_lowercase, so NOŻYCE and KAMIEŃ are not choices",
        caught_by: &["aliases-and-case"],
        parts: &[change(
            "protocol",
            "match text.trim().to_lowercase().as_str() {",
            "match text.trim().to_ascii_lowercase().as_str() {",
        )],
    },
    Mutant {
        name: "no-english",
        bug: "accepts the Polish words only, not paper, scissors and rock",
        caught_by: &["aliases-and-case", "client-choice"],
        parts: &[
            change("protocol", "\"papier\" | \"paper\" =>", "\"papier\" =>"),
            change(
                "protocol",
                "\"nożyce\" | \"nozyce\" | \"scissors\" =>",
                "\"nożyce\" | \"nozyce\" =>",
            ),
            change(
                "protocol",
                "\"kamień\" | \"kamien\" | \"rock\" =>",
                "\"kamień\" | \"kamien\" =>",
            ),
        ],
    },
    Mutant {
        name: "arrival-order",
        bug: "takes the first choice to arrive as player 1's",
        // Also no-leak's second round, but that is the same timing again:
        // one test named is one chance for a loaded machine to hide it.
        caught_by: &["second-chooses-first"],
        parts: &[
            change(
                "game",
                "let mut choices = [None, None];",
                "let mut choices = [None, None];\n        let mut arrived = Vec::new();",
            ),
            change(
                "game",
                "Some(choice) => choices[who] = Some(choice),",
                "Some(choice) => {\n                    choices[who] = Some(choice);\n                    arrived.push(choice);\n                }",
            ),
            change(
                "game",
                "Ok([choices[0].unwrap(), choices[1].unwrap()])",
                "Ok([arrived[0], arrived[1]])",
            ),
        ],
    },
    Mutant {
        name: "leaks-choice",
        bug: "tells the other player what was chosen as soon as a player chooses",
        caught_by: &["no-leak", "second-chooses-first"],
        parts: &[change(
            "game",
            "Some(choice) => choices[who] = Some(choice),",
            "Some(choice) => {\n                    choices[who] = Some(choice);\n                    let _ = self.send(1 - who, &format!(\"OPPONENT CHOSE {}\", choice.name()));\n                }",
        )],
    },
    Mutant {
        name: "drops-lines-ahead",
        bug: "throws away a line from a player who has chosen already, instead of keeping it for the next round",
        caught_by: &["send-ahead"],
        parts: &[change(
            "game",
            "Ok(Event::Line(who, line)) => self.queued[who].push_back(line),",
            "Ok(Event::Line(_, _)) => {}",
        )],
    },
    Mutant {
        name: "keeps-last-line-ahead",
        bug: "keeps one line ahead per player, not a queue: a third line sent ahead overwrites the second",
        caught_by: &["send-ahead"],
        parts: &[change(
            "game",
            "Ok(Event::Line(who, line)) => self.queued[who].push_back(line),",
            "Ok(Event::Line(who, line)) => self.queued[who] = VecDeque::from([line]),",
        )],
    },
    Mutant {
        name: "bufreader-per-line",
        bug: "makes a new BufReader for every line, losing whatever it had read past the first",
        caught_by: &["send-ahead"],
        parts: &[change(
            "game",
            "    let mut reader = BufReader::new(stream);\n    loop {\n",
            "    loop {\n        let mut reader = BufReader::new(&stream);\n",
        )],
    },
    Mutant {
        name: "reads-in-turn",
        bug: "reads player 1's choice, then player 2's: while it waits for player 1 it does not notice player 2 leaving",
        caught_by: &["walkover"],
        parts: &[
            change(
                "game",
                "Ok(Event::Line(who, line)) if waiting[who] => return Ok((who, line)),",
                "Ok(Event::Line(who, line)) if waiting[who] && (who == 0 || !waiting[0]) => {\n                    return Ok((who, line));\n                }",
            ),
            change(
                "game",
                "Ok(Event::Gone(who)) => return Err(Left(who)),",
                "Ok(Event::Gone(who)) if who == 0 || !waiting[0] => return Err(Left(who)),\n                Ok(Event::Gone(_)) => {}",
            ),
        ],
    },
    Mutant {
        name: "reads-in-turn-second-first",
        bug: "reads player 2's choice, then player 1's: it notices player 2 leaving, but not player 1 while it waits for player 2",
        caught_by: &["walkover"],
        parts: &[
            change(
                "game",
                "Ok(Event::Line(who, line)) if waiting[who] => return Ok((who, line)),",
                "Ok(Event::Line(who, line)) if waiting[who] && (who == 1 || !waiting[1]) => {\n                    return Ok((who, line));\n                }",
            ),
            change(
                "game",
                "Ok(Event::Gone(who)) => return Err(Left(who)),",
                "Ok(Event::Gone(who)) if who == 1 || !waiting[1] => return Err(Left(who)),\n                Ok(Event::Gone(_)) => {}",
            ),
        ],
    },
    Mutant {
        name: "walkover-to-first",
        bug: "when a player leaves, tells player 1 they won by walkover, whoever left",
        caught_by: &["walkover"],
        parts: &[change(
            "game",
            "let _ = game.send(other, &says::walkover(game.score_of(other)));",
            "let _ = game.send(0, &says::walkover(game.score_of(0)));\n        let _ = other;",
        )],
    },
    Mutant {
        name: "no-walkover",
        bug: "when a player leaves, closes the other's connection without telling them they won",
        caught_by: &["walkover"],
        parts: &[change(
            "game",
            "let _ = game.send(other, &says::walkover(game.score_of(other)));",
            "let _ = other;",
        )],
    },
    Mutant {
        name: "accepts-one-letter",
        bug: "takes a first letter as a choice: p, n or s, k or r",
        caught_by: &["invalid-choice"],
        parts: &[
            change(
                "protocol",
                "\"papier\" | \"paper\" =>",
                "\"papier\" | \"paper\" | \"p\" =>",
            ),
            change(
                "protocol",
                "\"nożyce\" | \"nozyce\" | \"scissors\" =>",
                "\"nożyce\" | \"nozyce\" | \"scissors\" | \"n\" | \"s\" =>",
            ),
            change(
                "protocol",
                "\"kamień\" | \"kamien\" | \"rock\" =>",
                "\"kamień\" | \"kamien\" | \"rock\" | \"k\" | \"r\" =>",
            ),
        ],
    },
    Mutant {
        name: "accepts-first-word",
        bug: "takes the first word of a line as the choice, so `rock paper` is rock",
        caught_by: &["invalid-choice"],
        parts: &[change(
            "protocol",
            "match text.trim().to_lowercase().as_str() {",
            "match text.split_whitespace().next().unwrap_or(\"\").to_lowercase().as_str() {",
        )],
    },
    Mutant {
        name: "accepts-longer-word",
        bug: "takes a line that starts with a choice as that choice, so `papierr` is papier",
        caught_by: &["invalid-choice"],
        parts: &[change(
            "protocol",
            "match text.trim().to_lowercase().as_str() {",
            "let text = text.trim().to_lowercase();\n        let spellings = [\"papier\", \"paper\", \"nożyce\", \"nozyce\", \"scissors\", \"kamień\", \"kamien\", \"rock\"];\n        match spellings.into_iter().find(|w| text.starts_with(w)).unwrap_or(\"\") {",
        )],
    },
    Mutant {
        name: "no-trim",
        bug: "does not ignore spaces around a choice, so `  papier  ` gets an ERROR",
        caught_by: &["aliases-and-case"],
        parts: &[change(
            "protocol",
            "match text.trim().to_lowercase().as_str() {",
            "match text.to_lowercase().as_str() {",
        )],
    },
    Mutant {
        name: "leaks-in-error",
        bug: "an ERROR to a player whose opponent has chosen names that choice",
        caught_by: &["no-leak"],
        parts: &[change(
            "game",
            "None => self.send(who, says::NOT_A_CHOICE)?,",
            "None => {\n                    let told = match choices[1 - who] {\n                        Some(theirs) => format!(\"{} (your opponent chose {})\", says::NOT_A_CHOICE, theirs.name()),\n                        None => says::NOT_A_CHOICE.to_string(),\n                    };\n                    self.send(who, &told)?\n                }",
        )],
    },
    Mutant {
        name: "at-most-two-games",
        bug: "plays at most two games at a time: the third pair is welcomed, but its game starts only when another ends",
        caught_by: &["second-pair", "no-leak"],
        parts: &[change(
            "server",
            "thread::spawn(move || game::play([first, stream], wins));",
            "// Mutant: two game threads at most; the accept loop waits for a free one.\n                static GAMES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);\n                while GAMES.load(std::sync::atomic::Ordering::SeqCst) >= 2 {\n                    thread::sleep(std::time::Duration::from_millis(5));\n                }\n                GAMES.fetch_add(1, std::sync::atomic::Ordering::SeqCst);\n                thread::spawn(move || {\n                    game::play([first, stream], wins);\n                    GAMES.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);\n                });",
        )],
    },
    Mutant {
        name: "walkover-when-needed",
        bug: "notices a player who left only when it needs their next line: one who chose (and sent lines ahead) and left has their lines played, and the walkover waits for the other's choice",
        caught_by: &["walkover-after-choosing"],
        parts: &[
            change(
                "game",
                "    queued: [VecDeque<Line>; 2],\n",
                "    queued: [VecDeque<Line>; 2],\n    left: [bool; 2],\n",
            ),
            change(
                "game",
                "        queued: [VecDeque::new(), VecDeque::new()],\n",
                "        queued: [VecDeque::new(), VecDeque::new()],\n        left: [false, false],\n",
            ),
            change(
                "game",
                "        loop {\n            // Both readers send here: this wakes for either player.\n",
                "        for who in 0..2 {\n            if waiting[who] && self.left[who] {\n                return Err(Left(who));\n            }\n        }\n        loop {\n            // Both readers send here: this wakes for either player.\n",
            ),
            change(
                "game",
                "Ok(Event::Gone(who)) => return Err(Left(who)),",
                "Ok(Event::Gone(who)) if !waiting[who] => self.left[who] = true,\n                Ok(Event::Gone(who)) => return Err(Left(who)),",
            ),
        ],
    },
    Mutant {
        name: "ignores-gone-after-choice",
        bug: "ignores a player leaving once they have chosen: the other waits on, with no walkover",
        caught_by: &["walkover-after-choosing"],
        parts: &[change(
            "game",
            "Ok(Event::Gone(who)) => return Err(Left(who)),",
            "Ok(Event::Gone(who)) if waiting[who] => return Err(Left(who)),\n                Ok(Event::Gone(_)) => {}",
        )],
    },
    Mutant {
        name: "one-game-at-a-time",
        bug: "plays each game in the accept loop's thread, so the next pair waits until it is over",
        caught_by: &["second-pair", "half-line"],
        parts: &[change(
            "server",
            "thread::spawn(move || game::play([first, stream], wins));",
            "game::play([first, stream], wins);",
        )],
    },
    Mutant {
        name: "line-at-a-time",
        bug: "waits until a player has sent something (like select/poll), then reads their whole line while holding every game up",
        caught_by: &["half-line"],
        parts: &[change(
            "game",
            "let event = match read_line(&mut reader) {",
            "let event = match {\n            let _ = std::io::BufRead::fill_buf(&mut reader);\n            static READING: std::sync::Mutex<()> = std::sync::Mutex::new(());\n            let _turn = READING.lock().unwrap_or_else(|p| p.into_inner());\n            read_line(&mut reader)\n        } {",
        )],
    },
    Mutant {
        name: "numbers-players-globally",
        bug: "numbers players as they connect (1, 2, 3, 4, ...) instead of 1 and 2 in each game",
        caught_by: &["next-game", "second-pair"],
        parts: &[
            change(
                "server",
                "let mut waiting: Option<TcpStream> = None;",
                "let mut waiting: Option<TcpStream> = None;\n    let mut players = 0;",
            ),
            change(
                "server",
                "send_line(&stream, &says::welcome(1))",
                "send_line(&stream, &{\n                    players += 1;\n                    says::welcome(players)\n                })",
            ),
            change(
                "server",
                "send_line(&stream, &says::welcome(2))",
                "send_line(&stream, &{\n                    players += 1;\n                    says::welcome(players)\n                })",
            ),
        ],
    },
    Mutant {
        name: "utf8-fatal",
        bug: "ends the connection on bytes that are not UTF-8",
        caught_by: &["garbage"],
        parts: &[change(
            "protocol",
            "String::from_utf8_lossy(&bytes).into_owned(),",
            "String::from_utf8(bytes).map_err(io::Error::other)?,",
        )],
    },
    Mutant {
        name: "long-line-not-skipped",
        bug: "cuts a long line into pieces of 1 KiB and answers each with an ERROR",
        caught_by: &["garbage"],
        parts: &[change(
            "protocol",
            "        if !complete {\n            skip_line(reader)?;\n        }\n",
            "",
        )],
    },
    Mutant {
        name: "keeps-cr",
        bug: "keeps the \\r of a \\r\\n line ending, so `papier\\r` is not a choice",
        caught_by: &["crlf"],
        parts: &[
            change(
                "protocol",
                "    if bytes.ends_with(b\"\\r\") {\n        bytes.pop();\n    }\n",
                "",
            ),
            change(
                "protocol",
                "match text.trim().to_lowercase().as_str() {",
                "match text.trim_matches(' ').to_lowercase().as_str() {",
            ),
        ],
    },
    Mutant {
        name: "one-recv-one-line",
        bug: "takes whatever one recv() returned as one line",
        caught_by: &["fragments"],
        parts: &[change(
            "protocol",
            "let read = reader.by_ref().take(limit).read_until(b'\\n', &mut bytes)?;",
            "let read = {\n        bytes = reader.fill_buf()?.to_vec();\n        reader.consume(bytes.len());\n        bytes.len()\n    };",
        )],
    },
    Mutant {
        name: "client-no-newline",
        bug: "the client sends the choice without a newline",
        caught_by: &["client-choice"],
        parts: &[change(
            "client",
            "to_server.write_all(format!(\"{choice}\\n\").as_bytes())?;",
            "to_server.write_all(choice.as_bytes())?;",
        )],
    },
    Mutant {
        name: "client-sends-typo",
        bug: "the client sends whatever is typed, typos included",
        caught_by: &["client-typo"],
        parts: &[change(
            "client",
            "            None => eprintln!(\n                \"{:?} is not a choice: type papier, nożyce or kamień\",\n                line.trim()\n            ),",
            "            None => {\n                let _ = events.send(Event::Typed(line));\n            }",
        )],
    },
    Mutant {
        name: "client-quiet-typo",
        bug: "the client drops a typo without a word",
        caught_by: &["client-typo"],
        parts: &[change(
            "client",
            "            None => eprintln!(\n                \"{:?} is not a choice: type papier, nożyce or kamień\",\n                line.trim()\n            ),",
            "            None => {}",
        )],
    },
    Mutant {
        name: "client-ignores-error",
        bug: "the client takes an ERROR as news, not as a request for another choice",
        caught_by: &["client-error"],
        parts: &[change(
            "client",
            "if line.starts_with(\"ROUND \") || line.starts_with(\"ERROR\") {",
            "if line.starts_with(\"ROUND \") {",
        )],
    },
    Mutant {
        name: "client-hides-error",
        bug: "the client shows an ERROR without the server's reason",
        caught_by: &["client-error"],
        parts: &[change(
            "client",
            "[\"ERROR\", ..] => format!(\"The server says: {}\", &line[\"ERROR\".len()..].trim()),",
            "[\"ERROR\", ..] => \"The server did not take that choice.\".to_string(),",
        )],
    },
    Mutant {
        name: "client-fails-after-walkover",
        bug: "the client exits with status 1 when its opponent leaves (a walkover)",
        caught_by: &["client-walkover"],
        parts: &[change(
            "client",
            "over |= line.starts_with(\"GAME OVER\");",
            "if line.ends_with(\"WALKOVER\") {\n                    return Err(io::Error::other(\"your opponent left\"));\n                }\n                over |= line.starts_with(\"GAME OVER\");",
        )],
    },
    Mutant {
        name: "client-waits-for-keyboard",
        bug: "when a choice is asked for and none is typed, the client waits for the keyboard alone and hears nothing from the server meanwhile",
        caught_by: &["client-walkover"],
        parts: &[
            change(
                "client",
                "    for event in incoming {",
                "    while let Ok(event) = incoming.recv() {",
            ),
            change(
                "client",
                "        if asked && !over {\n",
                "        if asked && !over {\n            // Mutant: waits for the keyboard alone.\n            while typed.is_empty() && !input_ended {\n                match incoming.recv() {\n                    Ok(Event::Typed(choice)) => typed.push_back(choice),\n                    Ok(Event::InputEnded) | Err(_) => input_ended = true,\n                    Ok(_) => {}\n                }\n            }\n",
            ),
        ],
    },
    Mutant {
        name: "client-sends-when-typed",
        bug: "the client sends each choice as soon as it is typed, not when a ROUND asks for it",
        caught_by: &["client-waits-for-round"],
        parts: &[change(
            "client",
            "        if asked && !over {\n",
            "        if !over {\n",
        )],
    },
    Mutant {
        name: "client-hides-opponent",
        bug: "the client shows its own choice and the verdict, not the opponent's choice",
        caught_by: &["client-shows-result"],
        parts: &[change(
            "client",
            "\"You showed {mine}, your opponent showed {theirs}: {verdict}. Score {score} (you:opponent).\"",
            "\"You showed {mine}: {verdict}. Score {score} (you:opponent).\"",
        )],
    },
    Mutant {
        name: "client-fails-after-loss",
        bug: "the client exits with status 1 after a lost game",
        caught_by: &["client-game-over"],
        parts: &[change(
            "client",
            "over |= line.starts_with(\"GAME OVER\");",
            "if line.starts_with(\"GAME OVER LOSE\") {\n                    return Err(io::Error::other(\"you lost\"));\n                }\n                over |= line.starts_with(\"GAME OVER\");",
        )],
    },
    Mutant {
        name: "client-hides-final-score",
        bug: "the client says who won the game, but not the final score",
        caught_by: &["client-game-over", "client-walkover"],
        parts: &[
            change(
                "client",
                "format!(\"Game over: your opponent left; you win by walkover, {score}.\")",
                "{\n            let _ = score;\n            \"Game over: your opponent left; you win by walkover.\".to_string()\n        }",
            ),
            change(
                "client",
                "[\"GAME\", \"OVER\", \"LOSE\", score] => format!(\"Game over: you lost, {score}.\"),",
                "[\"GAME\", \"OVER\", \"LOSE\", _] => \"Game over: you lost.\".to_string(),",
            ),
        ],
    },
    Mutant {
        name: "client-waits-for-more-input",
        bug: "the client waits for ever when its input ends before the game does",
        caught_by: &["client-input-ends"],
        parts: &[change(
            "client",
            "} else if input_ended {",
            "} else if input_ended && typed.len() > 1 {",
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
        bug: "correct: ends every line to players, and every line the client prints or sends, with \\r\\n",
        caught_by: &[],
        parts: &[
            change(
                "game",
                ".write_all(format!(\"{line}\\n\").as_bytes())\n            .map_err",
                ".write_all(format!(\"{line}\\r\\n\").as_bytes())\n            .map_err",
            ),
            change(
                "game",
                "    stream.write_all(format!(\"{line}\\n\").as_bytes())\n}",
                "    stream.write_all(format!(\"{line}\\r\\n\").as_bytes())\n}",
            ),
            change(
                "client",
                "println!(\"{}\", describe(&line));",
                "print!(\"{}\\r\\n\", describe(&line));",
            ),
            change(
                "client",
                "to_server.write_all(format!(\"{choice}\\n\").as_bytes())?;",
                "to_server.write_all(format!(\"{choice}\\r\\n\").as_bytes())?;",
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
        bug: "correct: the game sends each line one byte per write (one segment each), and the client prints a character at a time",
        caught_by: &[],
        parts: &[
            change(
                "game",
                "        stream\n            .write_all(format!(\"{line}\\n\").as_bytes())\n            .map_err(|_| Left(who))",
                "        let _ = stream.set_nodelay(true);\n        for byte in format!(\"{line}\\n\").bytes() {\n            stream.write_all(&[byte]).map_err(|_| Left(who))?;\n        }\n        Ok(())",
            ),
            change(
                "client",
                "println!(\"{}\", describe(&line));",
                "for c in format!(\"{}\\n\", describe(&line)).chars() {\n                    print!(\"{c}\");\n                    let _ = io::stdout().flush();\n                }",
            ),
        ],
    },
    Mutant {
        name: "chatty-stderr",
        bug: "correct: logs every line a player sends, and every line of the server, on stderr",
        caught_by: &[],
        parts: &[
            change(
                "game",
                "            let (who, line) = self.next_line(waiting)?;",
                "            let (who, line) = self.next_line(waiting)?;\n            eprintln!(\"player {} sent {line:?}\", who + 1);",
            ),
            change(
                "game",
                "        let mut stream = &self.players[who];",
                "        eprintln!(\"to player {}: {line}\", who + 1);\n        let mut stream = &self.players[who];",
            ),
        ],
    },
    Mutant {
        name: "trims-spaces-only",
        bug: "correct: strips only spaces (not other whitespace) around a choice",
        caught_by: &[],
        parts: &[change(
            "protocol",
            "match text.trim().to_lowercase().as_str() {",
            "match text.trim_matches(' ').to_lowercase().as_str() {",
        )],
    },
    Mutant {
        name: "error-names-the-line",
        bug: "correct: an ERROR quotes the player's own line and carries a number (the round by the score)",
        caught_by: &[],
        parts: &[change(
            "game",
            "None => self.send(who, says::NOT_A_CHOICE)?,",
            "None => self.send(\n                    who,\n                    &format!(\n                        \"ERROR {text:?} is not a choice (try {}: papier, nożyce or kamień)\",\n                        self.score.iter().sum::<u32>() + 2\n                    ),\n                )?,",
        )],
    },
    Mutant {
        name: "client-error-on-stderr",
        bug: "correct: the client shows the server's ERROR on stderr, not stdout",
        caught_by: &[],
        parts: &[change(
            "client",
            "println!(\"{}\", describe(&line));",
            "if line.starts_with(\"ERROR\") {\n                    eprintln!(\"{}\", describe(&line));\n                } else {\n                    println!(\"{}\", describe(&line));\n                }",
        )],
    },
    Mutant {
        name: "client-sends-as-typed",
        bug: "correct: the client sends a valid choice as it was typed (NOŻYCE, rock), not in its canonical form",
        caught_by: &[],
        parts: &[change(
            "client",
            ".send(Event::Typed(choice.name().to_string()))",
            ".send(Event::Typed({\n                        let _ = choice;\n                        line.trim().to_string()\n                    }))",
        )],
    },
];
