//! Damaged model files: truncation at every byte, every bit flipped, appended bytes, wrong
//! kinds, dtypes and shapes, versions, files that are not model files, and crafted lengths. Each
//! is an error naming the file, never a panic or a huge allocation.

mod common;

use common::{count_offset, problem, reseal, small_file};
use recsys_core::CoreError;
use recsys_core::persist::{
    Dtype, FORMAT_VERSION, MAGIC, ModelFileProblem, ModelReader, ModelWriter,
};
use serde_json::json;

#[test]
fn truncation_at_every_offset_is_an_error() {
    let bytes = small_file();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.bin");
    for cut in 0..bytes.len() {
        std::fs::write(&path, &bytes[..cut]).unwrap();
        let e = ModelReader::load(&path, "svd").expect_err("a truncated file must not load");
        assert!(
            e.to_string().contains(&path.display().to_string()),
            "error names the file: {e}"
        );
        match problem(e) {
            ModelFileProblem::Truncated { actual, .. } => assert_eq!(actual, cut as u64),
            ModelFileProblem::BadMagic => panic!("a prefix of a model file is truncated"),
            other => panic!("cut at {cut}: {other:?}"),
        }
    }
    assert!(ModelReader::load(&path, "svd").is_err());
    std::fs::write(&path, &bytes).unwrap();
    assert!(ModelReader::load(&path, "svd").is_ok());
}

#[test]
fn flipping_any_bit_is_an_error() {
    let bytes = small_file();
    assert!(ModelReader::from_bytes(bytes.clone(), "ok", Some("svd")).is_ok());
    for pos in 0..bytes.len() {
        for bit in 0..8 {
            let mut b = bytes.clone();
            b[pos] ^= 1 << bit;
            let e = ModelReader::from_bytes(b, "flipped.bin", Some("svd"))
                .expect_err("a corrupted file must not load");
            assert!(e.to_string().contains("flipped.bin"));
        }
    }
}

#[test]
fn appended_bytes_are_an_error() {
    let mut bytes = small_file();
    bytes.push(0);
    assert!(matches!(
        problem(ModelReader::from_bytes(bytes, "x", None).unwrap_err()),
        ModelFileProblem::Corrupt { offset: 12, .. }
    ));
}

#[test]
fn wrong_kind_missing_section_wrong_dtype_and_shape() {
    let r = ModelReader::from_bytes(small_file(), "m.bin", None).unwrap();
    assert_eq!(
        problem(ModelReader::from_bytes(small_file(), "m.bin", Some("ncf")).unwrap_err()),
        ModelFileProblem::WrongKind {
            expected: "ncf".into(),
            found: "svd".into()
        }
    );
    assert_eq!(
        problem(r.f32("q").unwrap_err()),
        ModelFileProblem::MissingSection { name: "q".into() }
    );
    assert_eq!(
        problem(r.f64("p").unwrap_err()),
        ModelFileProblem::WrongDtype {
            name: "p".into(),
            expected: Dtype::F64,
            found: Dtype::F32
        }
    );
    assert_eq!(
        problem(r.f32_with_shape("p", &[3, 2]).unwrap_err()),
        ModelFileProblem::WrongShape {
            name: "p".into(),
            expected: vec![3, 2],
            found: vec![2, 3]
        }
    );
    assert!(matches!(
        problem(r.meta_field::<u32>("epochs").unwrap_err()),
        ModelFileProblem::Metadata { .. }
    ));
    assert!(matches!(
        problem(r.meta_field::<u32>("name").unwrap_err()),
        ModelFileProblem::Metadata { .. }
    ));
    // an id map must be 1-D u64
    assert!(matches!(
        problem(r.id_map("p").unwrap_err()),
        ModelFileProblem::WrongDtype { .. }
    ));
    let msg = r.f32("q").unwrap_err().to_string();
    assert!(msg.contains("m.bin") && msg.contains("`q`"), "{msg}");
}

