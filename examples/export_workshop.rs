//! Write the export bench's 8-group × 50-goal workshop (its folder and the
//! groups' files) to a folder, for timing the whole `malverkstad export`
//! process: `cargo run --release --example export_workshop -- DIR`
//! (scripts/bench-export-pandoc.sh does).

#[path = "../benches/common/workshop.rs"]
mod workshop;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: export_workshop DIR");
    let (w, files) = workshop::workshop();
    let store = malverkstad::store::create_workshop_at(std::path::Path::new(&dir), &w).expect("workshop folder");
    for (group, file) in w.groups.iter().zip(&files) {
        store.save_group(group, file).expect("group file");
    }
    println!("{}", store.root.display());
}
