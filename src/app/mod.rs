//! See the crate docs for where this layer sits.
