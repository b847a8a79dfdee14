//! The server: a thread per connection reads what the user sends, and a
//! second thread per user writes what the hub queued for them.

use std::io::{self, BufReader, Write};
use std::sync::Arc;
use std::sync::mpsc::Receiver;
use std::thread;

// std::net's types, which also print each call they make with --trace.
use socklab_trace::net::{TcpListener, TcpStream};

use socket2::SockRef;

use crate::hub::{self, Hub, Outgoing, Ticket};
use crate::protocol::{Line, NickError, UserCommand, parse_user_line, read_line, says};

/// The kernel's send buffer for each user, in bytes. Left alone, Linux grows
/// it to megabytes for a user who doesn't read; with a fixed size, a
/// non-reading user blocks their writer soon and is disconnected.
pub const SEND_BUFFER: usize = 64 * 1024;

/// accept() forever; every user gets their own thread, so one slow or
/// silent user never keeps the server from accepting the next.
pub fn serve(listener: TcpListener, hub: Arc<Hub>) -> io::Result<()> {
    // accept() forever; a thread per connection running handle_client()
    // with a clone of the Arc<Hub>. Log errors; keep accepting.
    todo!("serve(): the accept loop")
}

/// One user's connection, from the nick to the end.
pub fn handle_client(stream: TcpStream, hub: Arc<Hub>) -> io::Result<()> {
    // set SO_SNDBUF (SockRef::from(&stream).set_send_buffer_size) and
    // TCP_NODELAY; a BufReader on a clone; register(); start_writer();
    // read_commands(); and however that ends, hub.leave().
    todo!("handle_client(): one user from nick to end")
}

/// Asks for a nick until the user gives an acceptable one. `None` if they
/// leave first.
fn register(
    reader: &mut BufReader<TcpStream>,
    stream: &TcpStream,
    hub: &Hub,
) -> io::Result<Option<(Ticket, Receiver<Outgoing>)>> {
    // Read lines until hub.join(nick.trim()) accepts one (None at end of
    // stream): spaces around a nick are ignored. Answer errors (INVALID_NICK,
    // NICK_TAKEN, LINE_TOO_LONG) straight to the stream.
    todo!("register(): ask for a nick until one is accepted")
}

fn start_writer(socket: TcpStream, outbox: Receiver<Outgoing>) {
    // A thread running hub::write_outbox(socket, outbox).
    todo!("start_writer()")
}

/// Reads the user's lines and acts on them until /quit or end of stream.
fn read_commands(reader: &mut BufReader<TcpStream>, ticket: &Ticket, hub: &Hub) -> io::Result<()> {
    // For each line: TooLong -> error to this user; else parse_user_line()
    // and act: say to all, /list to this user, /quit returns, /kick and
    // unknown commands are errors to this user, empty lines are ignored.
    todo!("read_commands(): a user's lines")
}
