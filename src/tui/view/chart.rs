//! The claims of one series over time: one line per claimant.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::symbols::Marker;
use ratatui::text::Span;
use ratatui::widgets::{Axis, Block, Borders, Chart, Clear, Dataset, GraphType, Paragraph};

use super::fit;
use crate::tui::app::App;
use crate::tui::side::series_label;

fn day_label(day: f64) -> String {
    chrono::NaiveDate::from_num_days_from_ce_opt(day as i32)
        .map(|d| d.format("%m-%d").to_string())
        .unwrap_or_default()
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let r = super::centered(area, area.width.saturating_sub(4).max(20), area.height.saturating_sub(2).max(6));
    frame.render_widget(Clear, r);
    let Some(data) = app.side_data.as_ref() else { return };
    let Some(key) = data.series.get(app.side.series) else { return };
    let title =
        format!(" Claims over time: {} ({}/{}) ", series_label(key), app.side.series + 1, data.series.len());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border(true))
        .title(Span::styled(fit(&title, r.width.saturating_sub(2) as usize), t.title()))
        .title_bottom(Span::styled(" [ ] series · Esc closes ", t.dim()));
    let lines = data.chart(app.side.series);
    if lines.is_empty() {
        frame.render_widget(Paragraph::new("no figure with a date in this series").block(block), r);
        return;
    }
    let xs = lines.iter().flat_map(|(_, p)| p.iter().map(|q| q.0));
    let (x0, x1) = xs.fold((f64::MAX, f64::MIN), |(a, b), x| (a.min(x), b.max(x)));
    let (x0, x1) = if x1 > x0 { (x0, x1) } else { (x0 - 1.0, x0 + 1.0) };
    let y1 = lines.iter().flat_map(|(_, p)| p.iter().map(|q| q.1)).fold(0.0, f64::max).max(1.0) * 1.1;
    let datasets: Vec<Dataset> = lines
        .iter()
        .enumerate()
        .map(|(i, (name, points))| {
            // the legend gives the latest figure: a lone point draws no line
            let last = points.last().map_or(String::new(), |p| format!(" {:.0}", p.1));
            let graph = if points.len() == 1 { GraphType::Scatter } else { GraphType::Line };
            Dataset::default()
                .name(format!("{}{last}", fit(name, 30)))
                .marker(if t.mono || points.len() == 1 { Marker::Dot } else { Marker::Braille })
                .graph_type(graph)
                .style(t.series(i))
                .data(points)
        })
        .collect();
    let chart = Chart::new(datasets)
        .block(block)
        // the legend names the claimants: hidden only when it would take
        // more than half the chart (ratatui hides it past a quarter)
        .hidden_legend_constraints((Constraint::Ratio(1, 2), Constraint::Ratio(1, 2)))
        .x_axis(
            Axis::default()
                .bounds([x0, x1])
                .labels([day_label(x0), day_label((x0 + x1) / 2.0), day_label(x1)])
                .style(t.dim()),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, y1])
                .labels(["0".to_string(), format!("{:.0}", y1 / 2.0), format!("{y1:.0}")])
                .style(t.dim()),
        );
    frame.render_widget(chart, r);
}
