//! Broken lab 06 implementations, one per name; see kit_tests::lab06.
fn main() -> std::process::ExitCode {
    kit_tests::lab06::main()
}
