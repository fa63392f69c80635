import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMUNITY_SCHEMA_VERSION, type Community } from '../../../shared/model/Community.js';
import { ignoreSchemaVersion, judgeSchemaVersion } from '../../../shared/model/schemaVersion.js';
import { useWorkspace } from '../../app/WorkspaceContext.js';

/**
 * Says the community claims a newer version and offers the way out: anyone in the
 * community could have written that claim, so the person may ignore it and edit anyway
 * (after a reload, since the open community was set up read-only).
 */
export function NewerVersionNotice({ community }: { community: Community }) {
  const { t } = useTranslation();
  const { personal } = useWorkspace();
  const [ignored, setIgnored] = useState(false);
  const verdict = judgeSchemaVersion(community.meta, COMMUNITY_SCHEMA_VERSION);
  const version = verdict.status === 'current' ? null : verdict.version;
  return (
    <div className="notice stack" role="alert">
      <p>{t('community.readOnly')}</p>
      {version !== null &&
        (ignored ? (
          <p>{t('community.versionIgnored')}</p>
        ) : (
          <>
            <p>{t('community.readOnlyWayOut', { version, ours: COMMUNITY_SCHEMA_VERSION })}</p>
            <div className="actions">
              <button
                type="button"
                onClick={() => {
                  ignoreSchemaVersion(personal.doc, community.id, version);
                  setIgnored(true);
                }}
              >
                {t('community.ignoreVersion')}
              </button>
            </div>
          </>
        ))}
    </div>
  );
}
