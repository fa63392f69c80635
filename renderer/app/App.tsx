import { useTranslation } from 'react-i18next';
import type { PersonalDoc } from '../../shared/model/PersonalDoc.js';
import { Home } from '../features/home/Home.js';
import { FirstRun } from '../features/identity/FirstRun.js';
import { useDocSnapshot } from '../hooks/useDocSnapshot.js';

/** The app once storage is open: first run until the person has a name, then home. */
export function App({ personal }: { personal: PersonalDoc }) {
  const { t } = useTranslation();
  const identity = useDocSnapshot(personal, () => personal.identity);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      {identity ? <Home identity={identity} /> : <FirstRun personal={personal} />}
    </>
  );
}
