/**
 * Runs kept in memory: for Node, tests, and the browser when IndexedDB is
 * unavailable (private windows) or full. Everything going in and out is
 * copied, so callers can keep mutating their run and cannot reach the saved one.
 */
import type { RunInput, RunState, StepRecord } from '../core/sim';
import { stepsPerDay } from '../core/time';
import { importedMeta, validateRunExport } from './import-schema';
import {
  copy,
  newestFirst,
  progressAfter,
  progressOf,
  RUN_EXPORT_FORMAT,
  RUN_EXPORT_VERSION,
  RunNotFoundError,
  type LoadedRun,
  type RunExport,
  type RunMeta,
  type RunStore,
  type StepBatch,
  type StoreOptions,
} from './types';

interface Entry {
  meta: RunMeta;
  snapshot: RunState;
  /** Inputs dispatched since the snapshot. */
  inputs: RunInput[];
  /** day → step → record */
  steps: Map<number, Map<number, StepRecord>>;
}

export type MemoryStoreOptions = StoreOptions;

export class MemoryRunStore implements RunStore {
  private readonly runs = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly knownAssistant: StoreOptions['knownAssistant'];
  private readonly stateProblems: StoreOptions['assistantStateProblems'];

  constructor(options: MemoryStoreOptions) {
    this.now = options.now;
    this.knownAssistant = options.knownAssistant;
    this.stateProblems = options.assistantStateProblems;
  }

  private entry(id: string): Entry {
    const e = this.runs.get(id);
    if (!e) throw new RunNotFoundError(id);
    return e;
  }

  async listRuns(): Promise<RunMeta[]> {
    return [...this.runs.values()].map((e) => ({ ...e.meta })).sort(newestFirst);
  }

  async createRun(meta: RunMeta, state: RunState): Promise<void> {
    if (this.runs.has(meta.id)) throw new Error(`a run with id "${meta.id}" already exists`);
    this.runs.set(meta.id, {
      meta: { ...meta, ...progressOf(state) },
      snapshot: copy(state),
      inputs: [],
      steps: new Map(),
    });
  }

  async renameRun(id: string, name: string): Promise<void> {
    this.entry(id).meta.name = name;
  }

  async deleteRun(id: string): Promise<void> {
    this.runs.delete(id);
  }

  async appendSteps(runId: string, batch: StepBatch): Promise<void> {
    const e = this.entry(runId);
    // Copy everything first, so nothing changes if a copy fails (all or nothing).
    const inputs = copy(batch.inputs);
    const records = copy(batch.records);
    const state = batch.state ? copy(batch.state) : null;
    for (const r of records) {
      let day = e.steps.get(r.day);
      if (!day) e.steps.set(r.day, (day = new Map()));
      day.set(r.step, r);
    }
    const last = records[records.length - 1];
    if (state) {
      e.snapshot = state;
      e.inputs = [];
      e.meta = { ...e.meta, ...progressOf(state) };
    } else {
      e.inputs.push(...inputs);
      if (last) {
        const cfg = e.snapshot.config;
        e.meta = { ...e.meta, ...progressAfter(last, stepsPerDay(cfg.stepSeconds), cfg.days) };
      }
    }
    e.meta.updatedAt = this.now();
  }

  async loadRun(id: string): Promise<LoadedRun> {
    const e = this.entry(id);
    return { meta: { ...e.meta }, snapshot: copy(e.snapshot), inputsAfterSnapshot: copy(e.inputs) };
  }

  async loadSteps(runId: string, day: number): Promise<StepRecord[]> {
    const steps = this.runs.get(runId)?.steps.get(day);
    if (!steps) return [];
    return [...steps.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => copy(r));
  }

  async daysWithSteps(runId: string): Promise<number[]> {
    return [...(this.runs.get(runId)?.steps.entries() ?? [])]
      .filter(([, steps]) => steps.size > 0)
      .map(([day]) => day)
      .sort((a, b) => a - b);
  }

  async exportRun(id: string): Promise<RunExport> {
    const e = this.entry(id);
    const steps: StepRecord[] = [];
    for (const day of [...e.steps.keys()].sort((a, b) => a - b)) {
      steps.push(...(await this.loadSteps(id, day)));
    }
    return {
      format: RUN_EXPORT_FORMAT,
      version: RUN_EXPORT_VERSION,
      meta: { ...e.meta },
      snapshot: copy(e.snapshot),
      inputs: copy(e.inputs),
      steps,
    };
  }

  async importRun(data: unknown, newId: string, now: number): Promise<RunMeta> {
    const file = validateRunExport(data, this.knownAssistant, this.stateProblems);
    if (this.runs.has(newId)) throw new Error(`a run with id "${newId}" already exists`);
    const meta = importedMeta(file, newId, now);
    this.adopt({ ...file, meta });
    return { ...meta };
  }

  /** Keep an exported run under its own id and times (used to move runs here from another store). */
  adopt(file: RunExport): void {
    const steps = new Map<number, Map<number, StepRecord>>();
    for (const r of copy(file.steps)) {
      let day = steps.get(r.day);
      if (!day) steps.set(r.day, (day = new Map()));
      day.set(r.step, r);
    }
    this.runs.set(file.meta.id, {
      meta: { ...file.meta },
      snapshot: copy(file.snapshot),
      inputs: copy(file.inputs),
      steps,
    });
  }

  async close(): Promise<void> {}
}
