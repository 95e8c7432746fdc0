//! Integration tests: the real `concord` binary builds sites into temp folders, and the tests
//! read the written files. One test binary (links once). Add a case by adding a test to the
//! module of its kind; fixture sites live in `tests/fixtures/`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod adversarial;
mod archive;
mod build;
mod corrections;
mod errors;
mod guarantees;
mod hostile;
mod incremental;
mod newcomer;
mod properties;
mod publish;
mod reader;
mod rules;
mod serve;
mod views;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A site in a temp folder: a copy of a fixture, or files written by the test.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

impl TestSite {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> TestSite {
        let site = TestSite::empty();
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        copy_dir(&from, site.root());
        site
    }

    /// A site with only a minimal `site.toml` and an empty `content/`.
    pub fn empty() -> TestSite {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir_all(dir.path().join("content")).unwrap();
        fs::write(dir.path().join("site.toml"), "title = \"Test\"\n").unwrap();
        TestSite { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) -> &Self {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
        self
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_concord"))
            .arg("--root")
            .arg(self.root())
            .args(args)
            .env("NO_COLOR", "1")
            .output()
            .expect("run concord")
    }

    /// Builds and asserts success.
    pub fn build(&self, args: &[&str]) -> Output {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let out = self.run(&all);
        assert!(out.status.success(), "build failed:\n{}", stderr(&out));
        out
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Names of the entries at the site root.
    pub fn root_entries(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(self.root())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// Asserts that no build left its working folder (`.public.concord-new` …) behind.
    pub fn assert_no_working_folder(&self) {
        let names = self.root_entries();
        assert!(
            !names.iter().any(|n| n.contains("concord-")),
            "working folder left: {names:?}"
        );
    }

    /// A written file of the output folder as text.
    pub fn page(&self, rel: &str) -> String {
        let path = self.public().join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file below `dir`, with its bytes, sorted by path.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}
