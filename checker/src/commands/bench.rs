//! `checker bench LAB`: load figures for a lab's programs (release
//! build), from the table in [`crate::bench`].

use crate::cli::BenchArgs;
use crate::compile::{self, CargoOutput, Profile, target_for};
use crate::harness;
use crate::labs;
use anyhow::anyhow;
use std::path::Path;

/// `checker bench labN`: load figures for a lab's programs, from the
/// table in `bench::all()`.
pub fn run(args: &BenchArgs) -> anyhow::Result<bool> {
    let known = || {
        crate::bench::all()
            .iter()
            .map(|b| format!("\n  bench lab{}  {}", b.lab, b.about))
            .collect::<String>()
    };
    let key = args
        .lab
        .as_deref()
        .ok_or_else(|| anyhow!("bench needs a lab; the benchmarks are:{}", known()))?;
    let lab = labs::find(key).ok_or_else(|| anyhow!(super::unknown_lab(key).to_string()))?;
    let bench = crate::bench::find(lab.number).ok_or_else(|| {
        anyhow!(
            "there is no benchmark for {}; the benchmarks are:{}",
            lab.id(),
            known()
        )
    })?;
    if (args.plot.is_some() || args.vs.is_some()) && !PLOTTED.contains(&lab.number) {
        return Err(anyhow!(
            "--plot and --vs are for the chat benchmarks ({}); {} has neither",
            PLOTTED
                .iter()
                .map(|n| format!("lab{n}"))
                .collect::<Vec<_>>()
                .join(", "),
            lab.id()
        ));
    }
    let (name, target) = match &args.exe {
        Some(exe) => (program_name(exe), target_for(exe)),
        None => {
            let exe = compile::build(
                &lab.package(args.solution),
                Profile::Release,
                CargoOutput::Echo,
            )
            .map_err(|failure| anyhow!(failure.told(CargoOutput::Echo)))?;
            let name = if args.solution {
                "reference".to_string()
            } else {
                program_name(&exe)
            };
            (name, target_for(&exe))
        }
    };
    let vs = args.vs.as_ref().map(|exe| {
        let mut vs_name = program_name(exe);
        if vs_name == name {
            vs_name.push_str(" (--vs)");
        }
        (vs_name, target_for(exe))
    });
    crate::bench::raise_file_limit();
    // A thousand users are two thousand threads: lift the limits that are
    // about runaway programs, not about load.
    harness::sandbox::configure(harness::sandbox::Settings {
        limits: harness::Limits {
            memory: libc::RLIM_INFINITY,
            processes: libc::RLIM_INFINITY,
            // A server under load for minutes uses minutes of CPU.
            cpu_seconds: libc::RLIM_INFINITY,
            open_files: 65_536,
            ..harness::Limits::default()
        },
        pass_env: args.sandbox.pass_env.clone(),
        run_as: harness::sandbox::settings().run_as,
    });
    println!(
        "bench {} {}: {} (release build)",
        lab.id(),
        lab.title,
        target.shown
    );
    if let Some((_, other)) = &vs {
        println!("  beside it: {}", other.shown);
    }
    (bench.run)(&crate::bench::Options {
        target,
        rounds: args.rounds,
        seconds: args.seconds,
        counts: args.users.iter().map(|&n| n as usize).collect(),
        rate: args.rate,
        name,
        vs,
        plot: args.plot.clone(),
    })
    .map_err(anyhow::Error::msg)?;
    Ok(true)
}

/// The benchmarks that draw a chart and take `--vs`.
const PLOTTED: &[u8] = &[3, 6];

/// What a chart calls a program: its file's name.
fn program_name(exe: &Path) -> String {
    exe.file_name().map_or_else(
        || exe.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
