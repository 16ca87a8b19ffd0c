//! Type names as Python's repr shows a class: without the modules they live in.
//!
//! Python mirrored: the `returned str` / `raised ValueError` at the end of a finished
//! future's repr, which names the result's class, `type(result).__name__`. Rust's
//! [`std::any::type_name`] gives the full path (`alloc::string::String`); these helpers cut it
//! to what a reader expects (`String`).

/// Every path in a type name loses its modules: `alloc::string::String` → `String`,
/// `core::result::Result<alloc::vec::Vec<u8>, std::io::error::Error>` →
/// `Result<Vec<u8>, Error>`. What a future's repr shows after `returned`.
pub(crate) fn short_type_name(full: &str) -> String {
    let mut short = String::with_capacity(full.len());
    let mut rest = full;
    while let Some(separator) = rest.find("::") {
        // Keep what comes before the module name that ends at this `::`.
        let module_start = rest[..separator]
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
            .map_or(0, |index| index + 1);
        short.push_str(&rest[..module_start]);
        rest = &rest[separator + 2..];
    }
    short.push_str(rest);
    short
}

/// The outermost type's own name, as a slice of the full name: `std::io::error::Error` →
/// `Error`, `app::Wrapper<std::io::Error>` → `Wrapper`. What a future's repr shows after
/// `raised` for an [`Error::custom`](crate::Error::custom): like an exception's class name, it
/// is one word, and being a slice of a `'static` name it can be kept without allocating.
pub(crate) fn class_name(full: &'static str) -> &'static str {
    let outer = &full[..full.find('<').unwrap_or(full.len())];
    outer.rsplit("::").next().unwrap_or(outer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_lose_their_paths() {
        assert_eq!(short_type_name("alloc::string::String"), "String");
        assert_eq!(short_type_name("i32"), "i32");
        assert_eq!(
            short_type_name("core::result::Result<alloc::vec::Vec<u8>, std::io::error::Error>"),
            "Result<Vec<u8>, Error>"
        );
        assert_eq!(short_type_name("&str"), "&str");
        assert_eq!(short_type_name("()"), "()");
        assert_eq!(
            short_type_name("(alloc::string::String, &[u8])"),
            "(String, &[u8])"
        );
    }

    #[test]
    fn class_names_are_the_outer_type() {
        assert_eq!(class_name("std::io::error::Error"), "Error");
        assert_eq!(class_name("app::Wrapper<std::io::error::Error>"), "Wrapper");
        assert_eq!(class_name("Plain"), "Plain");
    }
}
