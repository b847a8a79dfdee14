//! Lab 02 (rock-paper-scissors): the solution scores full marks, the
//! skeleton zero, and every broken implementation in kit_tests::lab02 is
//! caught.

#[macro_use]
mod common;

use checker::labs::lab02::LAB;

standard_lab_tests!(LAB, "broken-lab02", "lab02-", kit_tests::lab02, &[]);
