//! Lab 03 (chat): the solution scores full marks, the skeleton zero, and
//! every broken implementation in kit_tests::lab03 is caught.

#[macro_use]
mod common;

use checker::labs::lab03::LAB;

standard_lab_tests!(LAB, "broken-lab03", "lab03-", kit_tests::lab03, &[]);

/// A console fed with a blocking send() (the skeleton gives the queue and
/// its printer thread, so that is what a student can get wrong), and one
/// printed under the hub's lock, get the hint about waiting for the
/// console, not the test's general one.
#[test]
fn a_console_that_blocks_gets_the_hint_about_it() {
    let _loopback = common::LoopbackLock::shared();
    common::assert_hints_follow_the_mistake(
        &LAB,
        env!("CARGO_BIN_EXE_broken-lab03"),
        "lab03-",
        &[
            ("console-waits", "console-not-read", "console-blocks"),
            ("console-under-lock", "console-not-read", "console-blocks"),
        ],
    );
}

/// kick-rejoin fails two ways: the old connection stays open (a writer
/// stuck in send(), kick-not-reading's slip) or the rejoined user is
/// removed by nick. Each gets the hint about its own mistake.
#[test]
fn a_kicked_connection_left_open_gets_the_writer_hint_not_the_nick_one() {
    let _loopback = common::LoopbackLock::shared();
    common::assert_hints_follow_the_mistake(
        &LAB,
        env!("CARGO_BIN_EXE_broken-lab03"),
        "lab03-",
        &[
            ("kick-while-blocked", "kick-rejoin", "kicked-still-open"),
            ("leave-by-nick", "kick-rejoin", "default"),
        ],
    );
}
