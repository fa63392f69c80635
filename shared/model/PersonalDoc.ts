import type * as Y from 'yjs';
import { z } from 'zod';
import { isMemberColour, pickMemberColour, type MemberColour } from './colours.js';
import { checkSchemaVersion, stampSchemaVersion, type SchemaCheck } from './schemaVersion.js';

/**
 * The personal document: what belongs to this person on this device and is never synced
 * (identity, settings, private dilemma journals). Plain TypeScript over Yjs, no React.
 */

export const PERSONAL_SCHEMA_VERSION = 1;

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'Please enter your name.' })
  .max(60, { error: 'Please keep your name to 60 characters or fewer.' });

export interface Identity {
  readonly name: string;
  readonly colour: MemberColour;
}

export class PersonalDoc {
  readonly meta: Y.Map<unknown>;
  private readonly identityMap: Y.Map<unknown>;

  constructor(readonly doc: Y.Doc) {
    this.meta = doc.getMap('meta');
    this.identityMap = doc.getMap('identity');
  }

  /** Call once after the stored state has loaded, so the version is never stamped early. */
  initialise(): SchemaCheck {
    const check = checkSchemaVersion(this.meta, PERSONAL_SCHEMA_VERSION);
    if (check.status === 'current') this.doc.transact(() => stampSchemaVersion(this.meta, PERSONAL_SCHEMA_VERSION));
    return check;
  }

  get identity(): Identity | null {
    const name = this.identityMap.get('name');
    const colour = this.identityMap.get('colour');
    if (typeof name !== 'string' || name.length === 0) return null;
    return { name, colour: isMemberColour(colour) ? colour : pickMemberColour(() => 0) };
  }

  /** Sets the display name (and colour, first time); throws with a readable message if invalid. */
  setIdentity(name: string, colour?: MemberColour): Identity {
    const validName = displayNameSchema.parse(name);
    const current = this.identityMap.get('colour');
    const chosen = colour ?? (isMemberColour(current) ? current : pickMemberColour());
    this.doc.transact(() => {
      this.identityMap.set('name', validName);
      this.identityMap.set('colour', chosen);
    });
    return { name: validName, colour: chosen };
  }

  /** Subscribes to any change of the personal document; returns the unsubscribe. */
  observe(listener: () => void): () => void {
    const handler = (): void => listener();
    this.doc.on('update', handler);
    return () => this.doc.off('update', handler);
  }
}
