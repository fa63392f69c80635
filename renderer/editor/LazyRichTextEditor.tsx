import { lazy, Suspense } from 'react';
import type { RichTextEditorProps } from './RichTextEditor.js';

// TipTap, ProseMirror and the Yjs binding are a third of the app's code and no list needs
// them: they load when the first entry is opened, not before the community is shown.
const Loaded = lazy(() => import('./RichTextEditor.js').then((module) => ({ default: module.RichTextEditor })));

/** The rich-text editor, loaded on first use; the same props as `RichTextEditor`. */
export function RichTextEditor(props: RichTextEditorProps) {
  return (
    <Suspense fallback={<div className="editor" aria-busy="true" />}>
      <Loaded {...props} />
    </Suspense>
  );
}
