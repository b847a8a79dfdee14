//! The kernel's socket tables as text: /proc/net/tcp, tcp6, udp and udp6,
//! one row per socket. The columns: `sl local_address rem_address st
//! tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode`.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// The state of a listening socket (TCP_LISTEN), as the table writes it.
pub const LISTEN: &str = "0A";
/// A connect() in progress (TCP_SYN_SENT).
pub const SYN_SENT: &str = "02";

/// Calls `visit` with each row of the tables `names` (of /proc/net:
/// `tcp`, `tcp6`, `udp`, `udp6`), skipping their headings and any table
/// that can't be read.
pub fn each_row(names: &[&str], mut visit: impl FnMut(Row<'_>)) {
    for name in names {
        if let Ok(text) = std::fs::read_to_string(format!("/proc/net/{name}")) {
            text.lines().skip(1).map(Row).for_each(&mut visit);
        }
    }
}

/// One row; its columns are split out when asked for.
#[derive(Clone, Copy)]
pub struct Row<'a>(pub &'a str);

impl<'a> Row<'a> {
    fn column(&self, i: usize) -> Option<&'a str> {
        self.0.split_whitespace().nth(i)
    }

    pub fn local(&self) -> Option<SocketAddr> {
        parse_address(self.column(1)?)
    }

    pub fn remote(&self) -> Option<SocketAddr> {
        parse_address(self.column(2)?)
    }

    /// The state as the table writes it (`0A`, ...).
    pub fn state(&self) -> Option<&'a str> {
        self.column(3)
    }

    /// (tx_queue, rx_queue).
    pub fn queues(&self) -> Option<(u32, u32)> {
        let (tx, rx) = self.column(4)?.split_once(':')?;
        Some((
            u32::from_str_radix(tx, 16).ok()?,
            u32::from_str_radix(rx, 16).ok()?,
        ))
    }

    pub fn inode(&self) -> Option<u64> {
        self.column(9)?.parse().ok()
    }
}

/// `0100007F:1F90` (127.0.0.1:8080) or 32 hex digits and a port for IPv6.
/// The kernel prints each 32-bit word of the address as a number in the
/// machine's byte order.
pub fn parse_address(text: &str) -> Option<SocketAddr> {
    let (ip, port) = text.split_once(':')?;
    let port = u16::from_str_radix(port, 16).ok()?;
    let words: Vec<[u8; 4]> = (0..ip.len() / 8)
        .map(|i| u32::from_str_radix(ip.get(8 * i..8 * i + 8)?, 16).ok())
        .collect::<Option<Vec<u32>>>()?
        .into_iter()
        .map(u32::to_ne_bytes)
        .collect();
    let ip = match words.as_slice() {
        [word] => IpAddr::V4(Ipv4Addr::from(*word)),
        [a, b, c, d] => {
            let bytes: [u8; 16] = [*a, *b, *c, *d].concat().try_into().ok()?;
            IpAddr::V6(Ipv6Addr::from(bytes)).to_canonical()
        }
        _ => return None,
    };
    Some(SocketAddr::new(ip, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kernels_addresses_parse() {
        let v4 = u32::from_ne_bytes([127, 0, 0, 1]);
        assert_eq!(
            parse_address(&format!("{v4:08X}:1F90")),
            Some("127.0.0.1:8080".parse().unwrap())
        );
        let one = u32::from_ne_bytes([0, 0, 0, 1]);
        assert_eq!(
            parse_address(&format!("000000000000000000000000{one:08X}:0050")),
            Some("[::1]:80".parse().unwrap())
        );
    }

    #[test]
    fn a_row_gives_its_columns() {
        let line = "   0: 0100007F:1F90 00000000:0000 0A 00000002:00000006 00:00000000 00000000  1000        0 12345 1";
        let row = Row(line);
        assert_eq!(row.local(), Some("127.0.0.1:8080".parse().unwrap()));
        assert_eq!(row.state(), Some(LISTEN));
        assert_eq!(row.queues(), Some((2, 6)));
        assert_eq!(row.inode(), Some(12345));
    }
}
