// The HTML report of a scenario run: one self-contained file (inline CSS, SVG and a little script,
// nothing fetched) that shows a rollout as pictures. renderReport is pure; only writeReport touches files.

import { writeFileSync } from 'node:fs';
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import { defaultDaemonSet, scaledValue, type DsimEvent } from '@dsim/core';
import { CHART_LAYOUT, escapeHtml, formatSimTime, renderChart, type ChartBand, type ChartLine, type ChartMarker } from './chart.ts';
import type { DaemonSetSample, DaemonSetSummary, RunResult } from './types.ts';

/** Colours of the DaemonSet status series (Okabe–Ito, readable by most colour-blind people). */
export const SERIES_COLORS = {
  desired: '#9aa0a6',
  current: '#0072B2',
  ready: '#E69F00',
  updated: '#CC79A7',
  available: '#009E73',
  unavailable: '#D55E00',
  budget: '#333333',
  nodesTotal: '#9aa0a6',
  nodesReady: '#009E73',
  nodesNotReady: '#D55E00',
  nodesUnschedulable: '#E69F00',
  failure: '#C62828',
  template: '#555555',
  rolledOut: '#1a7f37',
} as const;

/** The ids of the series in each kind of chart, in drawing order (tests and readers rely on them). */
export const CHART_SERIES = {
  pods: ['desired', 'current', 'ready', 'updated', 'available'],
  progress: ['updated-pct', 'available-pct'],
  unavailable: ['budget', 'unavailable'],
  nodes: ['total', 'ready', 'not-ready', 'unschedulable'],
} as const;

interface AppliedSpec {
  readonly at: number;
  readonly template: string;
  readonly daemonSet: DaemonSet;
}

/** What the event log says about one DaemonSet's specs over time: applies and deletions. */
function specHistory(events: readonly DsimEvent[], key: string): { applied: AppliedSpec[]; deleted: number[] } {
  const applied: AppliedSpec[] = [];
  const deleted: number[] = [];
  for (const e of events) {
    if (e.type === 'DaemonSetApplied') {
      const ds = e.data.daemonSet;
      if (`${ds.metadata?.namespace ?? 'default'}/${ds.metadata?.name ?? ''}` !== key) continue;
      applied.push({ at: e.metadata.at, template: JSON.stringify(ds.spec?.template ?? null), daemonSet: ds });
    } else if (e.type === 'DaemonSetDeleted' && e.data.propagationPolicy !== 'Foreground') {
      if (`${e.data.namespace}/${e.data.name}` === key) deleted.push(e.metadata.at);
    } else if (e.type === 'DaemonSetFinalized') {
      if (`${e.data.namespace}/${e.data.name}` === key) deleted.push(e.metadata.at);
    }
  }
  return { applied, deleted };
}

/** maxUnavailable as the controller scales it for `desired` nodes, or undefined when the strategy has none. */
function budgetOf(ds: DaemonSet, desired: number): number | undefined {
  const d = defaultDaemonSet(ds);
  const strategy = d.spec?.updateStrategy;
  if (strategy?.type !== 'RollingUpdate') return undefined;
  const ru = strategy.rollingUpdate;
  const surge = scaledValue(ru?.maxSurge, desired);
  const unavailable = scaledValue(ru?.maxUnavailable, desired);
  // rolloutBudget's rule: with neither set the controller still moves one node at a time.
  return desired > 0 && surge === 0 && unavailable === 0 ? 1 : unavailable;
}

function rollingUpdateText(ds: DaemonSet): string | undefined {
  const d = defaultDaemonSet(ds);
  const s = d.spec?.updateStrategy;
  if (s?.type !== 'RollingUpdate') return s?.type === 'OnDelete' ? 'OnDelete' : undefined;
  const ru = s.rollingUpdate;
  return `maxUnavailable ${String(ru?.maxUnavailable ?? 1)}, maxSurge ${String(ru?.maxSurge ?? 0)}`;
}

const num = (n: number): string => n.toLocaleString('en-US');
const dur = (ms: number | undefined): string => (ms === undefined ? '—' : formatSimTime(ms));

