import { afterEach, describe, expect, it } from 'vitest';
import { localDate } from './dates.js';
import { selectForExport } from './export/booklet.js';
import { layoutBooklet } from './export/layout.js';
import { Community } from './model/Community.js';

// Node reads TZ again whenever it changes, so each test can stand in another time zone.
const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

const lateEveningUtc = new Date('2026-12-04T23:30:00Z');

describe('local dates', () => {
  it('is the day where the person is, not in UTC', () => {
    process.env.TZ = 'Pacific/Auckland';
    expect(localDate(lateEveningUtc)).toBe('2026-12-05');
    process.env.TZ = 'America/Los_Angeles';
    expect(localDate(new Date('2026-12-05T01:30:00Z'))).toBe('2026-12-04');
    process.env.TZ = 'UTC';
    expect(localDate(lateEveningUtc)).toBe('2026-12-04');
  });

  it('dates a booklet by the day it was made where it was made', () => {
    process.env.TZ = 'Pacific/Auckland';
    const community = Community.create({ name: 'Care network', creator: { id: 'm1', name: 'Amira', colour: '#2557a7' } });
    const booklet = { ...selectForExport(community, undefined, { scope: { kind: 'community' }, audience: 'community' }), createdAt: lateEveningUtc.getTime() };
    expect(layoutBooklet(booklet).note).toContain('2026-12-05');
  });
});
