//! Model files: round trips of every dtype, truncation at every byte, every bit flipped, kinds,
//! versions, crafted lengths, atomic saves, id maps, and a property test of random sections.

use std::path::Path;

use proptest::prelude::*;
use recsys_core::persist::{
    Dtype, FORMAT_VERSION, MAGIC, ModelFileProblem, ModelReader, ModelWriter, Xxh64,
};
use recsys_core::{CoreError, IdMap};
use serde_json::json;

/// The values of section `p` of [`add_every_dtype`].
const P: [f32; 6] = [1.0, -2.5, 3.25, 0.0, f32::MIN_POSITIVE, 1e30];

/// Adds one section of every dtype: `p` (`f32`, 2×3), `mean` (`f64`, scalar), `counts` (`u32`),
/// `ids` (`u64`) and `note` (bytes).
fn add_every_dtype(w: &mut ModelWriter<'_>) {
    w.section_f32("p", &[2, 3], P.to_vec())
        .unwrap()
        .section_f64("mean", &[], vec![3.5])
        .unwrap()
        .section_u32("counts", &[3], vec![1, 2, u32::MAX])
        .unwrap()
        .section_u64("ids", &[2], vec![7, u64::MAX])
        .unwrap()
        .section_bytes("note", &[5], b"hello".as_slice())
        .unwrap();
}

/// A small file with one section of every dtype.
fn small_file() -> Vec<u8> {
    let mut w = ModelWriter::new("svd", json!({"factors": 2, "lr": 0.005, "name": "tiny"}));
    add_every_dtype(&mut w);
    w.to_bytes().unwrap()
}

fn problem(e: CoreError) -> ModelFileProblem {
    match e {
        CoreError::ModelFile { problem, .. } => problem,
        other => panic!("expected a model-file error, got {other:?}"),
    }
}

/// Rewrites the checksum after editing `bytes`, so that only the edit is wrong.
fn reseal(bytes: &mut [u8]) {
    let n = bytes.len() - 8;
    let sum = Xxh64::hash(&bytes[..n], 0);
    bytes[n..].copy_from_slice(&sum.to_le_bytes());
}

#[test]
fn xxh64_matches_reference_vectors() {
    assert_eq!(Xxh64::hash(b"", 0), 0xEF46_DB37_51D8_E999);
    assert_eq!(Xxh64::hash(b"abc", 0), 0x44BC_2CF5_AD77_0999);
    let long = b"Nobody inspects the spammish repetition";
    assert_eq!(Xxh64::hash(long, 0), 0xFBCE_A83C_8A37_8BF1);
    // streaming in any split gives the one-shot hash
    let data: Vec<u8> = (0..1000u32).map(|i| (i * 31 % 251) as u8).collect();
    let whole = Xxh64::hash(&data, 9);
    for split in [0, 1, 7, 31, 32, 33, 100, 999, 1000] {
        let mut h = Xxh64::new(9);
        h.update(&data[..split]);
        h.update(&data[split..]);
        assert_eq!(h.finish(), whole, "split at {split}");
    }
}

