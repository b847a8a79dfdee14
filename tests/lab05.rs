//! Lab 05 (UTC time over TCP and UDP): the solution scores full marks, the
//! skeleton zero, every broken implementation in kit_tests::lab05 is caught
//! and every correct variant passes.

#[macro_use]
mod common;

use checker::labs::lab05::LAB;

standard_lab_tests!(LAB, "broken-lab05", "lab05-", kit_tests::lab05, &[]);
