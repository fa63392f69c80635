import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Resource, ResourceList } from '../../../shared/model/ResourceList.js';
import type { OpenCommunity } from '../../app/Workspace.js';
import { useWorkspace } from '../../app/WorkspaceContext.js';
import { useDocSnapshot } from '../../hooks/useDocSnapshot.js';
import { OfferDialog } from './OfferDialog.js';

/** "Offer…" on one resource of a list: the other community gets a list with that resource alone. */
export function OfferResourceButton({ opened, list, resource }: { opened: OpenCommunity; list: ResourceList; resource: Resource }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const others = useDocSnapshot(workspace.personal, () => workspace.personal.communities.some((c) => c.id !== opened.community.id));
  const [open, setOpen] = useState(false);
  if (!others || opened.readOnly) return null;
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} aria-label={t('offer.resourceNamed', { title: resource.title })}>
        {t('offer.resource')}
      </button>
      {open && <OfferDialog from={opened} entry={list} resourceId={resource.id} title={resource.title} onClose={() => setOpen(false)} />}
    </>
  );
}