#[test]
fn round_trip_of_every_dtype() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.bin");
    let ids = IdMap::from_raw([42, 7, 1_000_000_000_000]);
    let p = P.to_vec();
    let mut w = ModelWriter::new("svd", json!({"factors": 2, "lr": 0.005}));
    add_every_dtype(&mut w);
    w.section_f32("empty", &[0, 4], Vec::new())
        .unwrap()
        .section_f64(
            "cube",
            &[2, 1, 2],
            vec![f64::NAN, -0.0, f64::INFINITY, 1e-300],
        )
        .unwrap()
        .id_map("users", &ids)
        .unwrap();
    assert_eq!(w.n_sections(), 8);
    w.save(&path).unwrap();
    assert_eq!(
        std::fs::metadata(&path).unwrap().len(),
        w.encoded_len().unwrap()
    );
    assert_eq!(std::fs::read(&path).unwrap(), w.to_bytes().unwrap());

    let r = ModelReader::load(&path, "svd").unwrap();
    assert_eq!(r.kind(), "svd");
    assert_eq!(r.version(), FORMAT_VERSION);
    assert_eq!(r.path(), path);
    assert_eq!(r.meta(), &json!({"factors": 2, "lr": 0.005}));
    assert_eq!(r.meta_field::<usize>("factors").unwrap(), 2);
    assert_eq!(r.meta_field::<f32>("lr").unwrap(), 0.005);
    assert_eq!(r.f32("p").unwrap(), (vec![2, 3], p.clone()));
    assert_eq!(r.f32_with_shape("p", &[2, 3]).unwrap(), p);
    assert_eq!(r.f64("mean").unwrap(), (vec![], vec![3.5]));
    assert_eq!(r.u32("counts").unwrap(), (vec![3], vec![1, 2, u32::MAX]));
    assert_eq!(r.u64_with_shape("ids", &[2]).unwrap(), vec![7, u64::MAX]);
    assert_eq!(r.bytes("note").unwrap(), (vec![5], b"hello".to_vec()));
    assert_eq!(r.f32("empty").unwrap(), (vec![0, 4], vec![]));
    let (shape, cube) = r.f64("cube").unwrap();
    assert_eq!(shape, vec![2, 1, 2]);
    assert!(cube[0].is_nan());
    assert_eq!(cube[1].to_bits(), (-0.0f64).to_bits());
    assert_eq!(&cube[2..], &[f64::INFINITY, 1e-300]);
    let back = r.id_map("users").unwrap();
    assert_eq!(back, ids);
    assert_eq!(back.index(1_000_000_000_000), Some(2));

    let listed: Vec<(String, Dtype, Vec<u64>)> = r
        .sections()
        .map(|s| (s.name.to_string(), s.dtype, s.shape.to_vec()))
        .collect();
    assert_eq!(listed[0], ("p".to_string(), Dtype::F32, vec![2, 3]));
    assert_eq!(listed[4], ("note".to_string(), Dtype::Bytes, vec![5]));
    assert_eq!(listed[7], ("users".to_string(), Dtype::U64, vec![3]));
    assert!(r.has_section("cube") && !r.has_section("q"));
    let (info, raw) = r.raw("counts").unwrap();
    assert_eq!((info.dtype, raw.len()), (Dtype::U32, 12));
    assert_eq!(ModelReader::load_any(&path).unwrap().kind(), "svd");
}

#[test]
fn section_data_is_8_byte_aligned() {
    let bytes = small_file();
    let meta = json!({"factors": 2, "lr": 0.005, "name": "tiny"}).to_string();
    // first section "p": name (4 + 1), dtype 1, ndim 4, two dims 16, data length 8
    let header_end = count_offset("svd", &meta) + 4 + (4 + 1) + 1 + 4 + 16 + 8;
    let first = header_end.next_multiple_of(8);
    let r = ModelReader::from_bytes(bytes.clone(), "mem", None).unwrap();
    let (_, p) = r.raw("p").unwrap();
    assert_eq!(&bytes[first..first + p.len()], p);
    for s in r.sections() {
        let (_, raw) = r.raw(s.name).unwrap();
        let offset = first + (raw.as_ptr() as usize - p.as_ptr() as usize);
        assert_eq!(offset % 8, 0, "section {}", s.name);
        assert_eq!(&bytes[offset..offset + raw.len()], raw);
    }
}

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

