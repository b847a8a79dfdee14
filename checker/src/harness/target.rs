//! What is graded, and how to start it: the one place that turns a test's
//! invocation into a command.
//!
//! Every test starts the program under test the same way, in the lab's own
//! command line: `ROLE --host H --port P FLAGS...` (`server --host
//! 127.0.0.1 --port 0 --once`, `client --host 127.4.5.6 --port 40123
//! --message Time`). A [`Target`] makes that into what runs:
//!
//! - an executable (a lab built by cargo, or `--exe`): `EXE ROLE ARGS...`,
//!   unchanged;
//! - command templates (`--server-cmd`, `--client-cmd`), for programs in any
//!   language: the role picks the template, `{host}` and `{port}` are filled
//!   in from `--host` and `--port` (a server's `--port 0` becomes a free port
//!   the checker chose, since a program in another language may not print
//!   the ready line that tells the real one), and `{args}` becomes the
//!   remaining flags, one word each (appended at the end when the template
//!   has no `{args}`).
//!
//! Templates are split into words like a POSIX shell would (the `shlex`
//! crate) before anything is filled in, and run without a shell: a value the
//! checker fills in (a message with spaces, a nick with quotes) is always
//! exactly one word, and the process the checker starts and kills is the
//! student's program itself.

use std::net::{IpAddr, SocketAddr, TcpListener, UdpSocket};
use std::path::{Path, PathBuf};

use super::Failure;
use crate::t;

/// What a test grades: the program it starts for each role.
#[derive(Debug, Clone)]
pub struct Target {
    /// How to show what is graded (the report's header, JSON's
    /// `executable`): the executable's path, or the command templates.
    pub shown: String,
    how: How,
}

#[derive(Debug, Clone)]
enum How {
    /// Run as `EXE ROLE ARGS...`.
    Executable(PathBuf),
    /// A template per role; a role without one is not graded.
    Commands(Commands),
}

/// The command templates of a run: `--server-cmd` and `--client-cmd`.
#[derive(Debug, Clone, Default)]
pub struct Commands {
    pub server: Option<Template>,
    pub client: Option<Template>,
}

/// How to start one program, ready for [`super::Program::spawn`].
#[derive(Debug, Clone)]
pub struct Launch {
    /// The program to execute (found on PATH when the template was read).
    pub program: PathBuf,
    /// Its name as the template gives it, for `argv[0]`, as a shell
    /// would pass it (`None`: the program's path).
    pub arg0: Option<String>,
    pub args: Vec<String>,
    /// The command as the report shows it, to run by hand.
    pub shown: String,
    /// For a server started from a template: the address it was told to
    /// listen on. Without a ready line, the checker waits until a socket of
    /// the server's listens there ([`super::sockets::listening`]).
    pub told: Option<SocketAddr>,
}

impl Target {
    /// An executable that takes the lab's command line (`server`, `client`).
    pub fn executable(exe: &Path, shown: String) -> Target {
        Target {
            shown,
            how: How::Executable(exe.to_path_buf()),
        }
    }

    /// Programs in any language, given as command templates.
    pub fn commands(commands: Commands) -> Target {
        let shown = [("server", &commands.server), ("client", &commands.client)]
            .into_iter()
            .filter_map(|(role, template)| Some(format!("{role}: {}", template.as_ref()?.text)))
            .collect::<Vec<_>>()
            .join("; ");
        Target {
            shown,
            how: How::Commands(commands),
        }
    }

    /// The executable, when the target is one (benchmarks that run it
    /// themselves need it).
    pub fn exe(&self) -> Option<&Path> {
        match &self.how {
            How::Executable(exe) => Some(exe),
            How::Commands(_) => None,
        }
    }

    /// How to start `args` (`ROLE FLAGS...`, the lab's command line),
    /// showing `shown_args` instead in the report if given. A role this
    /// target has no program for makes the test skipped, saying why.
    pub fn launch(
        &self,
        args: &[String],
        shown_args: Option<&[String]>,
    ) -> Result<Launch, Failure> {
        let shown_args = shown_args.unwrap_or(args);
        match &self.how {
            How::Executable(exe) => Ok(Launch {
                program: exe.clone(),
                arg0: None,
                args: args.to_vec(),
                shown: std::iter::once(self.shown.clone())
                    .chain(shown_args.iter().map(|a| shell_quote(a)))
                    .collect::<Vec<_>>()
                    .join(" "),
                told: None,
            }),
            How::Commands(commands) => commands.launch(args, shown_args),
        }
    }
}

