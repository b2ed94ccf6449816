import { hasAssistant } from '../../src/agents/registry';
import { MemoryRunStore } from '../../src/storage/memory-store';
import { storageContract } from './storage-contract';

storageContract(
  'MemoryRunStore',
  async (now) => new MemoryRunStore({ now, knownAssistant: hasAssistant }),
);
