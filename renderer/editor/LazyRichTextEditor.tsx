import { lazy, Suspense } from 'react';
import type { RichTextEditorProps } from './RichTextEditor.js';

// TipTap, ProseMirror and the Yjs binding are a third of the app's code and no list needs
// them: they are fetched once the app has painted and is idle (`preloadRichTextEditor`),
// not before the community is shown, and are there by the time anyone opens an entry.
const load = () => import('./RichTextEditor.js');
const Loaded = lazy(() => load().then((module) => ({ default: module.RichTextEditor })));

/** Fetches the editor's code in the background. */
export function preloadRichTextEditor(): void {
  void load();
}

/** The rich-text editor, loaded on first use; the same props as `RichTextEditor`. */
export function RichTextEditor(props: RichTextEditorProps) {
  return (
    <Suspense fallback={<div className="editor" aria-busy="true" />}>
      <Loaded {...props} />
    </Suspense>
  );
}