impl Commands {
    fn launch(&self, args: &[String], shown_args: &[String]) -> Result<Launch, Failure> {
        let role = args.first().map(String::as_str).unwrap_or_default();
        let template = match role {
            "server" => self.server.as_ref(),
            "client" => self.client.as_ref(),
            other => {
                return Err(Failure::skipped(t!(
                    "skip-no-command-for-program",
                    "this test starts the lab's `{program}` program, which --server-cmd and --client-cmd can't stand for; grade it with the lab's own build or --exe",
                    program = other
                )));
            }
        };
        let template = template.ok_or_else(|| {
            Failure::skipped(t!(
                "skip-no-command",
                "this test starts the {role}, and no --{role}-cmd was given",
                role = role
            ))
        })?;
        let invocation = Invocation::parse(args)?;
        let shown = Invocation::parse(shown_args)?;
        // A server told `--port 0` gets a free port the checker chooses,
        // shown as it was given to it.
        let port = match (role, invocation.port.as_str()) {
            ("server", "0") => free_port(invocation.ip()?)?.to_string(),
            (_, port) => port.to_string(),
        };
        let shown_port = if shown.port == "0" {
            &port
        } else {
            &shown.port
        };
        let told = (role == "server")
            .then(|| -> Result<SocketAddr, Failure> {
                let port = port.parse().map_err(|_| {
                    Failure::checker(format!("the test gave the server a bad port {port:?}"))
                })?;
                Ok(SocketAddr::new(invocation.ip()?, port))
            })
            .transpose()?;
        let words = template.fill(&invocation.host, &port, &invocation.rest);
        let shown = template.fill(&shown.host, shown_port, &shown.rest);
        Ok(Launch {
            program: template.program.clone(),
            arg0: Some(words[0].clone()),
            args: words[1..].to_vec(),
            shown: shown
                .iter()
                .map(|w| shell_quote(w))
                .collect::<Vec<_>>()
                .join(" "),
            told,
        })
    }
}

/// A test's `ROLE --host H --port P FLAGS...`, taken apart.
struct Invocation {
    host: String,
    port: String,
    /// Every other argument after the role, in order.
    rest: Vec<String>,
}

impl Invocation {
    fn parse(args: &[String]) -> Result<Invocation, Failure> {
        let (mut host, mut port, mut rest) = (None, None, Vec::new());
        let mut words = args.iter().skip(1);
        while let Some(word) = words.next() {
            let (flag, inline) = match word.split_once('=') {
                Some((flag, value)) if flag == "--host" || flag == "--port" => (flag, Some(value)),
                _ => (word.as_str(), None),
            };
            let slot = match flag {
                "--host" => &mut host,
                "--port" => &mut port,
                _ => {
                    rest.push(word.clone());
                    continue;
                }
            };
            *slot = inline.map(str::to_string).or_else(|| words.next().cloned());
        }
        let missing = |what| {
            Failure::checker(format!(
                "the test starts `{}` without --{what}, so {{{what}}} can't be filled in",
                args.join(" ")
            ))
        };
        Ok(Invocation {
            host: host.ok_or_else(|| missing("host"))?,
            port: port.ok_or_else(|| missing("port"))?,
            rest,
        })
    }

    fn ip(&self) -> Result<IpAddr, Failure> {
        self.host.parse().map_err(|_| {
            Failure::checker(format!(
                "the test gave the server a host that is not an address: {:?}",
                self.host
            ))
        })
    }
}

/// A port free on `host` for both TCP and UDP, from the system (bind port
/// 0, read it back, close). Another program could take it before the
/// server binds it; the system hands out ports in turn, so that is rare.
fn free_port(host: IpAddr) -> Result<u16, Failure> {
    let mut last = None;
    for _ in 0..20 {
        let port = TcpListener::bind((host, 0))
            .and_then(|l| l.local_addr())
            .map_err(|e| Failure::checker(format!("could not find a free port on {host}: {e}")))?
            .port();
        match UdpSocket::bind((host, port)) {
            Ok(_) => return Ok(port),
            Err(e) => last = Some(e),
        }
    }
    Err(Failure::checker(format!(
        "could not find a port free for TCP and UDP on {host}: {}",
        last.map(|e| e.to_string()).unwrap_or_default()
    )))
}

