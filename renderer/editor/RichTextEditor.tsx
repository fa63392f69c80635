import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import { Bold, Heading2, Italic, Link as LinkIcon, List, ListOrdered, Quote } from 'lucide-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { checkLink, externalLinkSchema } from '../../shared/links.js';
import { isPlaceholderStory } from '../../shared/model/richText.js';
import { useCommunitySync } from '../features/sync/useSync.js';
import { quietCaretAwareness } from './caretAwareness.js';
import { cleanPastedSlice } from './cleanPaste.js';
import { glossaryHighlightKey, type HighlightTerm } from './glossaryHighlight.js';
import { storyContent } from './storyBinding/storyBinding.js';
import { storyExtensions } from './storyExtensions.js';

export interface RichTextEditorProps {
  /** The entry's story (shared/model/storyFormat.ts); the editor binds to it and never holds its own copy. */
  readonly text: Y.Text;
  /** Accessible name: says what this editor edits ("Story", "Definition"...). */
  readonly label: string;
  readonly terms: readonly HighlightTerm[];
  readonly readOnly?: boolean;
}

/**
 * Rich text bound to a story's Y.Text with TipTap (storyBinding/). Pasted HTML passes through the editor's
 * schema, so scripts, event handlers and unknown elements never reach the document, and
 * links with unsafe schemes are dropped.
 */
export function RichTextEditor({ text, label, terms, readOnly }: RichTextEditorProps) {
  const { t } = useTranslation();
  // The highlight plugin reads the latest terms through this ref, so the editor does not restart.
  const termsRef = useRef(terms);
  const sync = useCommunitySync();
  const [focusedTerm, setFocusedTerm] = useState<HighlightTerm | null>(null);

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
      }),
      editorProps: {
        attributes: { role: 'textbox', 'aria-multiline': 'true', 'aria-label': label, class: 'rich-text', spellcheck: 'true' },
        transformPasted: cleanPastedSlice,
      },
    },
    [text, sync],
  );

  // The glossary changed: recompute highlights without recreating the editor.
  useEffect(() => {
    termsRef.current = terms;
    if (!editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(glossaryHighlightKey, true));
  }, [editor, terms]);

  useEffect(() => {
    const update = (): void => {
      const { from } = editor.state.selection;
      const found = glossaryHighlightKey.getState(editor.state)?.find(from, from)[0];
      const termId = (found?.spec as { termId?: string } | undefined)?.termId;
      setFocusedTerm(termId ? (termsRef.current.find((term) => term.id === termId) ?? null) : null);
    };
    editor.on('selectionUpdate', update);
    editor.on('blur', () => setFocusedTerm(null));
    return () => {
      editor.off('selectionUpdate', update);
    };
  }, [editor]);

  return (
    <div className="editor">
      {!readOnly && <Toolbar editor={editor} label={label} />}
      <div
        onMouseOver={(event) => {
          const target = (event.target as HTMLElement).closest<HTMLElement>('.glossary-term');
          const id = target?.dataset.termId;
          if (id) setFocusedTerm(termsRef.current.find((term) => term.id === id) ?? null);
        }}
        onMouseLeave={() => {
          if (!editor.isFocused) setFocusedTerm(null);
        }}
      >
        <EditorContent editor={editor} />
      </div>
      <div className="term-note" role="note" aria-live="polite">
        {focusedTerm && t('glossary.inlineDefinition', { term: focusedTerm.term, definition: focusedTerm.definition || t('glossary.noDefinition') })}
      </div>
    </div>
  );
}

function ToolbarButton({ label, active, onClick, children }: { label: string; active?: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button type="button" className="tool" aria-label={label} title={label} aria-pressed={active} onMouseDown={(e) => e.preventDefault()} onClick={onClick}>
      {children}
    </button>
  );
}

function Toolbar({ editor, label }: { editor: Editor; label: string }) {
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
  const addLink = (): void => {
    const url = window.prompt(t('editor.linkPrompt'));
    if (url === null) return;
    if (url.trim() === '') {
      chain().unsetLink().run();
      return;
    }
    const check = checkLink(externalLinkSchema, url.trim());
    if (!check.ok) {
      window.alert(check.reason);
      return;
    }
    chain().extendMarkRange('link').setLink({ href: check.url }).run();
  };
  return (
    <div role="toolbar" aria-label={t('editor.toolbar', { label })} className="toolbar">
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
      <ToolbarButton label={t('editor.link')} active={active.link} onClick={addLink}>
        <LinkIcon size={16} aria-hidden />
      </ToolbarButton>
    </div>
  );
}
