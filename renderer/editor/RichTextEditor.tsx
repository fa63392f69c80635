import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import { Bold, Heading2, Italic, Link as LinkIcon, List, ListOrdered, Quote } from 'lucide-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { isPlaceholderStory } from '../../shared/model/richText.js';
import { ariaShortcut, isMacPlatform } from '../features/commands/shortcuts.js';
import { useAnnounce } from '../components/Announcer.js';
import { useCommunitySync } from '../features/connection/useSync.js';
import { quietCaretAwareness } from './caretAwareness.js';
import { cleanPastedSlice } from './cleanPaste.js';
import { glossaryHighlightKey, type HighlightTerm } from './glossaryHighlight.js';
import { LinkDialog } from './LinkDialog.js';
import { flattenPastedHtml } from './pastedHtml.js';
import { storyContent } from './storyBinding/storyBinding.js';
import { storyExtensions } from './storyExtensions.js';

/** Ctrl/Cmd+K, as in Docs, Word and Notion; the editor's keymap handles it (storyExtensions.ts). */
const linkShortcut = { key: 'k', mod: true } as const;

/** A glossary term's definition on screen, placed under the term (px from the editor's body). */
interface ShownDefinition {
  readonly term: HighlightTerm;
  /** The pointer rests on the term, or the caret is in it. */
  readonly by: 'pointer' | 'caret';
  readonly top: number;
  readonly left: number;
}

export interface RichTextEditorProps {
  /** The entry's story (shared/model/storyFormat.ts); the editor binds to it and never holds its own copy. */
  readonly text: Y.Text;
  /** Accessible name: says what this editor edits ("Story", "Definition"...). */
  readonly label: string;
  readonly terms: readonly HighlightTerm[];
  readonly readOnly?: boolean;
  /**
   * Whether this person's caret is shown to the community while editing here (default
   * true). False for what is theirs alone (a private harvest, their dilemma journal):
   * nobody is told they are writing there, nor where.
   */
  readonly presence?: boolean;
  /** The language the text is written in (a BCP 47 tag), when it is not the app's: for screen readers and spelling. */
  readonly lang?: string;
}

/**
 * Rich text bound to a story's Y.Text with TipTap (storyBinding/). Pasted HTML passes through the editor's
 * schema, so scripts, event handlers and unknown elements never reach the document, and
 * links with unsafe schemes are dropped.
 */
