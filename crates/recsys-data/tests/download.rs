//! Tests of `recsys_data::download` against a local HTTP server (no network access).
#![cfg(feature = "download")]

use std::io::{Cursor, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use recsys_data::DataError;
use recsys_data::download::{self, ARCHIVES, Archive, DownloadConfig};
use sha2::{Digest, Sha256};
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

/// A local HTTP/1.1 server answering `GET /<file>` from fixed routes, 404 otherwise.
struct Server {
    base_url: String,
    hits: Arc<AtomicUsize>,
}

/// Serve at most `max_requests` requests (or for 30 s at most), then stop.
fn serve(routes: Vec<(String, Vec<u8>)>, max_requests: usize) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let base_url = format!("http://{}/", listener.local_addr().unwrap());
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&hits);
    thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut served = 0;
        while served < max_requests && Instant::now() < deadline {
            match listener.accept() {
                Ok((stream, _)) => {
                    served += 1;
                    counter.fetch_add(1, Ordering::SeqCst);
                    let _ = answer(stream, &routes);
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    thread::sleep(Duration::from_millis(5));
                }
                Err(_) => break,
            }
        }
    });
    Server { base_url, hits }
}

fn answer(mut stream: TcpStream, routes: &[(String, Vec<u8>)]) -> std::io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 16 * 1024 {
        if stream.read(&mut byte)? == 0 {
            break;
        }
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head);
    let path = head.split_whitespace().nth(1).unwrap_or("/");
    let file = path.trim_start_matches('/');
    let (status, body) = match routes.iter().find(|(name, _)| name == file) {
        Some((_, body)) => ("200 OK", body.as_slice()),
        None => ("404 Not Found", &b"not found"[..]),
    };
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/zip\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(header.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()
}

/// A zip with the given entries (names ending in `/` are folders).
fn make_zip(entries: &[(&str, &[u8])], method: CompressionMethod) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(method);
    for (name, data) in entries {
        if name.ends_with('/') {
            w.add_directory(*name, opts).unwrap();
        } else {
            w.start_file(*name, opts).unwrap();
            w.write_all(data).unwrap();
        }
    }
    w.finish().unwrap().into_inner()
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// An `Archive` for the test zip `bytes`, named `ml-test`.
fn test_archive(bytes: &[u8]) -> Archive {
    Archive {
        name: "ml-test",
        file: "ml-test.zip",
        sha256: Box::leak(sha256_hex(bytes).into_boxed_str()),
        size: bytes.len() as u64,
        folder: "ml-test",
    }
}

/// `zip` served as `route` for at most `max_requests` requests, its archive (the checksum of
/// `zip`), and an empty temporary folder.
fn serve_zip(
    zip: Vec<u8>,
    route: &str,
    max_requests: usize,
) -> (Archive, Server, tempfile::TempDir) {
    let archive = test_archive(&zip);
    let server = serve(vec![(route.into(), zip)], max_requests);
    (archive, server, tempfile::tempdir().unwrap())
}

/// Fails unless `dir` is empty.
fn assert_left_nothing(dir: &Path) {
    assert!(entries(dir).is_empty(), "left behind: {:?}", entries(dir));
}

