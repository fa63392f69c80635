// @vitest-environment jsdom
import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { Community } from '../../shared/model/Community.js';
import { appendParagraphs } from '../../shared/model/richText.js';
import { glossaryHighlightKey, highlightTermsOf } from './glossaryHighlight.js';
import { storyContent } from './storyBinding/storyBinding.js';
import { storyExtensions } from './storyExtensions.js';

const creator = { id: 'm1', name: 'Amira', colour: '#2557a7' as const };
const editors: Editor[] = [];
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
});

/** The highlighted words of a real editor bound to a harvest's story, as the app builds it. */
function highlighted(editor: Editor): string[] {
  return [...editor.view.dom.querySelectorAll('.glossary-term')].map(
    (element) => `${element.textContent}→${element.getAttribute('data-term-id')}`,
  );
}

describe('highlighting a term by its names in other languages', () => {
  it('finds any of the term’s names in a story, and a language added later once the glossary is refreshed', () => {
    const community = Community.create({ name: 'Orti', creator });
    const term = community.glossary.create(creator.id, (e) => e.setTerm('Harvest'));
    appendParagraphs(term.definition, ['What a circle brings forth.']);
    term.addLanguage('de', 'Ernte');
    const story = community.harvests.create(creator.id, (h) => h.setTitle('Mixed'));
    appendParagraphs(story.body, ['The harvest, die Ernte, il raccolto.']);

    let terms = highlightTermsOf(community.glossary.list());
    const editor = new Editor({
      element: document.body.appendChild(document.createElement('div')),
      extensions: storyExtensions({ text: story.body, getTerms: () => terms }),
      content: storyContent(story.body),
    });
    editors.push(editor);
    expect(editor.getText()).toBe('The harvest, die Ernte, il raccolto.');
    expect(highlighted(editor)).toEqual([`harvest→${term.id}`, `Ernte→${term.id}`]);

    // Another person adds Italian: the host refreshes the terms, as CommunityView does.
    term.addLanguage('it', 'raccolto');
    terms = highlightTermsOf(community.glossary.list());
    editor.view.dispatch(editor.state.tr.setMeta(glossaryHighlightKey, true));
    expect(highlighted(editor)).toEqual([`harvest→${term.id}`, `Ernte→${term.id}`, `raccolto→${term.id}`]);
    // Its tooltip names the term and its definition, whichever name was found.
    expect(editor.view.dom.querySelector('.glossary-term:last-of-type')?.getAttribute('title')).toBe(
      'Harvest: What a circle brings forth.',
    );

    term.removeLanguage('de');
    terms = highlightTermsOf(community.glossary.list());
    editor.view.dispatch(editor.state.tr.setMeta(glossaryHighlightKey, true));
    expect(highlighted(editor)).toEqual([`harvest→${term.id}`, `raccolto→${term.id}`]);
  });
});
