import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { memberColours } from './colours.js';
import { PERSONAL_SCHEMA_VERSION, PersonalDoc } from './PersonalDoc.js';
import { stampSchemaVersion } from './schemaVersion.js';

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
    expect(() => personal.setIdentity('   ')).toThrow('enterName');
    expect(() => personal.setIdentity('x'.repeat(61))).toThrow('nameTooLong');
    expect(personal.identity?.name).toBe('Amira');
  });

  it('stamps its schema version and recognises a newer one', () => {
    const doc = new Y.Doc();
    const personal = new PersonalDoc(doc);
    expect(personal.initialise()).toEqual({ status: 'current' });
    expect(personal.meta.get('schemaVersion')).toBe(PERSONAL_SCHEMA_VERSION);
    stampSchemaVersion(personal.meta, PERSONAL_SCHEMA_VERSION + 1); // as a newer app does: with its mark
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

  it('stays one person when two linked devices that each had an identity merge', () => {
    // Each app session writes under a new client id. Yjs settles a key's concurrent writes by
    // where the first writes of that key stand, so id, name and colour (first written together)
    // follow one device: never one device's id with the other's name.
    const session = (clientID: number, state?: Uint8Array): PersonalDoc => {
      const doc = new Y.Doc();
      doc.clientID = clientID;
      if (state) Y.applyUpdate(doc, state);
      return new PersonalDoc(doc);
    };
    const laptopFirst = session(5);
    const amira = laptopFirst.setIdentity('Amira', '#7a4fb3');
    const laptop = session(900, Y.encodeStateAsUpdate(laptopFirst.doc));
    laptop.setIdentity('Amira O.');
    const phone = session(500);
    const ben = phone.setIdentity('Ben', '#2557a7');
    Y.applyUpdate(laptop.doc, Y.encodeStateAsUpdate(phone.doc));
    Y.applyUpdate(phone.doc, Y.encodeStateAsUpdate(laptop.doc));
    expect(laptop.identity).toEqual(phone.identity);
    expect([{ ...amira, name: 'Amira O.' }, ben]).toContainEqual(laptop.identity);
  });
});

describe('PersonalDoc: private journals and harvests', () => {
  it('keeps private dilemmas and private harvests per community, most recent first', () => {
    const personal = new PersonalDoc(new Y.Doc());
    const dilemma = personal.dilemmas.create('me', (d) => d.setTitle('Report or wait?'));
    const mine = personal.privateHarvests.create('me', (h) => h.setTitle('Notes A'), { consent: 'private', communityId: 'community-a' });
    personal.privateHarvests.create('me', (h) => h.setTitle('Notes B'), { consent: 'private', communityId: 'community-b' });
    expect(personal.dilemmas.list().map((d) => d.title)).toEqual(['Report or wait?']);
    expect(personal.dilemmas.get(dilemma.id)?.status).toBe('open');
    expect(personal.privateHarvestsOf('community-a').map((h) => [h.title, h.consent])).toEqual([['Notes A', 'private']]);
    expect(personal.privateHarvestsOf('community-b').map((h) => h.title)).toEqual(['Notes B']);
    expect(personal.privateHarvests.get(mine.id)?.map.get('communityId')).toBe('community-a');
  });

  it('undoes its own private edits, including a deleted dilemma with its reflections', () => {
    const personal = new PersonalDoc(new Y.Doc());
    const undo = personal.createUndoManager();
    const dilemma = personal.dilemmas.create('me', (d) => d.setTitle('Report or wait?'));
    const id = dilemma.id;
    undo.stopCapturing();
    dilemma.addReflection('2024-04-30');
    undo.stopCapturing();
    personal.dilemmas.delete(id);
    expect(personal.dilemmas.has(id)).toBe(false);
    undo.undo();
    expect(personal.dilemmas.get(id)?.title).toBe('Report or wait?');
    expect(personal.dilemmas.get(id)?.reflections.map((r) => r.date)).toEqual(['2024-04-30']);
    undo.undo();
    expect(personal.dilemmas.get(id)?.reflections).toEqual([]);
    undo.undo();
    expect(personal.dilemmas.has(id)).toBe(false);
  });

  it('remembers communities, most recently opened first, and forgets them', () => {
    const personal = new PersonalDoc(new Y.Doc());
    personal.rememberCommunity('a', 'Circle A');
    personal.rememberCommunity('b', 'Circle B', false);
    expect(personal.communities.map((c) => c.id)).toEqual(['a', 'b']);
    personal.rememberCommunity('a', 'Circle A renamed', false);
    expect(personal.communities.find((c) => c.id === 'a')?.name).toBe('Circle A renamed');
    personal.forgetCommunity('a');
    expect(personal.communities.map((c) => c.id)).toEqual(['b']);
  });

  it('does not rewrite a newer personal document', () => {
    const source = new PersonalDoc(new Y.Doc());
    stampSchemaVersion(source.meta, PERSONAL_SCHEMA_VERSION + 5);
    const loaded = new PersonalDoc(new Y.Doc());
    Y.applyUpdate(loaded.doc, Y.encodeStateAsUpdate(source.doc));
    let updates = 0;
    loaded.doc.on('update', () => updates++);
    expect(loaded.initialise()).toEqual({ status: 'newer', version: PERSONAL_SCHEMA_VERSION + 5 });
    expect(updates).toBe(0);
  });
});

describe('PersonalDoc: settings', () => {
  it('follows the system language and theme until the person chooses', () => {
    const personal = new PersonalDoc(new Y.Doc());
    expect(personal.settings).toEqual({ language: null, theme: 'system' });
    personal.setLanguage('it');
    personal.setTheme('dark');
    expect(personal.settings).toEqual({ language: 'it', theme: 'dark' });
    personal.setLanguage(null);
    expect(personal.settings.language).toBeNull();
  });

  it('refuses what is not a language code or a theme, and ignores junk stored by others', () => {
    const personal = new PersonalDoc(new Y.Doc());
    expect(() => personal.setLanguage('<script>')).toThrow('languageCode');
    expect(() => personal.setTheme('neon' as 'dark')).toThrow('chooseTheme');
    personal.doc.getMap('settings').set('theme', 42);
    personal.doc.getMap('settings').set('language', 'not a tag');
    expect(personal.settings).toEqual({ language: null, theme: 'system' });
  });

  it('keeps the choice across a reload of the stored state', () => {
    const personal = new PersonalDoc(new Y.Doc());
    personal.setLanguage('it');
    personal.setTheme('light');
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(personal.doc));
    expect(new PersonalDoc(copy).settings).toEqual({ language: 'it', theme: 'light' });
  });
});
