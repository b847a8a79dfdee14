//! What a mutant is. Shared with build.rs, which builds the source
//! mutations (`#[path]`-included there).

/// A deliberately broken implementation and the checker tests that must
/// fail on it.
pub struct Mutant<P: 'static> {
    pub name: &'static str,
    /// What is wrong with it, the way a student would get it wrong.
    pub bug: &'static str,
    /// The checker tests that must fail (at least these).
    pub caught_by: &'static [&'static str],
    /// How it differs from the solution.
    pub parts: P,
}

/// One textual change to a solution file: `find` must occur exactly once.
pub struct Change {
    /// The file in the solution's src/, without `.rs`.
    pub file: &'static str,
    pub find: &'static str,
    pub replace: &'static str,
}

/// Shorthand for the tables: `change("server", "if once {", "if false {")`.
pub const fn change(file: &'static str, find: &'static str, replace: &'static str) -> Change {
    Change {
        file,
        find,
        replace,
    }
}
