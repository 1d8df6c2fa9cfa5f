// `dsim run SCENARIO`: loads a scenario file, runs it, prints its checkpoints and a per-DaemonSet summary, and exits
// non-zero naming each failed expectation. Edge code: files, flags, terminal; the run itself is runner.ts.
// cli.ts imports this module, so the scenario code loads on first use (format.ts imports cli.ts: no cycle at start-up).

import { existsSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { boolFlag, flag, type FlagSpec } from '../args.ts';
import type { Context } from '../cli.ts';
import { lockLog, serializeEvents } from '../logfile.ts';
import { parseTimeFlag } from '../commands/read.ts';
import { formatGoDuration } from '../print/duration.ts';
import { tabulate } from '../print/tabwriter.ts';
import { UserError } from '../session.ts';
import type { RunProgress } from './runner.ts';
import type { Property } from './properties.ts';
import type { RunResult } from './types.ts';

const FLAGS: FlagSpec[] = [
  { name: 'until', type: 'string' },
  { name: 'check', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'report', type: 'string' },
  { name: 'overwrite', type: 'bool' },
];

/** The `run` command, as cli.ts's command table holds it. */
export const runCommand = {
  summary: 'Run a scenario file: churn, rollouts and checks, replayed in simulated time',
  usage: 'dsim run SCENARIO.yaml [--until TIME] [--seed N] [--log FILE] [--check] [-o json] [--report FILE.html] [--overwrite]',
  flags: FLAGS,
  run: runScenarioCommand,
} as const;

/** `dsim run`. */
export async function runScenarioCommand(ctx: Context): Promise<number> {
  const [file, ...extra] = ctx.args.positional;
  if (file === undefined) throw new UserError('error: dsim run needs a scenario file, e.g. "dsim run examples/scenarios/rolling-update-5000.yaml"');
  if (extra.length > 0) throw new UserError(`error: unexpected arguments: ${extra.join(' ')} (dsim run takes one scenario file)`);
  const output = flag(ctx.args, 'output') ?? '';
  if (output !== '' && output !== 'json') throw new UserError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: json`);
  const untilText = flag(ctx.args, 'until');
  const until = untilText === undefined ? undefined : parseTimeFlag(untilText, 'until');
  const seedText = flag(ctx.args, 'seed');
  const seed = seedText === undefined ? undefined : /^-?\d+$/.test(seedText) ? Number(seedText) : seedText;
  const path = isAbsolute(file) ? file : join(ctx.io.cwd, file);
  const reportPath = flag(ctx.args, 'report');
  const logPath = flag(ctx.args, 'log');
  // The run writes new files: one that exists (a log extended by later commands, the scenario
  // itself given by mistake) is not replaced unless asked, and never the scenario file.
  if (logPath !== undefined && reportPath !== undefined && resolveFrom(ctx, logPath) === resolveFrom(ctx, reportPath)) {
    throw new UserError(`error: --log and --report name the same file (${logPath}); nothing was run`);
  }
  for (const [name, p] of [['--log', logPath], ['--report', reportPath]] as const) {
    if (p === undefined) continue;
    const target = resolveFrom(ctx, p);
    if (target === path) throw new UserError(`error: ${name} ${p} is the scenario file itself; nothing was run`);
    if (existsSync(target) && statSync(target).isDirectory()) throw new UserError(`error: ${name} ${p} is a directory; nothing was run`);
    if (!boolFlag(ctx.args, 'overwrite') && existsSync(target) && statSync(target).size > 0) {
      throw new UserError(`error: ${name} ${p} already exists; dsim run writes a new file: remove it, choose another name, or give --overwrite`);
    }
  }

  const { loadScenario, ScenarioError } = await import('./format.ts');
  const { describeEvent, runScenario } = await import('./runner.ts');
  let result: RunResult;
  // A counterexample written by `dsim explore` records the property it breaks: the replay checks it.
  let propertyCheck: PropertyCheck | undefined;
  const bar = progressBar(ctx.io);
  try {
    const scenario = loadScenario(path, { source: file });
    // Read (and so validated) before the run: a bad annotation costs no run.
    const property = (await import('./explore.ts')).recordedProperty(scenario);
    result = runScenario(scenario, {
      ...(seed !== undefined ? { seed } : {}),
      ...(until !== undefined ? { until } : {}),
      check: boolFlag(ctx.args, 'check'),
      onProgress: bar.update,
    });
    if (property !== undefined) propertyCheck = await checkRecorded(property, result);
  } catch (e) {
    // Paths under the working directory print relative to it, as the user would type them.
    if (e instanceof ScenarioError) throw e.userError(ctx.io.cwd);
    throw e;
  } finally {
    bar.done();
  }

  if (logPath !== undefined) {
    // Held as any command that writes a log holds it, so a run does not replace one mid-append.
    const release = lockLog(resolveFrom(ctx, logPath));
    try {
      writeAtomically(resolveFrom(ctx, logPath), serializeEvents(result.events));
    } finally {
      release();
    }
  }
  if (reportPath !== undefined) await writeReportFile(result, resolveFrom(ctx, reportPath));

  if (output === 'json') ctx.io.stdout(`${JSON.stringify({ ...(jsonOutput(result) as object), ...(propertyCheck !== undefined ? { property: propertyCheck } : {}) }, null, 2)}\n`);
  else ctx.io.stdout(humanOutput(result) + (propertyCheck === undefined ? '' : propertyLine(propertyCheck)));

  for (const f of result.failures) {
    ctx.io.stderr(`error: expectation failed at ${formatGoDuration(f.at)}: ${f.expectation}: ${f.message}${f.where !== undefined ? ` (${f.where})` : ''}\n`);
  }
  if (result.violation !== undefined) {
    ctx.io.stderr(`error: invariant violated by ${describeEvent(result.violation.event)}: ${result.violation.message}; the run stopped there\n`);
  }
  if (propertyCheck?.holds === false) {
    ctx.io.stderr(`error: property failed at ${formatGoDuration(propertyCheck.at!)}: ${propertyCheck.description}: ${propertyCheck.message}\n`);
  }
  return result.failures.length > 0 || result.violation !== undefined || propertyCheck?.holds === false ? 1 : 0;
}

/** The outcome of the property a counterexample file records (`-o json` prints it as `property`). */
interface PropertyCheck {
  readonly description: string;
  readonly holds: boolean;
  /** When it first failed, in simulated ms. */
  readonly at?: number;
  readonly message?: string;
}

async function checkRecorded(property: Property, result: RunResult): Promise<PropertyCheck> {
  const { checkProperty, describeProperty } = await import('./properties.ts');
  const violation = checkProperty(property, result.events, result.endedAt);
  const description = describeProperty(property);
  return violation === undefined ? { description, holds: true } : { description, holds: false, at: violation.at, message: violation.message };
}

function propertyLine(c: PropertyCheck): string {
  return `\nproperty (recorded by dsim explore): ${c.description}: ${c.holds ? 'holds' : `fails at ${formatGoDuration(c.at!)}`}\n`;
}

function resolveFrom(ctx: Context, p: string): string {
  return isAbsolute(p) ? p : join(ctx.io.cwd, p);
}

/** Writes through a temporary file and a rename, so an interrupted run never leaves half a log. */
function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

async function writeReportFile(result: RunResult, path: string): Promise<void> {
  let mod: { writeReport?: (r: RunResult, p: string) => void | Promise<void> };
  try {
    // Loaded on demand: reports are optional, and the module may not be part of every build.
    mod = (await import('./report.ts')) as typeof mod;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || /Cannot find module|Failed to load/.test((e as Error).message)) {
      throw new UserError('error: --report needs the report module (src/scenario/report.ts), which this dsim does not have');
    }
    throw e;
  }
  if (typeof mod.writeReport !== 'function') throw new UserError('error: --report: the report module has no writeReport function');
  await mod.writeReport(result, path);
}

// ---- output -------------------------------------------------------------------------------------------

/** What `-o json` prints: everything but the event log (which --log writes). */
export function jsonOutput(result: RunResult): unknown {
  return {
    name: result.name,
    seed: result.seed,
    endedAt: result.endedAt,
    events: result.events.length,
    summary: result.summary,
    failures: result.failures,
    expectations: result.expectations ?? [],
    checkpoints: result.checkpoints,
    ...(result.violation !== undefined
      ? { violation: { seq: result.violation.event.metadata.seq, at: result.violation.event.metadata.at, type: result.violation.event.type, message: result.violation.message } }
      : {}),
    config: result.config,
    series: result.series,
  };
}

const GROUP = /\B(?=(\d{3})+(?!\d))/g;
const thousands = (n: number): string => String(n).replace(GROUP, ',');

/** What `dsim run` prints for people: a header, the checkpoints, the summary table, and the expectations' tally. */
export function humanOutput(result: RunResult): string {
  let out = `scenario ${result.name} (seed ${String(result.seed)}): ran to ${formatGoDuration(result.endedAt)} of simulated time, ${thousands(result.events.length)} events\n`;
  for (const c of result.checkpoints) {
    out += `\n--- at ${formatGoDuration(c.at)}: ${c.command}\n${c.output}`;
  }
  out += `\n${summaryTable(result)}`;
  if (result.summary.length > 0) out += SUMMARY_LEGEND;
  const outcomes = result.expectations ?? [];
  if (outcomes.length > 0) {
    const n = (s: string) => outcomes.filter((o) => o.status === s).length;
    const skipped = outcomes.filter((o) => o.status === 'skipped');
    out += `\nexpectations: ${n('passed')} passed, ${n('failed')} failed${skipped.length > 0 ? `, ${skipped.length} not checked` : ''}\n`;
    for (const s of skipped) out += `  not checked: ${s.expectation} (${s.message ?? ''})\n`;
  }
  return out;
}

/** What the summary's own columns mean (the first six are `dsim get ds`'s, at the end of the run). */
export const SUMMARY_LEGEND =
  '  LAST ROLLOUT: how long the last template update (or the creation) took, from the change until every desired node ran an updated, available pod\n' +
  '  ALL AVAILABLE SINCE: the simulated time from which that has held to the end\n' +
  '  WORST UNAVAILABLE: the most desired nodes without an available pod (desired - available) during template updates, and when\n' +
  '  CREATED, DELETED: pods of the DaemonSet created and deleted over the run\n';

/** One row per DaemonSet: final counts, the last rollout's duration, its worst unavailability, and pods made and removed. */
export function summaryTable(result: RunResult): string {
  if (result.summary.length === 0) return 'No DaemonSets.\n';
  let text = 'DAEMONSET\tDESIRED\tCURRENT\tREADY\tUP-TO-DATE\tAVAILABLE\tLAST ROLLOUT\tALL AVAILABLE SINCE\tWORST UNAVAILABLE\tCREATED\tDELETED\n';
  for (const s of result.summary) {
    const f = s.final;
    const last = s.rollouts?.[s.rollouts.length - 1];
    const rollout = s.timeToFullRollout !== undefined ? `${formatGoDuration(s.timeToFullRollout)}${last?.kind === 'create' ? ' (create)' : ''}` : s.deleted ? 'deleted' : 'not finished';
    const since = s.fullyAvailableSince !== undefined ? formatGoDuration(s.fullyAvailableSince) : '-';
    // Counted only while a template update rolls out: '-' when there was none.
    const updated = s.rollouts?.some((r) => r.kind === 'update') ?? true;
    const worst = s.worstUnavailableAt !== undefined ? `${s.worstUnavailable} at ${formatGoDuration(s.worstUnavailableAt)}` : updated ? String(s.worstUnavailable) : '-';
    text += `${s.key}\t${f.desired}\t${f.current}\t${f.ready}\t${f.updated}\t${f.available}\t${rollout}\t${since}\t${worst}\t${s.podsCreated}\t${s.podsDeleted}\n`;
  }
  return tabulate(text);
}

// ---- progress ---------------------------------------------------------------------------------------------

/** A progress bar on stderr, only on a terminal and only once a run has taken more than a second (of wall time). */
export function progressBar(
  io: Pick<Context['io'], 'stderr' | 'stderrIsTty'>,
  clock: () => number = () => performance.now(),
): { update: ((p: RunProgress) => void) | undefined; done: () => void } {
  if (io.stderrIsTty !== true) return { update: undefined, done: () => {} };
  const started = clock();
  let shown = false;
  const update = (p: RunProgress): void => {
    if (clock() - started < 1000) return;
    shown = true;
    const width = 30;
    const frac = p.horizon !== undefined && p.horizon > 0 ? Math.min(1, p.now / p.horizon) : undefined;
    const filled = frac === undefined ? 0 : Math.round(frac * width);
    const bar = frac === undefined ? '' : `[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${String(Math.floor(frac * 100)).padStart(3)}% `;
    io.stderr(`\r${bar}${formatGoDuration(p.now)}${p.horizon !== undefined ? ` of ${formatGoDuration(p.horizon)}` : ''} simulated, ${thousands(p.events)} events\x1b[K`);
  };
  return { update, done: () => (shown ? io.stderr('\r\x1b[K') : undefined) };
}
