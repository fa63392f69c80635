import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { needsConfirmation, offerEntry } from '../../../shared/model/crossPollination.js';
import type { Entry, EntryKind } from '../../../shared/model/Entry.js';
import type { OpenCommunity } from '../../app/Workspace.js';
import { useWorkspace } from '../../app/WorkspaceContext.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorMessage, FormActions } from '../../components/FormActions.js';
import { errorText } from '../../i18n/messages.js';
import { useOpenElsewhere } from './crossNavigation.js';
import { useMyCommunities } from './useMyCommunities.js';

/**
 * "Offer to another community…": the person picks one of their other communities and a
 * copy is made there with where it came from. The model decides what may go (a private
 * harvest or journal never does); for a harvest kept to its own community the person
 * confirms, in a sentence naming the other community, that its storytellers agreed.
 */
export function OfferDialog({
  from,
  entry,
  resourceId,
  title: shownTitle,
  onClose,
}: {
  from: OpenCommunity;
  entry: Entry;
  /** Offer only this resource of the list. */
  resourceId?: string;
  /** What is offered, when not the entry's title (one resource). */
  title?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const openElsewhere = useOpenElsewhere();
  const { communities } = useMyCommunities();
  const targets = communities.filter((c) => c.community.id !== from.community.id && !c.readOnly);
  const [targetId, setTargetId] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ communityId: string; name: string; kind: EntryKind; entryId: string } | null>(null);
  const errorId = useId();
  const target = targets.find((c) => c.community.id === targetId) ?? null;
  const confirming = needsConfirmation(entry);
  const title = shownTitle ?? (entry.title || t('common.untitled'));

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    if (!target) {
      setError(t('offer.chooseFirst'));
      return;
    }
    try {
      const copy = offerEntry({
        personal: workspace.personal,
        from: from.community,
        kind: entry.kind,
        entryId: entry.id,
        to: target.community,
        resourceId,
        confirmedFor: confirming && confirmed ? target.community.id : undefined,
      });
      setDone({ communityId: target.community.id, name: target.community.profile.name, kind: copy.kind, entryId: copy.id });
      setError(null);
    } catch (refusal) {
      setError(errorText(refusal));
    }
  };

  return (
    <Dialog title={t('offer.title', { title })} onClose={onClose}>
      {done ? (
        <>
          <p role="status">{t('offer.done', { community: done.name })}</p>
          <div className="actions">
            {openElsewhere && (
              <button
                type="button"
                className="primary"
                onClick={() => {
                  onClose();
                  openElsewhere(done.communityId, { kind: done.kind, entryId: done.entryId });
                }}
              >
                {t('offer.openThere', { community: done.name })}
              </button>
            )}
            <button type="button" onClick={onClose}>
              {t('common.close')}
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={submit} aria-describedby={error ? errorId : undefined}>
          <p className="hint">{t('offer.explain', { community: from.community.profile.name })}</p>
          {targets.length === 0 ? (
            <p className="hint">{t('offer.noOther')}</p>
          ) : (
            <div className="field">
              <label>
                {t('offer.to')}
                <select
                  value={targetId}
                  onChange={(event) => {
                    setTargetId(event.target.value);
                    // A confirmation names one community: choosing another asks again.
                    setConfirmed(false);
                    setError(null);
                  }}
                >
                  <option value="">{t('offer.choose')}</option>
                  {targets.map(({ community }) => (
                    <option key={community.id} value={community.id}>
                      {community.profile.name}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          )}
          {confirming && target && (
            <div className="field checkbox offer-confirm">
              <label>
                <input type="checkbox" checked={confirmed} onChange={(event) => setConfirmed(event.target.checked)} />
                {t('offer.confirmCommunityOnly', { from: from.community.profile.name, to: target.community.profile.name })}
              </label>
            </div>
          )}
          <ErrorMessage id={errorId} message={error} />
          <FormActions submitLabel={t('offer.submit')} onCancel={onClose} />
        </form>
      )}
    </Dialog>
  );
}
