import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Consent } from '../../../shared/model/Harvest.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';

/** The levels a radio button may choose: an arrow key moving through them never makes a harvest public. */
const radioLevels = ['private', 'community'] as const satisfies readonly Consent[];

/**
 * Who may see a harvest. "Private to me" and "This community" are radio buttons; "May be
 * shared publicly" is not one of them: arrow keys move through a radio group and check what
 * they land on, so a stray key would make a harvest public. It is a checkbox of its own
 * (arrows never toggle one) that asks first, naming what it means, and is checked only when
 * the person confirms; unchecking it goes back to "This community".
 *
 * `value` is undefined until the person chooses (the "New harvest" dialog starts there:
 * nothing is pre-selected). `onChoose` gets a level the person picked; public only once confirmed.
 */
export function ConsentChoice({
  value,
  onChoose,
  disabled = false,
  leavingPrivate = false,
  asking = false,
  children,
}: {
  value: Consent | undefined;
  onChoose: (level: Consent) => void;
  disabled?: boolean;
  /** The harvest is private now: going public also shares it with the community, which the confirmation says. */
  leavingPrivate?: boolean;
  /** Asked before the harvest exists (the "New harvest" dialog): says that nothing is written until then. */
  asking?: boolean;
  /** Notes under the choices (someone else changed it, a refusal). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const isPublic = value === 'public';
  return (
    <fieldset className="field consent" aria-describedby={asking ? `${id}-ask` : undefined}>
      <legend>{t('harvests.consent')}</legend>
      {asking && (
        <p className="hint" id={`${id}-ask`}>
          {t('harvests.consentAsk')}
        </p>
      )}
      {radioLevels.map((level) => (
        <label key={level}>
          <input type="radio" name={`${id}-level`} value={level} checked={value === level} disabled={disabled} onChange={() => onChoose(level)} />
          <span>
            <strong>{t(`harvests.consentLevels.${level}`)}</strong>
            <span className="hint"> {t(`harvests.consentHelp.${level}`)}</span>
          </span>
        </label>
      ))}
      <label className="consent-public">
        <input
          type="checkbox"
          checked={isPublic}
          disabled={disabled}
          onChange={(event) => {
            // Checking only asks; unchecking goes back to members only, which takes nothing further.
            if (event.target.checked) setConfirming(true);
            else onChoose('community');
          }}
        />
        <span>
          <strong>{t('harvests.consentLevels.public')}</strong>
          <span className="hint"> {t('harvests.consentHelp.public')}</span>
        </span>
      </label>
      {children}
      {confirming && (
        <ConfirmDialog
          title={t('harvests.publicConfirmTitle')}
          confirmLabel={t('harvests.publicConfirm')}
          onClose={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            onChoose('public');
          }}
        >
          <p>{t('harvests.publicConfirmExplain')}</p>
          {leavingPrivate && <p>{t('harvests.toSharedExplain')}</p>}
          <p>{t('harvests.publicConfirmAsk')}</p>
        </ConfirmDialog>
      )}
    </fieldset>
  );
}