/** Intervals where a DaemonSet had pods left to update or to make available. */
function rolloutBands(t: readonly number[], samples: readonly DaemonSetSample[], end: number): ChartBand[] {
  const out: ChartBand[] = [];
  let from: number | undefined;
  for (let i = 0; i < t.length; i++) {
    const s = samples[i]!;
    const busy = s.desired > 0 && (s.updated < s.desired || s.available < s.desired);
    if (busy && from === undefined) from = t[i]!;
    if (!busy && from !== undefined) {
      out.push({ from, to: t[i]! });
      from = undefined;
    }
  }
  if (from !== undefined) out.push({ from, to: end });
  return out;
}

/**
 * Drops marker labels that would print on top of each other (the rules stay); failed expectations keep theirs first.
 * Labels are about 6.2 px a character.
 */
function spaceMarkers(markers: ChartMarker[], x0: number, x1: number): ChartMarker[] {
  const msPerPx = (x1 - x0) / (CHART_LAYOUT.width - CHART_LAYOUT.left - CHART_LAYOUT.right);
  const placed: [number, number, number][] = [];
  const byPriority = [...markers].sort((a, b) => Number(b.color === SERIES_COLORS.failure) - Number(a.color === SERIES_COLORS.failure) || a.at - b.at);
  const keep = new Map<ChartMarker, ChartMarker>();
  for (const m of byPriority) {
    if (m.label === '') continue;
    const width = (m.label.length * 6.2 + 12) * msPerPx;
    // Right of the rule if there is room, else left of it; in the upper row, else in the lower one.
    const tries = [0, 1].flatMap((row) => [
      { row, anchor: 'start' as const, from: m.at, to: m.at + width },
      { row, anchor: 'end' as const, from: m.at - width, to: m.at },
    ]);
    for (const t of tries) {
      if (t.from < x0 - 40 * msPerPx || placed.some(([row, a, b]) => row === t.row && t.from < b && a < t.to)) continue;
      placed.push([t.row, t.from, t.to]);
      keep.set(m, { ...m, anchor: t.anchor, row: t.row as 0 | 1 });
      break;
    }
  }
  return [...markers].sort((a, b) => a.at - b.at).map((m) => keep.get(m) ?? { ...m, label: '' });
}

/**
 * While a DaemonSet is created every pod is unavailable, a spike that would flatten the part a reader wants to compare
 * with the budget: the later rollouts. When that spike is more than twice the rest, the axis is cut above the rest.
 */
function unavailableCap(
  t: readonly number[],
  samples: readonly DaemonSetSample[],
  budgets: readonly (number | undefined)[],
  summary: DaemonSetSummary | undefined,
): { yCap?: number } {
  const settled = summary?.rollouts?.find((r) => r.finishedAt !== undefined)?.finishedAt;
  if (settled === undefined) return {};
  let before = 0;
  let after = 0;
  for (let i = 0; i < t.length; i++) {
    const v = samples[i]!.unavailable;
    if (t[i]! < settled) before = Math.max(before, v);
    else after = Math.max(after, v, budgets[i] ?? 0);
  }
  return after > 0 && before > 2 * after ? { yCap: Math.ceil(after * 1.25) } : {};
}

/** The one-paragraph story of a DaemonSet's run, in words. */
function story(s: DaemonSetSummary, applied: readonly AppliedSpec[], templateChanges: number, budget: number | undefined): string {
  const f = s.final;
  const parts: string[] = [];
  const last = applied[applied.length - 1];
  const strategy = last === undefined ? undefined : rollingUpdateText(last.daemonSet);
  if (templateChanges > 0) parts.push(`The pod template changed ${templateChanges === 1 ? 'once' : `${templateChanges} times`} after creation.`);
  if (s.timeToFullRollout !== undefined) parts.push(`Fully rolled out ${formatSimTime(s.timeToFullRollout)} after the last change.`);
  else parts.push(`<strong>Never fully rolled out</strong>: at the end ${num(f.updated)} of ${num(f.desired)} pods were up to date and ${num(f.available)} available.`);
  parts.push(
    `At worst ${num(s.worstUnavailable)} pod${s.worstUnavailable === 1 ? ' was' : 's were'} unavailable during a rollout` +
      (budget !== undefined ? ` (the budget at the end: ${num(budget)}${strategy ? `, from ${escapeHtml(strategy)}` : ''}).` : strategy ? ` (${escapeHtml(strategy)}).` : '.'),
  );
  if (budget !== undefined && s.worstUnavailable > budget) parts.push('<strong>That is over the budget.</strong>');
  parts.push(`${num(s.podsCreated)} pods created, ${num(s.podsDeleted)} deleted.`);
  return parts.join(' ');
}

