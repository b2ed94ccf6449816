/**
 * Runs saved in IndexedDB through Dexie 4.
 *
 * Tables (keys in brackets):
 *   runs       [id]                 the meta row, plus the run's input counter
 *   snapshots  [runId]              one state per run, and the input count it reflects (`seq`)
 *   inputs     [runId+seq]          inputs dispatched after the snapshot (older ones are pruned)
 *   steps      [runId+day+step]     step records, for the timeline and inspector
 *   stepDays   [runId+day]          (v2) which days have records, so the day list needs no scan
 *
 * Version 2 added `stepDays` and an `updatedAt` index on runs; its upgrade
 * fills `stepDays` from the steps already saved. Every write is one
 * transaction: a batch is saved whole or not at all.
 */
import { Dexie, type Table } from 'dexie';
import type { RunInput, RunState, StepRecord } from '../core/sim';
import { stepsPerDay } from '../core/time';
import { importedMeta, validateRunExport } from './import-schema';
import {
  copy,
  isQuotaError,
  newestFirst,
  progressAfter,
  progressOf,
  RUN_EXPORT_FORMAT,
  RUN_EXPORT_VERSION,
  RunNotFoundError,
  StorageFullError,
  type LoadedRun,
  type RunExport,
  type RunMeta,
  type RunStore,
  type StepBatch,
  type StoreOptions,
} from './types';

export const DEFAULT_DB_NAME = 'propersim-runs';

/** The meta row, with what appendSteps needs to keep the meta's progress without reading the snapshot. */
export interface RunRow extends RunMeta {
  /** The sequence number the next input gets. */
  nextSeq: number;
  stepsPerDay: number;
  totalDays: number;
}
export interface SnapshotRow {
  runId: string;
  /** The state reflects inputs 0..seq-1. */
  seq: number;
  state: RunState;
}
export interface InputRow {
  runId: string;
  seq: number;
  input: RunInput;
}
export interface StepRow {
  runId: string;
  day: number;
  step: number;
  record: StepRecord;
}
export interface StepDayRow {
  runId: string;
  day: number;
}

/** The schema of each version, kept so tests can build an old database and migrate it. */
export const SCHEMA_V1 = {
  runs: 'id',
  snapshots: 'runId',
  inputs: '[runId+seq]',
  steps: '[runId+day+step]',
} as const;
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  runs: 'id, updatedAt',
  stepDays: '[runId+day]',
} as const;

export type RunsDatabase = Dexie & {
  runs: Table<RunRow, string>;
  snapshots: Table<SnapshotRow, string>;
  inputs: Table<InputRow, [string, number]>;
  steps: Table<StepRow, [string, number, number]>;
  stepDays: Table<StepDayRow, [string, number]>;
};

export interface DexieStoreOptions extends StoreOptions {
  name?: string;
  /** An IndexedDB implementation (fake-indexeddb in tests); the browser's by default. */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
}

/** Fill `stepDays` from the saved steps' keys (the v1 → v2 migration). */
async function fillStepDays(steps: Table, stepDays: Table): Promise<void> {
  const keys = (await steps.toCollection().primaryKeys()) as unknown as [string, number, number][];
  const rows: StepDayRow[] = [];
  let last: [string, number] | null = null;
  // Keys come sorted by runId, day, step: one row per change of (runId, day).
  for (const [runId, day] of keys) {
    if (last && last[0] === runId && last[1] === day) continue;
    last = [runId, day];
    rows.push({ runId, day });
  }
  await stepDays.bulkPut(rows);
}

export function openRunsDatabase(
  options: Omit<DexieStoreOptions, 'now' | 'knownAssistant' | 'assistantStateProblems'>,
): RunsDatabase {
  const db = new Dexie(options.name ?? DEFAULT_DB_NAME, {
    ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
    ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
  }) as RunsDatabase;
  db.version(1).stores(SCHEMA_V1);
  db.version(2)
    .stores(SCHEMA_V2)
    .upgrade((tx) => fillStepDays(tx.table('steps'), tx.table('stepDays')));
  return db;
}

