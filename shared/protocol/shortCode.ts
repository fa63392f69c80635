import { fromBase64UrlEncoded, toBase64UrlEncoded } from 'lib0/buffer';
import { decodeUtf8 } from 'lib0/string';
import { z } from 'zod';
import { CommonplaceError, type ErrorCode } from '../CommonplaceError.js';
import { cpaceFinish, cpaceShare, CpaceError, lvCat, type CpaceResult, type CpaceShare } from './cpace.js';
import { concatBytes, randomBytes, utf8, webCrypto, type Bytes } from '../webCrypto.js';

/**
 * The short code for people in the same room, e.g. "7KQ4-M2P-9RW": 10 characters of
 * Crockford base32 (no I, L, O, U; case and those look-alikes forgiven when typed).
 *
 * - The first 4 are the **nameplate**: public, they name the signaling topic where the
 *   inviter waits (20 bits, so two codes in one room practically never meet).
 * - The last 6 are the **secret** (30 bits): the CPace password. It never leaves either
 *   device, not even hashed.
 *
 * The exchange (both ends publish on the nameplate's topic through the signaling server):
 *
 *   joiner → `a`        sid, Ya                      (CPace initiator; ADa = joinerAd)
 *   inviter → `b`       sid, Yb, Tb                  (CPace responder; ADb = inviterAd)
 *   joiner → `confirm`  sid, Ta    or `abort` when Tb was wrong (the code was mistyped)
 *   inviter → `invite`  sid, the long invite sealed with AES-GCM under a key from ISK
 *
 * The inviter answers one run per code. A run that does not end with a correct Ta burns
 * the code: an attacker gets exactly one online guess (2^-30), never an offline one.
 * After a code is used, burned or expired, an inviter still listening says so (`closed`).
 */

export const SHORT_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const NAMEPLATE_LENGTH = 4;
const SECRET_LENGTH = 6;
/** How long a short code can be used after it is made. */
export const SHORT_CODE_LIFETIME_MS = 10 * 60 * 1000;
/** Signaling topics of short codes start with this, so a server can count attempts. */
export const SHORT_CODE_TOPIC_PREFIX = 'commonplace-code:';
/** The close reason a signaling server gives when a device tries too many short codes. */
export const shortCodeRefusal = 'too many short-code attempts';

const CHANNEL = utf8('commonplace short code v1');
const joinerAd = utf8('commonplace joiner');
const inviterAd = utf8('commonplace inviter');
const SEAL_INFO = utf8('commonplace short code invite v1');

export interface ShortCode {
  readonly nameplate: string;
  readonly secret: string;
  /** As shown and typed: "7KQ4-M2P-9RW". */
  readonly text: string;
}

/** Why a short code did not give an invite; each is a refusal the person sees translated. */
export type ShortCodeRefusal = Extract<ErrorCode, `shortCode${string}`>;

/** What an inviter still listening says about a finished code, as the joiner's refusal. */
const closedRefusals = { used: 'shortCodeUsed', burned: 'shortCodeBurned', expired: 'shortCodeExpired' } as const satisfies Record<string, ShortCodeRefusal>;

const format = (nameplate: string, secret: string): string => `${nameplate}-${secret.slice(0, 3)}-${secret.slice(3)}`;

export function makeShortCode(random: (length: number) => Uint8Array = randomBytes): ShortCode {
  // 32 symbols divide 256, so taking each byte modulo 32 keeps every symbol equally likely.
  const symbols = [...random(NAMEPLATE_LENGTH + SECRET_LENGTH)].map((byte) => SHORT_CODE_ALPHABET[byte % 32] ?? '0').join('');
  const nameplate = symbols.slice(0, NAMEPLATE_LENGTH);
  const secret = symbols.slice(NAMEPLATE_LENGTH);
  return { nameplate, secret, text: format(nameplate, secret) };
}

/**
 * Something a person typed that is meant as a short code rather than a long invite: ten
 * letters and digits, grouped 4-3-3 by spaces, or anything short with a dash in it. Other
 * text ("hello there") goes to the long code's reader, which says what an invite looks like.
 */
export function looksLikeShortCode(input: string): boolean {
  const typed = input.trim();
  if (typed.toLowerCase().startsWith('cp1.') || typed.replace(/[\s-]+/g, '').length > 16) return false;
  return /^[0-9a-z]{10}$/i.test(typed) || /^[0-9a-z]{4}\s+[0-9a-z]{3}\s+[0-9a-z]{3}$/i.test(typed) || (/^[0-9a-z]+(?:[\s-]+[0-9a-z]+)*$/i.test(typed) && typed.includes('-'));
}

