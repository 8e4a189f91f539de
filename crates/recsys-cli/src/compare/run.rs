//! Running a checked experiment: data, protocols, the runner, then the report folder.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use recsys::core::ModelSpec;
use recsys::data::{DataDir, Dataset};
use recsys::eval::EvalError;
use recsys::eval::protocol::{self, ProtocolConfig, ProtocolKind};
use recsys::eval::report;
use recsys::eval::runner::{self, RunConfig};
use recsys::eval::search::Config;
use recsys::hybrid::CatalogContent;
use recsys::models::{self, SideColumns};

use super::Args;
use super::config::{ConfigError, Experiment};
use super::files::Roots;
use super::manifest::{self, RunInfo};
use super::plan::{ModelPlan, Plan, ProtocolPlan};
use super::report as out;
use super::spec::{Build, EntrySpec, Search};
use crate::error::{CliError, CliResult};

/// Runs `plan` in a thread pool of the experiment's size and writes the report folder.
pub fn run(args: &Args, plan: &Plan) -> CliResult<()> {
    let threads = plan.experiment.threads;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| CliError::msg(format!("starting {threads} threads: {e}")))?;
    pool.install(|| run_in_pool(args, plan))
}

fn run_in_pool(args: &Args, plan: &Plan) -> CliResult<()> {
    let started = Instant::now();
    let roots = Roots {
        config_dir: plan.config_dir.clone(),
        peers: args.peers.clone(),
    };
    let mut info = RunInfo {
        config: std::path::absolute(&args.config).unwrap_or_else(|_| args.config.clone()),
        threads: rayon::current_num_threads(),
        ..RunInfo::default()
    };
    let mut resolved = plan.experiment.clone();
    resolved.threads = info.threads;
    resolved.manifest = None;
    resolve_protocols(&mut resolved, plan, &roots);
    // every dataset and file located before anything is fitted
    let mut dirs = Vec::new();
    for &ds in &plan.datasets {
        let dir = crate::data_arg::find_dataset(args.data.data.as_deref(), ds)?;
        info.data
            .push((ds.name().to_string(), dir.root().to_path_buf()));
        for (i, p) in plan.protocols.iter().enumerate() {
            for (what, map) in [("candidates", &p.candidates), ("test_file", &p.test_file)] {
                if let Some(spec) = map.get(ds.name()) {
                    let path = roots.resolve(spec, dir.root());
                    if !path.is_file() {
                        return Err(CliError::msg(format!(
                            "{}: key `protocols[{i}].{what}.{ds}`: {spec} is {}, which is not a \
                             file{}",
                            args.config.display(),
                            path.display(),
                            if spec.starts_with("peers:") {
                                " (set --peers DIR or RECSYS_PEERS to the peers' folder)"
                            } else {
                                ""
                            }
                        )));
                    }
                    info.files
                        .push((format!("{}/{what}/{ds}", p.kind.name()), path));
                }
            }
        }
        dirs.push((ds, dir));
    }
    let mut rows = Vec::new();
    let mut chosen_md = String::new();
    for (ds, dir) in &dirs {
        let inputs = inputs_for(plan, dir, *ds)?;
        for (m, entry) in plan.models.iter().zip(resolved.models.iter_mut()) {
            let spec = base_spec(&args.config, m, &inputs)?;
            entry.set = manifest::resolved_set(&spec.params(), &m.grid_keys);
            entry.label = Some(m.label.clone());
        }
        for p in &plan.protocols {
            let cfg = protocol_config(p, *ds, dir, &roots);
            let prepared = crate::progress::with_spinner(
                format!("{ds} / {}: preparing", p.kind.name()),
                || protocol::prepare(dir, *ds, &cfg),
            )?;
            eprintln!("{ds} / {}: {} fold(s)", p.kind.name(), prepared.folds.len());
            let steps = (plan.models.len() * prepared.folds.len() * 2) as u64;
            let bar = crate::progress::steps(steps, format!("{ds} / {}", p.kind.name()));
            let mut boxed: Vec<Box<dyn ModelSpec>> = Vec::new();
            let mut records = Vec::new();
            for m in &plan.models {
                let e = entry_spec(&args.config, m, p, inputs.clone(), &prepared, &bar)?;
                records.push((e.record(), e.base_params()));
                boxed.push(Box::new(e));
            }
            let opts = RunConfig {
                k: plan.experiment.k,
                bootstrap: plan.experiment.bootstrap,
                seed: plan.experiment.seed,
                item_buckets: plan.experiment.buckets.clone(),
                baseline: plan.experiment.baseline.clone(),
                ..RunConfig::default()
            };
            let b = bar.clone();
            let mut group = runner::run(&prepared, &boxed, &opts, &mut |e| {
                if let Some(step) = e.step() {
                    b.set_message(step);
                    b.inc(1);
                }
            })?;
            bar.finish_and_clear();
            if let Some(w) = recsys::eval::leakage::warning(&group) {
                eprintln!("{w}");
            }
            for (row, (m, (record, base))) in group.iter_mut().zip(plan.models.iter().zip(&records))
            {
                let chosen = record.chosen();
                if chosen.is_empty() {
                    continue;
                }
                row.params = chosen_params(base, &m.grid_keys, &chosen);
                let key = format!("{ds}/{}/{}", p.kind.name(), m.label);
                let per_fold: Vec<(String, f64)> =
                    chosen.iter().map(|c| (show(&c.config), c.score)).collect();
                for (f, (c, score)) in per_fold.iter().enumerate() {
                    chosen_md += &format!(
                        "- {ds} / {} / {}, fold {}: {c} (validation {} {score:.4}, {} tried)\n",
                        p.kind.name(),
                        m.label,
                        f + 1,
                        m.validation(prepared.task, p.negatives).1.metric,
                        chosen[f].tried
                    );
                }
                info.chosen.push((key, per_fold));
            }
            if args.json {
                print!("{}", report::json_lines(&group));
            }
            rows.extend(group);
        }
    }
    if !args.json {
        print!("{}", out::tables(&rows));
    }
    info.seconds = started.elapsed().as_secs_f64();
    let out_dir = args
        .out
        .clone()
        .unwrap_or_else(|| Path::new("reports").join(&plan.experiment.name));
    let manifest_text = manifest::render(&resolved, &info)
        .map_err(|e| CliError::msg(format!("writing the manifest: {e}")))?;
    let written = crate::output::write_folder(&out_dir, |tmp| {
        let mut files = Vec::new();
        let mut put = |name: &str, text: String| -> CliResult<()> {
            let p = tmp.join(name);
            std::fs::write(&p, text)
                .map_err(|e| CliError::msg(format!("writing {}: {e}", p.display())))?;
            files.push(p);
            Ok(())
        };
        put(
            "report.md",
            out::markdown(
                &plan.experiment.name,
                &plan.experiment.description,
                &rows,
                &chosen_md,
            ),
        )?;
        put("report.csv", report::csv(&rows))?;
        put("report.jsonl", report::json_lines(&rows))?;
        put("manifest.toml", manifest_text)?;
        files.extend(out::plots(tmp, &rows)?);
        Ok(files)
    })?;
    eprintln!(
        "wrote {} files into {} in {:.1} s (report.md, report.csv, report.jsonl, manifest.toml, pictures)",
        written.len(),
        out_dir.display(),
        info.seconds
    );
    Ok(())
}

