// Step charts over simulated time as inline SVG strings, for the self-contained HTML report.
// Pure: no DOM, no I/O; the same series give the same bytes. Counts change in steps, so lines are drawn as steps.

/** One line of a chart: a step function that holds `v[i]` from `t[i]` until `t[i + 1]`. */
export interface ChartLine {
  /** Stable identifier (used by the report's tests and tooltip), e.g. `available`. */
  readonly id: string;
  readonly label: string;
  readonly color: string;
  readonly t: readonly number[];
  readonly v: readonly number[];
  readonly width?: number;
  /** SVG stroke-dasharray, for reference lines such as a target or a budget. */
  readonly dash?: string;
  readonly opacity?: number;
}

/** A shaded interval of simulated time (e.g. while a rollout is in progress). */
export interface ChartBand {
  readonly from: number;
  readonly to: number;
}

/** A labelled instant (a template update, a failed expectation). */
export interface ChartMarker {
  readonly at: number;
  readonly label: string;
  readonly color: string;
  /** The label's side of the rule: 'start' (right of it, the default) or 'end' (left of it). */
  readonly anchor?: 'start' | 'end';
  /** Which of the two label rows above the plot: 0 (the upper, default) or 1, for crowded instants. */
  readonly row?: 0 | 1;
}

/** What to draw. */
export interface ChartSpec {
  /** Unique within the page; becomes the svg's `data-chart`. */
  readonly id: string;
  readonly title: string;
  /** Simulated time domain in ms. */
  readonly x0: number;
  readonly x1: number;
  readonly lines: readonly ChartLine[];
  /** 'count' axes start at 0 and use whole numbers; 'percent' runs 0–100 %. */
  readonly unit: 'count' | 'percent';
  readonly bands?: readonly ChartBand[];
  readonly bandLabel?: string;
  readonly markers?: readonly ChartMarker[];
  /** Points kept per line at most (steps preserved); default 1,000. */
  readonly maxPoints?: number;
  /**
   * Cut the count axis at about this value: higher values are drawn at the top edge and a note says so. For a scale
   * that an early spike (every pod unavailable while a DaemonSet is created) would otherwise flatten.
   */
  readonly yCap?: number;
}

/** The geometry of every chart, in SVG user units (the SVG scales to the page's width). */
export const CHART_LAYOUT = { width: 760, height: 262, left: 58, right: 18, top: 54, bottom: 30 } as const;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Simulated time as a short human label: `0s`, `500ms`, `1.5s`, `5m`, `1h30m`, `2d3h`.
 * Components that are zero are left out, so axis labels stay short.
 */
