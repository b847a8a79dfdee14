//! Broken lab 00 implementations, one per name; see kit_tests::lab00.
fn main() -> std::process::ExitCode {
    kit_tests::lab00::main()
}
