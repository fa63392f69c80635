import { IndexeddbPersistence, storeState } from 'y-indexeddb';
import * as Y from 'yjs';

export interface PersistedDoc {
  readonly doc: Y.Doc;
  readonly persistence: IndexeddbPersistence;
  /** Rewrites the store as one update (y-indexeddb only trims after 500 updates). */
  compact(): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * Opens a Y.Doc from its IndexedDB database and resolves once the stored state is in.
 * Compacts on open: y-indexeddb appends on every load and would otherwise grow without end.
 */
export async function openPersistedDoc(databaseName: string, doc: Y.Doc = new Y.Doc()): Promise<PersistedDoc> {
  const persistence = new IndexeddbPersistence(databaseName, doc);
  await persistence.whenSynced;
  const compact = (): Promise<void> => storeState(persistence, true);
  await compact();
  return {
    doc,
    persistence,
    compact,
    destroy: async () => {
      await persistence.destroy();
      doc.destroy();
    },
  };
}
