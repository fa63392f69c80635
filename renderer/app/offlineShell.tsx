/// <reference types="vite-plugin-pwa/vanillajs" />
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { registerSW } from 'virtual:pwa-register';

/**
 * In the browser, a service worker keeps the app shell so Commonplace opens with no network
 * (the communities themselves are in IndexedDB already). Not under the desktop app's app://
 * protocol, which serves the files from disk and cannot host a service worker.
 */
export function servedOverHttp(protocol: string = location.protocol): boolean {
  return protocol === 'http:' || protocol === 'https:';
}

export function registerOfflineShell(): void {
  if (!servedOverHttp() || !('serviceWorker' in navigator)) return;
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  // A new version waits until the person chooses to reload, so nobody loses a sentence mid-way.
  const update = registerSW({
    onNeedRefresh: () => root.render(<UpdateReady onReload={() => void update()} onLater={() => root.render(null)} />),
    onRegisterError: (error: unknown) => console.warn('Commonplace could not keep itself for offline use:', error),
  });
}

function UpdateReady({ onReload, onLater }: { onReload: () => void; onLater: () => void }) {
  const { t } = useTranslation();
  const [reloading, setReloading] = useState(false);
  return (
    <div className="update-ready" role="status">
      <p>{t('update.ready')}</p>
      <button
        type="button"
        disabled={reloading}
        onClick={() => {
          setReloading(true);
          onReload();
        }}
      >
        {t('update.reload')}
      </button>
      <button type="button" onClick={onLater}>
        {t('update.later')}
      </button>
    </div>
  );
}
