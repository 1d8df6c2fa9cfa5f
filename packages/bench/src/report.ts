// Turns measurements into what the issue asks to see: scaling ratios between sizes, dsim against
// each baseline, peak RSS per size, and every target with its measured figure. Pure: no I/O.

import { formatMs, type ImplName, type Measurement, type Mode } from './harness.ts';

/** Per-operation cost at one size over the smallest size measured, for one case and implementation. */
export interface Scaling {
  readonly suite: string;
  readonly case: string;
  readonly impl: ImplName;
  readonly fromN: number;
  readonly toN: number;
  /** msPerOp(toN) / msPerOp(fromN). */
  readonly ratio: number;
}

/** dsim against the baselines for one case and size. */
export interface Comparison {
  readonly suite: string;
  readonly case: string;
  readonly n: number;
  /** dsim's time over the mutable baseline's (1 = as fast; the target is ≤ 3). */
  readonly dsimOverMutable?: number;
  /** The naive design's time over dsim's (the target is ≥ 100 at 100,000 nodes). */
  readonly naiveOverDsim?: number;
  /** Set when the naive time is extrapolated rather than measured. */
  readonly naiveExtrapolated?: boolean;
}

/** One of the targets with its measured figure. */
export interface TargetResult {
  readonly target: string;
  readonly goal: string;
  readonly measured: string;
  /** undefined when the figure was not measured in this run. */
  readonly met: boolean | undefined;
  readonly note?: string;
}

/** Everything `latest.json` holds besides the raw measurements. */
export interface Analysis {
  readonly scaling: Scaling[];
  readonly comparisons: Comparison[];
  /** Naive times that were too slow to run, extrapolated from the measured growth. */
  readonly extrapolated: { case: string; n: number; msPerOp: number; basis: string }[];
  readonly peakRss: { case: string; n: number; dsimPeakRssMiB: number; fixtureHeapMiB: number }[];
  readonly targets: TargetResult[];
}

function find(ms: readonly Measurement[], c: string, impl: ImplName, n: number): Measurement | undefined {
  return ms.find((m) => m.case === c && m.impl === impl && m.n === n);
}

/** Scaling, comparisons, extrapolations, peak RSS and targets from one run's measurements. */
export function analyse(ms: readonly Measurement[]): Analysis {
  const scaling: Scaling[] = [];
  const groups = new Map<string, Measurement[]>();
  for (const m of ms) {
    const k = `${m.suite}|${m.case}|${m.impl}`;
    groups.set(k, [...(groups.get(k) ?? []), m]);
  }
  for (const g of groups.values()) {
    const sorted = [...g].sort((a, b) => a.n - b.n);
    const first = sorted[0]!;
    for (const m of sorted.slice(1)) {
      scaling.push({ suite: m.suite, case: m.case, impl: m.impl, fromN: first.n, toN: m.n, ratio: m.msPerOp / first.msPerOp });
    }
  }

  // Naive times too slow to measure: the growth factor from the last two measured sizes, applied again.
  const extrapolated: Analysis['extrapolated'] = [];
  for (const c of new Set(ms.map((m) => m.case))) {
    const dsimNs = ms.filter((m) => m.case === c && m.impl === 'dsim').map((m) => m.n);
    const naive = ms.filter((m) => m.case === c && m.impl === 'naive').sort((a, b) => a.n - b.n);
    if (naive.length < 2) continue;
    const [a, b] = naive.slice(-2) as [Measurement, Measurement];
    const growth = b.msPerOp / a.msPerOp;
    const perDecade = Math.log10(growth) / Math.log10(b.n / a.n);
    for (const n of dsimNs.filter((n) => n > b.n && n <= 100_000)) {
      extrapolated.push({
        case: c,
        n,
        msPerOp: b.msPerOp * (n / b.n) ** perDecade,
        basis: `naive grew ${growth.toFixed(1)}× from N=${a.n} to N=${b.n} (exponent ${perDecade.toFixed(2)}); extended to N=${n}`,
      });
    }
  }

  const comparisons: Comparison[] = [];
  for (const d of ms.filter((m) => m.impl === 'dsim')) {
    const mu = find(ms, d.case, 'mutable', d.n);
    const na = find(ms, d.case, 'naive', d.n);
    const ex = extrapolated.find((e) => e.case === d.case && e.n === d.n);
    if (mu === undefined && na === undefined && ex === undefined) continue;
    comparisons.push({
      suite: d.suite,
      case: d.case,
      n: d.n,
      ...(mu !== undefined ? { dsimOverMutable: d.msPerOp / mu.msPerOp } : {}),
      ...(na !== undefined
        ? { naiveOverDsim: naiveRatio(na, d) }
        : ex !== undefined
          ? { naiveOverDsim: ex.msPerOp / d.msPerOp, naiveExtrapolated: true }
          : {}),
    });
  }

  const peakRss = ms
    .filter((m) => m.impl === 'dsim')
    .map((m) => ({ case: `${m.suite}/${m.case}`, n: m.n, dsimPeakRssMiB: m.peakRssMiB, fixtureHeapMiB: m.fixtureHeapMiB }));

  return { scaling, comparisons, extrapolated, peakRss, targets: targets(ms, comparisons) };
}

