//! Broken lab 01 implementations, one per name; see kit_tests::lab01.
fn main() -> std::process::ExitCode {
    kit_tests::lab01::main()
}
