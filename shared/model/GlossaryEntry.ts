import * as Y from 'yjs';
import { Entry } from './Entry.js';
import { languageSchema, longTextSchema, parseField, readBoolean, readString, readStringList, replaceStringList, stringList, titleSchema, typedShortTextSchema } from './fields.js';
import { readTextField, textFieldOf } from './textFields.js';
import { readStory, storedStory, storyKey, storyToPlainText } from './richText.js';

/**
 * A term of the community's shared language. Disagreement is welcome: a term can be
 * marked contested, with a note on the discussion.
 */
export class GlossaryEntry extends Entry {
  readonly kind = 'glossary' as const;

  get term(): string {
    return readString(this.map, 'term');
  }
  get title(): string {
    return this.term;
  }
  /** A story (storyFormat.ts), bound to the editor. Read-only, as `Harvest.body`. */
  get definition(): Y.Text {
    return readStory(this.map, storyKey.definition);
  }
  get definitionText(): string {
    return storyToPlainText(storedStory(this.map, storyKey.definition));
  }
  get otherNames(): string[] {
    return readStringList(this.map, 'otherNames');
  }
  get examples(): string[] {
    return readStringList(this.map, 'examples');
  }
  /** Ids of entries this one links to. Links show both ways: see `Community.relatedTerms`. */
  get linkedIds(): string[] {
    const links = this.map.get('related');
    return links instanceof Y.Map ? [...links.keys()] : [];
  }
  get proposedBy(): string {
    return readTextField(this.map, 'proposedBy');
  }
  get proposedByText(): Y.Text {
    return textFieldOf(this.map, 'proposedBy');
  }
  get language(): string {
    return readString(this.map, 'language');
  }
  get contested(): boolean {
    return readBoolean(this.map, 'contested');
  }
  get discussion(): string {
    return readTextField(this.map, 'discussion');
  }
  get discussionText(): Y.Text {
    return textFieldOf(this.map, 'discussion');
  }

  setTerm(term: string): void {
    this.setTitleField('term', term);
  }
  setOtherNames(names: readonly string[]): void {
    const clean = names.map((name) => parseField(titleSchema, name));
    this.change(() => replaceStringList(stringList(this.map, 'otherNames'), clean));
  }
  setExamples(examples: readonly string[]): void {
    const clean = examples.map((example) => parseField(longTextSchema, example).trim()).filter(Boolean);
    this.change(() => replaceStringList(stringList(this.map, 'examples'), clean));
  }
  setProposedBy(name: string): void {
    this.setTextField('proposedBy', typedShortTextSchema, name);
  }
  setLanguage(language: string): void {
    this.setField('language', parseField(languageSchema, language));
  }
  setContested(contested: boolean, discussion?: string): void {
    if (discussion !== undefined) parseField(longTextSchema, discussion);
    this.change(() => {
      this.map.set('contested', contested);
      if (discussion !== undefined) this.setDiscussion(discussion);
    });
  }
  setDiscussion(discussion: string): void {
    this.setTextField('discussion', longTextSchema, discussion);
  }

  /** A set keyed by id, so two people linking the same pair at once make one link. */
  link(otherId: string): void {
    if (otherId === this.id) return;
    this.change(() => {
      let links = this.map.get('related');
      if (!(links instanceof Y.Map)) {
        links = new Y.Map<boolean>();
        this.map.set('related', links);
      }
      (links as Y.Map<boolean>).set(otherId, true);
    });
  }
  unlink(otherId: string): void {
    const links = this.map.get('related');
    if (links instanceof Y.Map && links.has(otherId)) this.change(() => links.delete(otherId));
  }

  /** Every name this term is known by, for highlighting and duplicate checks. */
  get allNames(): string[] {
    return [this.term, ...this.otherNames].filter((name) => name.trim().length > 0);
  }
}
