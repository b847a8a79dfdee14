//! Running the scanner and judging what it said: its port lines, its
//! JSON and its summary, against what the kernel's tables saw.

use std::collections::BTreeSet;
use std::ops::RangeInclusive;
use std::process::ExitStatus;
use std::time::{Duration, Instant};

use super::watch::{SocketWatch, Try};
use crate::harness::program::describe_exit;
use crate::harness::{Ctx, Failure, Limits, complete_lines, ensure};
use crate::i18n::Text;
use crate::t;

/// A finished scan.
pub(super) struct Scan {
    pub(super) status: ExitStatus,
    pub(super) stdout: String,
    pub(super) stderr: String,
    pub(super) elapsed: Duration,
    /// Every port something listened on at some time during the scan.
    pub(super) seen: BTreeSet<u16>,
    /// The most connect()s in progress at once, if they were counted.
    pub(super) most_at_once: usize,
    /// Each of them (if they were counted), and when the sampling ended.
    pub(super) tries: Vec<Try>,
    pub(super) sampled_until: Instant,
    /// The longest time between two samples of the scanner's sockets.
    pub(super) max_gap: Duration,
}

/// Runs `scan <args>` and waits for it to exit, at most `within`.
pub(super) fn run_scan(
    ctx: &mut Ctx,
    args: &[&str],
    limits: Option<Limits>,
    within: Duration,
) -> Result<Scan, Failure> {
    run_scan_counting(ctx, args, limits, within, None)
}

/// Runs `scan <args>` as run_scan does, and counts the most connections
/// it has in progress at once to the ports `counting`.
fn run_scan_counting(
    ctx: &mut Ctx,
    args: &[&str],
    limits: Option<Limits>,
    within: Duration,
    counting: Option<RangeInclusive<u16>>,
) -> Result<Scan, Failure> {
    let mut all = vec!["scan"];
    all.extend_from_slice(args);
    let watch = SocketWatch::start(counting);
    let started = Instant::now();
    let program = ctx.spawn_with("scanner", &all, &[], limits)?;
    watch.scanner_is(program.pid());
    let status = program.wait_exit(ctx.deadline(within));
    let elapsed = started.elapsed();
    let (seen, most_at_once, tries, sampled_until, max_gap) = watch.stop();
    let Some(status) = status else {
        return Err(Failure::timeout(t!(
            "lab04-scan-still-running",
            "the scan was still running after {seconds} s",
            seconds = in_seconds(elapsed, 1)
        ))
        .expected(t!(
            "lab04-scan-to-end-within",
            "the scan to end within {seconds} s",
            seconds = format!("{:.0}", within.as_secs_f64())
        ))
        .got(t!("lab04-still-running-killed", "still running: killed")));
    };
    ctx.note(t!(
        "lab04-scanner-ended",
        "the scanner {ended} after {ms} ms",
        ended = describe_exit(status),
        ms = elapsed.as_millis() as u64
    ));
    Ok(Scan {
        status,
        stdout: program.stdout(),
        stderr: program.stderr(),
        elapsed,
        seen,
        most_at_once,
        tries,
        sampled_until,
        max_gap,
    })
}

/// Runs a counted scan of `ports` (all silent) until the samples saw a
/// connect() to every one of them, at most four times: on a machine so
/// loaded that the sampler was not scheduled while some connect() waited,
/// the count of connections at once is not complete, and no verdict is
/// drawn from it. A scan that saw fewer connect()s than ports every time
/// (a scanner that doesn't connect) is returned as it is, for the test to
/// judge.
pub(super) fn run_scan_seen(
    ctx: &mut Ctx,
    args: &[&str],
    within: Duration,
    ports: RangeInclusive<u16>,
    gap: Duration,
) -> Result<Scan, Failure> {
    let wanted = ports.len();
    let mut attempt = 1;
    loop {
        let scan = run_scan_counting(ctx, args, None, within, Some(ports.clone()))?;
        if (scan.tries.len() >= wanted && scan.max_gap <= gap)
            || attempt == 4
            || !scan.status.success()
        {
            return Ok(scan);
        }
        ctx.note(t!(
            "lab04-sampled-again",
            "the kernel's table was sampled too seldom ({seen} of {wanted} connect()s seen, up to {ms} ms between samples): scanning again",
            seen = scan.tries.len(),
            wanted = wanted,
            ms = scan.max_gap.as_millis() as u64
        ));
        attempt += 1;
    }
}

impl Scan {
    /// A scan the checker ran itself (in a network namespace of its own,
    /// say), whose sockets were not sampled: nothing seen listening.
    pub(super) fn unsampled(status: ExitStatus, stdout: String, stderr: String) -> Scan {
        Scan {
            status,
            stdout,
            stderr,
            elapsed: Duration::ZERO,
            seen: BTreeSet::new(),
            most_at_once: 0,
            tries: Vec::new(),
            sampled_until: Instant::now(),
            max_gap: Duration::ZERO,
        }
    }