/// The manifest's protocols: every value that applies to the protocol, defaults included, and
/// file paths that work from the report folder.
fn resolve_protocols(resolved: &mut Experiment, plan: &Plan, roots: &Roots) {
    for (entry, p) in resolved.protocols.iter_mut().zip(&plan.protocols) {
        use ProtocolKind as K;
        if matches!(
            p.kind,
            K::Holdout | K::ColdItems | K::Temporal | K::NewUsers
        ) {
            entry.test_ratio = Some(p.test_ratio);
        }
        if p.kind == K::NewUsers {
            entry.fold_in = Some(p.fold_in);
        }
        if matches!(p.kind, K::KFold | K::NewUsers) {
            entry.folds = Some(p.folds);
        }
        if p.kind == K::LooSampled && p.candidates.is_empty() {
            entry.negatives = Some(p.negatives);
        }
        entry.seed = Some(p.seed);
        for v in entry
            .candidates
            .values_mut()
            .chain(entry.test_file.values_mut())
        {
            *v = roots.portable(v);
        }
    }
}

/// The protocol's settings for `ds`.
fn protocol_config(p: &ProtocolPlan, ds: Dataset, dir: &DataDir, roots: &Roots) -> ProtocolConfig {
    ProtocolConfig {
        test_ratio: p.test_ratio,
        fold_in: p.fold_in,
        folds: p.folds,
        negatives: p.negatives,
        candidates: p
            .candidates
            .get(ds.name())
            .map(|s| roots.resolve(s, dir.root())),
        test_file: p
            .test_file
            .get(ds.name())
            .map(|s| roots.resolve(s, dir.root())),
        seed: p.seed,
        ..ProtocolConfig::new(p.kind)
    }
}

