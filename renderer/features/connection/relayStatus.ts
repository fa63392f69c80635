import type { TFunction } from 'i18next';
import { relayRefusals } from '../../../shared/protocol/relay/token.js';
import type { SyncStatus } from '../../transport/CommunitySync.js';

const codeByReason = new Map<string, keyof typeof relayRefusals>(Object.entries(relayRefusals).map(([code, reason]) => [reason, code as keyof typeof relayRefusals]));

/**
 * The relay's refusal in the person's language: the relay sends its reason as the English
 * text of relayRefusals (shared/protocol/relay/token.ts); each has a key under `relayRefusal`.
 * Anything else is our own guard closing a relay that sent what we could not accept.
 */
export function relayRefusalText(t: TFunction, reason: string | undefined): string {
  const code = reason === undefined ? undefined : codeByReason.get(reason);
  return code ? t(`relayRefusal.${code}`) : t('relayRefusal.unaccepted');
}

/** The relay part of the status line, or '' when no relay is configured. */
export function relayStatusText(t: TFunction, status: SyncStatus): string {
  switch (status.relay) {
    case 'connected':
      return status.largeSession ? t('sync.relayLargeSession') : t('sync.relayConnected');
    case 'connecting':
      return t('sync.relayConnecting');
    case 'unavailable':
      return t('sync.relayUnavailable');
    case 'refused':
      return t('sync.relayRefused', { reason: relayRefusalText(t, status.relayReason) });
    case 'none':
      return '';
  }
}
