//! Lab 06 (the chat with an event loop): the solution scores full marks,
//! the skeleton zero, every broken implementation in kit_tests::lab06 is
//! caught and every correct variant passes.
//!
//! Lab 06's table holds lab 03's tests as they are; lab 03's mutants
//! (tests/lab03.rs) prove that those can fail. Lab 06's mutants must
//! prove its own tests, and be caught by whatever tests they name.

#[macro_use]
#[allow(unused_macros)] // standard_lab_tests: lab 06 proves only its own rows
mod common;

use checker::labs::{Lab, TestCase, lab03, lab06::LAB};

#[test]
fn solution_scores_full_marks() {
    let _loopback = common::LoopbackLock::shared();
    common::assert_full_marks(&LAB, false);
}

#[test]
fn solution_scores_full_marks_over_ipv6() {
    let _loopback = common::LoopbackLock::shared();
    common::assert_full_marks_over_ipv6(&LAB);
}

#[test]
fn solution_built_in_release_scores_full_marks() {
    let _loopback = common::LoopbackLock::shared();
    common::assert_full_marks(&LAB, true);
}

#[test]
fn every_correct_variant_scores_full_marks() {
    let _loopback = common::LoopbackLock::shared();
    common::assert_variants_full_marks(
        &LAB,
        env!("CARGO_BIN_EXE_broken-lab06"),
        "lab06-",
        kit_tests::lab06::VARIANTS,
    );
}

#[test]
fn skeleton_scores_zero_with_not_implemented() {
    let _loopback = common::LoopbackLock::shared();
    common::assert_skeleton_not_implemented(&LAB);
}

#[test]
fn every_broken_implementation_is_caught() {
    let _loopback = common::LoopbackLock::shared();
    let mutants = kit_tests::lab06::MUTANTS;
    // Lab 06's own rows, and the shared rows its mutants name.
    let rows: Vec<TestCase> = LAB
        .tests
        .iter()
        .filter(|test| {
            !lab03::LAB
                .tests
                .iter()
                .any(|shared| shared.name == test.name)
                || mutants.iter().any(|m| m.caught_by.contains(&test.name))
        })
        .copied()
        .collect();
    let lab = Lab {
        tests: Box::leak(rows.into_boxed_slice()),
        ..LAB
    };
    common::assert_mutants_caught(
        &lab,
        env!("CARGO_BIN_EXE_broken-lab06"),
        "lab06-",
        mutants,
        &[],
    );
}

/// kick-rejoin's old connection left open is the loop not cutting off a
/// stalled kicked user: that hint, not the one about nicks.
#[test]
fn a_kicked_connection_left_open_gets_the_stall_hint() {
    let _loopback = common::LoopbackLock::shared();
    common::assert_hints_follow_the_mistake(
        &LAB,
        env!("CARGO_BIN_EXE_broken-lab06"),
        "lab06-",
        &[("kicked-never-cut-off", "kick-rejoin", "kicked-still-open")],
    );
}
