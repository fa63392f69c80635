import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Identity } from '../../../shared/model/PersonalDoc.js';

/** Home with no community yet: says what a community is and what to do next. */
export function Home({ identity }: { identity: Identity }) {
  const { t } = useTranslation();
  const mainRef = useRef<HTMLElement>(null);
  // Arriving from the name form, whose button just disappeared: put focus where the page starts.
  useEffect(() => mainRef.current?.focus(), []);
  return (
    <>
      <header className="app-header">
        <span className="app-name">{t('app.name')}</span>
        <span className="who">
          <span className="swatch" style={{ backgroundColor: identity.colour }} aria-hidden="true" />
          {identity.name}
        </span>
      </header>
      <main id="main" className="home" tabIndex={-1} ref={mainRef}>
        <h1>{t('home.greeting', { name: identity.name })}</h1>
        <section aria-labelledby="communities-title" className="card">
          <h2 id="communities-title">{t('home.communitiesTitle')}</h2>
          <p className="empty-title">{t('home.emptyTitle')}</p>
          <p>{t('home.emptyBody')}</p>
          <h3>{t('home.nextStepsTitle')}</h3>
          <ul>
            <li>{t('home.nextCreate')}</li>
            <li>{t('home.nextJoin')}</li>
            <li>{t('home.nextPrivate')}</li>
          </ul>
        </section>
      </main>
    </>
  );
}
