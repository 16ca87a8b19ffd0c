//! The flags test server: the book's nginx and its DELAY and ERROR proxies, in one program. It
//! is a command line over the `flags_server` crate, which the flags clients also start inside
//! themselves when nothing answers on their port.
//!
//! ```text
//! cargo run -p demos --bin flags_server                  # LOCAL: http://127.0.0.1:8001/flags
//! cargo run -p demos --bin flags_server -- --label DELAY # every response 0.5 s late, port 8002
//! cargo run -p demos --bin flags_server -- --label ERROR # 25% 418s, half delayed, port 8003
//! cargo run -p demos --bin flags_server -- --delay 0.5..5 --error-rate 0.1 --seed 42
//! cargo run -p demos --bin flags_server -- --delay internet  # like the book's remote site
//! cargo run -p demos --bin flags_server -- --fault reset=0.1,short=0.1,stall=0.1,html500=0.1,redirect=0.1
//! ```
//!
//! Explicit options override the label's preset. One line per request: `BR delay: 0.52s`,
//! `BR fault: reset`. `GET /stats` answers what was served and injected so far, as JSON.

use clap::Parser;
use flags_server::{Delay, FaultRates, Label, STALL_LIMIT, ServerConfig, fault, log, start};
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// Serves /flags/{cc}/{cc}.gif and /flags/{cc}/metadata.json for the book's 194 countries.
#[derive(Debug, Parser)]
#[command(name = "flags_server")]
struct Args {
    /// A preset from the book: LOCAL (no delay, port 8001), DELAY (0.5 s, 8002), ERROR (25% errors, half delayed 0.5 s, 8003).
    #[arg(short, long, value_enum, ignore_case = true, default_value_t = Label::Local)]
    label: Label,
    /// Delay before each response, in seconds (at most 3600): 0.5, a random range like 0.5..5, or
    /// internet (a simulated round trip: about 0.1 s, varying per flag).
    #[arg(short, long, value_parser = Delay::parse, allow_negative_numbers = true)]
    delay: Option<Delay>,
    /// Share of flag requests answered with an error, from 0 to 1.
    #[arg(short, long, value_parser = parse_rate, allow_negative_numbers = true)]
    error_rate: Option<f64>,
    /// Status of the injected errors (400-599).
    #[arg(long, value_parser = clap::value_parser!(u16).range(400..=599), allow_negative_numbers = true)]
    error_status: Option<u16>,
    // Network faults, each with the share of requests it hits: the help lists them from the
    // server's table of faults.
    #[arg(long, value_name = "NAME=RATE,...", value_parser = FaultRates::parse, help = fault::help())]
    fault: Option<FaultRates>,
    /// Seed for which requests fail or are delayed (the same seed fails the same codes).
    #[arg(long, allow_negative_numbers = true)]
    seed: Option<u64>,
    /// Port to listen on (0 picks a free one); default: the label's.
    #[arg(short, long, allow_negative_numbers = true)]
    port: Option<u16>,
    /// Address to listen on.
    #[arg(short, long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Serve a real flags tree (DIR/{cc}/{cc}.gif, DIR/{cc}/metadata.json) instead of the built-in flags.
    #[arg(long, value_name = "DIR")]
    directory: Option<PathBuf>,
    /// Do not print a line per request.
    #[arg(short, long)]
    quiet: bool,
}

fn parse_rate(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(rate) if (0.0..=1.0).contains(&rate) => Ok(rate),
        _ => Err(format!("{text:?} is not a rate from 0 to 1")),
    }
}

fn main() -> ExitCode {
    demos::exit_quietly_on_broken_pipe();
    let args = Args::parse();
    let preset = ServerConfig::for_label(args.label);
    let config = ServerConfig {
        bind: args.bind,
        port: args.port.unwrap_or(preset.port),
        delay: args.delay.unwrap_or(preset.delay),
        delay_share: if args.delay.is_some() {
            1.0
        } else {
            preset.delay_share
        },
        error_rate: args.error_rate.unwrap_or(preset.error_rate),
        error_status: args.error_status.unwrap_or(preset.error_status),
        faults: args.fault.unwrap_or(preset.faults),
        seed: args.seed.unwrap_or(preset.seed),
        directory: args.directory,
        log: !args.quiet,
        max_connections: None,
    };
    let summary = describe(&config);
    match start(config) {
        Ok(server) => {
            // Through the server's log: a closed standard output must not stop it.
            log(&format!(
                "Serving flags on {} ({summary}) - Ctrl-C to stop",
                server.base_url()
            ));
            server.run_forever();
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!(
                "flags_server: cannot serve on {}:{}: {error}",
                args.bind,
                args.port.unwrap_or(preset.port)
            );
            ExitCode::FAILURE
        }
    }
}

/// `0.5 s delay, 25% errors (418)`, or `no delay`.
fn describe(config: &ServerConfig) -> String {
    let mut parts = vec![config.delay.to_string()];
    if config.delay_share < 1.0 && config.delay != Delay::None {
        parts[0] = format!(
            "{} on {:.0}% of responses",
            parts[0],
            config.delay_share * 100.0
        );
    }
    if config.error_rate > 0.0 {
        parts.push(format!(
            "{:.0}% errors ({})",
            config.error_rate * 100.0,
            config.error_status
        ));
    }
    if config.faults.any() {
        let faults: Vec<String> = config
            .faults
            .by_fault()
            .iter()
            .filter(|(_, rate)| *rate > 0.0)
            .map(|(fault, rate)| format!("{:.0}% {fault}", rate * 100.0))
            .collect();
        parts.push(format!(
            "faults: {} (stalls end after {} s)",
            faults.join(", "),
            STALL_LIMIT.as_secs()
        ));
    }
    if let Some(directory) = &config.directory {
        parts.push(format!("files from {}", directory.display()));
    }
    parts.join(", ")
}
