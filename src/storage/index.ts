/** Saved runs: one interface (types.ts), IndexedDB and memory behind it, and how the app opens one. */
export * from './types';
export { MemoryRunStore } from './memory-store';
export { DexieRunStore } from './dexie-store';
export { restoreRun } from './restore';
export { runFileTooLarge, validateRunExport } from './import-schema';
export {
  fallbackToMemory,
  openRunStore,
  PROBLEM_BLOCKED,
  PROBLEM_FULL,
  PROBLEM_NOT_ALLOWED,
  type OpenedStore,
} from './open';