#[test]
fn versions() {
    let mut newer_minor = small_file();
    newer_minor[8..12].copy_from_slice(&(FORMAT_VERSION + 3).to_le_bytes());
    reseal(&mut newer_minor);
    let r = ModelReader::from_bytes(newer_minor, "m", Some("svd")).unwrap();
    assert_eq!(r.version(), FORMAT_VERSION + 3);

    for v in [FORMAT_VERSION + (1 << 16), 0, u32::MAX] {
        let mut b = small_file();
        b[8..12].copy_from_slice(&v.to_le_bytes());
        reseal(&mut b);
        let e = ModelReader::from_bytes(b, "m", Some("svd")).unwrap_err();
        assert_eq!(
            problem(e),
            ModelFileProblem::UnsupportedVersion { found: v },
            "{v:#x}"
        );
    }
}

#[test]
fn not_a_model_file() {
    for junk in [
        &b""[..],
        b"RECS",
        b"hello world, this is not a model file at all",
        b"\0\0\0\0\0\0\0\0\0",
    ] {
        let e = problem(ModelReader::from_bytes(junk.to_vec(), "j", None).unwrap_err());
        if junk.len() < 8 && MAGIC.starts_with(junk) {
            assert!(matches!(e, ModelFileProblem::Truncated { .. }), "{e:?}");
        } else {
            assert_eq!(e, ModelFileProblem::BadMagic);
        }
    }
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        ModelReader::load(dir.path().join("missing.bin"), "svd"),
        Err(CoreError::Io { .. })
    ));
    assert!(matches!(
        ModelReader::load(dir.path(), "svd"),
        Err(CoreError::Io { .. })
    ));
    // a large file of something else is rejected from its first bytes (a sparse 4 GiB file)
    let big = dir.path().join("big.bin");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(4 << 30)
        .unwrap();
    let t = std::time::Instant::now();
    let e = ModelReader::load(&big, "svd").unwrap_err();
    assert_eq!(problem(e), ModelFileProblem::BadMagic);
    assert!(t.elapsed().as_secs_f64() < 1.0);
}

#[test]
fn crafted_huge_lengths_are_errors_not_allocations() {
    let mut w = ModelWriter::new("k", json!(null));
    w.section_u64("s", &[2], vec![1, 2]).unwrap();
    let good = w.to_bytes().unwrap();
    let at = count_offset("k", "null");
    assert_eq!(&good[at..at + 4], &1u32.to_le_bytes());
    let name_at = at + 4;
    let dtype_at = name_at + 4 + 1;
    let ndim_at = dtype_at + 1;
    let dim_at = ndim_at + 4;
    let len_at = dim_at + 8;

    let cases: Vec<(usize, Vec<u8>)> = vec![
        (at, u32::MAX.to_le_bytes().to_vec()),      // section count
        (name_at, u32::MAX.to_le_bytes().to_vec()), // name length
        (dtype_at, vec![99]),                       // dtype code
        (ndim_at, u32::MAX.to_le_bytes().to_vec()), // dimension count
        (dim_at, (u64::MAX / 2).to_le_bytes().to_vec()), // a dimension (product overflows)
        (len_at, (1u64 << 60).to_le_bytes().to_vec()), // data length
        (12 + 8, u32::MAX.to_le_bytes().to_vec()),  // kind length
        (12 + 8 + 4 + 1, (u64::MAX - 3).to_le_bytes().to_vec()), // metadata length
    ];
    for (offset, patch) in cases {
        let mut b = good.clone();
        b[offset..offset + patch.len()].copy_from_slice(&patch);
        reseal(&mut b);
        let e = problem(ModelReader::from_bytes(b, "crafted", None).unwrap_err());
        assert!(
            matches!(e, ModelFileProblem::Corrupt { .. }),
            "{offset}: {e:?}"
        );
    }
    // A declared total length larger than the file: truncated, whatever the checksum.
    let mut b = good.clone();
    b[12..20].copy_from_slice(&u64::MAX.to_le_bytes());
    assert!(matches!(
        problem(ModelReader::from_bytes(b, "crafted", None).unwrap_err()),
        ModelFileProblem::Truncated { .. }
    ));
}