const CSS = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--band:#e8f0fe;--bad:#C62828;--good:#1a7f37}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:#f6f8fa}
main{max-width:980px;margin:0 auto;padding:24px 20px 48px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;padding-top:8px;border-top:1px solid var(--line)}
h3{font-size:14px;margin:16px 0 4px;color:var(--muted);font-weight:600}
.meta{color:var(--muted);margin:0 0 16px}
.verdict{border-radius:6px;padding:10px 14px;margin:12px 0;font-weight:600}
.verdict.ok{background:#dafbe1;color:var(--good);border:1px solid #aceebb}
.verdict.bad{background:#ffebe9;color:var(--bad);border:1px solid #ffcecb}
table{border-collapse:collapse;width:100%;background:var(--bg);margin:8px 0}
th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:right}
td{white-space:nowrap}
th{font-weight:600;color:var(--muted);font-size:12px;background:#f6f8fa}
td:first-child,th:first-child,.failures td,.failures th{text-align:left}
.failures td{white-space:normal}
tr.bad td{color:var(--bad)}
tr.good td{color:var(--good)}
tr.muted td{color:var(--muted)}
figure{margin:8px 0 16px;background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:8px 8px 4px;position:relative}
figcaption{color:var(--muted);font-size:12px;padding:0 6px 4px}
svg.chart{width:100%;height:auto;display:block;font:12px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
svg.chart .grid line{stroke:#eaeef2;stroke-width:1}
svg.chart .grid line.axis{stroke:#8c959f}
svg.chart .ticks text{fill:#59636e}
svg.chart .legend text{fill:#1f2328}
svg.chart .band{fill:var(--band)}
svg.chart .marker line{stroke-width:1;stroke-dasharray:3 3}
svg.chart .marker text{font-size:11px}
svg.chart .cap-note{fill:#59636e;font-size:11px;font-style:italic}
svg.chart .cursor{stroke:#57606a;stroke-width:1}
.story{margin:4px 0 8px}
.tip{position:absolute;pointer-events:none;background:rgba(255,255,255,.96);border:1px solid var(--line);border-radius:4px;padding:4px 8px;font-size:12px;box-shadow:0 1px 3px rgba(0,0,0,.12);display:none;white-space:nowrap}
.tip i{display:inline-block;width:10px;height:3px;margin-right:6px;vertical-align:middle}
details{margin:8px 0}pre{background:var(--bg);border:1px solid var(--line);padding:8px;overflow:auto;font-size:12px}
.empty{color:var(--muted);font-style:italic}
`;

// The pointer readout: finds each line's value at the time under the pointer (binary search over
// the embedded, already thinned series) and shows it beside a vertical cursor.
const SCRIPT = `
(function(){
  function fmt(ms){if(ms<=0)return'0s';var s=ms/1000,h=Math.floor(s/3600),m=Math.floor(s%3600/60),r=s%60,o='';
    if(h)o+=h+'h';if(m)o+=m+'m';if(r||!o)o+=(h||m?Math.round(r):Math.round(r*10)/10)+'s';return o;}
  function at(t,v,x){var lo=0,hi=t.length-1,k=-1;while(lo<=hi){var mid=(lo+hi)>>1;if(t[mid]<=x){k=mid;lo=mid+1}else hi=mid-1}return k<0?null:v[k];}
  document.querySelectorAll('figure.chart-figure').forEach(function(fig){
    var svg=fig.querySelector('svg.chart'),data=JSON.parse(fig.querySelector('.chart-data').textContent),
        tip=fig.querySelector('.tip'),cur=svg.querySelector('.cursor'),p=svg.getAttribute('data-plot').split(' ').map(Number);
    svg.addEventListener('pointermove',function(ev){
      var m=svg.getScreenCTM();if(!m)return;var pt=svg.createSVGPoint();pt.x=ev.clientX;pt.y=ev.clientY;var q=pt.matrixTransform(m.inverse());
      if(q.x<p[0]||q.x>p[0]+p[2]){tip.style.display='none';cur.setAttribute('visibility','hidden');return;}
      var t=data.x0+(q.x-p[0])/p[2]*(data.x1-data.x0),rows=['<b>'+fmt(t)+'</b>'];
      data.lines.forEach(function(l){var v=at(l.t,l.v,t);if(v===null)return;
        rows.push('<i style="background:'+l.color+'"></i>'+l.label+': '+(data.unit==='percent'?(Math.round(v*10)/10)+'%':v.toLocaleString('en-US')));});
      tip.innerHTML=rows.join('<br>');tip.style.display='block';
      cur.setAttribute('x1',q.x);cur.setAttribute('x2',q.x);cur.setAttribute('visibility','visible');
      var r=fig.getBoundingClientRect(),x=ev.clientX-r.left+14;if(x+tip.offsetWidth>r.width)x=ev.clientX-r.left-tip.offsetWidth-14;
      tip.style.left=x+'px';tip.style.top=(ev.clientY-r.top+10)+'px';});
    svg.addEventListener('pointerleave',function(){tip.style.display='none';cur.setAttribute('visibility','hidden');});
  });
})();
`;

function figure(chart: string, caption: string): string {
  return `<figure class="chart-figure">${chart}<div class="tip"></div><figcaption>${caption}</figcaption></figure>`;
}

const anchor = (key: string): string => `ds-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** Renders a run as one self-contained HTML page. Pure: the same result gives the same bytes. */
export function renderReport(result: RunResult): string {
  const { series } = result;
  const t = series.t;
  const x0 = Math.min(0, t[0] ?? 0);
  const x1 = Math.max(result.endedAt, t[t.length - 1] ?? 0, x0 + 1000);
  const failureMarkers: ChartMarker[] = result.failures.map((f) => ({ at: f.at, label: '✗', color: SERIES_COLORS.failure }));
  if (result.violation !== undefined) {
    failureMarkers.push({ at: result.violation.event.metadata.at, label: '✗ invariant', color: SERIES_COLORS.failure });
  }
  const html: string[] = [];
  const title = `dsim report: ${result.name}`;
  html.push(
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`,
    `<title>${escapeHtml(title)}</title><style>${CSS}</style></head><body><main>`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="meta">seed ${escapeHtml(String(result.seed))} · ${formatSimTime(result.endedAt)} of simulated time · ${num(result.events.length)} events · ${num(
      series.nodes[series.nodes.length - 1]?.total ?? 0,
    )} nodes at the end</p>`,
  );

  // Verdict and failed expectations first: the question a reader comes with.
  const failed = result.failures.length + (result.violation === undefined ? 0 : 1);
  const outcomes = result.expectations ?? [];
  const passed = outcomes.filter((o) => o.status === 'passed');
  const skipped = outcomes.filter((o) => o.status === 'skipped');
  if (failed === 0) {
    const all = outcomes.length === 0 ? 'No expectation failed.' : `All ${outcomes.length - skipped.length} expectation${outcomes.length - skipped.length === 1 ? '' : 's'} passed.`;
    html.push(`<div class="verdict ok" id="verdict">✓ ${all}${skipped.length > 0 ? ` (${skipped.length} not reached: the run ended first.)` : ''}</div>`);
  } else {
    const of = outcomes.length > 0 ? ` of ${outcomes.length + (result.violation === undefined ? 0 : 1)}` : '';
    html.push(`<div class="verdict bad" id="verdict">✗ ${failed}${of} expectation${failed === 1 && of === '' ? '' : 's'} failed.</div>`);
  }
  if (failed > 0 || outcomes.length > 0) {
    html.push('<table class="failures"><thead><tr><th></th><th>At</th><th>Expectation</th><th>Found</th></tr></thead><tbody>');
    if (result.violation !== undefined) {
      const e = result.violation.event;
      html.push(
        `<tr class="bad"><td>✗</td><td>${formatSimTime(e.metadata.at)}</td><td>invariant (checked after every event), broken by ${escapeHtml(e.type)} #${e.metadata.seq}</td><td>${escapeHtml(result.violation.message)}</td></tr>`,
      );
    }
    for (const f of result.failures) {
      const note = f.description === undefined ? '' : `<br><small>${escapeHtml(f.description)}</small>`;
      html.push(`<tr class="bad"><td>✗</td><td>${formatSimTime(f.at)}</td><td>${escapeHtml(f.expectation)}${note}</td><td>${escapeHtml(f.message)}</td></tr>`);
    }
    for (const o of [...passed, ...skipped]) {
      const ok = o.status === 'passed';
      html.push(
        `<tr class="${ok ? 'good' : 'muted'}"><td>${ok ? '✓' : '–'}</td><td>${formatSimTime(o.at)}</td><td>${escapeHtml(o.expectation)}</td><td>${ok ? 'passed' : 'not reached'}</td></tr>`,
      );
    }
    html.push('</tbody></table>');
  }

  // Summary table.
  html.push('<h2>Summary</h2>');
  if (result.summary.length === 0) html.push('<p class="empty">No DaemonSets in this run.</p>');
  else {
    html.push(
      '<table class="summary"><thead><tr><th>DaemonSet</th><th>Desired</th><th>Current</th><th>Ready</th><th>Up-to-date</th><th>Available</th>' +
        '<th>Time to full rollout</th><th>Worst unavailable</th><th>Pods created</th><th>Pods deleted</th></tr></thead><tbody>',
    );
    for (const s of result.summary) {
      const f = s.final;
      const bad = s.timeToFullRollout === undefined || f.available < f.desired;
      html.push(
        `<tr${bad ? ' class="bad"' : ''}><td><a href="#${anchor(s.key)}">${escapeHtml(s.key)}</a></td><td>${num(f.desired)}</td><td>${num(f.current)}</td>` +
          `<td>${num(f.ready)}</td><td>${num(f.updated)}</td><td>${num(f.available)}</td><td>${dur(s.timeToFullRollout)}</td>` +
          `<td>${num(s.worstUnavailable)}</td><td>${num(s.podsCreated)}</td><td>${num(s.podsDeleted)}</td></tr>`,
      );
    }
    html.push('</tbody></table>');
  }

  // Nodes by state.
  html.push('<h2 id="nodes">Nodes</h2>');
  const nodeLine = (id: string, label: string, color: string, pick: (i: number) => number, extra: Partial<ChartLine> = {}): ChartLine => ({
    id,
    label,
    color,
    t,
    v: t.map((_, i) => pick(i)),
    ...extra,
  });
  const ns = series.nodes;
  html.push(
    figure(
      renderChart({
        id: 'nodes',
        title: 'Nodes by state over simulated time',
        x0,
        x1,
        unit: 'count',
        markers: spaceMarkers(failureMarkers, x0, x1),
        lines: [
          nodeLine('total', 'all nodes', SERIES_COLORS.nodesTotal, (i) => ns[i]!.total, { width: 5, opacity: 0.45 }),
          nodeLine('ready', 'Ready', SERIES_COLORS.nodesReady, (i) => ns[i]!.ready),
          nodeLine('not-ready', 'NotReady / Unknown', SERIES_COLORS.nodesNotReady, (i) => ns[i]!.notReady),
          nodeLine('unschedulable', 'cordoned (unschedulable)', SERIES_COLORS.nodesUnschedulable, (i) => ns[i]!.unschedulable, { dash: '6 3' }),
        ],
      }),
      'Nodes in the cluster by state. A cordoned node can be Ready at the same time, so the lines do not add up.',
    ),
  );

  // One section per DaemonSet: status counts, rollout progress, unavailability against the budget.
  const keys = [...new Set([...result.summary.map((s) => s.key), ...Object.keys(series.daemonSets)])];
  for (const key of keys) {
    const samples = series.daemonSets[key] ?? [];
    const summary = result.summary.find((s) => s.key === key);
    const { applied, deleted } = specHistory(result.events, key);
    let templateChanges = 0;
    const markers: ChartMarker[] = [...failureMarkers];
    applied.forEach((a, i) => {
      if (i === 0) markers.push({ at: a.at, label: 'created', color: SERIES_COLORS.template });
      else if (a.template !== applied[i - 1]!.template) {
        templateChanges++;
        markers.push({ at: a.at, label: 'template updated', color: SERIES_COLORS.template });
      }
    });
    for (const at of deleted) markers.push({ at, label: 'deleted', color: SERIES_COLORS.template });
    for (const r of summary?.rollouts ?? []) {
      if (r.finishedAt !== undefined) markers.push({ at: r.finishedAt, label: 'rolled out', color: SERIES_COLORS.rolledOut });
    }
    const spaced = spaceMarkers(markers, x0, x1);
    const bands = rolloutBands(t, samples, x1);
    html.push(`<h2 id="${anchor(key)}">DaemonSet ${escapeHtml(key)}</h2>`);
    const budgetAt = (i: number): number | undefined => {
      const ti = t[i]!;
      let spec: AppliedSpec | undefined;
      for (const a of applied) if (a.at <= ti) spec = a;
      return spec === undefined ? undefined : budgetOf(spec.daemonSet, samples[i]!.desired);
    };
    const budgets = samples.map((_, i) => budgetAt(i));
    const finalBudget = budgets[budgets.length - 1];
    if (summary !== undefined) html.push(`<p class="story">${story(summary, applied, templateChanges, finalBudget)}</p>`);
    if (samples.length === 0) {
      html.push('<p class="empty">No samples recorded for this DaemonSet.</p>');
      continue;
    }
    const line = (id: string, label: string, color: string, v: number[], extra: Partial<ChartLine> = {}): ChartLine => ({ id, label, color, t, v, ...extra });
    html.push(
      '<h3>Pods</h3>',
      figure(
        renderChart({
          id: `pods:${key}`,
          title: `${key}: pods over simulated time`,
          x0,
          x1,
          unit: 'count',
          bands,
          bandLabel: 'rolling out',
          markers: spaced,
          lines: [
            line('desired', 'desired', SERIES_COLORS.desired, samples.map((s) => s.desired), { width: 6, opacity: 0.55 }),
            line('current', 'current', SERIES_COLORS.current, samples.map((s) => s.current)),
            line('ready', 'ready', SERIES_COLORS.ready, samples.map((s) => s.ready)),
            line('updated', 'up-to-date', SERIES_COLORS.updated, samples.map((s) => s.updated), { dash: '7 4' }),
            line('available', 'available', SERIES_COLORS.available, samples.map((s) => s.available)),
          ],
        }),
        'The thick grey line is the target (desired: nodes that should run the pod). A rollout is done when up-to-date and available both reach it. ' +
          'Shaded: pods left to update or to become available. Hover for values.',
      ),
    );
    const pct = (n: number, d: number) => (d > 0 ? Math.round((1000 * n) / d) / 10 : 0);
    html.push(
      '<h3>Rollout progress</h3>',
      figure(
        renderChart({
          id: `progress:${key}`,
          title: `${key}: rollout progress`,
          x0,
          x1,
          unit: 'percent',
          bands,
          bandLabel: 'rolling out',
          markers: spaced,
          lines: [
            line('updated-pct', 'up-to-date / desired', SERIES_COLORS.updated, samples.map((s) => pct(s.updated, s.desired))),
            line('available-pct', 'available / desired', SERIES_COLORS.available, samples.map((s) => pct(s.available, s.desired)), { dash: '7 4' }),
          ],
        }),
        'Share of the desired nodes running the current template, and share with an available pod. 100% on both: rolled out.',
      ),
    );
    const known = budgets.every((b) => b !== undefined);
    const unavailLines: ChartLine[] = [];
    if (known) unavailLines.push(line('budget', 'maxUnavailable budget', SERIES_COLORS.budget, budgets as number[], { dash: '5 4', width: 1.5 }));
    unavailLines.push(line('unavailable', 'unavailable (desired − available)', SERIES_COLORS.unavailable, samples.map((s) => s.unavailable)));
    html.push(
      '<h3>Unavailable pods</h3>',
      figure(
        renderChart({
          id: `unavailable:${key}`,
          title: `${key}: unavailable pods`,
          x0,
          x1,
          unit: 'count',
          bands,
          bandLabel: 'rolling out',
          markers: spaced,
          lines: unavailLines,
          ...unavailableCap(t, samples, budgets, summary),
        }),
        known
          ? 'Nodes that should run the pod but have no available one. During a rolling update the controller keeps this at or under the dashed budget; ' +
              'node churn (new or failed nodes) can push it higher.'
          : 'Nodes that should run the pod but have no available one (no maxUnavailable budget: the strategy is not RollingUpdate, or the event log was not kept).',
      ),
    );
  }

  if (result.checkpoints.length > 0) {
    html.push('<h2>Checkpoints</h2>');
    for (const c of result.checkpoints) {
      html.push(`<details><summary>${formatSimTime(c.at)}: <code>${escapeHtml(c.command)}</code></summary><pre>${escapeHtml(c.output)}</pre></details>`);
    }
  }
  html.push(`<script>${SCRIPT}</script></main></body></html>\n`);
  return html.join('\n');
}

/** Writes the report of a run to `path` (one HTML file, nothing else). */
export function writeReport(result: RunResult, path: string): void {
  writeFileSync(path, renderReport(result));
}
