/**
 * Where the page's selection starts and ends inside `container`, in characters of the text
 * shown there, not counting the visually hidden author labels (which are not the story's
 * text), and the selected text. Null when nothing is selected there.
 */
export function selectionOffsets(container: HTMLElement): { from: number; to: number; text: string } | null {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return null;
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest('.visually-hidden') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  let offset = 0;
  let shown = '';
  let from: number | null = null;
  let to: number | null = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = node.textContent?.length ?? 0;
    if (from === null && (node === range.startContainer || range.comparePoint(node, 0) >= 0)) from = offset + (node === range.startContainer ? range.startOffset : 0);
    if (node === range.endContainer) to = offset + range.endOffset;
    else if (range.comparePoint(node, length) <= 0) to = offset + length;
    offset += length;
    shown += node.textContent ?? '';
  }
  return from !== null && to !== null && to > from ? { from, to, text: shown.slice(from, to) } : null;
}
