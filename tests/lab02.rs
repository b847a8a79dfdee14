//! Lab 02 (rock-paper-scissors): the solution scores full marks, the
//! skeleton zero, and every broken implementation in kit_tests::lab02 is
//! caught.

#[macro_use]
mod common;

use checker::labs::lab02::LAB;

standard_lab_tests!(LAB, "broken-lab02", "lab02-", kit_tests::lab02, &[]);

/// A game played on the accept thread gets the hint about reading the
/// game's players while accepting new ones, in both tests that catch it;
/// a server that holds every game up while it reads a half line gets the
/// test's own.
#[test]
fn a_game_on_the_accept_thread_gets_the_hint_about_it() {
    let _loopback = common::LoopbackLock::shared();
    common::assert_hints_follow_the_mistake(
        &LAB,
        env!("CARGO_BIN_EXE_broken-lab02"),
        "lab02-",
        &[
            ("one-game-at-a-time", "second-pair", "accept-busy"),
            ("one-game-at-a-time", "half-line", "accept-busy"),
            ("line-at-a-time", "half-line", "default"),
        ],
    );
}

/// The hints lab 02 shares with the other labs' server-host and
/// client-refused tests follow their mistakes too.
#[test]
fn binding_everywhere_and_unwrapping_connect_get_their_hints() {
    let _loopback = common::LoopbackLock::shared();
    common::assert_hints_follow_the_mistake(
        &LAB,
        env!("CARGO_BIN_EXE_broken-lab02"),
        "lab02-",
        &[
            ("binds-everywhere", "server-host", "ready-line-address"),
            (
                "binds-everywhere-quietly",
                "server-host",
                "listens-everywhere",
            ),
            ("client-unwraps", "client-refused", "client-panics"),
        ],
    );
}
