import { MemoryReadStore } from '../../src/read-store/memory-read-store';
import { runReadStoreContract } from './read-store.contract';

// The in-memory store behind as-of folds answers exactly as the SQL adapters do.
runReadStoreContract('memory', async () => {
  const store = MemoryReadStore.empty();
  return { open: async () => store, cleanup: async () => undefined };
});