/// Byte offset of the count of sections in a file written by `ModelWriter` with `kind` and
/// `meta_json`.
fn count_offset(kind: &str, meta_json: &str) -> usize {
    8 + 4 + 8 + 4 + kind.len() + 8 + meta_json.len()
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

#[test]
fn duplicate_raw_ids_in_an_id_map_section_are_an_error() {
    let mut w = ModelWriter::new("k", json!({}));
    w.section_u64("items", &[3], vec![5, 6, 5]).unwrap();
    w.section_u64("grid", &[1, 3], vec![5, 6, 7]).unwrap();
    let r = ModelReader::from_bytes(w.to_bytes().unwrap(), "m", None).unwrap();
    assert!(matches!(
        problem(r.id_map("items").unwrap_err()),
        ModelFileProblem::InvalidSection { .. }
    ));
    assert!(matches!(
        problem(r.id_map("grid").unwrap_err()),
        ModelFileProblem::WrongShape { .. }
    ));
    let empty = IdMap::new();
    let mut w = ModelWriter::new("k", json!({}));
    w.id_map("none", &empty).unwrap();
    let r = ModelReader::from_bytes(w.to_bytes().unwrap(), "m", None).unwrap();
    assert!(r.id_map("none").unwrap().is_empty());
}

#[test]
fn writer_rejects_bad_sections_and_kinds() {
    let mut w = ModelWriter::new("svd", json!({}));
    let bad = |r: Result<&mut ModelWriter<'_>, CoreError>| {
        assert!(matches!(r, Err(CoreError::InvalidParameter { .. })))
    };
    bad(w.section_f32("p", &[2, 3], vec![0.0; 5]));
    bad(w.section_f32("p", &[u64::MAX, 2], vec![0.0; 2]));
    bad(w.section_f32("", &[1], vec![0.0]));
    bad(w.section_f32("x".repeat(5000), &[1], vec![0.0]));
    bad(w.section_u32("deep", &[1; 17], vec![0]));
    w.section_f32("p", &[1], vec![0.0]).unwrap();
    bad(w.section_u64("p", &[1], vec![0]));
    assert_eq!(w.n_sections(), 1);
    assert!(matches!(
        ModelWriter::new("", json!({})).to_bytes(),
        Err(CoreError::InvalidParameter { name: "kind", .. })
    ));
    let dir = tempfile::tempdir().unwrap();
    assert!(
        ModelWriter::new("", json!({}))
            .save(dir.path().join("m"))
            .is_err()
    );
    assert_eq!(entries(dir.path()), Vec::<String>::new());
}

fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn atomic_save_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("model.bin");
    let data = vec![1.5f32; 100_000];
    let mut w = ModelWriter::new("svd", json!({"v": 1}));
    w.section_f32("p", &[1000, 100], &data).unwrap();
    w.save(&path).unwrap();
    assert_eq!(entries(dir.path()), vec!["model.bin"]);

    // overwrite in place: the new contents replace the old, still no leftovers
    let mut w2 = ModelWriter::new("svd", json!({"v": 2}));
    w2.section_f32("p", &[2], vec![1.0, 2.0]).unwrap();
    w2.save(&path).unwrap();
    assert_eq!(entries(dir.path()), vec!["model.bin"]);
    let r = ModelReader::load(&path, "svd").unwrap();
    assert_eq!(r.meta_field::<u32>("v").unwrap(), 2);

    // a failing rename (the target is a non-empty folder) cleans up and keeps the folder
    let blocked = dir.path().join("blocked");
    std::fs::create_dir(&blocked).unwrap();
    std::fs::write(blocked.join("keep"), b"x").unwrap();
    let e = w2.save(&blocked).unwrap_err();
    assert!(matches!(e, CoreError::Io { .. }), "{e:?}");
    assert_eq!(entries(dir.path()), vec!["blocked", "model.bin"]);
    assert_eq!(entries(&blocked), vec!["keep"]);

    // a missing folder is an I/O error naming the path
    let e = w2.save(dir.path().join("nope").join("m.bin")).unwrap_err();
    assert!(e.to_string().contains("nope"), "{e}");

    // the failed saves left the earlier file intact
    assert_eq!(std::fs::read(&path).unwrap(), w2.to_bytes().unwrap());
}

