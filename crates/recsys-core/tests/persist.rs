//! Model files: round trips of every dtype, alignment, id maps, the writer's checks, atomic
//! saves, and a property test of random sections. Damaged files are `model_file_damage.rs`'s.

mod common;

use std::path::Path;

use common::{P, add_every_dtype, count_offset, problem, small_file};
use proptest::prelude::*;
use recsys_core::persist::{
    Dtype, FORMAT_VERSION, ModelFileProblem, ModelReader, ModelWriter, Xxh64,
};
use recsys_core::{CoreError, IdMap};
use serde_json::json;

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
