import * as Y from 'yjs';
import { z } from 'zod';
import { CommonplaceError, refusal } from '../CommonplaceError.js';
import { Entry } from './Entry.js';
import {
  languageSchema,
  longTextSchema,
  parseField,
  readBoolean,
  readString,
  readStringList,
  replaceStringList,
  stringList,
  titleSchema,
  typedShortTextSchema,
} from './fields.js';
import { readTextField, textFieldOf } from './textFields.js';
import { appendParagraphs, newStory, readStory, storedStory, storyKey, storyToPlainText } from './richText.js';

/** A term's name and definition in one more language. */
export interface TermLanguage {
  /** A BCP 47 tag in its canonical form, such as `de` or `pt-BR`. */
  readonly language: string;
  readonly name: string;
  /** A story, bound to the editor like the main definition. */
  readonly definition: Y.Text;
  readonly definitionText: string;
}

/**
 * A language tag a person typed, checked as BCP 47 (`Intl.getCanonicalLocales` knows the
 * grammar) and given back in its canonical form, so `pt-br` and `pt-BR` are one language.
 */
export const termLanguageSchema = z
  .string(refusal('termLanguageTag'))
  .trim()
  .min(1, refusal('termLanguageTag'))
  .max(35, refusal('termLanguageTag'))
  .transform((tag, context) => {
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical) return canonical;
    } catch {
      // Not a well-formed tag: refused below.
    }
    context.addIssue({ code: 'custom', message: 'termLanguageTag' });
    return z.NEVER;
  });

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

  /**
   * The term in other languages, by tag. An entry made before languages existed has no
   * map until the migration gives it one (never a getter: two peers creating it at once
   * would each make one, and one's languages would be lost): it reads as none.
   */
  get languages(): TermLanguage[] {
    const translations = this.map.get('translations');
    if (!(translations instanceof Y.Map)) return [];
    const languages: TermLanguage[] = [];
    for (const [language, value] of translations.entries()) {
      if (!(value instanceof Y.Map)) continue;
      const definition = readStory(value as Y.Map<unknown>, storyKey.definition);
      languages.push({
        language,
        name: readString(value as Y.Map<unknown>, 'name'),
        definition,
        definitionText: storyToPlainText(storedStory(value as Y.Map<unknown>, storyKey.definition)),
      });
    }
    return languages.sort((a, b) => a.language.localeCompare(b.language));
  }

  /**
   * Adds the term's name (and, if given, its definition) in another language. Two people
   * adding the same language at the same moment each make one; one of the two is kept.
   */
  addLanguage(language: string, name: string, definition = ''): TermLanguage {
    const tag = parseField(termLanguageSchema, language);
    const cleanName = parseField(titleSchema, name);
    const cleanDefinition = parseField(longTextSchema, definition).trim();
    const translations = this.map.get('translations');
    if (!(translations instanceof Y.Map)) throw new CommonplaceError('storyNotUpgraded');
    if (translations.has(tag)) throw new CommonplaceError('termLanguageTwice');
    const entry = new Y.Map<unknown>();
    this.change(() => {
      translations.set(tag, entry);
      entry.set('name', cleanName);
      const story = newStory();
      entry.set(storyKey.definition, story);
      if (cleanDefinition) appendParagraphs(story, cleanDefinition.split(/\n+/));
    });
    return this.languages.find((l) => l.language === tag) as TermLanguage;
  }

  /** Renames the term in one of its other languages. */
  setLanguageName(language: string, name: string): void {
    const entry = this.languageMap(language);
    const cleanName = parseField(titleSchema, name);
    this.change(() => entry.set('name', cleanName));
  }

  removeLanguage(language: string): void {
    const translations = this.map.get('translations');
    const tag = parseField(termLanguageSchema, language);
    if (!(translations instanceof Y.Map) || !translations.has(tag)) throw new CommonplaceError('termLanguageMissing');
    this.change(() => translations.delete(tag));
  }

  /** The names alone, without reading every definition: highlighting asks on each change. */
  private languageNames(): string[] {
    const translations = this.map.get('translations');
    if (!(translations instanceof Y.Map)) return [];
    return [...translations.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([, value]) => (value instanceof Y.Map ? [readString(value as Y.Map<unknown>, 'name')] : []));
  }

  private languageMap(language: string): Y.Map<unknown> {
    const tag = parseField(termLanguageSchema, language);
    const translations = this.map.get('translations');
    const entry: unknown = translations instanceof Y.Map ? translations.get(tag) : undefined;
    if (!(entry instanceof Y.Map)) throw new CommonplaceError('termLanguageMissing');
    return entry as Y.Map<unknown>;
  }

  /** Every name this term is known by, in every language, for highlighting, search and duplicate checks. */
  get allNames(): string[] {
    return [this.term, ...this.otherNames, ...this.languageNames()].filter((name) => name.trim().length > 0);
  }
}
