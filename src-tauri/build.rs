//! Embeds the UI and generates one permission per app command (`allow-<command>`), so the capability
//! file can list each one explicitly.

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(safety_compass_commands::COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri build script");
}

mod safety_compass_commands {
    include!("src/command_names.rs");
}
