//! The guarantees: deterministic output, and a site that is never half-written.

use crate::{TestSite, tree};
use std::process::Command;
use std::time::Duration;

fn build_with_env(site: &TestSite, out: &str, env: &[(&str, &str)]) -> Vec<(String, Vec<u8>)> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_concord"));
    cmd.arg("--root")
        .arg(site.root())
        .args(["build", "--quiet", "--output", out]);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let status = cmd.status().unwrap();
    assert!(status.success());
    tree(&site.root().join(out))
}

#[test]
fn output_is_the_same_whatever_threads_time_zone_and_locale() {
    let site = TestSite::fixture("basic");
    let one = build_with_env(
        &site,
        "one",
        &[("RAYON_NUM_THREADS", "1"), ("TZ", "UTC"), ("LANG", "C")],
    );
    let many = build_with_env(
        &site,
        "many",
        &[
            ("RAYON_NUM_THREADS", "8"),
            ("TZ", "Pacific/Kiritimati"),
            ("LANG", "de_DE.UTF-8"),
        ],
    );
    assert!(!one.is_empty());
    assert_eq!(one, many);
}

#[test]
fn output_does_not_depend_on_the_order_files_were_created() {
    let forward = TestSite::empty();
    let backward = TestSite::empty();
    let files: Vec<(String, String)> = (0..30)
        .map(|i| {
            (
                format!("content/2023/0{}/n{i:02}.txt", 1 + i % 3),
                format!("date 2023-0{}-15\nStory {i}\n\nThe Valmora Port Board (VPB) met.\n\nSource: S\n", 1 + i % 3),
            )
        })
        .collect();
    for (path, text) in &files {
        forward.write(path, text);
    }
    for (path, text) in files.iter().rev() {
        backward.write(path, text);
    }
    assert_eq!(
        build_with_env(&forward, "public", &[]),
        build_with_env(&backward, "public", &[])
    );
}

#[test]
fn no_build_time_is_written() {
    let site = TestSite::fixture("basic");
    let first = build_with_env(&site, "public", &[]);
    std::thread::sleep(Duration::from_millis(1100));
    assert_eq!(first, build_with_env(&site, "public", &[]));
}

#[cfg(unix)]
#[test]
fn an_interrupted_build_leaves_a_whole_site_and_no_working_folder_after_the_next() {
    let site = TestSite::empty();
    for i in 0..1500 {
        site.write(
            &format!("content/2023/{:02}/a{i}.txt", 1 + i % 12),
            format!("date 2023-{:02}-10\nStory {i}\n\nThe Harbour Board {i} (HB{i}) met.\n\nSource: S\n", 1 + i % 12),
        );
    }
    let old = build_with_env(&site, "public", &[]);
    site.write(
        "content/2023/01/extra.txt",
        "date 2023-01-11\nExtra\n\nNew.\n\nSource: S\n",
    );
    let mut seen = Vec::new();
    for delay_ms in [5, 40, 150] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_concord"))
            .arg("--root")
            .arg(site.root())
            .args(["build", "--quiet"])
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status();
        child.wait().unwrap();
        seen.push(tree(&site.public()));
    }
    let new = build_with_env(&site, "public", &[]);
    assert_ne!(old, new);
    for state in seen {
        assert!(
            state == old || state == new,
            "a half-written site was published"
        );
    }
    site.assert_no_working_folder();
}
