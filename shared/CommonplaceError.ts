import type { z } from 'zod';

/**
 * Every refusal the model, the importers, backups, invites and connection settings can give,
 * as a code. The UI shows `messages.<code>` in the person's language (renderer/i18n); this
 * code runs in Node too and knows no language. Adding a refusal is one code here and one key
 * in each locale's "messages" (tests/unit/locales.test.ts checks both).
 */
export const errorCodes = [
  // Fields a person types (model/fields.ts and each kind).
  'mustBeText',
  'titleNotText',
  'titleRequired',
  'titleTooLong',
  'shortTextTooLong',
  'textTooLong',
  'tagEmpty',
  'tagTooLong',
  'dateFormat',
  'languageCode',
  'valueInvalid',
  'enterName',
  'nameTooLong',
  'nameFirst',
  'chooseTheme',
  'chooseMethod',
  'chooseType',
  'chooseCost',
  'chooseConsent',
  'storytellerName',
  'itemEmpty',
  'reflectionFailed',
  // Links.
  'linkNotText',
  'linkTooLong',
  'externalLinkOnly',
  'webLinkOnly',
  'linkNotAllowed',
  // Entries that are gone or cannot be written.
  'dilemmaGone',
  'harvestGone',
  'resourceGone',
  'storyNotUpgraded',
  'historyNotWritable',
  'passageGone',
  'checkpointNameEmpty',
  'checkpointNameLong',
  'checkpointGone',
  'checkpointDamaged',
  'checkpointAhead',
  'trashGone',
  'trashDamaged',
  'trashAlreadyBack',
  'entryNotYet',
  // A shared dilemma stays its sharer's; responses are their authors'; harvest items.
  'sharedDilemmaIsSharers',
  'shareNeedsSharer',
  'withdrawNotShared',
  'withdrawNotYours',
  'responseOnlyShared',
  'responseNoAuthor',
  'responseEmpty',
  'responseGone',
  'responseNotYours',
  'reflectionGone',
  'itemGone',
  'itemMovesOne',
  // Offering an entry to another community, and a term's other languages.
  'offerKind',
  'offerPrivateDilemma',
  'offerPrivateHarvest',
  'offerNotYours',
  'offerSameCommunity',
  'offerNotMember',
  'offerGone',
  'offerConfirm',
  'offerResourceOnly',
  'termLanguageTag',
  'termLanguageTwice',
  'termLanguageMissing',
  // Invites and connection settings.
  'pasteInvite',
  'inviteTooLong',
  'notInvite',
  'inviteIncomplete',
  'inviteChanged',
  'inviteDamaged',
  'inviteNewer',
  'inviteInvalid',
  'inviteSecretDiffers',
  'websocketAddress',
  'iceAddress',
  'tooManyRelays',
  'relayTwice',
  'tooManySignaling',
  'tooManyIce',
  'serverSettingsInvalid',
  // The short code for people in the same room, and linking a person's own devices.
  'shortCodeEmpty',
  'shortCodeMalformed',
  'shortCodeNotFound',
  'shortCodeWrong',
  'shortCodeUsed',
  'shortCodeBurned',
  'shortCodeExpired',
  'shortCodeNoSignaling',
  'shortCodeTooManyAttempts',
  'shortCodeNoAnswer',
  'shortCodeBadInvite',
  'noWebCrypto',
  'deviceLinkEmpty',
  'deviceLinkNotALink',
  'deviceLinkDamaged',
  // Import.
  'importTooLarge',
  'importNotText',
  'importTooComplex',
  'importKindNotMarkdown',
  // Backups (community and personal).
  'backupTruncated',
  'backupCorrupted',
  'backupForeign',
  'backupNewerFormat',
  'backupNewerCommunity',
  'backupDifferentCommunity',
  'backupNotACommunity',
  'backupUnsafe',
  'wrongPassphrase',
  'weakPassphrase',
  'noKeychain',
  'notPersonalDocument',
  // Not a refusal: the person stopped an export.
  'exportCancelled',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** Values a message names ("larger than {{limit}} MB"). */
export type ErrorParams = Readonly<Record<string, string | number>>;

const knownCodes: ReadonlySet<string> = new Set(errorCodes);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && knownCodes.has(value);
}

/**
 * Bad input, or an entry that is gone, was refused and nothing was changed. `message` is the
 * code (with its params) for logs; a person sees the translation of `code`.
 */
export class CommonplaceError extends Error {
  override readonly name = 'CommonplaceError';
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
  ) {
    super(Object.keys(params).length > 0 ? `${code} ${JSON.stringify(params)}` : code);
  }
}

/**
 * A refusal that lost its class on the way: Electron passes a main-process error to the
 * renderer only as text ("Error invoking remote method '…': CommonplaceError: noKeychain"),
 * so the code (and params) are read back from the end of that text. Null for anything else.
 */
export function refusalFromText(text: string): CommonplaceError | null {
  const found = /(?:^|: )CommonplaceError: (\w+)(?: (\{.*\}))?$/s.exec(text);
  if (!found || !isErrorCode(found[1])) return null;
  let params: unknown = {};
  try {
    params = found[2] ? JSON.parse(found[2]) : {};
  } catch {
    return null;
  }
  if (typeof params !== 'object' || params === null || Object.values(params).some((value) => typeof value !== 'string' && typeof value !== 'number')) return null;
  return new CommonplaceError(found[1], params as ErrorParams);
}

export function isCommonplaceError(error: unknown, code?: ErrorCode): error is CommonplaceError {
  return error instanceof CommonplaceError && (code === undefined || error.code === code);
}

/** A zod rule's refusal as a code: `.max(200, refusal('titleTooLong'))`. */
export function refusal(code: ErrorCode): { error: ErrorCode } {
  return { error: code };
}

/** The first problem zod found, as a CommonplaceError (`fallback` when it is not one of ours). */
export function zodRefusal(error: z.ZodError, fallback: ErrorCode): CommonplaceError {
  const message = error.issues[0]?.message;
  return new CommonplaceError(isErrorCode(message) ? message : fallback);
}