export function RichTextEditor({ text, label, terms, readOnly, presence = true, lang }: RichTextEditorProps) {
  const { t } = useTranslation();
  // The highlight plugin reads the latest terms through this ref, so the editor does not restart.
  const termsRef = useRef(terms);
  const communitySync = useCommunitySync();
  const sync = presence ? communitySync : null;
  const [linking, setLinking] = useState(false);
  const announce = useAnnounce();
  // What the story cannot hold is said politely, after the paste, and shown by the story
  // until dismissed (the live region alone is heard, not seen): nothing goes silently.
  const [pasteNotice, setPasteNotice] = useState<string | null>(null);
  const announceRef = useRef<(tables: number, images: number) => void>(() => undefined);
  useEffect(() => {
    announceRef.current = (tables, images) => {
      const notices = [tables > 0 ? t('editor.pastedTable', { count: tables }) : '', images > 0 ? t('editor.pastedImages', { count: images }) : ''];
      const notice = notices.filter(Boolean).join(' ');
      announce(notice);
      setPasteNotice(notice);
    };
  });

  const editor = useEditor(
    {
      // A story the entry does not have yet (an old entry before its migration) is a stand-in: read only.
      editable: !readOnly && !isPlaceholderStory(text),
      content: storyContent(text),
      // eslint-disable-next-line react-hooks/refs -- the terms getter runs in ProseMirror's plugin callbacks, never during render
      extensions: storyExtensions({
        text,
        getTerms: () => termsRef.current,
        // Other people's carets, with their names, from the community's presence.
        awareness: sync ? quietCaretAwareness(sync.awareness) : null,
        onLinkShortcut: () => setLinking(true),
      }),
      editorProps: {
        attributes: { role: 'textbox', 'aria-multiline': 'true', 'aria-label': label, class: 'rich-text', spellcheck: 'true', ...(lang ? { lang } : {}) },
        transformPasted: cleanPastedSlice,
        transformPastedHTML: (html) => {
          const pasted = flattenPastedHtml(html);
          if (pasted.tables > 0 || pasted.images > 0) announceRef.current(pasted.tables, pasted.images);
          return pasted.html;
        },
      },
    },
    [text, sync],
  );

  // The language changed: the editor keeps its text and caret, and says its new name.
  useEffect(() => {
    if (editor.isDestroyed || editor.view.dom.getAttribute('aria-label') === label) return;
    const attributes = { ...(editor.options.editorProps.attributes as Record<string, string>), 'aria-label': label };
    editor.setOptions({ editorProps: { ...editor.options.editorProps, attributes } });
  }, [editor, label]);

  // The glossary changed: recompute highlights without recreating the editor.
  useEffect(() => {
    termsRef.current = terms;
    if (!editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(glossaryHighlightKey, true));
  }, [editor, terms]);

  // The definition of a glossary term, shown next to it: where the pointer rests on one, or
  // where the caret is in one. Escape hides it until the caret or pointer moves to a term again.
  const tooltipId = useId();
  const boxRef = useRef<HTMLDivElement>(null);
  const [definition, setDefinition] = useState<ShownDefinition | null>(null);
  const at = (rect: { left: number; bottom: number }): { top: number; left: number } => {
    const box = boxRef.current?.getBoundingClientRect();
    return box ? { top: rect.bottom - box.top + 4, left: rect.left - box.left } : { top: 0, left: 0 };
  };
  const termById = (id: string | undefined): HighlightTerm | null =>
    id ? (termsRef.current.find((term) => term.id === id) ?? null) : null;
  const atCaret = (): ShownDefinition | null => {
    if (editor.isDestroyed || !editor.isFocused) return null;
    const { from } = editor.state.selection;
    const found = glossaryHighlightKey.getState(editor.state)?.find(from, from)[0];
    const term = termById((found?.spec as { termId?: string } | undefined)?.termId);
    return found && term ? { term, by: 'caret', ...at(editor.view.coordsAtPos(found.from, 1)) } : null;
  };
  const atCaretRef = useRef(atCaret);
  useEffect(() => {
    atCaretRef.current = atCaret;
  });

  useEffect(() => {
    // Typing inside a term keeps the same definition in the same place: no new render per key.
    const update = (): void =>
      setDefinition((shown) => {
        const next = atCaretRef.current();
        return shown && next && shown.term === next.term && shown.top === next.top && shown.left === next.left && shown.by === next.by ? shown : next;
      });
    const hide = (): void => setDefinition((shown) => (shown?.by === 'caret' ? null : shown));
    editor.on('selectionUpdate', update);
    editor.on('focus', update);
    editor.on('blur', hide);
    return () => {
      editor.off('selectionUpdate', update);
      editor.off('focus', update);
      editor.off('blur', hide);
    };
  }, [editor]);

  // While it shows, the story's textbox is described by it; Escape closes it (WCAG 1.4.13).
  useEffect(() => {
    if (!definition || editor.isDestroyed) return;
    const dom = editor.view.dom;
    dom.setAttribute('aria-describedby', tooltipId);
    const onKey = (event: globalThis.KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      setDefinition(null);
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      dom.removeAttribute('aria-describedby');
      window.removeEventListener('keydown', onKey, true);
    };
  }, [editor, definition, tooltipId]);

  return (
    <div className="editor">
      {!readOnly && <Toolbar editor={editor} label={label} onLink={() => setLinking(true)} />}
      {linking && <LinkDialog editor={editor} onClose={() => setLinking(false)} />}
      <div
        ref={boxRef}
        className="editor-body"
        onMouseOver={(event) => {
          const target = (event.target as HTMLElement).closest<HTMLElement>('.glossary-term');
          const term = termById(target?.dataset.termId);
          const line = target?.getClientRects()[0];
          if (term && line && definition?.term !== term) setDefinition({ term, by: 'pointer', ...at(line) });
        }}
        onMouseLeave={() => setDefinition(atCaret())}
      >
        <EditorContent editor={editor} />
        {definition && (
          <div
            id={tooltipId}
            role="tooltip"
            className="term-popover"
            style={{ top: definition.top, left: `clamp(0px, ${definition.left}px, calc(100% - min(22rem, 100%)))` }}
          >
            <strong>{definition.term.term}</strong> {definition.term.definition || t('glossary.noDefinition')}
          </div>
        )}
      </div>
      {pasteNotice && (
        <div className="notice paste-notice">
          <p>{pasteNotice}</p>
          <button type="button" className="ghost" onClick={() => setPasteNotice(null)}>
            {t('common.dismiss')}
          </button>
        </div>
      )}
      {/* Said once more, politely, for whoever does not see it appear beside the word. */}
      <div className="visually-hidden" role="note" aria-live="polite">
        {definition &&
          t('glossary.inlineDefinition', {
            term: definition.term.term,
            definition: definition.term.definition || t('glossary.noDefinition'),
          })}
      </div>
    </div>
  );
}

