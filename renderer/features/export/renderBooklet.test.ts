import { describe, expect, it } from 'vitest';
import { selectForExport } from '../../../shared/export/booklet.js';
import { englishLabels } from '../../../shared/export/layout.js';
import { Community } from '../../../shared/model/Community.js';
import { renderBooklet } from './renderBooklet.js';

const amira = { id: 'member-amira', name: 'Amira', colour: '#2557a7' as const };

function booklet() {
  const community = Community.create({ name: 'Réseau de soin', domain: 'Care', creator: amira });
  community.harvests.create(amira.id, (harvest) => {
    harvest.setTitle('Rencontre de printemps');
    harvest.setSharedConsent('community');
  });
  return selectForExport(community, undefined, { scope: { kind: 'community' }, audience: 'community' });
}

describe('renderBooklet', () => {
  it('gives the desktop PDF the booklet as print parts: one, the HTML export itself, for a short booklet', async () => {
    const request = { booklet: booklet(), labels: { ...englishLabels, contents: 'Sommaire' }, lang: 'fr' };
    const html = await renderBooklet({ ...request, format: 'html' });
    const parts = await renderBooklet({ ...request, format: 'printParts' });
    expect(parts).toEqual([html]);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Sommaire');
    expect(html).toContain('Rencontre de printemps');
  });
});
