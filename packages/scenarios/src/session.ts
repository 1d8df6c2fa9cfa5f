// A command's view of the saved simulation: the log, the state folded from it, and (for commands
// that change anything) an engine replayed from the log's inputs, so pending timers resume exactly.
// New events are appended only when the command succeeds.

import {
  createModel,
  Engine,
  INPUT_EVENT_TYPES,
  initialState,
  type ClusterState,
  type DsimEvent,
  type EngineConfigInput,
  type PendingEvent,
} from '@dsim/core';
import { appendEvents, readLog, serializeEvents, type LoadedLog } from './logfile.ts';

const fastModel = createModel({ autoFreeze: false });

/** Thrown for user mistakes: printed as one line, exit code 1, nothing written. */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** The default seed of a new simulation, so two fresh labs print the same names. */
export const DEFAULT_SEED = 1;

/** An open log. */
export class Session {
  private engineCache: Engine | undefined;
  private stateCache: ClusterState | undefined;

  private constructor(
    readonly log: LoadedLog,
    private readonly newSeed: number | string,
    private readonly newConfig: EngineConfigInput | undefined,
  ) {}

  /** Opens (or starts) the log at path. `seed` and `config` apply only when the log is new. */
  static open(path: string, options: { seed?: number | string; config?: EngineConfigInput } = {}): Session {
    return new Session(readLog(path), options.seed ?? DEFAULT_SEED, options.config);
  }

  /** The events saved so far. */
  get events(): readonly DsimEvent[] {
    return this.log.events;
  }

  /** The state after every saved event (and, once the engine ran, after the new ones too). */
  get state(): ClusterState {
    if (this.engineCache !== undefined) return this.engineCache.state;
    this.stateCache ??= this.guarded(() => fastModel.fold(initialState(), this.log.events));
    return this.stateCache;
  }

  /** The state as it was at simulated time `at` (ms): the log folded up to there. */
  stateAt(at: number): ClusterState {
    const upTo = this.log.events.filter((e) => e.metadata.at <= at);
    const s = this.guarded(() => fastModel.fold(initialState(), upTo));
    return { ...s, now: at };
  }

  /**
   * The engine, replayed from the log's inputs to where the log ends. Every replayed fact must
   * equal the saved one: a log from another dsim version (or edited by hand) is refused rather
   * than silently continued from a different history.
   */
  engine(): Engine {
    if (this.engineCache !== undefined) return this.engineCache;
    const saved = this.log.events;
    const first = saved[0];
    let engine: Engine;
    if (first === undefined) {
      engine = new Engine({ seed: this.newSeed, config: this.newConfig });
      engine.input({ type: 'SimulationStarted', data: this.newConfig === undefined ? { seed: this.newSeed } : { seed: this.newSeed, config: this.newConfig } } as PendingEvent);
    } else {
      if (first.type !== 'SimulationStarted') {
        throw new UserError(`error: ${this.log.path}: line 1 must be a SimulationStarted event (the log was not written by dsim)`);
      }
      engine = new Engine({ seed: first.data.seed, config: first.data.config as EngineConfigInput | undefined });
      for (const e of saved) {
        if (INPUT_EVENT_TYPES.has(e.type)) engine.schedule(e.metadata.at, { type: e.type, data: e.data } as PendingEvent);
      }
      this.guarded(() => engine.run({ until: saved[saved.length - 1]!.metadata.at }));
      const replayed = engine.log;
      for (let i = 0; i < saved.length; i++) {
        const a = replayed[i];
        if (a === undefined || JSON.stringify(a) !== JSON.stringify(saved[i])) {
          throw new UserError(
            `error: ${this.log.path}: line ${this.log.lines[i] ?? i + 1} differs from this dsim's replay of the log (written by another version, or edited?); ` +
              'read it with "dsim events" or start a new log',
          );
        }
      }
      if (replayed.length !== saved.length) {
        throw new UserError(`error: ${this.log.path}: the replay recorded more events than the log holds (written by another version?)`);
      }
    }
    this.engineCache = engine;
    return engine;
  }

  /**
   * Runs a fold or a replay of the saved log; if an event breaks it (a line edited into something
   * well-formed but meaningless, such as a NodeAdded without a node), says which line, as for a
   * line that does not parse, instead of failing inside the model.
   */
  private guarded<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof UserError) throw e;
      const events = this.log.events;
      let i = 0;
      try {
        // The first event the model cannot take, folded one at a time.
        let s = initialState();
        for (; i < events.length; i++) s = fastModel.fold(s, [events[i]!]);
      } catch {
        throw new UserError(`error: ${this.log.path}: line ${this.log.lines[i] ?? i + 1}: the event cannot be applied (${(e as Error).message}); the log is corrupt there (earlier lines are intact)`);
      }
      throw new UserError(`error: ${this.log.path}: the log cannot be replayed (${(e as Error).message}); was it edited, or written by another version?`);
    }
  }

  /** Events recorded by this command and not yet saved. */
  get newEvents(): readonly DsimEvent[] {
    return this.engineCache === undefined ? [] : this.engineCache.log.slice(this.log.events.length);
  }

  /** Appends this command's events to the log, in one write. */
  commit(): void {
    appendEvents(this.log, this.newEvents);
  }

  /** The new events as log lines (for --dry-run style inspection). */
  pendingText(): string {
    return serializeEvents(this.newEvents);
  }
}
