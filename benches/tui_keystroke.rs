//! Placeholder: the benchmark lands with its feature.
fn main() {}
