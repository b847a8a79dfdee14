//! Helpers for the broken implementations in broken/.
