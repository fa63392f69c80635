import type * as Y from 'yjs';

/**
 * Every document records the schema version it was written with, so an older app that
 * meets a newer document opens it read-only instead of corrupting fields it does not know.
 */
export type SchemaCheck = { readonly status: 'current' } | { readonly status: 'newer'; readonly version: number };

export function stampSchemaVersion(meta: Y.Map<unknown>, version: number): void {
  const stored = meta.get('schemaVersion');
  if (typeof stored !== 'number' || stored < version) meta.set('schemaVersion', version);
}

export function checkSchemaVersion(meta: Y.Map<unknown>, version: number): SchemaCheck {
  const stored = meta.get('schemaVersion');
  return typeof stored === 'number' && stored > version ? { status: 'newer', version: stored } : { status: 'current' };
}
