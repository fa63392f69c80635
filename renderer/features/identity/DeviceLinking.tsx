import QRCode from 'qrcode';
import { useEffect, useId, useState, useSyncExternalStore, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonalDoc } from '../../../shared/model/PersonalDoc.js';
import { acceptDeviceLink, decodeDeviceLink, encodeDeviceLink, ensureDeviceLink, isDeviceLinkCode } from '../../../shared/protocol/deviceLink.js';
import { parseShortCode } from '../../../shared/protocol/shortCode.js';
import { bridge } from '../../bridge/index.js';
import { ErrorMessage } from '../../components/FormActions.js';
import { errorText } from '../../i18n/messages.js';
import { personalSyncFor } from '../../transport/personalSync.js';
import { claimShortCode } from '../../transport/shortCodeExchange.js';
import { ShortCodePanel } from '../connection/ShortCodePanel.js';

const endpoints = () => bridge.getSignalingEndpoints();

/**
 * Link my devices: this device shows a short code (or the long link code) for the other
 * one, or takes the code the other one shows. Linked devices keep the personal document
 * (journals, private harvests, drafts, settings, community keys) in step, end-to-end
 * encrypted. A wrong or spent code changes nothing.
 */
export function DeviceLinking({ personal, onBack }: { personal: PersonalDoc; onBack: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const sync = personalSyncFor(personal, endpoints);
  const devices = useSyncExternalStore(
    (listener) => sync.observe(listener),
    () => sync.devices,
  );
  const linked = useSyncExternalStore(
    (listener) => sync.observe(listener),
    () => sync.linked,
  );
  const [linkCode, setLinkCode] = useState<string | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  useEffect(() => {
    let live = true;
    // Made when first shown: a device that never links another carries no personal secret.
    const link = ensureDeviceLink(personal, (bytes) => crypto.getRandomValues(bytes));
    void endpoints()
      .catch(() => ({ local: [], discovered: [] }))
      .then((found) => {
        if (live) setLinkCode(encodeDeviceLink({ secret: link.secret, signaling: [...found.local, ...link.signaling].slice(0, 8) }));
      });
    return () => {
      live = false;
    };
  }, [personal]);
  useEffect(() => {
    let live = true;
    if (linkCode) void QRCode.toDataURL(linkCode, { errorCorrectionLevel: 'M', margin: 1, width: 200 }).then((image) => live && setQr(image));
    return () => {
      live = false;
    };
  }, [linkCode]);
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    setError(null);
    setDone(false);
    const text = typed.trim();
    const read = isDeviceLinkCode(text)
      ? Promise.resolve(text)
      : endpoints()
          .catch(() => ({ local: [], discovered: [] }))
          .then((found) => claimShortCode(parseShortCode(text), [...found.local, ...found.discovered]));
    setBusy(true);
    read
      .then((code) => {
        acceptDeviceLink(personal, decodeDeviceLink(code));
        setLinkCode(code.replace(/\s+/g, ''));
        setDone(true);
        setTyped('');
      })
      .catch((failure: unknown) => setError(errorText(failure)))
      .finally(() => setBusy(false));
  };
  return (
    <div className="stack device-linking">
      <p>{t('devices.explain')}</p>
      <p role="status">{linked ? t('devices.connected', { count: devices }) : t('devices.notLinked')}</p>
      <ShortCodePanel invite={linkCode} texts={{ title: t('devices.offerTitle'), explain: t('devices.offerExplain'), used: t('devices.offerUsed') }} />
      <details>
        <summary>{t('devices.longCode')}</summary>
        <textarea readOnly rows={3} aria-label={t('devices.longCode')} value={linkCode ?? ''} onFocus={(e) => e.target.select()} />
        {qr ? <img src={qr} width={200} height={200} alt={t('devices.qrAlt')} className="qr" /> : null}
      </details>
      <form onSubmit={submit} noValidate className="stack">
        <h3>{t('devices.acceptTitle')}</h3>
        <label htmlFor={`${id}-code`}>{t('devices.codeLabel')}</label>
        <input
          id={`${id}-code`}
          value={typed}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setTyped(e.target.value);
            setError(null);
          }}
        />
        <p className="hint">{t('devices.acceptWarning')}</p>
        <ErrorMessage id={`${id}-error`} message={error} />
        {done ? (
          <p role="status" className="success">
            {t('devices.linked')}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || !typed.trim()}>
            {t('devices.link')}
          </button>
          <button type="button" onClick={onBack}>
            {t('personalBackup.back')}
          </button>
        </div>
      </form>
    </div>
  );
}