export function formatSimTime(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  if (rest < SECOND) return `${sign}${round(rest, 1)}ms`;
  const parts: string[] = [];
  const d = Math.floor(rest / DAY);
  rest -= d * DAY;
  const h = Math.floor(rest / HOUR);
  rest -= h * HOUR;
  const m = Math.floor(rest / MINUTE);
  rest -= m * MINUTE;
  const s = rest / SECOND;
  if (d > 0) parts.push(`${d}d`);
  if (h > 0) parts.push(`${h}h`);
  if (m > 0) parts.push(`${m}m`);
  // Seconds keep one decimal below a minute of total time only; axis ticks are whole anyway.
  if (s > 0) parts.push(`${d === 0 && h === 0 && m === 0 ? round(s, 1) : Math.round(s)}s`);
  return sign + (parts.length === 0 ? '0s' : parts.join(''));
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

// Tick steps people read easily on a clock, smallest first.
const TIME_STEPS: readonly number[] = [
  1, 2, 5, 10, 20, 50, 100, 200, 500,
  SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
  MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR,
  DAY, 2 * DAY, 7 * DAY, 14 * DAY, 28 * DAY,
];

/** Tick positions (ms) on a simulated-time axis: round clock steps, about `target` of them. */
export function timeTicks(x0: number, x1: number, target = 7): number[] {
  const span = Math.max(1, x1 - x0);
  const step = TIME_STEPS.find((s) => span / s <= target) ?? Math.ceil(span / target / DAY) * DAY;
  const out: number[] = [];
  for (let t = Math.ceil(x0 / step) * step; t <= x1; t += step) out.push(t);
  return out;
}

/** Whole-number ticks from 0 to at least `max` in steps of 1, 2 or 5 × 10^k; the last tick is the axis top. */
export function countTicks(max: number, target = 5): number[] {
  const top = Math.max(1, max);
  let step = 1;
  for (let k = 1; ; k *= 10) {
    const s = [1, 2, 5].map((m) => m * k).find((c) => top / c <= target);
    if (s !== undefined) {
      step = s;
      break;
    }
  }
  const out: number[] = [];
  for (let v = 0; v < top + step; v += step) out.push(v);
  return out;
}

/**
 * Thins a step series to at most `maxPoints` points without losing a step that matters: points
 * that do not change the value go first; then, over equal slices of time, each slice keeps its
 * first change, its lowest and highest value and its last value, so extremes and the value
 * carried from slice to slice survive. The last point always stays.
 */
export function downsampleSteps(
  t: readonly number[],
  v: readonly number[],
  maxPoints = 1000,
): { t: number[]; v: number[] } {
  const ct: number[] = [];
  const cv: number[] = [];
  for (let i = 0; i < t.length; i++) {
    const value = v[i]!;
    if (cv.length > 0 && cv[cv.length - 1] === value) continue;
    // Two changes at one instant: only the later one is ever seen.
    if (ct.length > 0 && ct[ct.length - 1] === t[i]) {
      cv[cv.length - 1] = value;
      if (cv.length > 1 && cv[cv.length - 2] === value) {
        ct.pop();
        cv.pop();
      }
      continue;
    }
    ct.push(t[i]!);
    cv.push(value);
  }
  if (ct.length <= maxPoints) return { t: ct, v: cv };
  const buckets = Math.max(1, Math.floor((maxPoints - 1) / 4));
  const first = ct[0]!;
  const span = Math.max(1, ct[ct.length - 1]! - first);
  const keep: number[] = [];
  let start = 0;
  for (let b = 0; b < buckets && start < ct.length; b++) {
    const limit = b === buckets - 1 ? Number.POSITIVE_INFINITY : first + (span * (b + 1)) / buckets;
    let end = start;
    while (end < ct.length && ct[end]! < limit) end++;
    if (end === start) continue;
    let lo = start;
    let hi = start;
    for (let i = start; i < end; i++) {
      if (cv[i]! < cv[lo]!) lo = i;
      if (cv[i]! > cv[hi]!) hi = i;
    }
    for (const i of [...new Set([start, lo, hi, end - 1])].sort((a, b) => a - b)) keep.push(i);
    start = end;
  }
  const ot: number[] = [];
  const ov: number[] = [];
  for (const i of keep) {
    if (ov.length > 0 && ov[ov.length - 1] === cv[i]) continue;
    ot.push(ct[i]!);
    ov.push(cv[i]!);
  }
  return { t: ot, v: ov };
}

/** Escapes text for HTML and SVG content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const fmt = (x: number): string => String(Math.round(x * 10) / 10);

/** The SVG (plus the tooltip's data) of one chart. */
export function renderChart(spec: ChartSpec): string {
  const L = CHART_LAYOUT;
  const pw = L.width - L.left - L.right;
  const ph = L.height - L.top - L.bottom;
  const x0 = spec.x0;
  const x1 = spec.x1 > spec.x0 ? spec.x1 : spec.x0 + SECOND;
  const lines = spec.lines.map((l) => ({ ...l, ...downsampleSteps(l.t, l.v, spec.maxPoints ?? 1000) }));
  const dataMax = Math.max(0, ...lines.flatMap((l) => l.v));
  const capped = spec.unit === 'count' && spec.yCap !== undefined && dataMax > spec.yCap;
  const yTicks = spec.unit === 'percent' ? [0, 25, 50, 75, 100] : countTicks(capped ? spec.yCap! : dataMax);
  const yMax = yTicks[yTicks.length - 1]!;
  const sx = (t: number) => L.left + ((t - x0) / (x1 - x0)) * pw;
  const sy = (v: number) => L.top + ph - (Math.min(v, yMax) / yMax) * ph;
  const out: string[] = [];
  out.push(
    `<svg class="chart" data-chart="${escapeHtml(spec.id)}" data-x0="${x0}" data-x1="${x1}" data-y-max="${yMax}"${capped ? ' data-capped="true"' : ''} ` +
      `data-plot="${L.left} ${L.top} ${pw} ${ph}" viewBox="0 0 ${L.width} ${L.height}" role="img" ` +
      `aria-label="${escapeHtml(spec.title)}" xmlns="http://www.w3.org/2000/svg">`,
  );
  out.push(`<title>${escapeHtml(spec.title)}</title>`);
  // Background bands first, so everything else draws over them.
  for (const b of spec.bands ?? []) {
    const a = sx(Math.max(x0, b.from));
    const z = sx(Math.min(x1, b.to));
    if (z - a <= 0) continue;
    out.push(`<rect class="band" x="${fmt(a)}" y="${L.top}" width="${fmt(Math.max(1, z - a))}" height="${ph}"/>`);
  }
  // Grid and axes.
  out.push('<g class="grid" shape-rendering="crispEdges">');
  for (const v of yTicks) {
    const y = Math.round(sy(v)) + 0.5;
    out.push(`<line x1="${L.left}" x2="${L.left + pw}" y1="${y}" y2="${y}"${v === 0 ? ' class="axis"' : ''}/>`);
  }
  const xTicks = timeTicks(x0, x1);
  for (const t of xTicks) {
    const x = Math.round(sx(t)) + 0.5;
    out.push(`<line x1="${x}" x2="${x}" y1="${L.top}" y2="${L.top + ph + 4}"/>`);
  }
  out.push('</g><g class="ticks">');
  for (const v of yTicks) {
    out.push(`<text x="${L.left - 6}" y="${fmt(sy(v) + 4)}" text-anchor="end">${spec.unit === 'percent' ? `${v}%` : v.toLocaleString('en-US')}</text>`);
  }
  for (const t of xTicks) {
    out.push(`<text x="${fmt(sx(t))}" y="${L.top + ph + 18}" text-anchor="middle">${formatSimTime(t)}</text>`);
  }
  out.push('</g>');
  // Markers: a thin vertical rule and a short label at the top of the plot.
  for (const m of spec.markers ?? []) {
    if (m.at < x0 || m.at > x1) continue;
    const x = fmt(sx(m.at));
    out.push(
      `<g class="marker"><line x1="${x}" x2="${x}" y1="${m.label === '' ? L.top : m.row === 1 ? L.top - 14 : L.top - 27}" y2="${L.top + ph}" stroke="${m.color}"/>` +
        (m.label === ''
          ? '</g>'
          : `<text x="${fmt(sx(m.at) + (m.anchor === 'end' ? -3 : 3))}" y="${m.row === 1 ? L.top - 4 : L.top - 17}" fill="${m.color}"` +
            `${m.anchor === 'end' ? ' text-anchor="end"' : ''}>${escapeHtml(m.label)}</text></g>`),
    );
  }
  if (capped) {
    out.push(
      `<text class="cap-note" x="${L.left + pw - 4}" y="${L.top + 12}" text-anchor="end">axis cut at ${yMax.toLocaleString('en-US')}: ` +
        `lines at the top edge go up to ${dataMax.toLocaleString('en-US')} (hover for values)</text>`,
    );
  }
  // Lines, in the given order: later lines draw on top.
  out.push(`<g class="lines" fill="none" stroke-linejoin="round" stroke-linecap="round">`);
  for (const l of lines) {
    if (l.t.length === 0) continue;
    let d = `M${fmt(sx(Math.max(x0, l.t[0]!)))} ${fmt(sy(l.v[0]!))}`;
    for (let i = 1; i < l.t.length; i++) d += `H${fmt(sx(l.t[i]!))}V${fmt(sy(l.v[i]!))}`;
    d += `H${fmt(sx(x1))}`;
    out.push(
      `<path class="series" data-series="${escapeHtml(l.id)}" data-last="${l.v[l.v.length - 1]}" d="${d}" stroke="${l.color}" ` +
        `stroke-width="${l.width ?? 2}"${l.dash ? ` stroke-dasharray="${l.dash}"` : ''}${l.opacity !== undefined ? ` stroke-opacity="${l.opacity}"` : ''}/>`,
    );
  }
  out.push('</g>');
  // Legend across the top; entries are laid out by an estimate of text width (no fonts to measure).
  out.push('<g class="legend">');
  let lx = L.left;
  const ly = 14;
  const entry = (id: string, label: string, swatch: string) => {
    out.push(`<g class="legend-item" data-series="${escapeHtml(id)}" transform="translate(${fmt(lx)} ${ly})">${swatch}<text x="22" y="4">${escapeHtml(label)}</text></g>`);
    lx += 22 + label.length * 6.6 + 16;
  };
  for (const l of spec.lines) {
    entry(
      l.id,
      l.label,
      `<line x1="0" x2="16" y1="0" y2="0" stroke="${l.color}" stroke-width="${Math.min(l.width ?? 2, 4)}"${l.dash ? ` stroke-dasharray="${l.dash}"` : ''}${l.opacity !== undefined ? ` stroke-opacity="${l.opacity}"` : ''}/>`,
    );
  }
  if ((spec.bands?.length ?? 0) > 0 && spec.bandLabel !== undefined) {
    out.push(
      `<g class="legend-band" transform="translate(${fmt(lx)} ${ly})"><rect class="band" x="0" y="-6" width="16" height="12"/><text x="22" y="4">${escapeHtml(spec.bandLabel)}</text></g>`,
    );
  }
  out.push('</g>');
  // The cursor the page's script moves under the pointer.
  out.push(`<line class="cursor" x1="0" x2="0" y1="${L.top}" y2="${L.top + ph}" visibility="hidden"/>`);
  out.push('</svg>');
  const data = {
    x0,
    x1,
    unit: spec.unit,
    lines: lines.map((l) => ({ label: l.label, color: l.color, t: l.t, v: l.v })),
  };
  out.push(`<script type="application/json" class="chart-data">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`);
  return out.join('');
}