function metaOf(row: RunRow): RunMeta {
  const meta: Partial<RunRow> = { ...row };
  delete meta.nextSeq;
  delete meta.stepsPerDay;
  delete meta.totalDays;
  return meta as RunMeta;
}

function stepRows(runId: string, records: readonly StepRecord[]): StepRow[] {
  return records.map((record) => ({ runId, day: record.day, step: record.step, record }));
}

function dayRows(runId: string, records: readonly StepRecord[]): StepDayRow[] {
  return [...new Set(records.map((r) => r.day))].map((day) => ({ runId, day }));
}

export class DexieRunStore implements RunStore {
  readonly db: RunsDatabase;
  private readonly now: () => number;
  private readonly knownAssistant: StoreOptions['knownAssistant'];
  private readonly stateProblems: StoreOptions['assistantStateProblems'];

  constructor(options: DexieStoreOptions) {
    this.db = openRunsDatabase(options);
    this.now = options.now;
    this.knownAssistant = options.knownAssistant;
    this.stateProblems = options.assistantStateProblems;
  }

  /** Open the database now (it would open on first use), so failures show up here. */
  async open(): Promise<void> {
    await this.db.open();
  }

  private get all() {
    const { runs, snapshots, inputs, steps, stepDays } = this.db;
    return [runs, snapshots, inputs, steps, stepDays];
  }

  private get inputsBySeq() {
    return this.db.inputs.where('[runId+seq]');
  }

  async listRuns(): Promise<RunMeta[]> {
    const rows = await this.db.runs.orderBy('updatedAt').reverse().toArray();
    return rows.map(metaOf).sort(newestFirst);
  }

  async createRun(meta: RunMeta, state: RunState): Promise<void> {
    const snapshot = copy(state);
    const row: RunRow = {
      ...meta,
      ...progressOf(snapshot),
      nextSeq: 0,
      stepsPerDay: stepsPerDay(snapshot.config.stepSeconds),
      totalDays: snapshot.config.days,
    };
    await this.write(meta.id, null, async () => {
      await this.db.transaction('rw', [this.db.runs, this.db.snapshots], async () => {
        if (await this.db.runs.get(meta.id))
          throw new Error(`a run with id "${meta.id}" already exists`);
        await this.db.runs.add(row);
        await this.db.snapshots.put({ runId: meta.id, seq: 0, state: snapshot });
      });
    });
  }

  async renameRun(id: string, name: string): Promise<void> {
    await this.write(id, null, async () => {
      const changed = await this.db.runs.update(id, { name });
      if (changed === 0) throw new RunNotFoundError(id);
    });
  }

  async deleteRun(id: string): Promise<void> {
    const { minKey, maxKey } = Dexie;
    await this.write(id, null, async () => {
      await this.db.transaction('rw', this.all, async () => {
        await this.db.runs.delete(id);
        await this.db.snapshots.delete(id);
        await this.inputsBySeq.between([id, minKey], [id, maxKey]).delete();
        await this.db.steps
          .where('[runId+day+step]')
          .between([id, minKey, minKey], [id, maxKey, maxKey])
          .delete();
        await this.db.stepDays.where('[runId+day]').between([id, minKey], [id, maxKey]).delete();
      });
    });
  }

  async appendSteps(runId: string, batch: StepBatch): Promise<void> {
    // Copy now: IndexedDB clones the values only when the transaction runs,
    // and by then the caller's run has moved on.
    const saved: StepBatch = {
      inputs: copy(batch.inputs),
      records: copy(batch.records),
      ...(batch.state ? { state: copy(batch.state) } : {}),
    };
    const updatedAt = this.now();
    await this.write(runId, saved, async () => {
      await this.db.transaction('rw', this.all, async () => {
        const row = await this.db.runs.get(runId);
        if (!row) throw new RunNotFoundError(runId);
        let seq = row.nextSeq;
        const inputRows: InputRow[] = saved.inputs.map((input) => ({ runId, seq: seq++, input }));
        let progress: Pick<RunMeta, 'day' | 'step' | 'finished'> = row;
        if (saved.state) {
          // The new snapshot already reflects this batch's inputs: drop every input before it.
          await this.db.snapshots.put({ runId, seq, state: saved.state });
          await this.inputsBySeq.between([runId, Dexie.minKey], [runId, seq]).delete();
          progress = progressOf(saved.state);
        } else if (inputRows.length > 0) {
          await this.db.inputs.bulkPut(inputRows);
        }
        const last = saved.records[saved.records.length - 1];
        if (saved.records.length > 0) {
          await this.db.steps.bulkPut(stepRows(runId, saved.records));
          await this.db.stepDays.bulkPut(dayRows(runId, saved.records));
        }
        if (!saved.state && last) progress = progressAfter(last, row.stepsPerDay, row.totalDays);
        await this.db.runs.put({
          ...row,
          day: progress.day,
          step: progress.step,
          finished: progress.finished,
          nextSeq: seq,
          updatedAt,
        });
      });
    });
  }