    /// What needs the kernel's table sampled at most `needed` apart is
    /// judged only if it was. On a machine so busy that the samples were
    /// further apart, even after scanning again, the test is not judged
    /// (skipped, saying why): never passed unjudged, never failed for the
    /// machine's load. What the samples did show is judged before this.
    pub(super) fn sampled_within(&self, needed: Duration) -> Result<(), Failure> {
        ensure(self.max_gap <= needed, || {
            Failure::skipped(t!(
                "lab04-too-busy-to-judge",
                "the machine was too busy for the checker to watch the scan: up to {ms} ms between its looks at the kernel's table ({needed} ms needed), after scanning again; this test is not judged, grade again when the machine is less busy",
                ms = self.max_gap.as_millis() as u64,
                needed = needed.as_millis() as u64
            ))
        })
    }

    /// Exit status 0, or a failure that shows stderr.
    pub(super) fn succeeded(&self) -> Result<(), Failure> {
        ensure(self.status.success(), || {
            Failure::wrong(t!(
                "lab04-not-successful",
                "the scanner did not exit successfully"
            ))
            .expected(t!("lab04-exit-status-0", "exit status 0"))
            .got(t!(
                "lab04-ended-and-stderr",
                "{ended}; stderr: {stderr}",
                ended = describe_exit(self.status),
                stderr = format!("{:?}", last_lines(&self.stderr))
            ))
        })
    }

    /// The open ports a scan that exited successfully reported on
    /// stdout, in their order, judged by [`judge_open`] against what
    /// listened during the scan.
    pub(super) fn reported_open(
        &self,
        expected: &BTreeSet<u16>,
        never_open: &BTreeSet<u16>,
        scanned: impl Fn(u16) -> bool,
    ) -> Result<Vec<u16>, Failure> {
        self.succeeded()?;
        let reported = self.open_lines()?;
        judge_open(&reported, expected, never_open, scanned, &self.seen)?;
        Ok(reported)
    }

    /// The ports of the `<port>/tcp open <service>` lines on stdout, in
    /// their order; any other line is a failure.
    pub(super) fn open_lines(&self) -> Result<Vec<u16>, Failure> {
        let mut ports = Vec::new();
        for line in complete_lines(self.stdout.as_bytes()) {
            if line.trim().is_empty() {
                continue;
            }
            let port = parse_line(&line).ok_or_else(|| {
                Failure::wrong(t!(
                    "lab04-not-a-port-line",
                    "a line on stdout is not `<port>/tcp open <service>`"
                ))
                .expected(t!(
                    "lab04-port-lines",
                    "lines like `22/tcp open ssh` (the summary goes to stderr)"
                ))
                .got(format!("{line:?}"))
            })?;
            ports.push(port);
        }
        Ok(ports)
    }
}

/// `22/tcp open ssh` → 22.
pub(super) fn parse_line(line: &str) -> Option<u16> {
    let mut words = line.split_whitespace();
    let port = words.next()?.strip_suffix("/tcp")?.parse().ok()?;
    (words.next()? == "open" && words.next().is_some() && words.next().is_none()).then_some(port)
}

/// The lines of stderr that say something (not blank).
pub(super) fn stderr_lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| !l.trim().is_empty()).collect()
}

pub(super) fn last_lines(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(3)..].join("\n")
}

/// A duration in seconds with `decimals` (1 or more) digits after the
/// point: a decimal comma in Polish.
pub(super) fn in_seconds(duration: Duration, decimals: usize) -> Text {
    let text = format!("{:.*}", decimals, duration.as_secs_f64());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    t!(
        "lab04-seconds",
        "{whole}.{fraction}",
        whole = whole,
        fraction = fraction
    )
}

/// The ports, comma-separated, or "none".
pub(super) fn list(ports: impl IntoIterator<Item = u16>) -> Text {
    let ports: Vec<String> = ports.into_iter().map(|p| p.to_string()).collect();
    if ports.is_empty() {
        t!("lab04-none", "none")
    } else {
        Text::english(ports.join(", "))
    }
}

