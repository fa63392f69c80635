import { Extension, type AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { checkLink, externalLinkSchema } from '../../shared/links.js';
import { storyLimits } from '../../shared/model/storyFormat.js';
import { GlossaryHighlight, type HighlightTerm } from './glossaryHighlight.js';
import { ScrollWhenNeeded } from './scrollWhenNeeded.js';
import { StoryBindingExtension } from './storyBinding/storyBinding.js';
import { StoryCarets } from './storyBinding/storyCarets.js';

export interface StoryExtensionsOptions {
  /** The story's text (shared/model/storyFormat.ts). */
  readonly text: Y.Text;
  readonly getTerms: () => readonly HighlightTerm[];
  /** The community's presence, for carets; none when not syncing. */
  readonly awareness?: Awareness | null;
  /** See `StoryBindingOptions.undoCaptureTimeout`. */
  readonly undoCaptureTimeout?: number;
  /** Ctrl/Cmd+K in the story asks for a link, as in Docs, Word and Notion. */
  readonly onLinkShortcut?: () => void;
}

/** Links in content may only point at the web or at an email address. */
const isAllowedUri = (url: string): boolean => checkLink(externalLinkSchema, url).ok;

/**
 * The editor's extensions, in one place so the app and the tests that drive real editors
 * cannot drift apart.
 */
export function storyExtensions({ text, getTerms, awareness, undoCaptureTimeout = 500, onLinkShortcut }: StoryExtensionsOptions): AnyExtension[] {
  return [
    StarterKit.configure({
      undoRedo: false, // the story binding brings Yjs's own, local-only undo
      // An empty line added whenever the story ends in a list or heading: two people
      // would each add one.
      trailingNode: false,
      heading: { levels: [...storyLimits.headingLevels] },
      link: { openOnClick: false, autolink: true, protocols: [], isAllowedUri: (url) => isAllowedUri(url) },
    }),
    StoryBindingExtension.configure({ text, undoCaptureTimeout }),
    ScrollWhenNeeded,
    GlossaryHighlight.configure({ getTerms }),
    // Other people's carets, with their names, from the community's presence.
    ...(awareness ? [StoryCarets.configure({ text, awareness })] : []),
    ...(onLinkShortcut ? [linkShortcut(onLinkShortcut)] : []),
  ];
}

/** Handled here, the key never reaches the window, so the command palette does not open over the story. */
function linkShortcut(run: () => void): AnyExtension {
  return Extension.create({
    name: 'linkShortcut',
    addKeyboardShortcuts: () => ({
      'Mod-k': () => {
        run();
        return true;
      },
    }),
  });
}
