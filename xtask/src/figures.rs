//! What the book's figures (the timelines and the benchmark chart) have in common.
//!
//! Every figure is an SVG with no background of its own (the page shows through) and text in
//! black or grey, so that one CSS rule can turn it around for the dark themes
//! (`filter: invert(1) hue-rotate(180deg)` keeps the hues and swaps light and dark).

use plotters::style::RGBColor;

/// The colour of all text, axes and grid lines (the grid at a lower opacity).
pub const INK: RGBColor = RGBColor(0, 0, 0);

/// The font size to ask plotters for, so that the SVG says `font-size="css_px"`: plotters'
/// SVG backend writes every size divided by 1.24 (plotters-svg 0.3.7, `draw_text`).
pub fn px(css_px: f64) -> f64 {
    css_px * 1.24
}

/// Panics unless `svg` is a figure as the book wants it: nothing painted white (no background
/// of its own) and no text smaller than 12 pixels at its own size.
#[cfg(test)]
pub fn assert_fits_the_book(svg: &str) {
    assert!(svg.starts_with("<svg"), "not an SVG: {:.80}", svg);
    for white in ["#FFFFFF", "#ffffff", "white"] {
        assert!(
            !svg.contains(&format!("fill=\"{white}\"")),
            "the figure paints white ({white}): its background must be the page's"
        );
    }
    let sizes: Vec<f64> = svg
        .split("font-size=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().parse().unwrap())
        .collect();
    assert!(!sizes.is_empty(), "no text at all");
    for size in sizes {
        assert!(
            size >= 12.0,
            "text of {size} px: the book's figures use 12 px or more"
        );
    }
}

#[cfg(test)]
mod tests {
    use plotters::prelude::*;

    use super::*;

    #[test]
    fn text_is_written_at_the_size_asked_for() {
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (100, 40)).into_drawing_area();
            let font = ("sans-serif", px(12.0)).into_font();
            area.draw(&Text::new("x", (0, 0), font)).unwrap();
            area.present().unwrap();
        }
        assert!(svg.contains("font-size=\"12\""), "{svg}");
    }
}