/// Judges the open ports a scan reported: each of `expected` must be
/// there, and every other one must have been listening at some time during
/// the scan (a port of the checker's that is `filtered` or closed never
/// was open).
pub(super) fn judge_open(
    reported: &[u16],
    expected: &BTreeSet<u16>,
    never_open: &BTreeSet<u16>,
    scanned: impl Fn(u16) -> bool,
    seen: &BTreeSet<u16>,
) -> Result<(), Failure> {
    let got: BTreeSet<u16> = reported.iter().copied().collect();
    let missed: Vec<u16> = expected.difference(&got).copied().collect();
    ensure(missed.is_empty(), || {
        Failure::wrong(t!(
            "lab04-open-not-reported",
            "{count} open port(s) not reported: {ports}",
            count = missed.len(),
            ports = list(missed.iter().copied())
        ))
        .expected(t!(
            "lab04-open",
            "open: {ports}",
            ports = list(expected.iter().copied())
        ))
        .got(t!(
            "lab04-open",
            "open: {ports}",
            ports = list(got.iter().copied())
        ))
    })?;
    let false_open: Vec<u16> = got
        .iter()
        .copied()
        .filter(|p| !expected.contains(p))
        .filter(|p| never_open.contains(p) || !seen.contains(p) || !scanned(*p))
        .collect();
    ensure(false_open.is_empty(), || {
        let shown: Vec<u16> = false_open.iter().take(12).copied().collect();
        Failure::wrong(t!(
            "lab04-open-where-nothing-listened",
            "{count} port(s) reported open where nothing listened during the scan (the kernel's table, /proc/net/tcp): {ports}{more}",
            count = false_open.len(),
            ports = list(shown),
            more = if false_open.len() > 12 { ", ..." } else { "" }
        ))
        .expected(t!(
            "lab04-open",
            "open: {ports}",
            ports = list(expected.iter().copied())
        ))
        .got(t!(
            "lab04-reported-open",
            "{count} ports reported open",
            count = got.len()
        ))
    })
}

/// The ports in ascending order, each once.
pub(super) fn ascending(reported: &[u16]) -> Result<(), Failure> {
    let Some(pair) = reported.windows(2).find(|pair| pair[0] >= pair[1]) else {
        return Ok(());
    };
    let message = if pair[0] == pair[1] {
        t!(
            "lab04-printed-twice",
            "port {port} is printed twice: a port listed twice is scanned and reported once",
            port = pair[0]
        )
    } else {
        t!(
            "lab04-not-ascending",
            "the open ports are not in ascending order: {before} is printed before {after}",
            before = pair[0],
            after = pair[1]
        )
    };
    Err(Failure::wrong(message)
        .expected(t!(
            "lab04-lowest-first",
            "one line per open port, lowest port first"
        ))
        .got(t!(
            "lab04-in-this-order",
            "ports in this order: {ports}",
            ports = list(reported.iter().copied())
        )))
}

/// stdout as one JSON object.
pub(super) fn json_output(scan: &Scan) -> Result<serde_json::Value, Failure> {
    let value: serde_json::Value = serde_json::from_str(scan.stdout.trim()).map_err(|e| {
        Failure::wrong(t!(
            "lab04-not-json",
            "stdout is not one JSON object: {error}",
            error = e.to_string()
        ))
        .expected(t!(
            "lab04-one-json-object",
            "with --json, stdout is a single JSON object"
        ))
        .got(format!("{:?}", crate::harness::shown(&scan.stdout, 300)))
    })?;
    ensure(value.is_object(), || {
        Failure::wrong(t!("lab04-json-not-object", "the JSON is not an object"))
            .expected("{\"host\": ..., \"open\": [...], ...}")
            .got(crate::harness::shown(&scan.stdout, 300))
    })?;
    Ok(value)
}

/// A list of port numbers in the JSON, at `key`.
pub(super) fn json_ports(value: &serde_json::Value, key: &str) -> Result<Vec<u16>, Failure> {
    value
        .get(key)
        .and_then(|v| v.as_array())
        .and_then(|items| {
            items
                .iter()
                .map(|p| p.as_u64().and_then(|p| u16::try_from(p).ok()))
                .collect::<Option<Vec<u16>>>()
        })
        .ok_or_else(|| {
            Failure::wrong(t!(
                "lab04-json-no-port-list",
                "the JSON has no list of port numbers \"{key}\"",
                key = key
            ))
            .expected(t!(
                "lab04-json-port-list",
                "\"{key}\": [port, ...]",
                key = key
            ))
            .got(crate::harness::shown(&value.to_string(), 300))
        })
}

pub(super) fn json_number(value: &serde_json::Value, path: &[&str]) -> Result<u64, Failure> {
    path.iter()
        .try_fold(value, |v, key| v.get(key))
        .and_then(|v| v.as_u64())
        .ok_or_else(|| {
            Failure::wrong(t!(
                "lab04-json-no-number",
                "the JSON has no number at {path}",
                path = path.join(".")
            ))
            .expected(t!(
                "lab04-json-number",
                "a number at {path}",
                path = path.join(".")
            ))
            .got(crate::harness::shown(&value.to_string(), 300))
        })
}

