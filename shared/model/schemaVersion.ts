import type * as Y from 'yjs';

/**
 * Every document records the schema version it was written with, so an older app that
 * meets a newer document opens it read-only instead of corrupting fields it does not know.
 *
 * A version is a claim any peer can write, and one remote `schemaVersion = 999` would make
 * a community read-only for everyone for good. So a newer version is believed only when it
 * comes as a newer app writes it: with its mark beside it (stampSchemaVersion writes both)
 * and no further ahead than releases could be. Anything else is ignored, and a believed
 * version can still be set aside by the person (ignoreSchemaVersion).
 */
export type SchemaCheck = { readonly status: 'current' } | { readonly status: 'newer'; readonly version: number };

export type SchemaVerdict =
  | { readonly status: 'current' }
  | { readonly status: 'newer'; readonly version: number }
  /** A higher version that is not believed: without its mark, or implausibly far ahead. */
  | { readonly status: 'unproven'; readonly version: number; readonly reason: 'no-mark' | 'too-far-ahead' };

/** Written beside schemaVersion by every app from this one on. */
export const schemaMarkKey = 'schemaMark';

/**
 * How far ahead of this app a real document can be. Versions go up by one for each change
 * of the model, a few a year at most; a document further ahead is a forgery or a mistake.
 */
export const maxVersionsAhead = 20;

export function schemaMark(version: number): string {
  return `commonplace-schema-${version}`;
}

export function stampSchemaVersion(meta: Y.Map<unknown>, version: number): void {
  const stored = meta.get('schemaVersion');
  if (typeof stored !== 'number' || stored < version) {
    meta.set('schemaVersion', version);
    meta.set(schemaMarkKey, schemaMark(version));
  }
}

/** What the stored version means for this app, which knows versions up to `known`. */
export function judgeSchemaVersion(meta: Y.Map<unknown>, known: number): SchemaVerdict {
  const stored = meta.get('schemaVersion');
  if (typeof stored !== 'number' || !(stored > known)) return { status: 'current' };
  if (!Number.isInteger(stored) || stored - known > maxVersionsAhead) return { status: 'unproven', version: stored, reason: 'too-far-ahead' };
  if (meta.get(schemaMarkKey) !== schemaMark(stored)) return { status: 'unproven', version: stored, reason: 'no-mark' };
  return { status: 'newer', version: stored };
}

/** 'newer' only for a version that is believed (judgeSchemaVersion); otherwise 'current'. */
export function checkSchemaVersion(meta: Y.Map<unknown>, version: number): SchemaCheck {
  const verdict = judgeSchemaVersion(meta, version);
  return verdict.status === 'newer' ? verdict : { status: 'current' };
}

// --- the way out: this person edits anyway ---------------------------------------------

/** Community id → the newer version this person chose to ignore; in the personal document. */
function ignoredVersions(personal: Y.Doc): Y.Map<number> {
  return personal.getMap('ignoredSchemaVersions');
}

/**
 * The person chose to edit a community a newer version claims: from now on this device
 * treats that version (and only that one) as current for it.
 */
export function ignoreSchemaVersion(personal: Y.Doc, communityId: string, version: number): void {
  personal.transact(() => {
    ignoredVersions(personal).set(communityId, version);
  });
}

export function isSchemaVersionIgnored(personal: Y.Doc, communityId: string, version: number): boolean {
  return ignoredVersions(personal).get(communityId) === version;
}
