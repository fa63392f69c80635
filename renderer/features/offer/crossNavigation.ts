import { createContext, useContext } from 'react';
import type { EntryKind } from '../../../shared/model/Entry.js';

/** Opens an entry in another of this person's communities (the shell switches to it). */
export type OpenElsewhere = (communityId: string, location: { kind: EntryKind; entryId: string }) => void;

export const CrossNavigation = createContext<OpenElsewhere | null>(null);

/** How to open an entry of another community, or null where the view cannot (then links are plain text). */
export function useOpenElsewhere(): OpenElsewhere | null {
  return useContext(CrossNavigation);
}
