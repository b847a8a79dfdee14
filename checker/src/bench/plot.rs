//! `checker bench … --plot FILE.svg`: the figures people would rather look
//! at than read. One chart, two panels: the latency distribution (a CDF:
//! what share of deliveries arrived within x ms, x on a log scale), one
//! line per server and users count; and the share delivered, one line per
//! server over the users counts.
//!
//! Drawn with `plotters`' SVG backend only: a file any browser or the
//! handouts' mdBook shows, written without fonts or image libraries.

use std::path::Path;

use plotters::prelude::*;

/// One server measured at one users count: every round's latencies
/// together, and the share delivered.
#[derive(Debug, Clone)]
pub struct Series {
    /// Which server (`reference`, the executable's name, ...).
    pub server: String,
    pub users: usize,
    /// Latencies in microseconds, in any order.
    pub latencies_us: Vec<u64>,
    /// Deliveries that arrived, in percent of those expected.
    pub delivered_pct: f64,
}

impl Series {
    /// The legend's text for this series' latency line.
    pub fn label(&self) -> String {
        format!("{} · {} users", self.server, self.users)
    }
}

/// How many points a CDF line has at most.
const CDF_POINTS: usize = 200;

/// The CDF of `latencies_us` as (milliseconds, percent at or below) points.
fn cdf(latencies_us: &[u64]) -> Vec<(f64, f64)> {
    let mut sorted = latencies_us.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    if n == 0 {
        return Vec::new();
    }
    let step = n.div_ceil(CDF_POINTS).max(1);
    let mut points: Vec<(f64, f64)> = (0..n)
        .step_by(step)
        .chain(std::iter::once(n - 1))
        .map(|i| (ms(sorted[i]), 100.0 * (i + 1) as f64 / n as f64))
        .collect();
    points.dedup_by(|a, b| a == b);
    points
}

/// Microseconds as milliseconds, never below the axis' 10 µs floor.
fn ms(us: u64) -> f64 {
    (us as f64 / 1000.0).max(FLOOR_MS)
}

/// The latency axis starts here (log scale: it can't start at 0).
const FLOOR_MS: f64 = 0.01;

/// Writes the chart to `path` (an SVG file).
pub fn write_svg(path: &Path, title: &str, series: &[Series]) -> Result<(), String> {
    let failed = |e: &dyn std::fmt::Display| format!("cannot draw {}: {e}", path.display());
    let root = SVGBackend::new(path, (1200, 520)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| failed(&e))?;
    let root = root
        .titled(title, ("sans-serif", 20))
        .map_err(|e| failed(&e))?;
    let (left, right) = root.split_horizontally(760);

    // Left: the latency CDF of every series.
    let longest = series
        .iter()
        .flat_map(|s| s.latencies_us.iter().copied())
        .max()
        .unwrap_or(1000);
    let top = (ms(longest) * 1.5).max(1.0);
    let mut chart = ChartBuilder::on(&left)
        .caption("latency: share of deliveries within x", ("sans-serif", 16))
        .margin(10)
        .x_label_area_size(40)
        .y_label_area_size(50)
        .build_cartesian_2d((FLOOR_MS..top).log_scale(), 0.0..100.0)
        .map_err(|e| failed(&e))?;
    chart
        .configure_mesh()
        .x_desc("latency, ms (log scale)")
        .y_desc("% of deliveries")
        .draw()
        .map_err(|e| failed(&e))?;
    for (i, s) in series.iter().enumerate() {
        let color = Palette99::pick(i).to_rgba();
        chart
            .draw_series(LineSeries::new(cdf(&s.latencies_us), color.stroke_width(2)))
            .map_err(|e| failed(&e))?
            .label(s.label())
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], color.stroke_width(2)));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerRight)
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK)
        .draw()
        .map_err(|e| failed(&e))?;

    // Right: delivered %, one line per server over its users counts.
    let mut servers: Vec<&str> = Vec::new();
    for s in series {
        if !servers.contains(&s.server.as_str()) {
            servers.push(&s.server);
        }
    }
    let most = series.iter().map(|s| s.users).max().unwrap_or(1).max(1);
    let fewest = series.iter().map(|s| s.users).min().unwrap_or(1).max(1);
    let lowest = series
        .iter()
        .map(|s| s.delivered_pct)
        .fold(100.0_f64, f64::min);
    let bottom = (lowest - 5.0).clamp(0.0, 95.0).floor();
    let mut chart = ChartBuilder::on(&right)
        .caption("delivered", ("sans-serif", 16))
        .margin(10)
        .x_label_area_size(40)
        .y_label_area_size(50)
        .build_cartesian_2d(
            ((fewest as f64 / 2.0)..(most as f64 * 2.0)).log_scale(),
            bottom..100.5,
        )
        .map_err(|e| failed(&e))?;
    chart
        .configure_mesh()
        .x_desc("users (log scale)")
        .y_desc("% delivered")
        .draw()
        .map_err(|e| failed(&e))?;
    for (i, server) in servers.iter().enumerate() {
        let color = Palette99::pick(i).to_rgba();
        let mut points: Vec<(f64, f64)> = series
            .iter()
            .filter(|s| s.server == *server)
            .map(|s| (s.users as f64, s.delivered_pct))
            .collect();
        points.sort_by(|a, b| a.0.total_cmp(&b.0));
        chart
            .draw_series(LineSeries::new(points.clone(), color.stroke_width(2)))
            .map_err(|e| failed(&e))?
            .label(format!("{server} delivered"))
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], color.stroke_width(2)));
        chart
            .draw_series(points.iter().map(|&p| Circle::new(p, 4, color.filled())))
            .map_err(|e| failed(&e))?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerLeft)
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK)
        .draw()
        .map_err(|e| failed(&e))?;
    root.present().map_err(|e| failed(&e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cdf_rises_to_100_percent_at_the_slowest() {
        let points = cdf(&[3000, 1000, 2000, 4000]);
        assert_eq!(points.first(), Some(&(1.0, 25.0)));
        assert_eq!(points.last(), Some(&(4.0, 100.0)));
        assert!(cdf(&[]).is_empty());
    }

    #[test]
    fn the_chart_names_every_series() {
        let dir = std::env::temp_dir().join(format!("socklab-plot-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("chart.svg");
        let series = [
            Series {
                server: "reference".into(),
                users: 100,
                latencies_us: (1..=1000).collect(),
                delivered_pct: 100.0,
            },
            Series {
                server: "mine".into(),
                users: 100,
                latencies_us: vec![5000; 10],
                delivered_pct: 97.5,
            },
        ];
        write_svg(&path, "bench lab3", &series).unwrap();
        let svg = std::fs::read_to_string(&path).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..100.min(svg.len())]);
        for label in [
            "reference · 100 users",
            "mine · 100 users",
            "mine delivered",
        ] {
            assert!(svg.contains(label), "no {label:?} in the chart");
        }
    }
}
