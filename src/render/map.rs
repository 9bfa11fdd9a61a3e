//! Route maps: an inline SVG per day, drawn from the coordinates.
