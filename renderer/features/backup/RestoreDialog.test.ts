// @vitest-environment jsdom
import { createElement } from 'react';
import * as Y from 'yjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeBackup } from '../../../shared/backup/backupFile.js';
import { Community } from '../../../shared/model/Community.js';
import { PersonalDoc } from '../../../shared/model/PersonalDoc.js';
import { alertText, button, click, installBridge, resetShell, shell, show, statusText, unmount, until } from '../../../tests/unit/dialogHarness.js';
import { Workspace, type OpenCommunity } from '../../app/Workspace.js';
import { initialiseI18n } from '../../i18n/index.js';
import type { RestoreDialog as RestoreDialogType } from './RestoreDialog.js';

// The restore dialog through React and the DOM (jsdom), with the real backup format and
// merge. jsdom has no IndexedDB, so the communities this device has are kept in memory:
// the workspace below opens them from a map instead of from storage, and nothing else.

const amira = { id: 'member-amira', name: 'Amira', colour: '#2557a7' as const };
let RestoreDialog: typeof RestoreDialogType;

class InMemoryWorkspace extends Workspace {
  constructor(
    personal: PersonalDoc,
    private readonly here: Map<string, { community: Community; readOnly: boolean }>,
  ) {
    super(personal);
  }

  override openCommunity(id: string): Promise<OpenCommunity> {
    const found = this.here.get(id);
    if (!found) return Promise.reject(new Error(`${id} is not on this device`));
    return Promise.resolve({ ...found, sync: null, undo: found.community.createUndoManager() } as unknown as OpenCommunity);
  }
}

beforeAll(async () => {
  installBridge();
  ({ RestoreDialog } = await import('./RestoreDialog.js'));
  await initialiseI18n('en');
});

beforeEach(resetShell);
afterEach(unmount);

/** This device, with "Care network" on it (read-only when `readOnly`), and the dialog open. */
function device(readOnly = false): { here: Community; personal: PersonalDoc } {
  const here = Community.create({ name: 'Care network', creator: amira });
  here.glossary.create(amira.id, (e) => e.setTerm('Circle'));
  const personal = new PersonalDoc(new Y.Doc());
  personal.setIdentity(amira.name, amira.colour);
  personal.rememberCommunity(here.id, 'Care network', false);
  const workspace = new InMemoryWorkspace(personal, new Map([[here.id, { community: here, readOnly }]]));
  show(workspace, createElement(RestoreDialog, { onClose: () => undefined }));
  return { here, personal };
}

async function pick(name: string, data: Uint8Array): Promise<void> {
  shell.files = [{ name, data }];
  click(button('Choose a backup file…'));
  await until(() => document.querySelector('.import-preview') !== null || alertText() !== '', `${name} read`);
}

const preview = (): string => document.querySelector('.import-preview')?.textContent ?? '';
const state = (...docs: Y.Doc[]): Uint8Array[] => docs.map((doc) => Y.encodeStateAsUpdate(doc));

describe('the restore dialog', () => {
  it('refuses a file that is not a backup, says why, and changes nothing', async () => {
    const { here, personal } = device();
    const before = state(here.doc, personal.doc);
    await pick('notes.cpbk', new TextEncoder().encode('Not a backup at all, just some text.'));
    expect(alertText()).toBe('This is not a Commonplace backup file. Nothing was changed.');
    expect(preview()).toBe('');
    expect(state(here.doc, personal.doc)).toEqual(before);
  });

  it('refuses a damaged backup', async () => {
    const { here } = device();
    const bytes = encodeBackup({ community: here });
    await pick('care.cpbk', bytes.slice(0, bytes.length - 20));
    expect(alertText()).toBe('This backup file is incomplete (it may not have finished copying). Please copy it again. Nothing was changed.');
    expect(preview()).toBe('');
  });

  it('says what a backup of a community not on this device will do, and does nothing until asked', async () => {
    const { personal } = device();
    const other = Community.create({ name: 'Youth circle', creator: amira });
    const before = state(personal.doc);
    await pick('youth.cpbk', encodeBackup({ community: other }));
    expect(preview()).toContain('Youth circle is not on this device yet: it will be added to your communities.');
    expect(button('Add Youth circle to this device').disabled).toBe(false);
    expect(state(personal.doc)).toEqual(before);

    click(button('Choose another file'));
    expect(preview()).toBe('');
    expect(state(personal.doc)).toEqual(before);
  });

  it('merges a backup of a community already here only once confirmed', async () => {
    const { here } = device();
    const copy = new Community(new Y.Doc());
    Y.applyUpdate(copy.doc, Y.encodeStateAsUpdate(here.doc));
    copy.glossary.create(amira.id, (e) => e.setTerm('Harvest'));
    const backup = encodeBackup({ community: copy });
    await pick('care.cpbk', backup);
    expect(preview()).toContain('Care network is already on this device: the backup will be merged into it.');
    expect(here.glossary.size).toBe(1);

    click(button('Merge into Care network'));
    await until(() => statusText().startsWith('Merged'), 'merged');
    expect(
      here.glossary
        .list()
        .map((e) => e.term)
        .sort(),
    ).toEqual(['Circle', 'Harvest']);
    expect(statusText()).toBe('Merged into Care network: 1 entries before, 2 after.');
    expect(preview()).toBe('');
  });

  it('refuses to merge into a community this version cannot change, and changes nothing', async () => {
    const { here } = device(true);
    const copy = new Community(new Y.Doc());
    Y.applyUpdate(copy.doc, Y.encodeStateAsUpdate(here.doc));
    copy.glossary.create(amira.id, (e) => e.setTerm('Harvest'));
    const before = state(here.doc);
    await pick('care.cpbk', encodeBackup({ community: copy }));
    click(button('Merge into Care network'));
    await until(() => alertText() !== '', 'refused');
    expect(alertText()).toContain('saved by a newer version of Commonplace');
    expect(state(here.doc)).toEqual(before);
  });
});
