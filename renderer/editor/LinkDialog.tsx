import type { CommandProps } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import type { Editor } from '@tiptap/react';
import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { checkLink, externalLinkSchema } from '../../shared/links.js';
import { Dialog } from '../components/Dialog.js';
import { ErrorMessage, FormActions } from '../components/FormActions.js';


/**
 * Makes, changes or removes the link at the editor's selection. An in-app dialog because
 * Electron does not implement window.prompt. A refused address is explained here and
 * changes nothing; an empty one removes the link.
 */
/**
 * The caret goes just after the link, as in Docs: left selected, the linked words were
 * replaced by the next key when it came before the editor had its focus back (TipTap gives
 * focus back a frame later and puts back its selection over the key's move: End, then
 * Enter, deleted the link).
 */
const caretAfter = ({ tr }: CommandProps): boolean => {
  tr.setSelection(TextSelection.create(tr.doc, tr.selection.to));
  return true;
};

export function LinkDialog({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  // Where the link goes, kept from when the dialog opened: focus leaves the editor meanwhile.
  const [range] = useState(() => selectedRange(editor));
  const [url, setUrl] = useState(() => linkAt(editor, range.from) ?? '');
  const [error, setError] = useState<string | null>(null);

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    const chain = () => editor.chain().focus().setTextSelection(range);
    if (url.trim() === '') {
      chain().extendMarkRange('link').unsetLink().command(caretAfter).run();
      onClose();
      return;
    }
    const check = checkLink(externalLinkSchema, url.trim());
    if (!check.ok) {
      setError(t(`messages.${check.reason}`));
      return;
    }
    if (range.from === range.to && linkAt(editor, range.from) === undefined) {
      // Nothing selected: the address itself becomes the linked text, so the link is not an invisible stored mark.
      chain()
        .insertContent({ type: 'text', text: check.url, marks: [{ type: 'link', attrs: { href: check.url } }] })
        .unsetMark('link')
        .run();
    } else {
      chain().extendMarkRange('link').setLink({ href: check.url }).command(caretAfter).run();
    }
    onClose();
  };

  return (
    <Dialog title={t('editor.linkTitle')} onClose={onClose}>
      <form onSubmit={submit} noValidate className="stack">
        <label htmlFor={`${id}-url`}>{t('editor.linkAddress')}</label>
        <input
          id={`${id}-url`}
          type="url"
          value={url}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          onChange={(e) => {
            setUrl(e.target.value);
            setError(null);
          }}
        />
        <p id={`${id}-hint`} className="hint">
          {t('editor.linkHint')}
        </p>
        <ErrorMessage id={`${id}-error`} message={error} />
        <FormActions submitLabel={t('common.save')} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

/**
 * The selection the person sees. ProseMirror reads a selection change on the next
 * selectionchange event, so a shortcut pressed right after Shift+Arrow can arrive before
 * it and find the state one character behind; the DOM's selection is already right.
 */
function selectedRange(editor: Editor): { from: number; to: number } {
  const { view } = editor;
  const dom = window.getSelection();
  if (view.hasFocus() && dom?.anchorNode && dom.focusNode && view.dom.contains(dom.anchorNode) && view.dom.contains(dom.focusNode)) {
    const anchor = view.posAtDOM(dom.anchorNode, dom.anchorOffset);
    const head = view.posAtDOM(dom.focusNode, dom.focusOffset);
    return { from: Math.min(anchor, head), to: Math.max(anchor, head) };
  }
  return { from: editor.state.selection.from, to: editor.state.selection.to };
}

/** The address of the link at a position, if it is in one. */
function linkAt(editor: Editor, pos: number): string | undefined {
  const link = editor.state.doc
    .resolve(pos)
    .marks()
    .find((mark) => mark.type.name === 'link');
  return link?.attrs.href as string | undefined;
}
