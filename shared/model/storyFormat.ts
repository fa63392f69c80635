/**
 * The stored shape of rich text (a harvest's story, a glossary definition, a dilemma
 * reflection): one `Y.Text` of lines, each ended by "\n", the line's block kind carried as
 * Yjs format attributes on that "\n" (as Quill's delta does, and as Automerge's block
 * markers do).
 *
 * Why not ProseMirror's tree as a `Y.XmlFragment` (what y-prosemirror binds to): there a
 * paragraph split is "delete the tail, insert a new paragraph holding a copy of it", so two
 * people splitting the same paragraph offline each insert their own copy and the merge
 * shows the tail twice. Here a split inserts one "\n" and a join deletes one, so concurrent
 * splits, joins and list, quote or heading changes merge character by character and
 * nothing is copied. Nesting is a bounded number (`indent`), never a tree a peer can make
 * arbitrarily deep.
 *
 * The shape, read by every reader (editor binding, plain text, export, search) and written
 * by every writer (editor binding, import, seeding, migration):
 * - An empty text is one empty paragraph. Otherwise the text ends with "\n"; a reader
 *   treats characters after the last "\n" as one more paragraph line.
 * - Characters carry marks as attributes (`StoryMarks`); a "\n" carries its line's
 *   attributes (`StoryLine`). Readers ignore line keys on characters and mark keys on "\n".
 * - Inline embeds (`insertEmbed`): `{ hardBreak: true }`.
 * - Writers always pass an explicit attributes object to `insert` (`{}` for none), because
 *   Yjs otherwise lets inserted text inherit the attributes of what precedes it.
 */

export const storyLimits = {
  /** Deepest list nesting (0 is a top-level list). Deeper input is clamped to this. */
  maxIndent: 7,
  headingLevels: [1, 2, 3] as const,
} as const;

export type StoryBlock = 'paragraph' | 'heading' | 'codeBlock' | 'horizontalRule';
export type StoryListKind = 'bullet' | 'ordered';

/** Attributes of a line, on its closing "\n". Absent keys mean paragraph, no list, no quote. */
export interface StoryLine {
  readonly block?: StoryBlock;
  /** Heading level, one of `storyLimits.headingLevels`, when `block` is `heading`. */
  readonly level?: number;
  /** The line is one list item of this kind. */
  readonly list?: StoryListKind;
  /** List nesting, 0 to `storyLimits.maxIndent`; only with `list`. */
  readonly indent?: number;
  /** The line is inside a block quote (one level). */
  readonly quote?: boolean;
}

/** Marks on characters. */
export interface StoryMarks {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly strike?: boolean;
  readonly underline?: boolean;
  readonly code?: boolean;
  /** Only http(s) and mailto links are kept by readers (`shared/links.ts`). */
  readonly link?: { readonly href: string };
}

export const storyLineBreak = '\n';

/** The inline embed for a hard line break inside a block (Shift+Enter). */
export interface StoryHardBreak {
  readonly hardBreak: true;
}

export const storyLineKeys = ['block', 'level', 'list', 'indent', 'quote'] as const;
export const storyMarkKeys = ['bold', 'italic', 'strike', 'underline', 'code', 'link'] as const;
