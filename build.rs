// The default content pack is embedded with `include_dir!`, which does not
// tell cargo about the files it reads: rebuild when anything under
// `content/` changes (cargo scans a directory for modifications).
fn main() {
    println!("cargo:rerun-if-changed=content");
}
