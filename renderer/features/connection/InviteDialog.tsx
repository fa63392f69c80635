import QRCode from 'qrcode';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { encodeInvite } from '../../../shared/protocol/invite.js';
import { effectiveConnectionSettings, relayUrlsOf } from '../../../shared/protocol/connectionSettings.js';
import type { OpenCommunity } from '../../app/Workspace.js';
import { useWorkspace } from '../../app/WorkspaceContext.js';
import { bridge } from '../../bridge/index.js';
import { Dialog } from '../../components/Dialog.js';
import { ShortCodePanel } from './ShortCodePanel.js';

/**
 * Shows the invite: a code to copy and a QR code to scan across the room. It carries the
 * room secret, so the dialog says plainly who should get it.
 */
export function InviteDialog({ opened, onClose }: { opened: OpenCommunity; onClose: () => void }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const id = useId();
  const { community } = opened;
  const [code, setCode] = useState<string | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const access = workspace.personal.communityAccess(community.id);
    if (!access) return;
    void bridge
      .getSignalingEndpoints()
      .catch(() => ({ local: [], discovered: [] }))
      .then(async (endpoints) => {
        // Only servers this person confirmed go into an invite: a new member trusts what it carries.
        const servers = effectiveConnectionSettings(community, workspace.personal);
        const signaling = [...new Set([...endpoints.local, ...servers.signaling, ...access.inviteSignaling])].slice(0, 8);
        // An invite names one relay (the first); the community's full list arrives with its settings.
        const relay = relayUrlsOf(servers.relay)[0];
        const invite = encodeInvite({ communityId: community.id, communityName: community.profile.name, secret: access.secret, signaling, ...(relay ? { relay } : {}) });
        const image = await QRCode.toDataURL(invite, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
        if (!live) return;
        setCode(invite);
        setQr(image);
      });
    return () => {
      live = false;
    };
  }, [community, workspace]);
  return (
    <Dialog title={t('invite.title', { community: community.profile.name })} onClose={onClose}>
      <div className="stack">
        <p>{t('invite.explain')}</p>
        <p className="notice">{t('invite.secretWarning')}</p>
        <label htmlFor={`${id}-code`}>{t('invite.code')}</label>
        <textarea id={`${id}-code`} readOnly rows={4} value={code ?? ''} className="invite-code" onFocus={(e) => e.target.select()} />
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={!code}
            onClick={() => {
              if (!code) return;
              navigator.clipboard.writeText(code).then(
                () => setCopied(t('invite.copied')),
                () => setCopied(t('invite.copyFailed')),
              );
            }}
          >
            {t('invite.copy')}
          </button>
        </div>
        <p role="status" className="success">
          {copied}
        </p>
        {qr && <img src={qr} width={240} height={240} alt={t('invite.qrAlt', { community: community.profile.name })} className="qr" />}
        <ShortCodePanel invite={code} />
      </div>
    </Dialog>
  );
}
