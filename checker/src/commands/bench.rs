//! `checker bench LAB`: load figures for a lab's programs (release
//! build), from the table in [`crate::bench`].

use crate::cli::BenchArgs;
use crate::compile::{self, CargoOutput, Profile, target_for};
use crate::harness;
use crate::labs;
use anyhow::anyhow;

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
    let target = match &args.exe {
        Some(exe) => target_for(exe),
        None => {
            let exe = compile::build(
                &lab.package(args.solution),
                Profile::Release,
                CargoOutput::Echo,
            )
            .map_err(|failure| anyhow!(failure.told(CargoOutput::Echo)))?;
            target_for(&exe)
        }
    };
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
    (bench.run)(&crate::bench::Options {
        target,
        rounds: args.rounds,
        seconds: args.seconds,
        counts: args.users.iter().map(|&n| n as usize).collect(),
        rate: args.rate,
    })
    .map_err(anyhow::Error::msg)?;
    Ok(true)
}
