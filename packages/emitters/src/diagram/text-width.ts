// Text width without a browser: layout needs box and label sizes before anything is drawn, and
// the output must not depend on the fonts of the machine that emits it. Widths are Helvetica's
// advance widths (1/1000 em, ASCII 32..126); the margin covers the wider fallbacks (Arial,
// DejaVu Sans) a viewer may substitute.

const HELVETICA = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556,
  556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278,
  500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469,
  556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500,
  278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const OTHER = 600;
const MARGIN = 1.1;
const BOLD = 1.08;

/** Width in px of `text` at `fontSize` px. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    units += code >= 32 && code <= 126 ? HELVETICA[code - 32] : OTHER;
  }
  return Math.ceil((units / 1000) * fontSize * MARGIN * (bold ? BOLD : 1));
}
