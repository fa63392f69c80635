import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createCommunity, createEntry, inviteCode, join, openKind, signedIn, syncStatus } from './app.js';
import { axeViolations } from './axeCheck.js';
import { browserPerFile, patientPoll } from './browserPerFile.js';

// A shared dilemma stays its sharer's, between two members in two browser contexts over the
// real mesh: the other member responds in her own attributed words instead of editing the
// sharer's, sharing again updates the one copy, and the sharer can withdraw it.

const { browser, baseUrl } = browserPerFile();
const poll = <T>(read: () => T | Promise<T>) => patientPoll(read, 30_000);

const sharedList = (page: Page) => page.getByRole('list', { name: 'Shared with this community' });
const detail = (page: Page) => page.locator('#main .detail');

describe('a dilemma shared with the community', () => {
  it('stays its sharer’s: others respond, sharing again updates it, she can withdraw it', { timeout: 180_000 }, async () => {
    const a = await signedIn(browser(), baseUrl, 'Amira');
    await createCommunity(a.page, 'Care circle');
    const b = await signedIn(browser(), baseUrl, 'Giulia');
    await join(b.page, await inviteCode(a.page), 'Care circle');
    await poll(() => syncStatus(a.page).textContent()).toContain('1 peer');

    // Amira's journal: a reflection on a day she chooses (today unless she says otherwise).
    await openKind(a.page, 'Dilemmas');
    await createEntry(a.page, 'New dilemma', 'Title', 'Report or wait?');
    await a.page.getByLabel('Context', { exact: true }).fill('A colleague, a deadline.');
    const day = a.page.getByLabel('Date of the new reflection');
    expect(await day.inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await day.fill('2026-11-20');
    await day.press('Enter');
    await a.page.getByRole('button', { name: 'Add reflection' }).click();
    await poll(() => a.page.getByRole('textbox', { name: /^Reflection of .*20 November 2026$/ }).count()).toBe(1);
    // Its day can be changed afterwards too.
    const itsDay = a.page.getByLabel(/^Day of the reflection of .*20 November 2026$/);
    await itsDay.fill('2026-11-21');
    await itsDay.press('Enter');
    await poll(() => a.page.getByRole('textbox', { name: /^Reflection of .*21 November 2026$/ }).count()).toBe(1);
    expect(await axeViolations(a.page, 'dilemma journal with a reflection')).toEqual([]);
    // No date: refused with the reason, nothing added.
    await day.fill('');
    await day.press('Enter');
    await a.page.getByRole('button', { name: 'Add reflection' }).click();
    await poll(() => detail(a.page).getByRole('alert').textContent()).toContain('Please give a date as year-month-day.');
    expect(await a.page.getByRole('textbox', { name: /^Reflection of/ }).count()).toBe(1);

    await a.page.getByRole('button', { name: 'Share with community' }).click();
    await a.page.getByRole('dialog').getByRole('button', { name: 'Share a copy' }).click();
    await poll(() => sharedList(a.page).getByRole('button', { name: /Report or wait\?/ }).count()).toBe(1);

    // Giulia sees it as Amira's: nothing of Amira's can be edited; her response is her own.
    await openKind(b.page, 'Dilemmas');
    await poll(() => sharedList(b.page).getByRole('button', { name: /Report or wait\?/ }).count()).toBe(1);
    await sharedList(b.page).getByRole('button', { name: /Report or wait\?/ }).click();
    await poll(() => detail(b.page).getByLabel('Context', { exact: true }).inputValue()).toBe('A colleague, a deadline.');
    expect(await detail(b.page).getByLabel('Context', { exact: true }).isEditable()).toBe(false);
    expect(await detail(b.page).getByLabel('Title', { exact: true }).isEditable()).toBe(false);
    expect(await detail(b.page).getByRole('textbox', { name: /^Reflection of/ }).getAttribute('contenteditable')).toBe('false');
    expect(await detail(b.page).getByRole('button', { name: /Delete dilemma|Withdraw|History/ }).count()).toBe(0);
    expect(await detail(b.page).textContent()).toContain('It stays Amira’s');
    await b.page.getByRole('button', { name: 'Add my response' }).click();
    await poll(() => detail(b.page).getByRole('alert').textContent()).toContain('Please write your response first.');
    await b.page.getByLabel('Your response').fill('I would talk to her first.');
    await b.page.getByRole('button', { name: 'Add my response' }).click();
    const giuliasOnB = detail(b.page).getByRole('listitem', { name: /^Giulia \(you\), / });
    await poll(() => giuliasOnB.textContent()).toContain('I would talk to her first.');
    expect(await axeViolations(b.page, 'shared dilemma, a member’s view')).toEqual([]);

    // Amira sees Giulia's words, attributed, and cannot change or delete them.
    await sharedList(a.page).getByRole('button', { name: /Report or wait\?/ }).click();
    const giuliasOnA = detail(a.page).getByRole('listitem', { name: /^Giulia, / });
    await poll(() => giuliasOnA.textContent()).toContain('I would talk to her first.');
    expect(await giuliasOnA.getByRole('button').count()).toBe(0);
    expect(await detail(a.page).textContent()).toContain('You shared this');

    // Giulia edits her own response; Amira sees the change.
    await giuliasOnB.getByRole('button', { name: 'Edit my response' }).click();
    await b.page.getByLabel('My response').fill('I would talk to her first, then write it down.');
    await b.page.getByRole('button', { name: 'Save' }).click();
    await poll(() => giuliasOnA.textContent()).toContain('then write it down.');
    expect(await giuliasOnA.textContent()).toContain('edited');

    // Amira changes her journal and shares again: the same copy is updated, the response stays.
    await a.page.getByRole('list', { name: 'My private journal' }).getByRole('button', { name: /Report or wait\?/ }).click();
    await a.page.getByLabel('Context', { exact: true }).fill('A colleague, a deadline, a promise.');
    await a.page.getByRole('button', { name: 'Update the shared copy' }).click();
    const update = a.page.getByRole('dialog', { name: 'Update the copy shared with Care circle?' });
    expect(await update.textContent()).toContain('responses stay');
    await update.getByRole('button', { name: 'Update the shared copy' }).click();
    await poll(() => detail(b.page).getByLabel('Context', { exact: true }).inputValue()).toBe('A colleague, a deadline, a promise.');
    expect(await sharedList(b.page).getByRole('listitem').count()).toBe(1);
    expect(await sharedList(a.page).getByRole('listitem').count()).toBe(1);
    expect(await giuliasOnB.textContent()).toContain('then write it down.');

    // Amira withdraws it, told honestly what that cannot undo; Cancel first changes nothing.
    await a.page.getByRole('button', { name: 'Withdraw from Care circle' }).click();
    const withdraw = a.page.getByRole('dialog', { name: 'Withdraw this dilemma from Care circle?' });
    expect(await withdraw.textContent()).toContain('Members keep what they already saw or synced');
    expect(await axeViolations(a.page, 'withdraw dialog')).toEqual([]);
    await withdraw.getByRole('button', { name: 'Cancel' }).click();
    expect(await sharedList(a.page).getByRole('listitem').count()).toBe(1);
    await a.page.getByRole('button', { name: 'Withdraw from Care circle' }).click();
    await withdraw.getByRole('button', { name: 'Withdraw', exact: true }).click();
    await poll(() => a.page.getByText('No one has shared a dilemma here yet.').isVisible()).toBe(true);
    await poll(() => b.page.getByText('No one has shared a dilemma here yet.').isVisible()).toBe(true);
    expect(await a.page.getByRole('list', { name: 'My private journal' }).getByRole('button', { name: /Report or wait\?/ }).count()).toBe(1);
    expect(await a.page.getByRole('button', { name: 'Share with community' }).isVisible()).toBe(true);

    expect([...a.problems, ...b.problems]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });
});
