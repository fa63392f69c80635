// @vitest-environment jsdom
import { createElement } from 'react';
import * as Y from 'yjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Community } from '../../../shared/model/Community.js';
import { PersonalDoc } from '../../../shared/model/PersonalDoc.js';
import { alertText, button, choice, click, installBridge, resetShell, shell, show, statusText, unmount, until } from '../../../tests/unit/dialogHarness.js';
import { Workspace, type OpenCommunity } from '../../app/Workspace.js';
import { initialiseI18n } from '../../i18n/index.js';
import type { ImportDialog as ImportDialogType } from './ImportDialog.js';

// The import dialog through React and the DOM (jsdom), with the real model and importers
// (Markdown is read in the page: jsdom has no Worker, so parseMarkdown falls back as an old
// shell would). Files come from the test bridge's picker (tests/unit/dialogHarness.ts).

const amira = { id: 'member-amira', name: 'Amira', colour: '#2557a7' as const };
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
let ImportDialog: typeof ImportDialogType;

beforeAll(async () => {
  installBridge();
  ({ ImportDialog } = await import('./ImportDialog.js'));
  await initialiseI18n('en');
});

beforeEach(resetShell);
afterEach(unmount);

function showDialog(): { community: Community; personal: PersonalDoc } {
  const community = Community.create({ name: 'Care network', creator: amira });
  const personal = new PersonalDoc(new Y.Doc());
  personal.setIdentity(amira.name, amira.colour);
  const opened = { community, readOnly: false } as unknown as OpenCommunity;
  show(new Workspace(personal), createElement(ImportDialog, { opened, onClose: () => undefined }));
  return { community, personal };
}

async function pick(name: string, data: Uint8Array, chooseLabel: string): Promise<void> {
  shell.files = [{ name, data }];
  click(button(chooseLabel));
  await until(() => document.querySelector('.import-preview') !== null || alertText() !== '', `${name} read`);
}

describe('the import dialog', () => {
  it('shows what a Markdown file will become, and creates it only when asked', async () => {
    const { community } = showDialog();
    await pick('spring.md', encode('# Spring gathering\n\nWe met under the oak.'), 'Choose a Markdown file…');
    expect(document.querySelector('.import-preview')?.textContent).toContain('“Spring gathering” from spring.md will become a new harvest in Care network.');
    expect(community.harvests.size).toBe(0);

    click(button('Create harvest'));
    expect(community.harvests.list().map((h) => h.title)).toEqual(['Spring gathering']);
    expect(statusText()).toContain('Created the harvest “Spring gathering” in Care network.');
    expect(document.querySelector('.import-preview')).toBeNull();
  });

  it('reads the same file again as another kind', async () => {
    const { community, personal } = showDialog();
    await pick('choice.md', encode('# Report or wait?\n\nA hard one.'), 'Choose a Markdown file…');
    click(choice('A dilemma in my private journal'));
    await until(() => document.querySelector('.import-preview')?.textContent.includes('private journal') === true, 'read as a dilemma');
    click(button('Add to my journal'));
    expect(personal.dilemmas.list().map((d) => d.title)).toEqual(['Report or wait?']);
    expect(community.harvests.size).toBe(0);
  });

  it('refuses a file that is not text, says why, and changes nothing', async () => {
    const { community, personal } = showDialog();
    const before = [Y.encodeStateAsUpdate(community.doc), Y.encodeStateAsUpdate(personal.doc)];
    await pick('photo.md', new Uint8Array([0x23, 0x20, 0x41, 0x00, 0x42]), 'Choose a Markdown file…');
    expect(alertText()).toBe('This file is not text (or not UTF-8 text), so it was not imported. Please save it as UTF-8 text and try again.');
    expect(document.querySelector('.import-preview')).toBeNull();
    expect([Y.encodeStateAsUpdate(community.doc), Y.encodeStateAsUpdate(personal.doc)]).toEqual(before);
  });

  it('refuses a file of the wrong kind before reading it', async () => {
    const { community } = showDialog();
    const before = Y.encodeStateAsUpdate(community.doc);
    await pick('notes.docx', encode('# Not read'), 'Choose a Markdown file…');
    expect(alertText()).toBe('“notes.docx” is not a file of the right kind. Please choose a .md, .markdown, .txt file.');
    expect(Y.encodeStateAsUpdate(community.doc)).toEqual(before);
  });

  it('previews glossary terms from a spreadsheet, then adds them', async () => {
    const { community } = showDialog();
    click(choice('Glossary terms from a spreadsheet'));
    await pick('terms.csv', encode('term,definition\nCircle,People meeting as equals\nHarvest,What a gathering keeps'), 'Choose a CSV file…');
    expect(community.glossary.size).toBe(0);
    click(button('Import 2 terms'));
    expect(
      community.glossary
        .list()
        .map((e) => e.term)
        .sort(),
    ).toEqual(['Circle', 'Harvest']);
    expect(statusText()).toContain('Added 2 terms to the glossary of Care network.');
  });
});
