//! The client's printed measurements (`server time <T>  rtt <R> ms  offset
//! <O> ms`, and `best offset ...`) and their judging against what the
//! checker's scripted server saw of each request on its own clock.

use std::time::Duration;

use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};

use crate::harness::{Failure, Program, ensure};
use crate::t;

/// What the client printed for one request.
pub(super) struct Printed {
    time: String,
    rtt_ms: f64,
    offset_ms: f64,
}

/// Parses `server time <T>  rtt <R> ms  offset <O> ms`.
pub(super) fn parse_printed(line: &str) -> Option<Printed> {
    let words: Vec<&str> = line.split_whitespace().collect();
    match words.as_slice() {
        [
            "server",
            "time",
            time,
            "rtt",
            rtt,
            "ms",
            "offset",
            offset,
            "ms",
        ] => Some(Printed {
            time: time.to_string(),
            rtt_ms: rtt.parse().ok()?,
            offset_ms: offset.parse().ok()?,
        }),
        _ => None,
    }
}

/// The scripted server answers DELAY after it read the request, with its
/// own clock plus SKEW: the client's clock (the checker's, on the same
/// machine) is then 5 s behind this server.
///
/// What the checker knows, on its own clock, for each request: the client
/// sent it after `lower` (the client started, or got the previous reply)
/// and before `read` (when the checker read it); the reply left at `sent`
/// and arrived before `upper` (the next request, or the client's exit).
/// A client that follows Cristian's algorithm prints a round trip R and an
/// offset O from which its own receive time follows, `T + R/2 - O`, and its
/// send time, that minus R: both must fall inside those windows, however
/// loaded the machine. A client that forgets R/2 is R/2 (150 ms or more)
/// off on both; one with the sign inverted, ten seconds. (A UDP client
/// waits 1 s before it asks again, longer than DELAY.)
pub(super) const SKEW: TimeDelta = TimeDelta::seconds(5);
pub(super) const DELAY: Duration = Duration::from_millis(300);
const SLACK_MS: f64 = 20.0;
/// How long client-tcp waits to answer its last request (its second is
/// answered at once: the fastest by this much).
pub(super) const FASTER: Duration = Duration::from_millis(100);

/// What the checker saw of one request, on its own clock.
pub(super) struct Exchange {
    /// How long the checker waited before answering.
    pub(super) delay: Duration,
    pub(super) lower: DateTime<Utc>,
    pub(super) read: DateTime<Utc>,
    pub(super) sent: DateTime<Utc>,
    pub(super) stamp: String,
}

/// Waits DELAY after reading a request, then says the reply's stamp and
/// when it is being sent.
pub(super) fn answer_later(delay: Duration) -> (String, DateTime<Utc>) {
    // The deliberate delay of the checker's server: it makes the round
    // trip long enough to tell R/2 from scheduling noise.
    std::thread::sleep(delay);
    let sent = Utc::now();
    let stamp = (sent + SKEW).to_rfc3339_opts(SecondsFormat::Millis, true);
    (stamp, sent)
}

fn ms(time: DateTime<Utc>) -> f64 {
    time.timestamp_micros() as f64 / 1000.0
}