function ToolbarButton({
  label,
  active,
  onClick,
  children,
  shortcut,
}: {
  label: string;
  active?: boolean;
  onClick: () => void;
  children: ReactNode;
  shortcut?: string;
}) {
  return (
    // tabIndex -1: the toolbar is one Tab stop; the toolbar's own key handler moves between buttons.
    <button
      type="button"
      className="tool"
      tabIndex={-1}
      aria-label={label}
      title={label}
      aria-pressed={active}
      aria-keyshortcuts={shortcut}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

function Toolbar({ editor, label, onLink }: { editor: Editor; label: string; onLink: () => void }) {
  const { t } = useTranslation();
  // Re-renders only when a button's pressed state changes, not on every keystroke: a React
  // commit while the editor has focus makes React measure the selection across the whole
  // story (a few ms in a long harvest).
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      heading: e.isActive('heading', { level: 2 }),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      blockquote: e.isActive('blockquote'),
      link: e.isActive('link'),
    }),
  });
  const chain = () => editor.chain().focus();
  // Roving tabindex (WAI-ARIA toolbar pattern): one button is the Tab stop; arrows, Home and End move it.
  const [current, setCurrent] = useState(0);
  const ref = useRef<HTMLDivElement>(null);
  const buttons = (): HTMLButtonElement[] => Array.from(ref.current?.querySelectorAll<HTMLButtonElement>('button.tool') ?? []);
  useEffect(() => {
    buttons().forEach((button, index) => {
      button.tabIndex = index === current ? 0 : -1;
    });
  });
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const all = buttons();
    const at = all.findIndex((button) => button === event.target);
    if (at < 0) return;
    // In a right-to-left page the arrows follow what the eye sees.
    const rtl = getComputedStyle(event.currentTarget).direction === 'rtl';
    const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 }[event.key];
    const next =
      event.key === 'Home' ? 0 : event.key === 'End' ? all.length - 1 : step !== undefined ? (at + step + all.length) % all.length : null;
    if (next === null) return;
    event.preventDefault();
    setCurrent(next);
    all[next]?.focus();
  };
  return (
    <div
      ref={ref}
      role="toolbar"
      aria-label={t('editor.toolbar', { label })}
      className="toolbar"
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        const target: EventTarget = event.target;
        const at = buttons().findIndex((button) => button === target);
        if (at >= 0) setCurrent(at);
      }}
    >
      <ToolbarButton label={t('editor.bold')} active={active.bold} onClick={() => chain().toggleBold().run()}>
        <Bold size={16} aria-hidden />
      </ToolbarButton>
      <ToolbarButton label={t('editor.italic')} active={active.italic} onClick={() => chain().toggleItalic().run()}>
        <Italic size={16} aria-hidden />
      </ToolbarButton>
      <ToolbarButton label={t('editor.heading')} active={active.heading} onClick={() => chain().toggleHeading({ level: 2 }).run()}>
        <Heading2 size={16} aria-hidden />
      </ToolbarButton>
      <ToolbarButton label={t('editor.bulletList')} active={active.bulletList} onClick={() => chain().toggleBulletList().run()}>
        <List size={16} aria-hidden />
      </ToolbarButton>
      <ToolbarButton label={t('editor.orderedList')} active={active.orderedList} onClick={() => chain().toggleOrderedList().run()}>
        <ListOrdered size={16} aria-hidden />
      </ToolbarButton>
      <ToolbarButton label={t('editor.quote')} active={active.blockquote} onClick={() => chain().toggleBlockquote().run()}>
        <Quote size={16} aria-hidden />
      </ToolbarButton>
      <ToolbarButton label={t('editor.link')} active={active.link} onClick={onLink} shortcut={ariaShortcut(linkShortcut, isMacPlatform())}>
        <LinkIcon size={16} aria-hidden />
      </ToolbarButton>
    </div>
  );
}
