//! The admin console: the server's own stdin. The admin talks like a user
//! (as `admin`) and has `/kick` and `/list`; everything that happens in the
//! chat is printed here too (by the hub's console thread, which the
//! console's own replies go through as well, so they keep their order).

use std::io::{self, BufRead};
use std::sync::Arc;

use crate::hub::Hub;
use crate::protocol::{ConsoleCommand, parse_console_line, says};

/// Reads console lines until stdin ends (the server goes on serving).
pub fn run(hub: Arc<Hub>) {
    for line in io::stdin().lock().lines() {
        let Ok(line) = line else { return };
        match parse_console_line(&line) {
            ConsoleCommand::Say(text) => hub.broadcast(says::message("admin", &text)),
            ConsoleCommand::Kick { nick, reason } => {
                if !hub.kick(&nick, reason.as_deref()) {
                    hub.show(&format!("* no user named {nick}"));
                }
            }
            ConsoleCommand::List => hub.show(&says::users(&hub.nicks())),
            ConsoleCommand::Unknown(command) => hub.show(&format!(
                "* unknown command {command}; the admin has /kick <nick> [reason] and /list"
            )),
            ConsoleCommand::Empty => {}
        }
    }
}