  async loadRun(id: string): Promise<LoadedRun> {
    return this.db.transaction('r', [this.db.runs, this.db.snapshots, this.db.inputs], async () => {
      const row = await this.db.runs.get(id);
      const snap = await this.db.snapshots.get(id);
      if (!row || !snap) throw new RunNotFoundError(id);
      const inputs = await this.inputsBySeq
        .between([id, snap.seq], [id, Dexie.maxKey], true, true)
        .toArray();
      return {
        meta: metaOf(row),
        snapshot: snap.state,
        inputsAfterSnapshot: inputs.map((r) => r.input),
      };
    });
  }

  async loadSteps(runId: string, day: number): Promise<StepRecord[]> {
    const rows = await this.db.steps
      .where('[runId+day+step]')
      .between([runId, day, Dexie.minKey], [runId, day, Dexie.maxKey])
      .toArray();
    return rows.map((r) => r.record);
  }

  async daysWithSteps(runId: string): Promise<number[]> {
    const keys = await this.db.stepDays
      .where('[runId+day]')
      .between([runId, Dexie.minKey], [runId, Dexie.maxKey])
      .primaryKeys();
    return keys.map((k) => k[1]);
  }

  async exportRun(id: string): Promise<RunExport> {
    return this.db.transaction('r', this.all, async () => {
      const loaded = await this.loadRun(id);
      const steps = await this.db.steps
        .where('[runId+day+step]')
        .between([id, Dexie.minKey, Dexie.minKey], [id, Dexie.maxKey, Dexie.maxKey])
        .toArray();
      return {
        format: RUN_EXPORT_FORMAT,
        version: RUN_EXPORT_VERSION,
        meta: loaded.meta,
        snapshot: loaded.snapshot,
        inputs: loaded.inputsAfterSnapshot,
        steps: steps.map((r) => r.record),
      };
    });
  }

  async importRun(data: unknown, newId: string, now: number): Promise<RunMeta> {
    const file = validateRunExport(data, this.knownAssistant, this.stateProblems);
    const meta = importedMeta(file, newId, now);
    const row: RunRow = {
      ...meta,
      nextSeq: file.inputs.length,
      stepsPerDay: stepsPerDay(file.snapshot.config.stepSeconds),
      totalDays: file.snapshot.config.days,
    };
    await this.write(newId, null, async () => {
      await this.db.transaction('rw', this.all, async () => {
        if (await this.db.runs.get(newId))
          throw new Error(`a run with id "${newId}" already exists`);
        await this.db.runs.add(row);
        await this.db.snapshots.put({ runId: newId, seq: 0, state: file.snapshot });
        await this.db.inputs.bulkPut(
          file.inputs.map((input, seq) => ({ runId: newId, seq, input })),
        );
        await this.db.steps.bulkPut(stepRows(newId, file.steps));
        await this.db.stepDays.bulkPut(dayRows(newId, file.steps));
      });
    });
    return meta;
  }

  async close(): Promise<void> {
    this.db.close();
  }

  /** Run a write; a full disk becomes a StorageFullError carrying what was not saved. */
  private async write(
    runId: string,
    batch: StepBatch | null,
    fn: () => Promise<void>,
  ): Promise<void> {
    try {
      await fn();
    } catch (err) {
      if (isQuotaError(err)) throw new StorageFullError(runId, batch, { cause: err });
      throw err;
    }
  }
}
