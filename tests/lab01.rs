//! Lab 01 (hello/time): the solution scores full marks, the skeleton zero,
//! and every broken implementation in kit_tests::lab01 is caught.

#[macro_use]
mod common;

use checker::labs::lab01::LAB;

standard_lab_tests!(LAB, "broken-lab01", "lab01-", kit_tests::lab01, &[]);
