import { ChevronDown, ChevronRight } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { harvestMethods, type Harvest } from '../../../shared/model/Harvest.js';
import { useDevicePreference } from '../../app/preferences.js';
import { OverwriteNotice, SelectField, TextField, tryCommit, TypedTextField } from '../../components/fields.js';
import type { Overwrite } from '../../../shared/model/Community.js';
import { useFormat } from '../../i18n/useFormat.js';

/** What the header shows of a harvest's session (a snapshot, so it follows every edit). */
export interface SessionSnapshot {
  readonly sessionDate: string;
  readonly place: string;
  readonly online: boolean;
  readonly method: Harvest['method'];
  readonly methodOther: string;
  readonly callingQuestion: string;
  readonly storytellers: Harvest['storytellers'];
}

/** The choices that fold with the session; a notice on one of them opens the details. */
const sessionChoices = ['sessionDate', 'online', 'method'] as const;

/**
 * A harvest's session details (date, place or online, method, calling question,
 * storytellers) under one summary line that opens and folds them, so the story starts high
 * on the screen. Folded or open is remembered on this device for every harvest: a
 * facilitator who folds it once writes with the story near the top from then on.
 */
export function SessionHeader({
  harvest,
  session,
  readOnly,
  notices,
  dismiss,
}: {
  harvest: Harvest;
  session: SessionSnapshot;
  readOnly: boolean;
  notices: ReadonlyMap<string, Overwrite>;
  dismiss: (key: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useId();
  const [folded, setFolded] = useDevicePreference('session-details-folded');
  // Someone else's value replaced one chosen here: the notice by the field must be seen.
  const open = !folded || sessionChoices.some((key) => notices.has(key));
  const method =
    session.method === 'other' ? session.methodOther.trim() || t('harvests.methods.other') : t(`harvests.methods.${session.method}`);
  // The method always has a value, so the line is never empty.
  const summary = [
    format.day(session.sessionDate),
    method,
    session.online ? t('harvests.online') : session.place.trim(),
    session.storytellers.length > 0 ? t('layout.storytellerCount', { count: session.storytellers.length }) : '',
    session.callingQuestion.trim(),
  ].filter(Boolean);
  return (
    <section className="session-header" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="session-heading">
        <button
          type="button"
          className="session-toggle"
          aria-expanded={open}
          aria-controls={`${id}-details`}
          onClick={() => setFolded(open)}
        >
          {open ? <ChevronDown size={16} aria-hidden /> : <ChevronRight size={16} aria-hidden />}
          <span className="session-label">{t('layout.sessionDetails')}</span>
          <span className="session-summary">{summary.join(' · ')}</span>
        </button>
      </h3>
      <div id={`${id}-details`} className="session-details" hidden={!open}>
        <div className="field-row">
          <div>
            <TextField
              label={t('harvests.sessionDate')}
              type="date"
              value={session.sessionDate}
              readOnly={readOnly}
              onCommit={(v) => {
                harvest.setSessionDate(v);
                dismiss('sessionDate');
              }}
            />
            <OverwriteNotice overwrite={notices.get('sessionDate')} show={(v) => format.day(String(v))} />
          </div>
          <TypedTextField
            label={t('harvests.place')}
            text={harvest.placeText}
            readOnly={readOnly || session.online}
            write={(v) => harvest.setPlace(v)}
          />
          <div className="field checkbox">
            <label>
              <input
                type="checkbox"
                checked={session.online}
                disabled={readOnly}
                onChange={(e) => {
                  harvest.setOnline(e.target.checked);
                  dismiss('online');
                }}
              />
              {t('harvests.online')}
            </label>
            <OverwriteNotice overwrite={notices.get('online')} show={(v) => (v === true ? t('harvests.online') : t('harvests.inPerson'))} />
          </div>
        </div>
        <div className="field-row">
          <SelectField
            label={t('harvests.method')}
            value={session.method}
            disabled={readOnly}
            options={harvestMethods.map((m) => ({ value: m, label: t(`harvests.methods.${m}`) }))}
            onChange={(m) => {
              harvest.setMethod(m);
              dismiss('method');
            }}
          />
          <OverwriteNotice overwrite={notices.get('method')} show={(v) => t(`harvests.methods.${String(v)}`)} />
          {session.method === 'other' && (
            <TypedTextField
              label={t('harvests.methodOther')}
              text={harvest.methodOtherText}
              readOnly={readOnly}
              write={(v) => harvest.setMethodOther(v)}
            />
          )}
        </div>
        <TypedTextField
          label={t('harvests.callingQuestion')}
          text={harvest.callingQuestionText}
          readOnly={readOnly}
          write={(v) => harvest.setCallingQuestion(v)}
        />
        <Storytellers harvest={harvest} storytellers={session.storytellers} readOnly={readOnly} />
      </div>
    </section>
  );
}

function Storytellers({ harvest, storytellers, readOnly }: { harvest: Harvest; storytellers: Harvest['storytellers']; readOnly: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = (anonymous: boolean): void => {
    const failure = tryCommit(() => harvest.addStoryteller(name, anonymous));
    setError(failure);
    if (!failure) setName('');
  };
  return (
    <section className="field" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('harvests.storytellers')}</h3>
      <ul className="chips">
        {storytellers.map((teller) => (
          <li key={teller.id}>
            <span>{teller.anonymous ? t('harvests.anonymous') : teller.name}</span>
            {!readOnly && (
              <button
                type="button"
                className="ghost"
                aria-label={t('harvests.removeStoryteller', { name: teller.anonymous ? t('harvests.anonymous') : teller.name })}
                onClick={() => harvest.removeStoryteller(teller.id)}
              >
                {t('common.closeSymbol')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {!readOnly && (
        <div className="inline-form">
          <label htmlFor={`${id}-name`}>{t('harvests.storytellerName')}</label>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') add(false);
            }}
          />
          <button type="button" onClick={() => add(false)}>
            {t('harvests.addStoryteller')}
          </button>
          <button type="button" onClick={() => add(true)}>
            {t('harvests.addAnonymous')}
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