fn opts(server: &Server) -> DownloadConfig {
    DownloadConfig::default()
        .base_url(server.base_url.clone())
        .timeout(Some(Duration::from_secs(10)))
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn sample_zip() -> Vec<u8> {
    make_zip(
        &[
            ("ml-test/", b""),
            ("ml-test/ratings.csv", b"userId,movieId,rating\n1,10,4.0\n"),
            ("ml-test/sub/README.txt", b"readme"),
            ("other/ignored.txt", b"not part of the dataset"),
        ],
        CompressionMethod::Deflated,
    )
}

#[test]
fn fetch_downloads_verifies_and_unpacks() {
    let (archive, server, tmp) = serve_zip(sample_zip(), "ml-test.zip", 1);
    let cache = tmp.path().join("cache");

    let folder = download::fetch(&archive, &cache, &mut opts(&server)).unwrap();
    assert_eq!(folder, cache.join("ml-test"));
    let ratings = std::fs::read_to_string(folder.join("ratings.csv")).unwrap();
    assert_eq!(ratings, "userId,movieId,rating\n1,10,4.0\n");
    assert_eq!(
        std::fs::read(folder.join("sub/README.txt")).unwrap(),
        b"readme"
    );
    assert_eq!(entries(&folder), ["ratings.csv", "sub"]);
    // No zip, temporary folder or other entry left beside the dataset.
    assert_eq!(entries(&cache), ["ml-test"]);
    assert_eq!(server.hits.load(Ordering::SeqCst), 1);
}

#[test]
fn second_fetch_uses_the_cache() {
    let (archive, server, tmp) = serve_zip(sample_zip(), "ml-test.zip", 2);
    let mut o = opts(&server);

    let first = download::fetch(&archive, tmp.path(), &mut o).unwrap();
    let second = download::fetch(&archive, tmp.path(), &mut o).unwrap();
    assert_eq!(first, second);
    assert_eq!(
        server.hits.load(Ordering::SeqCst),
        1,
        "the second fetch must not download"
    );
}

#[test]
fn concurrent_fetches_agree_on_one_complete_folder() {
    let (archive, server, tmp) = serve_zip(sample_zip(), "ml-test.zip", 4);

    let folders: Vec<_> = thread::scope(|s| {
        let workers: Vec<_> = (0..4)
            .map(|_| s.spawn(|| download::fetch(&archive, tmp.path(), &mut opts(&server))))
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap().unwrap())
            .collect()
    });
    for folder in &folders {
        assert_eq!(folder, &tmp.path().join("ml-test"));
    }
    assert_eq!(entries(&folders[0]), ["ratings.csv", "sub"]);
    assert_eq!(entries(tmp.path()), ["ml-test"]);
}

#[test]
fn checksum_mismatch_leaves_nothing() {
    let (good, server, tmp) = serve_zip(sample_zip(), "ml-test.zip", 1);
    let actual_sha = good.sha256;
    let archive = Archive {
        sha256: "0000000000000000000000000000000000000000000000000000000000000000",
        ..good
    };

    let err = download::fetch(&archive, tmp.path(), &mut opts(&server)).unwrap_err();
    match err {
        DataError::Checksum {
            path,
            expected,
            actual,
        } => {
            assert_eq!(path, tmp.path().join("ml-test.zip"));
            assert_eq!(expected, archive.sha256);
            assert_eq!(actual, actual_sha);
        }
        other => panic!("expected a checksum error, got {other:?}"),
    }
    assert!(!tmp.path().join("ml-test").exists());
    assert_left_nothing(tmp.path());
}

#[test]
fn http_404_is_a_download_error() {
    let (archive, server, tmp) = serve_zip(sample_zip(), "something-else.zip", 1);

    let err = download::fetch(&archive, tmp.path(), &mut opts(&server)).unwrap_err();
    match &err {
        DataError::Download { url, reason } => {
            assert_eq!(url, &format!("{}ml-test.zip", server.base_url));
            assert!(reason.contains("404"), "{reason}");
        }
        other => panic!("expected a download error, got {other:?}"),
    }
    assert_left_nothing(tmp.path());
}

#[test]
fn zip_slip_entries_are_not_written_outside() {
    // Names that climb out of the zip root are rejected (`enclosed_name`); names that resolve
    // inside the root but outside `ml-test/` are skipped like any other foreign entry.
    let cases = [
        ("ml-test/../../evil.txt", false),
        ("ml-test/sub/../../../evil.txt", false),
        ("ml-test/../evil.txt", true),
        ("/evil.txt", true),
    ];
    for (evil, succeeds) in cases {
        let zip = make_zip(
            &[("ml-test/ok.txt", b"ok"), (evil, b"pwned")],
            CompressionMethod::Deflated,
        );
        let (archive, server, tmp) = serve_zip(zip, "ml-test.zip", 1);
        let cache = tmp.path().join("cache");

        let result = download::fetch(&archive, &cache, &mut opts(&server));
        if succeeds {
            let folder = result.unwrap();
            assert_eq!(entries(&folder), ["ok.txt"], "{evil}");
            assert_eq!(entries(&cache), ["ml-test"], "{evil}");
        } else {
            let err = result.unwrap_err();
            assert!(matches!(err, DataError::Download { .. }), "{evil}: {err:?}");
            assert!(
                entries(&cache).is_empty(),
                "{evil}: left behind {:?}",
                entries(&cache)
            );
        }
        assert_eq!(
            entries(tmp.path()),
            ["cache"],
            "{evil} written outside the cache"
        );
    }
}

