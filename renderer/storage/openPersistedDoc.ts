import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';

export interface PersistedDoc {
  readonly doc: Y.Doc;
  readonly persistence: IndexeddbPersistence;
  destroy(): Promise<void>;
}

/** Opens a Y.Doc from its IndexedDB database and resolves once the stored state is in. */
export async function openPersistedDoc(databaseName: string, options: { gc?: boolean } = {}): Promise<PersistedDoc> {
  const doc = new Y.Doc({ gc: options.gc ?? true });
  const persistence = new IndexeddbPersistence(databaseName, doc);
  await persistence.whenSynced;
  return {
    doc,
    persistence,
    destroy: async () => {
      await persistence.destroy();
      doc.destroy();
    },
  };
}
