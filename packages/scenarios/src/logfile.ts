// The saved event log: newline-delimited JSON, one event per line, append-only. The log is the
// truth; everything else is derived from it. Written so that a crash can never lose what was
// already saved: new events go out in one append, and a torn last line is dropped on load.

import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { EVENT_TYPES, type DsimEvent } from '@dsim/core';

/** The log file used when neither --log nor DSIM_LOG says otherwise. */
export const DEFAULT_LOG_FILE = 'dsim-events.ndjson';

/** A problem with the log file itself, reported in one line. */
export class LogFileError extends Error {
  override readonly name = 'LogFileError';
}

/** A loaded log: its events, and how much of the file they came from. */
export interface LoadedLog {
  readonly path: string;
  readonly events: DsimEvent[];
  /** Bytes of the file holding complete events: appends start here. */
  readonly validBytes: number;
  /** A warning to show, e.g. when a torn last line was dropped. */
  readonly warning: string | undefined;
}

const KNOWN_TYPES = new Set<string>(EVENT_TYPES);

/**
 * Reads a log. A missing file is an empty log. A last line cut short by a crash (no newline,
 * or not JSON) is dropped with a warning; a bad line anywhere else is an error naming it.
 */
export function readLog(path: string): LoadedLog {
  if (!existsSync(path)) return { path, events: [], validBytes: 0, warning: undefined };
  const buf = readFileSync(path);
  const events: DsimEvent[] = [];
  let offset = 0;
  let line = 0;
  let warning: string | undefined;
  while (offset < buf.length) {
    const nl = buf.indexOf(10, offset);
    const end = nl === -1 ? buf.length : nl;
    line++;
    const text = buf.subarray(offset, end).toString('utf8');
    const isLast = nl === -1 || nl === buf.length - 1;
    if (text.trim() === '') {
      if (nl === -1) break;
      offset = nl + 1;
      continue;
    }
    let parsed: unknown;
    let problem: string | undefined;
    try {
      parsed = JSON.parse(text);
      problem = checkEvent(parsed, events.length === 0 ? -1 : events[events.length - 1]!.metadata.seq);
    } catch (e) {
      problem = `invalid JSON (${(e as Error).message})`;
    }
    if (problem !== undefined || nl === -1) {
      if (isLast) {
        // A crash mid-append leaves exactly this: a final line without its newline or cut short.
        warning = `warning: ${path}: line ${line} is incomplete (an interrupted write?); it was dropped`;
        break;
      }
      throw new LogFileError(`error: ${path}: line ${line}: ${problem}; the log is corrupt there (earlier lines are intact)`);
    }
    events.push(parsed as DsimEvent);
    offset = nl + 1;
  }
  return { path, events, validBytes: warning === undefined ? buf.length : offset, warning };
}

function checkEvent(x: unknown, lastSeq: number): string | undefined {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return 'not an event object';
  const e = x as { type?: unknown; data?: unknown; metadata?: { seq?: unknown; at?: unknown } };
  if (typeof e.type !== 'string' || !KNOWN_TYPES.has(e.type)) return `unknown event type ${JSON.stringify(e.type)}`;
  if (typeof e.data !== 'object' || e.data === null) return 'event without data';
  const seq = e.metadata?.seq;
  const at = e.metadata?.at;
  if (typeof seq !== 'number' || typeof at !== 'number' || !Number.isSafeInteger(seq) || !Number.isSafeInteger(at)) {
    return 'event without integer metadata.seq and metadata.at';
  }
  if (seq !== lastSeq + 1) return `event seq ${seq} out of order (expected ${lastSeq + 1})`;
  return undefined;
}

/** One line per event, each ending in a newline. */
export function serializeEvents(events: readonly DsimEvent[]): string {
  let out = '';
  for (const e of events) out += `${JSON.stringify(e)}\n`;
  return out;
}

/**
 * Appends events after the log's valid bytes in one write, then fsyncs. A torn tail left by an
 * earlier crash is cut off first, so it can never end up in the middle of the log.
 */
export function appendEvents(log: LoadedLog, events: readonly DsimEvent[]): void {
  if (events.length === 0) return;
  const data = Buffer.from(serializeEvents(events), 'utf8');
  const fd = openSync(log.path, 'a+');
  try {
    const size = fstatSync(fd).size;
    if (size !== log.validBytes) {
      if (size < log.validBytes) throw new LogFileError(`error: ${log.path} changed while dsim was running; nothing was written`);
      ftruncateSync(fd, log.validBytes);
    }
    let written = 0;
    while (written < data.length) written += writeSync(fd, data, written, data.length - written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
