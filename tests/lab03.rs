//! Lab 03 (chat): the solution scores full marks, the skeleton zero, and
//! every broken implementation in kit_tests::lab03 is caught.

#[macro_use]
mod common;

use checker::labs::lab03::LAB;

standard_lab_tests!(LAB, "broken-lab03", "lab03-", kit_tests::lab03, &[]);