#[test]
fn progress_reports_increasing_byte_counts() {
    // ~400 KB of incompressible bytes, stored: several chunks on the wire.
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let data: Vec<u8> = (0..400_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    let zip = make_zip(&[("ml-test/big.bin", &data)], CompressionMethod::Stored);
    let len = zip.len() as u64;
    let (archive, server, tmp) = serve_zip(zip, "ml-test.zip", 1);

    let calls = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&calls);
    let mut o = opts(&server).progress(move |done, total| sink.lock().unwrap().push((done, total)));
    let folder = download::fetch(&archive, tmp.path(), &mut o).unwrap();
    assert_eq!(std::fs::read(folder.join("big.bin")).unwrap(), data);

    let calls = calls.lock().unwrap();
    assert!(
        calls.len() >= 2,
        "expected several progress calls, got {calls:?}"
    );
    assert!(
        calls.windows(2).all(|w| w[0].0 < w[1].0),
        "not increasing: {calls:?}"
    );
    assert!(calls.iter().all(|&(_, total)| total == Some(len)));
    assert_eq!(calls.last().map(|c| c.0), Some(len));
}

#[test]
fn archive_lookup_and_urls() {
    for a in ARCHIVES {
        assert_eq!(download::archive(a.name).unwrap(), a);
        assert_eq!(a.file, format!("{}.zip", a.name));
        assert_eq!(a.sha256.len(), 64);
        assert!(
            a.sha256
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        );
        assert!(a.size > 0);
    }
    match download::archive("ml-5m") {
        Err(DataError::UnknownDataset { name, valid }) => {
            assert_eq!(name, "ml-5m");
            assert_eq!(valid, "ml-100k, ml-1m, ml-latest-small");
        }
        other => panic!("expected UnknownDataset, got {other:?}"),
    }
    let a = download::archive("ml-100k").unwrap();
    assert_eq!(
        DownloadConfig::default().url_of(a),
        "https://files.grouplens.org/datasets/movielens/ml-100k.zip"
    );
    let o = DownloadConfig::default().base_url("http://mirror.example/ml");
    assert_eq!(o.url_of(a), "http://mirror.example/ml/ml-100k.zip");
}

#[test]
fn default_cache_dir_follows_the_environment() {
    // Read-only: the environment is not changed (other tests run in parallel).
    let dir = download::default_cache_dir();
    match std::env::var_os("RECSYS_CACHE").filter(|v| !v.is_empty()) {
        Some(v) => assert_eq!(dir, Path::new(&v)),
        None => assert!(
            dir.ends_with("recsys") || dir.ends_with("recsys-cache"),
            "{dir:?}"
        ),
    }
}

/// A server answering its i-th request with `responses[i]` written as is (status line, headers
/// and body), then closing the connection; used to cut a transfer short.
fn serve_raw(responses: Vec<Vec<u8>>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base_url = format!("http://{}/", listener.local_addr().unwrap());
    thread::spawn(move || {
        for response in responses {
            let Ok((mut stream, _)) = listener.accept() else {
                return;
            };
            stream.set_read_timeout(Some(Duration::from_secs(5))).ok();
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && head.len() < 16 * 1024 {
                match stream.read(&mut byte) {
                    Ok(1) => head.push(byte[0]),
                    _ => break,
                }
            }
            let _ = stream.write_all(&response);
            let _ = stream.flush();
        }
    });
    base_url
}

/// An HTTP 200 response announcing `announced` bytes but carrying `body`.
fn response(body: &[u8], announced: usize) -> Vec<u8> {
    let mut r = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/zip\r\nContent-Length: {announced}\r\nConnection: close\r\n\r\n"
    )
    .into_bytes();
    r.extend_from_slice(body);
    r
}

fn raw_opts(base_url: &str) -> DownloadConfig {
    DownloadConfig::default()
        .base_url(base_url)
        .timeout(Some(Duration::from_secs(5)))
}

