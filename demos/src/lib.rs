//! The pieces the notebook's programs share: the countries and their flags, the flags server,
//! and the download functions of the flags clients.
//!
//! Each program in `src/bin/` is one notebook cell; what several of them need lives here, in
//! files named after what they do, so a program still reads top to bottom like its Python.

pub mod countries;
pub mod flag_image;
pub mod flags;
pub mod flags2;
pub mod flags_server;
pub mod timeline;