/** Reads a typed short code; throws a CommonplaceError that says what is wrong. */
export function parseShortCode(input: string): ShortCode {
  const compact = input.replace(/[\s-]+/g, '').toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!compact) throw new CommonplaceError('shortCodeEmpty');
  if (compact.length !== NAMEPLATE_LENGTH + SECRET_LENGTH || !/^[0-9A-HJKMNP-TV-Z]+$/.test(compact)) {
    throw new CommonplaceError('shortCodeMalformed');
  }
  const nameplate = compact.slice(0, NAMEPLATE_LENGTH);
  const secret = compact.slice(NAMEPLATE_LENGTH);
  return { nameplate, secret, text: format(nameplate, secret) };
}

export const shortCodeTopic = (nameplate: string): string => `${SHORT_CODE_TOPIC_PREFIX}${nameplate}`;

const b64 = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9_-]+$/);
const sid = b64(32);
export const shortCodeMessageSchema = z.discriminatedUnion('step', [
  z.strictObject({ cp: z.literal('code1'), step: z.literal('a'), sid, share: b64(64) }),
  z.strictObject({ cp: z.literal('code1'), step: z.literal('b'), sid, share: b64(64), tag: b64(128) }),
  z.strictObject({ cp: z.literal('code1'), step: z.literal('confirm'), sid, tag: b64(128) }),
  z.strictObject({ cp: z.literal('code1'), step: z.literal('abort'), sid }),
  z.strictObject({ cp: z.literal('code1'), step: z.literal('invite'), sid, sealed: b64(16_000) }),
  z.strictObject({ cp: z.literal('code1'), step: z.literal('closed'), sid, reason: z.enum(['used', 'burned', 'expired']) }),
]);
export type ShortCodeMessage = z.infer<typeof shortCodeMessageSchema>;

/** A message from the topic, or null for anything else (other clients, noise). */
export function readShortCodeMessage(data: unknown): ShortCodeMessage | null {
  const parsed = shortCodeMessageSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}

const bytesOf = (text: string): Bytes => new Uint8Array(fromBase64UrlEncoded(text));
const inputsFor = (code: ShortCode, sessionId: Uint8Array) => ({ prs: utf8(code.secret), ci: lvCat(CHANNEL, utf8(code.nameplate)), sid: sessionId });

async function sealingKey(isk: Bytes, sessionId: Bytes): Promise<never> {
  const subtle = webCrypto().subtle;
  const material = await subtle.importKey('raw', isk, 'HKDF', false, ['deriveKey']);
  return (await subtle.deriveKey({ name: 'HKDF', hash: 'SHA-512', salt: sessionId, info: SEAL_INFO }, material as never, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])) as never;
}

async function seal(isk: Bytes, sessionId: Bytes, text: string): Promise<string> {
  const iv = randomBytes(12);
  const sealed = await webCrypto().subtle.encrypt({ name: 'AES-GCM', iv, additionalData: SEAL_INFO }, await sealingKey(isk, sessionId), utf8(text));
  return toBase64UrlEncoded(concatBytes(iv, new Uint8Array(sealed)));
}

async function unseal(isk: Bytes, sessionId: Bytes, sealed: string): Promise<string> {
  const bytes = bytesOf(sealed);
  const plain = await webCrypto().subtle.decrypt({ name: 'AES-GCM', iv: bytes.slice(0, 12), additionalData: SEAL_INFO }, await sealingKey(isk, sessionId), bytes.slice(12));
  return decodeUtf8(new Uint8Array(plain));
}

export type OfferStatus = 'waiting' | 'joining' | 'used' | 'burned' | 'expired';

/**
 * The inviter's side: holds the long invite and gives it to the one device that proves it
 * knows the code. Feed it every message from the topic; publish what it returns.
 */
export class ShortCodeOffer {
  private state: OfferStatus = 'waiting';
  private run: { sid: string; share: CpaceShare; result: CpaceResult } | null = null;
  /**
   * Set before the first await of a run: two first messages arriving together must not both
   * get an answer, or one code would give two guesses.
   */
  private taken = false;
  readonly expiresAt: number;
  private readonly listeners = new Set<(status: OfferStatus) => void>();

  constructor(
    readonly code: ShortCode,
    private readonly invite: string,
    now: number = Date.now(),
  ) {
    this.expiresAt = now + SHORT_CODE_LIFETIME_MS;
  }

  get status(): OfferStatus {
    return this.state;
  }

