//! Broken lab 03 implementations, one per name; see kit_tests::lab03.
fn main() -> std::process::ExitCode {
    kit_tests::lab03::main()
}
