//! `recsys data fetch` against a local HTTP server (no network): a wrong archive fails the
//! SHA-256 check with exit code 1, an error saying what to download and where, and an empty
//! cache. (The transfer itself — progress, truncation, restarts, read-only caches — is tested in
//! recsys-data's `tests/download.rs`.)

mod common;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

use common::{code, files_under, recsys, run, stderr};

/// Serves `body` for each of `n` requests; returns the base URL.
fn serve(body: Vec<u8>, n: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for _ in 0..n {
            let Ok((mut s, _)) = listener.accept() else {
                return;
            };
            s.set_read_timeout(Some(Duration::from_secs(5))).ok();
            let mut head = Vec::new();
            let mut b = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && matches!(s.read(&mut b), Ok(1)) {
                head.push(b[0]);
            }
            let _ = write!(
                s,
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = s.write_all(&body);
        }
    });
    url
}

#[test]
fn a_wrong_archive_fails_the_checksum_and_leaves_the_cache_empty() {
    let home = tempfile::tempdir().unwrap();
    let url = serve(vec![7u8; 50_000], 1);
    let out = run(recsys(home.path()).env("RECSYS_DOWNLOAD_URL", &url).args([
        "data",
        "fetch",
        "ml-latest-small",
    ]));
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(err.contains("checksum mismatch"), "{err}");
    assert!(err.contains("ml-latest-small.zip"), "{err}");
    assert!(err.contains("unzip it into"), "{err}");
    assert!(files_under(&home.path().join("cache")).is_empty());
}

#[test]
fn a_present_dataset_is_not_fetched_again() {
    let home = tempfile::tempdir().unwrap();
    let data = common::synthetic_data(&home.path().join("data"));
    let out = common::run_on(
        home.path(),
        &data,
        &["data", "fetch", "ml-latest-small", "--json"],
    );
    assert_eq!(code(&out), 0);
    let v = common::json(&out);
    assert_eq!(v["fetched"], false);
    assert_eq!(v["origin"], "flag");
    // a Kaggle dataset cannot be fetched: exit 1 with where to put it
    let out = run(recsys(home.path()).args(["data", "fetch", "tmdb-5000"]));
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("Kaggle"));
}
