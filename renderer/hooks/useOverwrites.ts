import { useEffect, useState } from 'react';
import type { Community, Overwrite } from '../../shared/model/Community.js';
import type { Entry } from '../../shared/model/Entry.js';

/**
 * Choices this person made in `entry` that someone else has since replaced, by field
 * (Community.observeOverwrites), so a view can say "Ben changed this to …" by the field.
 * A field's notice goes when this person changes that field again.
 */
export function useOverwrites(community: Community, entry: Entry, keys: readonly string[], memberId: string | undefined): { readonly notices: ReadonlyMap<string, Overwrite>; readonly dismiss: (key: string) => void } {
  const [notices, setNotices] = useState<ReadonlyMap<string, Overwrite>>(new Map());
  const keyList = keys.join('\n');
  useEffect(() => {
    if (!memberId) return undefined;
    return community.observeOverwrites(entry, keyList.split('\n'), memberId, (overwrite) => setNotices((current) => new Map(current).set(overwrite.key, overwrite)));
  }, [community, entry, keyList, memberId]);
  const dismiss = (key: string): void =>
    setNotices((current) => {
      if (!current.has(key)) return current;
      const next = new Map(current);
      next.delete(key);
      return next;
    });
  return { notices, dismiss };
}
