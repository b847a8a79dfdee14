//! The admin console: the server's stdin and stdout, which the event loop
//! can't wait on. Reading stdin blocks, so a thread of its own reads it and
//! hands each line to the loop through a channel, then wakes the loop with
//! a `mio::Waker` (an event like a socket's, token CONSOLE). Printing can
//! block too (nobody reads the pipe, Ctrl-S in a terminal), so a printer
//! thread prints, and the loop only offers it lines and never waits: when
//! the printer is behind, the console misses lines and the chat goes on.

use std::io::{self, BufRead, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, channel, sync_channel};
use std::thread;

use mio::Waker;

/// A line the admin typed.
pub type ConsoleLine = String;

/// How many lines may wait for the console's printer.
pub const CONSOLE_LINES: usize = 256;

/// Starts the thread that reads stdin; each line arrives on the returned
/// channel, and `waker` tells the loop to look. When stdin ends the thread
/// ends, and the server goes on serving.
pub fn read_stdin(waker: Waker) -> Receiver<ConsoleLine> {
    let (lines, incoming) = channel();
    thread::spawn(move || {
        for line in io::stdin().lock().lines() {
            let Ok(line) = line else { return };
            if lines.send(line).is_err() || waker.wake().is_err() {
                return;
            }
        }
    });
    incoming
}

/// What the console shows, and how many lines it missed.
pub struct Console {
    outbox: SyncSender<String>,
    missed: Arc<AtomicUsize>,
}

impl Console {
    /// The console and its printer thread.
    pub fn start() -> Console {
        let (outbox, lines) = sync_channel(CONSOLE_LINES);
        let missed = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&missed);
        thread::spawn(move || print_console(lines, &counter));
        Console { outbox, missed }
    }

    /// Offers a line to the printer, or counts it as missed if the printer
    /// is behind: the loop never waits for the console.
    pub fn show(&self, line: &str) {
        if let Err(TrySendError::Full(_)) = self.outbox.try_send(line.to_string()) {
            self.missed.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// The printer: prints its outbox to stdout. (Not println!, which panics if
/// stdout is gone, e.g. piped into head.)
fn print_console(lines: Receiver<String>, missed: &AtomicUsize) {
    let mut stdout = io::stdout();
    for line in lines {
        let skipped = missed.swap(0, Ordering::Relaxed);
        if skipped > 0 {
            let _ = writeln!(
                stdout,
                "* the console missed {skipped} lines (nobody read it)"
            );
        }
        let _ = writeln!(stdout, "{line}");
        let _ = stdout.flush();
    }
}
