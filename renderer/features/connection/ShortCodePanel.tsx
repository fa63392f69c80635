import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfferStatus } from '../../../shared/protocol/shortCode.js';
import { bridge } from '../../bridge/index.js';
import { offerShortCode, type OfferConnection, type ShortCodeOfferHandle } from '../../transport/shortCodeExchange.js';
import './connection.css';

/** m:ss, for a countdown under ten minutes. */
const minutesAndSeconds = (ms: number): string => {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
};

/**
 * "Short code for people in the room": a 10-character code that brings the long invite to
 * one device that types it, through the signaling server both reach, for 10 minutes. The
 * panel says what became of it: used, or burned by a wrong attempt, or expired. Linking a
 * person's own devices uses the same panel with its own `texts` and a link code as `invite`.
 */
export function ShortCodePanel({ invite, texts }: { invite: string | null; texts?: { readonly title: string; readonly explain: string; readonly used: string } }) {
  const { t } = useTranslation();
  const id = useId();
  const [handle, setHandle] = useState<ShortCodeOfferHandle | null>(null);
  const [status, setStatus] = useState<OfferStatus>('waiting');
  const [connection, setConnection] = useState<OfferConnection>('connecting');
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!handle) return;
    const offStatus = handle.offer.onStatus(setStatus);
    const offConnection = handle.onConnection(setConnection);
    const tick = setInterval(() => {
      setNow(Date.now());
      handle.offer.expireIfDue();
    }, 1000);
    return () => {
      offStatus();
      offConnection();
      clearInterval(tick);
      // Closing the dialog or making a new code ends this one: nobody listens for it any more.
      handle.close();
    };
  }, [handle]);
  const make = (): void => {
    if (!invite) return;
    void bridge
      .getSignalingEndpoints()
      .catch(() => ({ local: [], discovered: [] }))
      .then((endpoints) => {
        setStatus('waiting');
        setConnection('connecting');
        setNow(Date.now());
        setHandle(offerShortCode(invite, [...endpoints.local, ...endpoints.discovered]));
      });
  };
  const problem = connection === 'unreachable' || connection === 'refused';
  const live = handle !== null && status !== 'used' && status !== 'burned' && status !== 'expired' && !problem;
  const message = problem
    ? t(`shortCode.${connection}`)
    : connection === 'connecting' && status === 'waiting'
      ? t('shortCode.connecting')
      : status === 'used' && texts
        ? texts.used
        : t(`shortCode.${status}`);
  return (
    <section className="short-code stack" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{texts?.title ?? t('shortCode.title')}</h3>
      <p>{texts?.explain ?? t('shortCode.explain')}</p>
      {handle ? (
        <>
          <p className="short-code-line">
            {t('shortCode.codeLabel')}{' '}
            <strong className="short-code-value" data-used={live ? undefined : 'true'}>
              {handle.code.text}
            </strong>
          </p>
          {live ? <p className="short-code-remaining">{t('shortCode.remaining', { time: minutesAndSeconds(handle.offer.expiresAt - now) })}</p> : null}
          <p role="status" className={status === 'burned' || problem ? 'warning' : status === 'used' ? 'success' : undefined}>
            {message}
          </p>
        </>
      ) : null}
      <div className="actions">
        <button type="button" disabled={!invite} onClick={make}>
          {handle ? t('shortCode.makeNew') : t('shortCode.make')}
        </button>
      </div>
    </section>
  );
}