  onStatus(listener: (status: OfferStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Ends the code once its 10 minutes are over; true when it just expired. */
  expireIfDue(now: number = Date.now()): boolean {
    if (now < this.expiresAt || this.finished) return false;
    this.set('expired');
    return true;
  }

  /** Ends a run that started but never confirmed (the other side went quiet): the guess is spent. */
  abandonRun(): void {
    if (this.state === 'joining') this.set('burned');
  }

  get finished(): boolean {
    return this.state === 'used' || this.state === 'burned' || this.state === 'expired';
  }

  async receive(message: ShortCodeMessage, now: number = Date.now()): Promise<ShortCodeMessage | null> {
    this.expireIfDue(now);
    if (this.finished) {
      // Unauthenticated, and says nothing about the code: only that it can no longer be used.
      return message.step === 'a' ? { cp: 'code1', step: 'closed', sid: message.sid, reason: this.state as 'used' | 'burned' | 'expired' } : null;
    }
    switch (message.step) {
      case 'a': {
        // One run per code: a second device arriving while one is running gets nothing.
        if (this.taken) return null;
        this.taken = true;
        const sessionId = bytesOf(message.sid);
        const share = await cpaceShare(inputsFor(this.code, sessionId), inviterAd);
        let result: CpaceResult;
        try {
          result = await cpaceFinish('responder', sessionId, share, { Y: bytesOf(message.share), AD: joinerAd });
        } catch (error) {
          if (error instanceof CpaceError) {
            // An invalid share is a spent attempt all the same.
            this.set('burned');
            return null;
          }
          throw error;
        }
        this.run = { sid: message.sid, share, result };
        this.set('joining');
        return { cp: 'code1', step: 'b', sid: message.sid, share: toBase64UrlEncoded(share.Y), tag: toBase64UrlEncoded(result.ownTag) };
      }
      case 'confirm': {
        if (!this.run || message.sid !== this.run.sid) return null;
        if (!this.run.result.checkPeerTag(bytesOf(message.tag))) {
          this.set('burned');
          return null;
        }
        const sealed = await seal(this.run.result.isk, bytesOf(this.run.sid), this.invite);
        this.set('used');
        return { cp: 'code1', step: 'invite', sid: this.run.sid, sealed };
      }
      case 'abort':
        if (this.run && message.sid === this.run.sid) this.set('burned');
        return null;
      default:
        return null;
    }
  }

  private set(status: OfferStatus): void {
    if (this.state === status) return;
    this.state = status;
    for (const listener of this.listeners) listener(status);
  }
}

/** What the joiner's side does with one message from the topic. */
export type ClaimStep =
  | { readonly kind: 'ignore' }
  | { readonly kind: 'reply'; readonly message: ShortCodeMessage }
  | { readonly kind: 'invite'; readonly invite: string }
  | { readonly kind: 'fail'; readonly refusal: ShortCodeRefusal; readonly reply?: ShortCodeMessage };

/** The joiner's side: proves it knows the code and opens the invite that comes back. */
export class ShortCodeClaim {
  private share: CpaceShare | null = null;
  private result: CpaceResult | null = null;
  private answered = false;
  private done = false;
  readonly sid: string;

  constructor(readonly code: ShortCode) {
    this.sid = toBase64UrlEncoded(randomBytes(16));
  }

  async start(): Promise<ShortCodeMessage> {
    this.share = await cpaceShare(inputsFor(this.code, bytesOf(this.sid)), joinerAd);
    return { cp: 'code1', step: 'a', sid: this.sid, share: toBase64UrlEncoded(this.share.Y) };
  }

  async receive(message: ShortCodeMessage): Promise<ClaimStep> {
    if (this.done || message.sid !== this.sid || !this.share) return { kind: 'ignore' };
    switch (message.step) {
      case 'closed':
        this.done = true;
        return { kind: 'fail', refusal: closedRefusals[message.reason] };
      case 'b': {
        // Taken before the await: of answers arriving together (one may be forged), only the first counts.
        if (this.answered) return { kind: 'ignore' };
        this.answered = true;
        const abort: ShortCodeMessage = { cp: 'code1', step: 'abort', sid: this.sid };
        try {
          this.result = await cpaceFinish('initiator', bytesOf(this.sid), this.share, { Y: bytesOf(message.share), AD: inviterAd });
        } catch (error) {
          if (!(error instanceof CpaceError)) throw error;
          this.done = true;
          return { kind: 'fail', refusal: 'shortCodeWrong', reply: abort };
        }
        if (!this.result.checkPeerTag(bytesOf(message.tag))) {
          this.done = true;
          return { kind: 'fail', refusal: 'shortCodeWrong', reply: abort };
        }
        return { kind: 'reply', message: { cp: 'code1', step: 'confirm', sid: this.sid, tag: toBase64UrlEncoded(this.result.ownTag) } };
      }
      case 'invite': {
        if (!this.result) return { kind: 'ignore' };
        this.done = true;
        try {
          return { kind: 'invite', invite: await unseal(this.result.isk, bytesOf(this.sid), message.sealed) };
        } catch {
          return { kind: 'fail', refusal: 'shortCodeBadInvite' };
        }
      }
      default:
        return { kind: 'ignore' };
    }
  }
}