/// Every checker port in `ours` is among the filtered ones reported.
pub(super) fn judge_filtered(reported: &[u16], ours: &BTreeSet<u16>) -> Result<(), Failure> {
    let got: BTreeSet<u16> = reported.iter().copied().collect();
    let missed: Vec<u16> = ours.difference(&got).copied().collect();
    ensure(missed.is_empty(), || {
        Failure::wrong(t!(
            "lab04-filtered-not-reported",
            "{count} port(s) that never answered are not reported filtered: {ports}",
            count = missed.len(),
            ports = list(missed.iter().take(12).copied())
        ))
        .expected(t!(
            "lab04-filtered-count",
            "filtered: {count} ports",
            count = ours.len()
        ))
        .got(t!(
            "lab04-filtered-count",
            "filtered: {count} ports",
            count = got.len()
        ))
    })
}

/// The numbers of open, closed and filtered ports a summary gives,
/// each written before its word (`2 open, 27 closed, 1 filtered`) or each
/// after it (`open: 2, closed: 27, filtered: 1`, `open=2`).
pub(super) fn counts_in(text: &str) -> Option<[u64; 3]> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | ';' | '=' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .collect();
    let near = |word: &str, offset: isize| -> Option<u64> {
        let at = words.iter().position(|w| *w == word)? as isize + offset;
        words.get(usize::try_from(at).ok()?)?.parse().ok()
    };
    let states = ["open", "closed", "filtered"];
    [-1, 1].into_iter().find_map(|offset| {
        let [a, b, c] = states.map(|state| near(state, offset));
        Some([a?, b?, c?])
    })
}

/// Whether `text` gives a time: a number with its unit, `0.51 s`,
/// `0.51s`, `510 ms`, `510ms`, `0.5 seconds`.
pub(super) fn says_time(text: &str) -> bool {
    const UNITS: [&str; 7] = [
        "s",
        "ms",
        "sec",
        "secs",
        "second",
        "seconds",
        "milliseconds",
    ];
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | ';' | '(' | ')'))
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .collect();
    let number = |w: &str| !w.is_empty() && w.parse::<f64>().is_ok_and(|n| n >= 0.0);
    words.iter().enumerate().any(|(i, word)| {
        let glued = UNITS
            .iter()
            .any(|unit| word.strip_suffix(unit).is_some_and(number));
        let apart = number(word) && words.get(i + 1).is_some_and(|next| UNITS.contains(next));
        glued || apart
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scan_watched_too_seldom_is_skipped_not_passed() {
        use std::os::unix::process::ExitStatusExt;
        let mut scan = Scan::unsampled(ExitStatus::from_raw(0), String::new(), String::new());
        scan.max_gap = Duration::from_millis(100);
        assert!(scan.sampled_within(Duration::from_millis(100)).is_ok());
        scan.max_gap = Duration::from_millis(101);
        let failure = scan.sampled_within(Duration::from_millis(100)).unwrap_err();
        assert_eq!(failure.kind, crate::harness::Kind::Skipped);
    }

    #[test]
    fn lines_are_parsed() {
        assert_eq!(parse_line("22/tcp open ssh"), Some(22));
        assert_eq!(parse_line("8080/tcp  open  http-proxy"), Some(8080));
        assert_eq!(parse_line("22/tcp closed ssh"), None);
        assert_eq!(parse_line("22 open ssh"), None);
        assert_eq!(parse_line("22/tcp open"), None);
        assert_eq!(parse_line("scanned 3 ports"), None);
    }

    #[test]
    fn counts_are_found_in_a_summary() {
        let text = "scanned 30 ports of 127.0.0.1 in 0.51 s: 2 open, 27 closed, 1 filtered";
        assert_eq!(counts_in(text), Some([2, 27, 1]));
        let text = "scanned 30 ports of 127.0.0.1 in 0.51s: open: 2, closed: 27, filtered: 1";
        assert_eq!(counts_in(text), Some([2, 27, 1]));
        assert_eq!(
            counts_in("30 ports; open=2 closed=27 filtered=1"),
            Some([2, 27, 1])
        );
        assert_eq!(counts_in("2 open, 27 closed"), None);
    }

    #[test]
    fn a_time_is_found_in_a_summary() {
        for text in [
            "in 0.51 s: 2 open",
            "in 0.51s: 2 open",
            "took 510 ms",
            "(510ms)",
            "in 0.5 seconds.",
            "in 1s.",
        ] {
            assert!(says_time(text), "{text}");
        }
        for text in ["scanned 30 ports of 127.0.0.1: 2 open", "s 0.5", "30 ports"] {
            assert!(!says_time(text), "{text}");
        }
    }
}