/// A command template: `python3 -u server.py {host} {port} {args}`.
#[derive(Debug, Clone)]
pub struct Template {
    /// As it was given.
    pub text: String,
    /// The program, found on PATH (or relative to the working directory).
    program: PathBuf,
    words: Vec<Word>,
}

#[derive(Debug, Clone, PartialEq)]
enum Word {
    /// `{args}`: zero or more words.
    Args,
    /// Text with `{host}` and `{port}` in it (or neither).
    Pieces(Vec<Piece>),
}

#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Text(String),
    Host,
    Port,
}

/// The placeholders, as the error messages list them.
const PLACEHOLDERS: &str = "{host}, {port} and {args} ({{ and }} for a literal brace)";

impl Template {
    /// Reads a template: split like a shell would, with `{host}` and
    /// `{port}` both required, and the program found. The error says what
    /// is wrong, for the user to fix.
    pub fn parse(text: &str) -> Result<Template, String> {
        let split = shlex::split(text).ok_or(
            "a quote is not closed (the command is split into words like a shell splits it)",
        )?;
        let words = split
            .iter()
            .map(|word| parse_word(word))
            .collect::<Result<Vec<Word>, String>>()?;
        let has = |piece: Piece| {
            words
                .iter()
                .any(|w| matches!(w, Word::Pieces(p) if p.contains(&piece)))
        };
        let example = "e.g. 'python3 -u server.py {host} {port} {args}'";
        if words.is_empty() {
            return Err(format!("it is empty; {example}"));
        }
        for (piece, name, why) in [
            (
                Piece::Port,
                "{port}",
                "the checker chooses the port for every test",
            ),
            (
                Piece::Host,
                "{host}",
                "the checker chooses the address (127.0.0.1, another loopback address, or ::1)",
            ),
        ] {
            if !has(piece) {
                return Err(format!(
                    "there is no {name} in it: {why}; put {name} where your program takes it, {example}"
                ));
            }
        }
        let program = match words.first().map(|word| match word {
            Word::Pieces(pieces) => pieces.as_slice(),
            Word::Args => &[],
        }) {
            Some([Piece::Text(name)]) => find_program(name)?,
            _ => {
                return Err(
                    "it starts with a placeholder: the first word is the program to run".into(),
                );
            }
        };
        Ok(Template {
            text: text.to_string(),
            program,
            words,
        })
    }

    /// The words to run: placeholders filled in, `{args}` expanded (or
    /// `args` appended, if the template has no `{args}`).
    fn fill(&self, host: &str, port: &str, args: &[String]) -> Vec<String> {
        let mut out = Vec::new();
        for word in &self.words {
            match word {
                Word::Args => out.extend(args.iter().cloned()),
                Word::Pieces(pieces) => out.push(
                    pieces
                        .iter()
                        .map(|piece| match piece {
                            Piece::Text(text) => text.as_str(),
                            Piece::Host => host,
                            Piece::Port => port,
                        })
                        .collect(),
                ),
            }
        }
        if !self.words.contains(&Word::Args) {
            out.extend(args.iter().cloned());
        }
        out
    }
}