// When both sides did different amounts of work (the naive log replay is shorter), compare per unit.
function naiveRatio(naive: Measurement, dsim: Measurement): number {
  if (naive.msPerUnit !== undefined && dsim.msPerUnit !== undefined && naive.work !== dsim.work) {
    return naive.msPerUnit / dsim.msPerUnit;
  }
  return naive.msPerOp / dsim.msPerOp;
}

const NODE_CASES = new Set(['DaemonSetApplied', 'NodeAdded', 'RollingUpdate']);

function targets(ms: readonly Measurement[], comparisons: readonly Comparison[]): TargetResult[] {
  const out: TargetResult[] = [];
  const na1 = find(ms, 'NodeAdded', 'dsim', 1_000);
  const na100 = find(ms, 'NodeAdded', 'dsim', 100_000);
  out.push({
    target: 'NodeAdded at 100,000 nodes vs 1,000',
    goal: '≤ 2×',
    measured:
      na1 && na100 ? `${(na100.msPerOp / na1.msPerOp).toFixed(2)}× (${formatMs(na1.msPerOp)} → ${formatMs(na100.msPerOp)})` : 'not measured',
    met: na1 && na100 ? na100.msPerOp / na1.msPerOp <= 2 : undefined,
  });
  const da100 = find(ms, 'DaemonSetApplied', 'dsim', 100_000);
  out.push({
    target: 'DaemonSetApplied over 100,000 nodes',
    goal: '< 250 ms',
    measured: da100 ? formatMs(da100.msPerOp) : 'not measured',
    met: da100 ? da100.msPerOp < 250 : undefined,
  });
  const da1m = find(ms, 'DaemonSetApplied', 'dsim', 1_000_000);
  out.push({
    target: 'DaemonSetApplied over 1,000,000 nodes',
    goal: '< 3 s, peak RSS < 4 GiB',
    measured: da1m ? `${formatMs(da1m.msPerOp)}, peak RSS ${(da1m.peakRssMiB / 1024).toFixed(2)} GiB` : 'not measured',
    met: da1m ? da1m.msPerOp < 3_000 && da1m.peakRssMiB < 4_096 : undefined,
  });
  const fold = ms.filter((m) => m.case === 'FoldLog' && m.impl === 'dsim').sort((a, b) => b.n - a.n)[0];
  const eps = fold?.msPerUnit !== undefined ? 1000 / fold.msPerUnit : undefined;
  out.push({
    target: 'Folding a log',
    goal: '≥ 500,000 events/s',
    measured:
      eps !== undefined ? `${Math.round(eps).toLocaleString('en-US')} events/s (${fold!.n.toLocaleString('en-US')}-event log)` : 'not measured',
    met: eps !== undefined ? eps >= 500_000 : undefined,
  });
  const targeted = comparisons.filter((c) => c.suite === 'targeted' && c.dsimOverMutable !== undefined);
  const worst = targeted.reduce<Comparison | undefined>((w, c) => (w === undefined || c.dsimOverMutable! > w.dsimOverMutable! ? c : w), undefined);
  out.push({
    target: 'dsim vs the plain mutable baseline, targeted cases',
    goal: '≤ 3× (every case and size)',
    measured:
      worst !== undefined
        ? `worst ${worst.dsimOverMutable!.toFixed(1)}× (${worst.case} @ ${worst.n.toLocaleString('en-US')}); ` +
          targeted.map((c) => `${c.case}@${short(c.n)} ${c.dsimOverMutable!.toFixed(1)}×`).join(', ')
        : 'not measured',
    met: worst !== undefined ? worst.dsimOverMutable! <= 3 : undefined,
  });
  // Only cases whose N counts nodes (FoldLog's N counts events).
  const at100 = comparisons.filter((c) => c.n === 100_000 && c.naiveOverDsim !== undefined && NODE_CASES.has(c.case));
  out.push({
    target: 'dsim vs the naive immer design at 100,000 nodes',
    goal: '≥ 100× faster',
    measured:
      at100.length > 0
        ? at100.map((c) => `${c.case} ${c.naiveOverDsim!.toFixed(0)}×${c.naiveExtrapolated ? ' (naive extrapolated)' : ''}`).join(', ')
        : 'not measured',
    met: at100.length > 0 ? at100.every((c) => c.naiveOverDsim! >= 100) : undefined,
  });
  const day = find(ms, 'DayWithChurn', 'dsim', 10_000);
  out.push({
    target: 'Simulated 10,000-node day',
    goal: '< 10 s',
    measured: day ? `${formatMs(day.msPerOp)}${day.scale !== undefined ? ' (extrapolated)' : ''}` : 'not measured',
    met: day ? day.msPerOp < 10_000 : undefined,
    ...(day?.note !== undefined ? { note: day.note } : {}),
  });
  return out;
}

