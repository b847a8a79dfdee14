//! Lab 05 (UTC time over TCP and UDP): the solution scores full marks, the
//! skeleton zero, every broken implementation in kit_tests::lab05 is caught
//! and every correct variant passes.

#[macro_use]
mod common;

use checker::labs::lab05::LAB;

standard_lab_tests!(LAB, "broken-lab05", "lab05-", kit_tests::lab05, &[]);

/// A flipped sign gets the hint about the sign of Cristian's estimate, a
/// missing rtt/2 the one about half the round trip (not "UdpSocket::bind
/// on port 0", the UDP test's default).
#[test]
fn each_slip_of_the_offset_gets_the_hint_about_it() {
    let _loopback = common::LoopbackLock::shared();
    common::assert_hints_follow_the_mistake(
        &LAB,
        env!("CARGO_BIN_EXE_broken-lab05"),
        "lab05-",
        &[
            ("client-offset-inverted", "client-tcp", "offset-sign"),
            ("client-offset-inverted", "client-udp", "offset-sign"),
            ("client-no-rtt", "client-tcp", "offset-half-rtt"),
        ],
    );
}