/// One word of a template: `{args}` alone, or text with `{host}`/`{port}`.
fn parse_word(word: &str) -> Result<Word, String> {
    if word == "{args}" {
        return Ok(Word::Args);
    }
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut rest = word;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("{{") {
            text.push('{');
            rest = after;
        } else if let Some(after) = rest.strip_prefix("}}") {
            text.push('}');
            rest = after;
        } else if c == '{' {
            let end = rest.find('}').ok_or_else(|| {
                format!("{word:?} has a {{ that is not closed; the placeholders are {PLACEHOLDERS}")
            })?;
            let piece = match &rest[..=end] {
                "{host}" => Piece::Host,
                "{port}" => Piece::Port,
                "{args}" => {
                    return Err(format!(
                        "{{args}} must be a word of its own (it stands for zero or more words), not part of {word:?}"
                    ));
                }
                other => {
                    return Err(format!(
                        "{other} is not a placeholder; the placeholders are {PLACEHOLDERS}"
                    ));
                }
            };
            if !text.is_empty() {
                pieces.push(Piece::Text(std::mem::take(&mut text)));
            }
            pieces.push(piece);
            rest = &rest[end + 1..];
        } else if c == '}' {
            return Err(format!(
                "{word:?} has a }} without a {{; write }}}} for a literal brace"
            ));
        } else {
            text.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    if !text.is_empty() || pieces.is_empty() {
        pieces.push(Piece::Text(text));
    }
    Ok(Word::Pieces(pieces))
}

/// The program a template names: a path (with a `/`, relative to the
/// working directory) that exists, or a name found on PATH.
fn find_program(name: &str) -> Result<PathBuf, String> {
    use std::os::unix::fs::PermissionsExt;
    let runnable = |path: &Path| {
        path.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    };
    if name.contains('/') {
        let path = PathBuf::from(name);
        return if runnable(&path) {
            Ok(path)
        } else if path.exists() {
            Err(format!(
                "{name} is not an executable file (chmod +x it, or name its interpreter first: python3 {name} ...)"
            ))
        } else {
            Err(format!(
                "there is no {name} (paths are relative to the directory the checker runs in)"
            ))
        };
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| runnable(candidate))
        .ok_or_else(|| format!("there is no program {name:?} on PATH"))
}

/// Quotes an argument for a POSIX shell when it needs it.
pub fn shell_quote(arg: &str) -> String {
    let plain = !arg.is_empty()
        && arg
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c));
    if plain {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    fn server(text: &str) -> Template {
        Template::parse(text).unwrap()
    }

    #[test]
    fn placeholders_are_filled_in_after_splitting() {
        let template = server("sh 'my server.sh' --listen={host}:{port} {args} --verbose");
        let words = template.fill("127.0.0.1", "4000", &strings(&["--message", "a b"]));
        assert_eq!(
            words,
            [
                "sh",
                "my server.sh",
                "--listen=127.0.0.1:4000",
                "--message",
                "a b",
                "--verbose"
            ]
        );
    }

    #[test]
    fn without_args_the_flags_go_at_the_end() {
        let words = server("sh {host} {port}").fill("::1", "9", &strings(&["--once"]));
        assert_eq!(words, ["sh", "::1", "9", "--once"]);
    }

    #[test]
    fn doubled_braces_are_literal() {
        let words = server("sh -c {{}} {host} {port}").fill("h", "1", &[]);
        assert_eq!(words, ["sh", "-c", "{}", "h", "1"]);
    }

    #[test]
    fn bad_templates_say_what_is_wrong() {
        let error = |text: &str| Template::parse(text).unwrap_err();
        assert!(error("sh server.sh {host}").contains("no {port}"));
        assert!(error("sh server.sh {port}").contains("no {host}"));
        assert!(error("sh 'server.sh {host} {port}").contains("quote is not closed"));
        assert!(error("sh {hots} {host} {port}").contains("{hots} is not a placeholder"));
        assert!(error("sh --x={args} {host} {port}").contains("word of its own"));
        assert!(error("sh {host} {port} }").contains("without a {"));
        assert!(error("no-such-program-here {host} {port}").contains("on PATH"));
        assert!(error("./no/such/file {host} {port}").contains("there is no ./no/such/file"));
        assert!(error("{args} {host} {port}").contains("starts with a placeholder"));
    }

    #[test]
    fn a_server_told_port_0_gets_a_free_port_and_is_watched_there() {
        let target = Target::commands(Commands {
            server: Some(server("sh server.sh {host} {port} {args}")),
            client: None,
        });
        let args = strings(&["server", "--host", "127.0.0.1", "--port", "0", "--once"]);
        let launch = target.launch(&args, None).unwrap();
        let told = launch.told.expect("a server is watched");
        assert_ne!(told.port(), 0);
        assert_eq!(
            launch.args,
            ["server.sh", "127.0.0.1", &told.port().to_string(), "--once"]
        );
        assert_eq!(
            launch.shown,
            format!("sh server.sh 127.0.0.1 {} --once", told.port())
        );
        let client = target
            .launch(
                &strings(&["client", "--host", "127.0.0.1", "--port", "1"]),
                None,
            )
            .unwrap_err();
        assert_eq!(client.kind, super::super::Kind::Skipped);
        assert!(
            client.message.contains("no --client-cmd"),
            "{}",
            client.message
        );
    }
}
