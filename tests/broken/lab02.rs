//! Broken lab 02 implementations, one per name; see kit_tests::lab02.
fn main() -> std::process::ExitCode {
    kit_tests::lab02::main()
}
