import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { memberColours } from './colours.js';
import { PERSONAL_SCHEMA_VERSION, PersonalDoc } from './PersonalDoc.js';

describe('PersonalDoc', () => {
  it('has no identity until the person gives a name', () => {
    const personal = new PersonalDoc(new Y.Doc());
    expect(personal.identity).toBeNull();
    const identity = personal.setIdentity('  Amira  ');
    expect(identity.name).toBe('Amira');
    expect(memberColours).toContain(identity.colour);
    expect(personal.identity).toEqual(identity);
  });

  it('keeps the colour when the name changes', () => {
    const personal = new PersonalDoc(new Y.Doc());
    const first = personal.setIdentity('Amira', '#2557a7');
    expect(personal.setIdentity('Amira K.').colour).toBe(first.colour);
  });

  it('refuses empty and overlong names and changes nothing', () => {
    const personal = new PersonalDoc(new Y.Doc());
    personal.setIdentity('Amira');
    expect(() => personal.setIdentity('   ')).toThrow(/enter your name/);
    expect(() => personal.setIdentity('x'.repeat(61))).toThrow(/60 characters/);
    expect(personal.identity?.name).toBe('Amira');
  });

  it('stamps its schema version and recognises a newer one', () => {
    const doc = new Y.Doc();
    const personal = new PersonalDoc(doc);
    expect(personal.initialise()).toEqual({ status: 'current' });
    expect(personal.meta.get('schemaVersion')).toBe(PERSONAL_SCHEMA_VERSION);
    personal.meta.set('schemaVersion', PERSONAL_SCHEMA_VERSION + 1);
    expect(personal.initialise()).toEqual({ status: 'newer', version: PERSONAL_SCHEMA_VERSION + 1 });
    expect(personal.meta.get('schemaVersion')).toBe(PERSONAL_SCHEMA_VERSION + 1);
  });

  it('survives a round trip through an encoded update', () => {
    const personal = new PersonalDoc(new Y.Doc());
    personal.setIdentity('Giulia', '#7a4fb3');
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(personal.doc));
    expect(new PersonalDoc(copy).identity).toMatchObject({ name: 'Giulia', colour: '#7a4fb3' });
  });
});
