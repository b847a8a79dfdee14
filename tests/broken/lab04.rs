//! Broken lab 04 implementations, one per name; see kit_tests::lab04.
fn main() -> std::process::ExitCode {
    kit_tests::lab04::main()
}