function short(n: number): string {
  return n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1_000 ? `${n / 1_000}k` : String(n);
}

function pad(s: string, w: number, right = false): string {
  return right ? s.padStart(w) : s.padEnd(w);
}

/** The readable table: every measurement with its per-op and per-unit cost, scaling and ratios. */
export function formatTable(ms: readonly Measurement[], a: Analysis, mode: Mode): string {
  const lines: string[] = [];
  const head = ['suite', 'case', 'N', 'impl', 'time/op', '±%', 'samples', 'per unit', '× vs smallest N', 'dsim/mutable', 'naive/dsim', 'peak RSS'];
  const widths = [10, 24, 9, 7, 10, 6, 7, 16, 15, 12, 11, 10];
  lines.push(head.map((h, i) => pad(h, widths[i]!, i >= 2)).join(' '));
  lines.push(widths.map((w) => '─'.repeat(w)).join(' '));
  for (const m of ms) {
    const sc = a.scaling.find((s) => s.case === m.case && s.impl === m.impl && s.toN === m.n);
    const cmp = m.impl === 'dsim' ? a.comparisons.find((c) => c.case === m.case && c.n === m.n) : undefined;
    const cells = [
      m.suite,
      m.case,
      short(m.n),
      m.impl,
      formatMs(m.msPerOp) + (m.scale !== undefined ? '*' : ''),
      m.marginPct.toFixed(1),
      String(m.samples),
      m.msPerUnit !== undefined ? `${formatMs(m.msPerUnit)}/${m.unit}` : '',
      sc !== undefined ? `${sc.ratio.toFixed(2)}×` : '',
      cmp?.dsimOverMutable !== undefined ? `${cmp.dsimOverMutable.toFixed(1)}×` : '',
      cmp?.naiveOverDsim !== undefined ? `${cmp.naiveOverDsim.toFixed(0)}×${cmp.naiveExtrapolated ? '†' : ''}` : '',
      m.impl === 'dsim' ? `${Math.round(m.peakRssMiB)} MiB` : `(${Math.round(m.rssMiB)})`,
    ];
    lines.push(cells.map((c, i) => pad(c, widths[i]!, i >= 2)).join(' '));
  }
  lines.push('');
  lines.push('× vs smallest N: time per operation at this N over the same implementation at the smallest N measured.');
  lines.push('dsim/mutable: dsim time over the plain mutable baseline; naive/dsim: naive time over dsim (per unit when their work differs).');
  lines.push('peak RSS: the job process peak (process.resourceUsage().maxRSS) when dsim finished (dsim runs first in each job, so it is');
  lines.push("dsim's own peak, fixture included); baselines show their current RSS in parentheses. * extrapolated from a capped run;");
  lines.push('† naive time extrapolated from its measured growth between the two largest sizes it ran at.');
  for (const e of a.extrapolated) lines.push(`  † ${e.case} @ ${short(e.n)}: naive ≈ ${formatMs(e.msPerOp)} (${e.basis})`);
  const notes = ms.filter((m) => m.note !== undefined);
  for (const m of notes) lines.push(`  note: ${m.case} @ ${short(m.n)} ${m.impl}: ${m.note}`);
  lines.push('');
  lines.push(`Targets (${mode} run):`);
  for (const t of a.targets) {
    const mark = t.met === undefined ? '  -  ' : t.met ? ' MET ' : 'MISSED';
    lines.push(`  [${mark}] ${t.target}: goal ${t.goal}; measured ${t.measured}`);
  }
  return lines.join('\n');
}
