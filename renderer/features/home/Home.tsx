import { Keyboard, LogIn, Plus } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Identity } from '../../../shared/model/PersonalDoc.js';
import { formatShortcut, isMacPlatform } from '../commands/shortcuts.js';
import { shortcuts } from '../commands/useAppCommands.js';

/** Home with no community yet: says what a community is and what to do next. */
export function Home({ identity, onNewCommunity, onJoin }: { identity: Identity; onNewCommunity: () => void; onJoin: () => void }) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Arriving from the name form, whose button just disappeared: put focus where the page starts.
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <div className="home">
      <h1 ref={headingRef} tabIndex={-1}>
        {t('home.greeting', { name: identity.name })}
      </h1>
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
        <div className="actions">
          <button type="button" className="primary" onClick={onNewCommunity}>
            <Plus size={16} aria-hidden />
            {t('communities.new')}
          </button>
          <button type="button" onClick={onJoin}>
            <LogIn size={16} aria-hidden />
            {t('join.button')}
          </button>
        </div>
      </section>
      <p className="hint shortcut-tip">
        <Keyboard size={16} aria-hidden />
        {t('home.shortcutTip', { shortcut: formatShortcut(shortcuts.palette, isMacPlatform()) })}
      </p>
    </div>
  );
}
