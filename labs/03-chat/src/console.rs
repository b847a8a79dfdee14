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
    // For each stdin line: parse_console_line() and act: Say -> broadcast
    // as admin; Kick -> hub.kick() (hub.show() a line if no such user); List
    // and Unknown -> hub.show() the answer. Never println! here: the hub's
    // console thread prints, so the console keeps one order.
    todo!("console::run(): the admin console")
}
