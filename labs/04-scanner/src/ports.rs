//! Which ports to scan: the `-p` argument. No sockets here, so it is easy
//! to test (`cargo test -p lab04-scanner`).

/// The highest port: port numbers are 16 bits.
pub const MAX_PORT: u16 = u16::MAX;

/// Parses a port list: `80`, `1-1024`, `22,80,8000-8100`, or `-` for all of
/// 1-65535. Returns the ports in the order the list gives them; a port
/// listed twice is scanned once. The error says what is wrong, in words a
/// user can act on.
pub fn parse(spec: &str) -> Result<Vec<u16>, String> {
    let spec = spec.trim();
    if spec == "-" {
        return Ok((1..=MAX_PORT).collect());
    }
    // One flag per port number: a port already taken is not taken again.
    let mut seen = vec![false; MAX_PORT as usize + 1];
    let mut ports = Vec::new();
    for item in spec.split(',') {
        let item = item.trim();
        let (first, last) = match item.split_once('-') {
            Some((first, last)) => (port(first, item)?, port(last, item)?),
            None => {
                let port = port(item, item)?;
                (port, port)
            }
        };
        if first > last {
            return Err(format!(
                "{item:?} is a reversed range: the first port must not be above the last (did you mean {last}-{first}?)"
            ));
        }
        // ..= : a range includes its last port.
        for port in first..=last {
            if !seen[port as usize] {
                seen[port as usize] = true;
                ports.push(port);
            }
        }
    }
    Ok(ports)
}

/// One port number of `item`: 1 to 65535.
fn port(text: &str, item: &str) -> Result<u16, String> {
    // A port is 1 to 65535: 0 is not a port you can connect to. Say what
    // is wrong, quoting `item`, in words a user can act on (the tests
    // below name the words).
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