/// What a dataset's models read beside its ratings, loaded once per dataset when some model
/// needs it: the catalog's content (content models) and the side columns (side models).
#[derive(Clone, Default)]
struct Inputs {
    content: Option<Arc<CatalogContent>>,
    side: Option<SideColumns>,
}

/// The inputs of `ds` that the plan's models need.
fn inputs_for(plan: &Plan, dir: &DataDir, ds: Dataset) -> CliResult<Inputs> {
    let mut inputs = Inputs::default();
    if plan.models.iter().any(|m| m.content) {
        let c = crate::progress::with_spinner(format!("{ds}: catalog content"), || {
            models::catalog_content(dir, ds)
        })?;
        inputs.content = Some(c);
    }
    if plan.models.iter().any(|m| m.side) {
        inputs.side = Some(models::side_columns(dir, ds)?);
    }
    Ok(inputs)
}

/// The registry's spec of `m` (over its inputs for a content or side model) with its fixed
/// parameters.
fn base_spec(file: &Path, m: &ModelPlan, inputs: &Inputs) -> CliResult<Box<dyn ModelSpec>> {
    let registry = registry_spec(&m.name, inputs)?;
    m.apply(file, registry, &Config::new())
        .map_err(|e| CliError::Usage(e.to_string()))
}

fn registry_spec(name: &str, inputs: &Inputs) -> Result<Box<dyn ModelSpec>, EvalError> {
    match (&inputs.content, &inputs.side) {
        (Some(c), _) if models::is_content_model(name) => models::content_model(name, c.clone()),
        (_, Some(s)) if models::is_side_model(name) => models::side_model(name, s.clone()),
        _ => models::model(name),
    }
}

/// The runner's spec of `m` under protocol `p`.
fn entry_spec(
    file: &Path,
    m: &ModelPlan,
    p: &ProtocolPlan,
    inputs: Inputs,
    prepared: &protocol::Prepared,
    bar: &indicatif::ProgressBar,
) -> CliResult<EntrySpec> {
    let base = base_spec(file, m, &inputs)?;
    // content models' grids are checked here, once their catalog is loaded
    if m.content {
        for c in &m.configs {
            let spec = registry_spec(&m.name, &inputs)?;
            m.apply(file, spec, c)
                .map_err(|e| CliError::Usage(e.to_string()))?;
        }
    }
    let (plan, file) = (m.clone(), file.to_path_buf());
    let build: Build = Box::new(move |c: &Config| {
        let spec = registry_spec(&plan.name, &inputs)?;
        plan.apply(&file, spec, c)
            .map_err(|e: ConfigError| EvalError::Fit {
                model: plan.label.clone(),
                reason: e.to_string(),
            })
    });
    let search = (!m.configs.is_empty()).then(|| {
        let (validation, objective) = m.validation(prepared.task, p.negatives);
        Search {
            configs: m.configs.clone(),
            validation,
            objective,
            seed: p.seed,
        }
    });
    Ok(EntrySpec::new(
        m.label.clone(),
        base,
        build,
        search,
        bar.clone(),
    ))
}

/// A row's parameters for a searched entry: the base parameters with each searched one
/// replaced by the value chosen (`a/b/...` per fold when the folds chose differently).
fn chosen_params(
    base: &[(String, String)],
    grid_keys: &[String],
    chosen: &[super::spec::Chosen],
) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = base.iter().cloned().collect();
    for k in grid_keys {
        let vals: Vec<&str> = chosen
            .iter()
            .map(|c| c.config.get(k).map_or("?", String::as_str))
            .collect();
        let all_same = vals.windows(2).all(|w| w[0] == w[1]);
        let v = if all_same {
            vals.first().copied().unwrap_or("?").to_string()
        } else {
            vals.join("/")
        };
        out.insert(k.clone(), v);
    }
    out
}

/// `k=v k=v` of a configuration.
fn show(c: &Config) -> String {
    c.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(" ")
}
