import type { OpenCommunity } from '../../app/Workspace.js';
import type { HighlightTerm } from '../../editor/glossaryHighlight.js';
import type { Deletion } from './UndoBar.js';

/** What every kind's view gets from the community view. */
export interface KindViewProps {
  readonly opened: OpenCommunity;
  readonly selectedId: string | null;
  readonly onSelect: (id: string | null) => void;
  readonly terms: readonly HighlightTerm[];
  readonly onDeleted: (deletion: Deletion) => void;
  /** The "New …" dialog is open; kept by the shell so Ctrl/Cmd+Shift+N can open it. */
  readonly creating: boolean;
  readonly onCreatingChange: (creating: boolean) => void;
}