pub(super) fn check_printed(
    client: &Program,
    exchanges: &[Exchange],
    end: DateTime<Utc>,
) -> Result<(), Failure> {
    let stdout = client.stdout();
    let lines: Vec<Printed> = stdout.lines().filter_map(parse_printed).collect();
    ensure(lines.len() == exchanges.len(), || {
        Failure::wrong(t!(
            "lab05-printed-lines-for-requests",
            "the client printed {printed} measurement lines for {requests} requests",
            printed = lines.len(),
            requests = exchanges.len()
        ))
        .expected(t!(
            "lab05-line-per-request",
            "`server time <time>  rtt <ms> ms  offset <ms> ms`, one line per request"
        ))
        .got(format!("{stdout:?}"))
    })?;
    for (i, (printed, exchange)) in lines.iter().zip(exchanges).enumerate() {
        let stamp = &exchange.stamp;
        ensure(printed.time == *stamp, || {
            Failure::wrong(t!(
                "lab05-time-not-as-it-came",
                "the client did not print the server's time as it came"
            ))
            .expected(t!("lab05-server-time", "server time {time}", time = stamp))
            .got(t!(
                "lab05-server-time",
                "server time {time}",
                time = &printed.time
            ))
        })?;
        let upper = exchanges.get(i + 1).map_or(end, |next| next.read);
        let took = ms(upper) - ms(exchange.lower);
        let delay = exchange.delay.as_millis();
        ensure(
            printed.rtt_ms >= delay as f64 - 1.0 && printed.rtt_ms <= took + SLACK_MS,
            || {
                Failure::wrong(t!(
                    "lab05-rtt-wrong",
                    "the round trip the client printed is not what it took"
                ))
                .expected(t!(
                    "lab05-rtt-between",
                    "between {delay} ms (the checker waited that long to answer) and {took} ms",
                    delay = delay.to_string(),
                    took = format!("{took:.0}")
                ))
                .got(t!(
                    "lab05-rtt-ms",
                    "rtt {rtt} ms",
                    rtt = printed.rtt_ms.to_string()
                ))
            },
        )?;
        let server_ms = ms(exchange.sent) + SKEW.num_milliseconds() as f64;
        // Whether an offset the client could have printed fits what the
        // checker saw: when the client says it received the reply, and
        // sent the request (received - rtt), against when they happened.
        // The client reads its clock after send() returns: the kernel has
        // the request by then, and a loaded machine may keep the client
        // from a CPU for tens of milliseconds before it looks. So its send
        // time may come after the checker read the request, but not after
        // the reply left (a correct client lost client-udp-retry that way,
        // its rtt 42 ms short of the checker's hold, its offset right).
        let fits = |offset_ms: f64| {
            let received = server_ms + printed.rtt_ms / 2.0 - offset_ms;
            let asked = received - printed.rtt_ms;
            received >= ms(exchange.sent) - SLACK_MS
                && received <= ms(upper) + SLACK_MS
                && asked >= ms(exchange.lower) - SLACK_MS
                && asked <= ms(exchange.sent) + SLACK_MS
        };
        let inside = fits(printed.offset_ms);
        ensure(inside, || {
            let truth = server_ms + printed.rtt_ms / 2.0 - (ms(exchange.sent) + ms(upper)) / 2.0;
            // The usual slips of Cristian's estimate, told apart (their
            // hints differ): the sign turned round (local - server), and
            // the half round trip left out.
            let message = if fits(-printed.offset_ms) {
                t!(
                    "lab05-offset-sign",
                    "the offset the client printed is the right size with the wrong sign"
                )
            } else if fits(printed.offset_ms + printed.rtt_ms / 2.0) {
                t!(
                    "lab05-offset-without-half-rtt",
                    "the offset the client printed is off by half its round trip"
                )
            } else {
                t!(
                    "lab05-offset-wrong",
                    "the offset the client printed is wrong"
                )
            };
            Failure::wrong(message)
            .expected(t!(
                "lab05-offset-about",
                "about {truth} ms: server time + rtt/2 - local time when the reply arrived (the checker's server is 5 s ahead)",
                truth = format!("{truth:+.0}")
            ))
            .got(t!(
                "lab05-offset-rtt-ms",
                "offset {offset} ms (rtt {rtt} ms)",
                offset = printed.offset_ms.to_string(),
                rtt = printed.rtt_ms.to_string()
            ))
        })?;
    }
    if exchanges.len() > 1 {
        let best_line = stdout.lines().find(|l| l.starts_with("best offset "));
        let best = best_line.and_then(parse_best);
        let Some((offset, rtt)) = best else {
            return Err(Failure::wrong(t!(
                "lab05-no-best-estimate",
                "the client did not print its best estimate"
            ))
            .expected(t!(
                "lab05-last-line-best",
                "a last line `best offset <ms> ms (rtt <ms> ms)`"
            ))
            .got(format!("{stdout:?}")));
        };
        // The best estimate is the sample with the lowest round trip; the
        // checker answered one request sooner than the others (by 100 ms),
        // so the first sample, the last, or an average is none of them.
        let fastest = lines
            .iter()
            .min_by(|a, b| a.rtt_ms.total_cmp(&b.rtt_ms))
            .expect("more than one line");
        let near = |a: f64, b: f64| (a - b).abs() <= 1.0;
        ensure(
            near(offset, fastest.offset_ms) && near(rtt, fastest.rtt_ms),
            || {
                Failure::wrong(t!(
                    "lab05-best-not-fastest",
                    "the best offset is not the one of the fastest round trip"
                ))
                .expected(t!(
                    "lab05-best-as-printed",
                    "best offset {offset} ms (rtt {rtt} ms), as printed for the lowest rtt",
                    offset = format!("{:.3}", fastest.offset_ms),
                    rtt = format!("{:.3}", fastest.rtt_ms)
                ))
                .got(best_line.unwrap_or_default().to_string())
            },
        )?;
    }
    Ok(())
}

/// Parses `best offset <O> ms (rtt <R> ms)` into (O, R).
pub(super) fn parse_best(line: &str) -> Option<(f64, f64)> {
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    match words.as_slice() {
        ["best", "offset", offset, "ms", "rtt", rtt, "ms"] => {
            Some((offset.parse().ok()?, rtt.parse().ok()?))
        }
        _ => None,
    }
}
