/** A platform for the state layer's tests: memory key-value stores, a set clock, a page to leave. */
import { memoryKeyValueStore, type Platform } from '../../src/state/ports';

export interface TestPlatform extends Platform {
  /** Act as if the page were hidden or closed. */
  leavePage(): void;
  /** Move both clocks forward. */
  advance(ms: number): void;
}

export function testPlatform(): TestPlatform {
  let leave: (() => void)[] = [];
  let t = 1_000;
  let seq = 0;
  return {
    local: memoryKeyValueStore(),
    session: memoryKeyValueStore(),
    page: {
      onLeave(listener) {
        leave.push(listener);
        return () => {
          leave = leave.filter((l) => l !== listener);
        };
      },
    },
    clock: { now: () => t, monotonic: () => t },
    frames: { request: () => 0, cancel: () => undefined, now: () => t },
    // Distinct ids, the same in every test run.
    randomBytes: (n) => Uint8Array.from({ length: n }, (_, i) => (seq++ * 31 + i * 7) % 256),
    leavePage: () => leave.forEach((l) => l()),
    advance: (ms) => {
      t += ms;
    },
  };
}
