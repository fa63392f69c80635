/**
 * Every change to a document is tagged with where it came from. Only `localOrigin` is
 * undoable: loading from disk and edits from peers must never be undone by this person.
 */
export const localOrigin = Symbol.for('commonplace.local');
/** Changes made by importing, restoring or sharing a copy: applied locally, not undoable. */
export const importOrigin = Symbol.for('commonplace.import');
/** The schema migration (migration.ts): the same on every peer, never undoable. */
export const migrationOrigin = Symbol.for('commonplace.migration');
