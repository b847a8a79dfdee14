//! Rust source as the kit's tests compare it: the functions of a file, the
//! file with the bodies students write taken out, and text normalised so
//! that a copy is found however it is formatted.

#![allow(dead_code)] // layout.rs and edition.rs use different parts

use std::path::{Path, PathBuf};
use std::str::FromStr;

use quote::ToTokens;

/// A function of a source file: where it is (`impl Hub::join`,
/// `mod tests::splits_lines`), its body as normalised tokens, and whether
/// the body is a `todo!()` left for the student.
#[derive(Debug, Clone)]
pub struct Function {
    pub key: String,
    pub body: String,
    /// Tokens in the body, braces aside: how much there is to leak.
    pub tokens: usize,
    pub todo: bool,
}

/// Parses a Rust file, or panics with its name.
pub fn parse(path: &Path, text: &str) -> syn::File {
    syn::parse_file(text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every function with a body in `file`, at any depth of modules, impls
/// and traits (functions inside a body are part of that body).
pub fn functions(file: &syn::File) -> Vec<Function> {
    let mut out = Vec::new();
    for item in &file.items {
        item_functions(item, "", &mut out);
    }
    out
}

fn item_functions(item: &syn::Item, scope: &str, out: &mut Vec<Function>) {
    match item {
        syn::Item::Fn(f) => out.push(function(format!("{scope}{}", f.sig.ident), &f.block)),
        syn::Item::Impl(i) => {
            let scope = format!("{scope}{}::", impl_name(i));
            for item in &i.items {
                if let syn::ImplItem::Fn(f) = item {
                    out.push(function(format!("{scope}{}", f.sig.ident), &f.block));
                }
            }
        }
        syn::Item::Trait(t) => {
            for item in &t.items {
                if let syn::TraitItem::Fn(f) = item {
                    if let Some(block) = &f.default {
                        out.push(function(
                            format!("{scope}trait {}::{}", t.ident, f.sig.ident),
                            block,
                        ));
                    }
                }
            }
        }
        syn::Item::Mod(m) => {
            if let Some((_, items)) = &m.content {
                let scope = format!("{scope}mod {}::", m.ident);
                for item in items {
                    item_functions(item, &scope, out);
                }
            }
        }
        _ => {}
    }
}

fn impl_name(i: &syn::ItemImpl) -> String {
    let ty = i.self_ty.to_token_stream().to_string();
    match &i.trait_ {
        Some((_, path, _)) => format!("impl {} for {ty}", path.to_token_stream()),
        None => format!("impl {ty}"),
    }
}

fn function(key: String, block: &syn::Block) -> Function {
    let stream = block.to_token_stream();
    let body = normalise_tokens(&stream.to_string());
    Function {
        key,
        tokens: count_tokens(stream) - 1,
        todo: body.contains("todo!("),
        body,
    }
}

fn count_tokens(stream: proc_macro2::TokenStream) -> usize {
    stream
        .into_iter()
        .map(|tree| match tree {
            proc_macro2::TokenTree::Group(g) => 1 + count_tokens(g.stream()),
            _ => 1,
        })
        .sum()
}

/// `file` with the bodies of the functions named in `keys` emptied.
pub fn without_bodies(file: &syn::File, keys: &[String]) -> syn::File {
    let mut file = file.clone();
    for item in &mut file.items {
        empty_bodies(item, "", keys);
    }
    file
}

fn empty_bodies(item: &mut syn::Item, scope: &str, keys: &[String]) {
    let empty = |block: &mut syn::Block, key: String| {
        if keys.contains(&key) {
            block.stmts.clear();
        }
    };
    match item {
        syn::Item::Fn(f) => empty(&mut f.block, format!("{scope}{}", f.sig.ident)),
        syn::Item::Impl(i) => {
            let scope = format!("{scope}{}::", impl_name(i));
            for item in &mut i.items {
                if let syn::ImplItem::Fn(f) = item {
                    empty(&mut f.block, format!("{scope}{}", f.sig.ident));
                }
            }
        }
        syn::Item::Trait(t) => {
            let name = t.ident.to_string();
            for item in &mut t.items {
                if let syn::TraitItem::Fn(f) = item {
                    let key = format!("{scope}trait {name}::{}", f.sig.ident);
                    if let Some(block) = &mut f.default {
                        empty(block, key);
                    }
                }
            }
        }
        syn::Item::Mod(m) => {
            let scope = format!("{scope}mod {}::", m.ident);
            if let Some((_, items)) = &mut m.content {
                for item in items {
                    empty_bodies(item, &scope, keys);
                }
            }
        }
        _ => {}
    }
}

/// A short, readable name of an item, for messages.
pub fn item_name(item: &syn::Item) -> String {
    let text = item.to_token_stream().to_string();
    let head: String = text.chars().take(90).collect();
    if head.len() < text.len() {
        format!("{head}…")
    } else {
        head
    }
}

/// Tokens as text with all whitespace dropped: the same code, however it
/// is indented or wrapped, gives the same string.
pub fn normalise_tokens(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A file's text normalised for searching: the tokens of Rust code
/// (comments dropped), of each fenced code block of Markdown, and, for
/// anything else (or code that does not tokenise), the text itself without
/// whitespace.
pub fn searchable(path: &Path, text: &str) -> String {
    let tokens = |code: &str| {
        proc_macro2::TokenStream::from_str(code)
            .map(|t| normalise_tokens(&t.to_string()))
            .unwrap_or_else(|_| normalise_tokens(code))
    };
    match path.extension().and_then(|e| e.to_str()) {
        Some("rs") => tokens(text),
        Some("md") => {
            let mut out = normalise_tokens(text);
            let mut block = None::<String>;
            for line in text.lines() {
                match (&mut block, line.trim_start().starts_with("```")) {
                    (None, true) => block = Some(String::new()),
                    (Some(code), true) => {
                        out.push('\n');
                        out.push_str(&tokens(code));
                        block = None;
                    }
                    (Some(code), false) => {
                        code.push_str(line);
                        code.push('\n');
                    }
                    (None, false) => {}
                }
            }
            out
        }
        _ => normalise_tokens(text),
    }
}

/// Every file under `dir`, build output (`target/`) aside, sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            if path
                .file_name()
                .is_some_and(|n| n == "target" || n == ".git")
            {
                continue;
            }
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}
