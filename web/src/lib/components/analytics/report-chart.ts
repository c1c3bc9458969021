// Draws a report's chart with Chart.js, in the theme's colours (app.css --chart-1 to --chart-5: a
// colour-blind-safe palette, each at least 3:1 on the page in both themes). Imported only by
// ReportChart.svelte, and only when a chart is on screen, so no other page downloads Chart.js.
// Only the controllers the reports use are registered. Chart.js draws on a canvas and runs no
// eval, so it keeps to the app's content policy.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartDataset,
  type PointStyle,
} from 'chart.js';
import { formatCell, type ChartData } from '$lib/analytics.ts';

Chart.register(BarController, BarElement, CategoryScale, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip);

const PALETTE_SIZE = 5;
// Lines differ by marker and dash as well as colour, so they can be told apart in print and by
// anyone who sees the palette differently.
const POINT_STYLES: PointStyle[] = ['circle', 'rect', 'triangle', 'rectRot', 'crossRot'];
const DASHES: number[][] = [[], [8, 4], [2, 3], [12, 4, 2, 4], [4, 4]];

interface Theme {
  text: string;
  muted: string;
  grid: string;
  surface: string;
  font: string;
  series: string[];
}

function readTheme(el: Element): Theme {
  const style = getComputedStyle(el);
  const prop = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: prop('--text', '#0b0c0c'),
    muted: prop('--muted', '#3d4550'),
    grid: withAlpha(prop('--border', '#5a6470'), 0.35),
    surface: prop('--surface', '#f3f5f8'),
    font: style.fontFamily || 'system-ui, sans-serif',
    series: Array.from({ length: PALETTE_SIZE }, (_, i) => prop(`--chart-${i + 1}`, '#0072b2')),
  };
}

/** "#5a6470" at 35%: the grid lines, quieter than the data. */
function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return hex;
  return `rgba(${parseInt(m[1]!, 16)}, ${parseInt(m[2]!, 16)}, ${parseInt(m[3]!, 16)}, ${alpha})`;
}

function configFor(data: ChartData, theme: Theme): ChartConfiguration<'line' | 'bar', (number | null)[], string> {
  const line = data.type === 'line';
  const horizontal = data.type === 'horizontal-bar';
  const stacked = data.type === 'stacked-bar';
  const allPercent = data.series.every((s) => s.kind === 'percent');
  // Counts are whole: no axis at 0.5 contacts, even when every month was nought.
  const allCounts = data.series.every((s) => s.kind === 'count');
  const kindOf = (i: number) => data.series[i]?.kind ?? 'number';

  const datasets = data.series.map((s, i): ChartDataset<'line' | 'bar', (number | null)[]> => {
    const colour = theme.series[i % PALETTE_SIZE]!;
    const common = { label: s.label, data: s.values, borderColor: colour, backgroundColor: colour };
    if (!line) return { ...common, type: 'bar', borderWidth: 0 };
    return {
      ...common,
      type: 'line',
      borderWidth: 2.5,
      borderDash: DASHES[i % DASHES.length]!,
      pointStyle: POINT_STYLES[i % POINT_STYLES.length]!,
      pointRadius: 3.5,
      spanGaps: false,
      tension: 0,
    };
  });

  const valueAxis = {
    beginAtZero: true,
    stacked,
    title: { display: true, text: data.yLabel, color: theme.text },
    ticks: {
      color: theme.muted,
      ...(allCounts && { precision: 0 }),
      callback: (v: string | number) => (allPercent ? `${v}%` : formatCell(Number(v), 'number')),
    },
    grid: { color: theme.grid },
    border: { color: theme.muted },
  };
  const labelAxis = {
    stacked,
    ticks: { color: theme.muted, autoSkip: true, maxRotation: 0 },
    grid: { display: false },
    border: { color: theme.muted },
  };

  return {
    type: line ? 'line' : 'bar',
    data: { labels: data.labels, datasets },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      // Sharp when printed, and on a tablet's screen.
      devicePixelRatio: Math.max(window.devicePixelRatio || 1, 2),
      font: { family: theme.font, size: 15 },
      color: theme.text,
      scales: horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
      plugins: {
        legend: {
          display: data.series.length > 1,
          position: 'bottom',
          labels: { color: theme.text, usePointStyle: line, boxWidth: 14 },
        },
        tooltip: {
          backgroundColor: theme.surface,
          titleColor: theme.text,
          bodyColor: theme.text,
          borderColor: theme.muted,
          borderWidth: 1,
          callbacks: {
            label: (item) => {
              const value = item.raw as number | null;
              return `${item.dataset.label}: ${value === null ? 'withheld' : formatCell(value, kindOf(item.datasetIndex))}`;
            },
          },
        },
      },
    },
  };
}

export interface DrawnChart {
  /** Draws again in the colours the page now has (the theme changed, or it is being printed). */
  redraw(): void;
  destroy(): void;
}

export function drawReportChart(canvas: HTMLCanvasElement, data: ChartData): DrawnChart {
  let chart = new Chart(canvas, configFor(data, readTheme(canvas)));
  return {
    redraw() {
      chart.destroy();
      chart = new Chart(canvas, configFor(data, readTheme(canvas)));
    },
    destroy() {
      chart.destroy();
    },
  };
}
