//! Broken lab 05 implementations, one per name; see kit_tests::lab05.
fn main() -> std::process::ExitCode {
    kit_tests::lab05::main()
}
