//! Lab 03 (chat): the solution scores full marks, the skeleton zero, and
//! every broken implementation in kit_tests::lab03 is caught.

mod common;

use checker::labs::lab03::LAB;

#[test]
fn solution_scores_full_marks() {
    common::assert_full_marks(&LAB);
}

#[test]
fn skeleton_scores_zero_with_not_implemented() {
    common::assert_skeleton_not_implemented(&LAB);
}

#[test]
fn every_broken_implementation_is_caught() {
    common::assert_mutants_caught(
        &LAB,
        env!("CARGO_BIN_EXE_broken-lab03"),
        "lab03-",
        kit_tests::lab03::MUTANTS,
        &[],
    );
}