#[test]
fn an_interrupted_download_leaves_nothing_and_the_next_fetch_restarts() {
    let zip = sample_zip();
    let archive = test_archive(&zip);
    let tmp = tempfile::tempdir().unwrap();
    // the first transfer stops half-way (the connection closes early), the second is whole
    let half = &zip[..zip.len() / 2];
    let base = serve_raw(vec![response(half, zip.len()), response(&zip, zip.len())]);
    let calls = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&calls);
    let mut o =
        raw_opts(&base).progress(move |done, total| sink.lock().unwrap().push((done, total)));

    let err = download::fetch(&archive, tmp.path(), &mut o).unwrap_err();
    assert!(
        matches!(err, DataError::Download { .. } | DataError::Checksum { .. }),
        "{err:?}"
    );
    assert_left_nothing(tmp.path());
    let seen = calls.lock().unwrap().clone();
    assert!(
        seen.iter().all(|&(done, _)| done <= half.len() as u64),
        "{seen:?}"
    );

    // the next fetch starts again from the first byte and completes
    calls.lock().unwrap().clear();
    let folder = download::fetch(&archive, tmp.path(), &mut o).unwrap();
    assert_eq!(
        std::fs::read(folder.join("ratings.csv")).unwrap(),
        b"userId,movieId,rating\n1,10,4.0\n"
    );
    assert_eq!(entries(tmp.path()), ["ml-test"]);
    assert_eq!(
        calls.lock().unwrap().last().map(|c| c.0),
        Some(zip.len() as u64)
    );
}

#[test]
fn a_truncated_archive_with_a_matching_checksum_is_refused() {
    // the server's file itself is cut short (and the checksum is of that file): the zip's
    // central directory is missing, so unpacking fails and nothing is left
    let zip = sample_zip();
    let cut = zip[..zip.len() * 2 / 3].to_vec();
    let (archive, server, tmp) = serve_zip(cut, "ml-test.zip", 1);
    let err = download::fetch(&archive, tmp.path(), &mut opts(&server)).unwrap_err();
    match &err {
        DataError::Download { reason, .. } => {
            assert!(reason.contains("invalid archive"), "{reason}")
        }
        other => panic!("expected a download error, got {other:?}"),
    }
    assert_left_nothing(tmp.path());
}

#[test]
fn a_body_longer_than_the_archive_fails_the_checksum() {
    let zip = sample_zip();
    let archive = test_archive(&zip);
    let mut long = zip.clone();
    long.extend_from_slice(b"trailing garbage");
    let base = serve_raw(vec![response(&long, long.len())]);
    let tmp = tempfile::tempdir().unwrap();
    let err = download::fetch(&archive, tmp.path(), &mut raw_opts(&base)).unwrap_err();
    assert!(matches!(err, DataError::Checksum { .. }), "{err:?}");
    assert_left_nothing(tmp.path());
}

#[test]
fn a_read_only_cache_is_an_io_error_naming_it() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    // a cache path that no user can create (its parent is a file): an error naming it, no network
    std::fs::write(tmp.path().join("file"), b"").unwrap();
    let blocked = tmp.path().join("file").join("cache");
    let archive = test_archive(&sample_zip());
    let offline = DownloadConfig::default().base_url("http://127.0.0.1:9/");
    let err = download::fetch(&archive, &blocked, &mut { offline }).unwrap_err();
    assert!(
        err.as_core().is_some() && err.to_string().contains(&blocked.display().to_string()),
        "{err:?}"
    );

    let cache = tmp.path().join("cache");
    std::fs::create_dir(&cache).unwrap();
    std::fs::set_permissions(&cache, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(cache.join("probe"), b"").is_ok() {
        // a privileged user (root) writes anyway: nothing to test here
        eprintln!("skipping: the read-only folder is writable by this user");
        return;
    }
    let zip = sample_zip();
    let (archive, server, _unused) = serve_zip(zip, "ml-test.zip", 1);
    let err = download::fetch(&archive, &cache, &mut opts(&server)).unwrap_err();
    assert!(
        err.as_core().is_some() && err.to_string().contains(&cache.display().to_string()),
        "{err:?}"
    );
    std::fs::set_permissions(&cache, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_left_nothing(&cache);
}
