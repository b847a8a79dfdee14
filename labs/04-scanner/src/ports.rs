//! Which ports to scan: the `-p` argument. No sockets here, so it is easy
//! to test (`cargo test -p lab04-scanner`).

/// The highest port: port numbers are 16 bits.
pub const MAX_PORT: u16 = u16::MAX;

/// Parses a port list: `80`, `1-1024`, `22,80,8000-8100`, or `-` for all of
/// 1-65535. Returns the ports in the order the list gives them; a port
/// listed twice is scanned once. The error says what is wrong, in words a
/// user can act on.
pub fn parse(spec: &str) -> Result<Vec<u16>, String> {
    // `-` alone: every port, 1 to 65535. Otherwise split at commas; each
    // item is a port (`80`) or a range (`8000-8100`, both ends included).
    // Keep the order of the list, and take a port listed twice once.
    // Errors (say what is wrong, quoting the item): an empty item, a
    // number that is not a number, port 0, a port over 65535, a reversed
    // range (`100-80`). port() below reads one number.
    todo!("ports::parse(): the list of ports to scan")
}

/// One port number of `item`: 1 to 65535.
fn port(text: &str, item: &str) -> Result<u16, String> {
    // Trim `text`; empty is an error, so is anything u64::parse refuses;
    // then 0 and numbers over 65535 are errors too.
    todo!("ports::port(): one port number")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("80", &[80])]
    #[case("1-3", &[1, 2, 3])]
    #[case("22,80,8000-8002", &[22, 80, 8000, 8001, 8002])]
    #[case(" 22 , 80 ", &[22, 80])]
    #[case("443,80", &[443, 80])]
    #[case("80,79-81", &[80, 79, 81])]
    #[case("65535", &[65535])]
    #[case("65534-65535", &[65534, 65535])]
    #[case("7-7", &[7])]
    fn lists_and_ranges(#[case] spec: &str, #[case] expected: &[u16]) {
        assert_eq!(parse(spec).unwrap(), expected);
    }

    #[test]
    fn a_dash_is_every_port() {
        let all = parse("-").unwrap();
        assert_eq!(all.len(), 65535);
        assert_eq!((all[0], all[65534]), (1, 65535));
    }

    #[rstest]
    #[case("0", "port 0")]
    #[case("0-10", "port 0")]
    #[case("70000", "over 65535")]
    #[case("1-65536", "over 65535")]
    #[case("99999999999999999999", "not a port number")]
    #[case("100-80", "reversed")]
    #[case("8o", "not a port number")]
    #[case("http", "not a port number")]
    #[case("", "not a port or a range")]
    #[case("80,", "not a port or a range")]
    #[case("1-", "not a port or a range")]
    #[case("-5", "not a port or a range")]
    #[case("1-2-3", "not a port number")]
    fn mistakes_are_named(#[case] spec: &str, #[case] message: &str) {
        let error = parse(spec).unwrap_err();
        assert!(error.contains(message), "{spec:?}: {error}");
    }
}
