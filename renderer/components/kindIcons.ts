import { BookOpen, HelpCircle, Library, Sprout, type LucideIcon } from 'lucide-react';
import type { EntryKind } from '../../shared/model/Entry.js';

/** The icon of each kind, the same wherever a kind is named (welcome, navigation, commands). */
export const kindIcons: Record<EntryKind, LucideIcon> = {
  glossary: BookOpen,
  harvest: Sprout,
  dilemma: HelpCircle,
  resourceList: Library,
};