fn section_strategy() -> impl Strategy<Value = (String, Vec<u64>, SectionValues)> {
    let shape = prop::collection::vec(0u64..4, 0..4);
    ("[a-z_]{1,12}", shape, any::<u8>(), any::<u64>()).prop_map(|(name, shape, which, seed)| {
        let n: u64 = shape.iter().product();
        let n = n as usize;
        let mut x = seed | 1;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let values = match which % 5 {
            0 => SectionValues::F32((0..n).map(|_| f32::from_bits(next() as u32)).collect()),
            1 => SectionValues::F64((0..n).map(|_| f64::from_bits(next())).collect()),
            2 => SectionValues::U32((0..n).map(|_| next() as u32).collect()),
            3 => SectionValues::U64((0..n).map(|_| next()).collect()),
            _ => SectionValues::Bytes((0..n).map(|_| next() as u8).collect()),
        };
        (name, shape, values)
    })
}

#[derive(Debug, Clone)]
enum SectionValues {
    F32(Vec<f32>),
    F64(Vec<f64>),
    U32(Vec<u32>),
    U64(Vec<u64>),
    Bytes(Vec<u8>),
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn random_sections_round_trip(
        kind in "[a-z]{1,8}",
        meta in prop::collection::btree_map("[a-z]{1,5}", any::<i64>(), 0..4),
        sections in prop::collection::vec(section_strategy(), 0..6),
    ) {
        let meta = serde_json::to_value(&meta).unwrap();
        let mut w = ModelWriter::new(kind.clone(), meta.clone());
        let mut kept = Vec::new();
        for (name, shape, values) in &sections {
            let r = match values {
                SectionValues::F32(v) => w.section_f32(name.clone(), shape, v.as_slice()).map(|_| ()),
                SectionValues::F64(v) => w.section_f64(name.clone(), shape, v.as_slice()).map(|_| ()),
                SectionValues::U32(v) => w.section_u32(name.clone(), shape, v.as_slice()).map(|_| ()),
                SectionValues::U64(v) => w.section_u64(name.clone(), shape, v.as_slice()).map(|_| ()),
                SectionValues::Bytes(v) => w.section_bytes(name.clone(), shape, v.as_slice()).map(|_| ()),
            };
            // a repeated name is refused; the first one stays
            if r.is_ok() {
                kept.push((name, shape, values));
            } else {
                prop_assert!(kept.iter().any(|(n, _, _)| *n == name));
            }
        }
        let bytes = w.to_bytes().unwrap();
        prop_assert_eq!(bytes.len() as u64, w.encoded_len().unwrap());
        let r = ModelReader::from_bytes(bytes, "p", Some(&kind)).unwrap();
        prop_assert_eq!(r.meta(), &meta);
        prop_assert_eq!(r.sections().len(), kept.len());
        for (name, shape, values) in kept {
            match values {
                SectionValues::F32(v) => {
                    let (s, got) = r.f32(name).unwrap();
                    prop_assert_eq!(&s, shape);
                    let bits = |x: &[f32]| x.iter().map(|f| f.to_bits()).collect::<Vec<_>>();
                    prop_assert_eq!(bits(&got), bits(v));
                }
                SectionValues::F64(v) => {
                    let (s, got) = r.f64(name).unwrap();
                    prop_assert_eq!(&s, shape);
                    let bits = |x: &[f64]| x.iter().map(|f| f.to_bits()).collect::<Vec<_>>();
                    prop_assert_eq!(bits(&got), bits(v));
                }
                SectionValues::U32(v) => prop_assert_eq!(&r.u32(name).unwrap(), &(shape.clone(), v.clone())),
                SectionValues::U64(v) => prop_assert_eq!(&r.u64(name).unwrap(), &(shape.clone(), v.clone())),
                SectionValues::Bytes(v) => prop_assert_eq!(&r.bytes(name).unwrap(), &(shape.clone(), v.clone())),
            }
        }
    }
}
