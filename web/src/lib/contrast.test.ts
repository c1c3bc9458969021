// The colours of src/app.css measured as WCAG 2 contrast ratios, in the light theme and the dark
// one (prefers-color-scheme): text at least 4.5:1 (AA), the edges and shapes that tell
// "Involved" from "Not known" at least 3:1 against what they sit on (AA, non-text contrast). The
// difference between the two states must never rest on the card fill alone, which is faint
// by design (the words, badge, edge and shape carry it), so the fill is not held to 3:1.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('../app.css', import.meta.url), 'utf8');

function variables(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;/g)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
}

const light = variables(/:root\s*\{([^}]*)\}/.exec(css)![1]!);
const dark = { ...light, ...variables(/@media \(prefers-color-scheme: dark\)\s*\{\s*:root\s*\{([^}]*)\}/.exec(css)![1]!) };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** [foreground, background, minimum, what a person sees]. */
const PAIRS: [string, string, number, string][] = [
  ['on-involved', 'involved', 4.5, '"Involved" badge: words on its solid pill'],
  ['muted', 'bg', 4.5, '"Not known" badge and "No record from this agency in the last 12 months"'],
  ['text', 'involved-bg', 4.5, 'text on an involved card'],
  ['link', 'involved-bg', 4.5, 'a link on an involved card'],
  ['muted', 'involved-bg', 4.5, 'muted text (freshness) on an involved card'],
  ['muted', 'surface', 4.5, 'the answer\'s "not known" line'],
  ['text', 'surface', 4.5, 'the answer\'s "involved" line'],
  ['involved', 'bg', 3, 'involved card edge and badge against the page'],
  ['involved', 'involved-bg', 3, 'involved card edge and flat marker against the card fill'],
  ['involved', 'surface', 3, 'the answer\'s filled-square shape'],
  ['border', 'bg', 3, 'not-known card\'s dashed edge'],
  ['muted', 'bg', 3, 'not-known badge outline and hollow circle'],
  ['button-text', 'button-bg', 4.5, 'the big call button'],
  ['link', 'bg', 4.5, 'the other line\'s number'],
  ['warn-text', 'warn-bg', 4.5, 'a closed line, feed-late warnings'],
  ...[1, 2, 3, 4, 5].map((n): [string, string, number, string] => [`chart-${n}`, 'bg', 3, `chart series ${n} (lines, bars) against the page`]),
];

describe.each([
  ['light', light],
  ['dark', dark],
])('app.css colours, %s theme', (_theme, colours) => {
  it.each(PAIRS)('--%s on --%s is at least %d:1 (%s)', (fg, bg, minimum) => {
    expect(colours[fg], `--${fg}`).toBeDefined();
    expect(colours[bg], `--${bg}`).toBeDefined();
    expect(contrast(colours[fg]!, colours[bg]!)).toBeGreaterThanOrEqual(minimum);
  });
});
