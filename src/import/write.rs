//! Writing an article bundle all at once: its files go into a hidden folder beside the
//! target, which is renamed into place, so an error or a crash never leaves half a bundle.

use std::fs;
use std::io;
use std::path::Path;

/// Writes `files` (name, bytes) as the new folder `folder`, which must not exist.
pub(crate) fn bundle(folder: &Path, files: &[(String, Vec<u8>)]) -> io::Result<()> {
    let parent = folder
        .parent()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no parent folder"))?;
    let created_parent = !parent.exists();
    let result = stage_and_rename(parent, folder, files);
    if result.is_err() && created_parent {
        // Only removes it when still empty: nothing of ours, nothing of anyone else's.
        let _ = fs::remove_dir(parent);
    }
    result
}

fn stage_and_rename(parent: &Path, folder: &Path, files: &[(String, Vec<u8>)]) -> io::Result<()> {
    fs::create_dir_all(parent)?;
    // A dot name: the build and `serve` ignore it while it is being filled.
    let staging = tempfile::Builder::new()
        .prefix(".tuyenvan-import-")
        .tempdir_in(parent)?;
    for (name, bytes) in files {
        fs::write(staging.path().join(name), bytes)?;
    }
    if folder.exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "the folder already exists",
        ));
    }
    fs::rename(staging.path(), folder)?;
    // Renamed away: nothing is left for the guard to delete.
    let _ = staging.keep();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_folder_whole_and_never_over_another() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("2026/bai");
        let files = vec![("index.md".to_string(), b"x".to_vec())];
        bundle(&target, &files).unwrap();
        assert_eq!(fs::read(target.join("index.md")).unwrap(), b"x");
        let again = bundle(&target, &files).unwrap_err();
        assert_eq!(again.kind(), io::ErrorKind::AlreadyExists);
        let names: Vec<_> = fs::read_dir(dir.path().join("2026"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            names,
            vec![std::ffi::OsString::from("bai")],
            "no staging left"
        );
    }
}
