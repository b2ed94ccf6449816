/** Where saving stands, as plain state in the store (the runs dialog and the storage notice read it). */
export interface SavingStatus {
  /** Opened and the first run decided (restored or started). */
  ready: boolean;
  /** False when runs live in memory only (lost with the tab). */
  persistent: boolean;
  /** What is wrong with saving, in plain words (for the notice); null when all is well. */
  problem: string | null;
  /** The storage id of the run on screen; null until it is first saved. */
  currentRunId: string | null;
  /** A saved run is being opened. */
  restoring: boolean;
  /**
   * The run on screen is written by another tab: this one shows it and
   * saves nothing (one writer per run). `why` is for the notice; the page
   * can take it over (Persistence.takeOver).
   */
  readOnly: { runId: string; why: string } | null;
  /** Bumped when the status or the list of saved runs changes. */
  changes: number;
  /** Bumped when a batch of progress is saved. */
  saves: number;
}

export const INITIAL_SAVING: SavingStatus = {
  ready: false,
  persistent: false,
  problem: null,
  currentRunId: null,
  restoring: false,
  readOnly: null,
  changes: 0,
  saves: 0,
};
