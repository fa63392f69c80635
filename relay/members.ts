import { createPublicKey, verify } from 'node:crypto';
import { parseRelayToken, relayRefusals, relayTokenMaxAgeMs, signedText, type RelayRefusal } from '../shared/protocol/relay/token.js';

/**
 * Which public key may open each relay document. The relay never holds a community's
 * secret: it keeps the Ed25519 public key its members derive from it, registered by the
 * first member to connect (trust on first use) or given by the operator in advance.
 */
export interface MemberKeys {
  get(documentName: string): Promise<string | undefined>;
  /**
   * Registers `publicKey` for a document that has none; returns the key that is registered
   * afterwards (another member's, if one got there first) or undefined when the relay is full.
   */
  register(documentName: string, publicKey: string, maxDocuments: number): Promise<string | undefined>;
}

/** Keys in memory; the SQLite and PostgreSQL stores below share its callers. */
export class MemoryMemberKeys implements MemberKeys {
  private readonly keys = new Map<string, string>();
  constructor(initial: ReadonlyMap<string, string> = new Map()) {
    for (const [name, key] of initial) this.keys.set(name, key);
  }
  get(documentName: string): Promise<string | undefined> {
    return Promise.resolve(this.keys.get(documentName));
  }
  register(documentName: string, publicKey: string, maxDocuments: number): Promise<string | undefined> {
    const existing = this.keys.get(documentName);
    if (existing !== undefined) return Promise.resolve(existing);
    if (this.keys.size >= maxDocuments) return Promise.resolve(undefined);
    this.keys.set(documentName, publicKey);
    return Promise.resolve(publicKey);
  }
}

/** Nonces seen within the freshness window, so a captured token cannot be used again. */
export class NonceWindow {
  private readonly seen = new Map<string, number>();
  constructor(private readonly windowMs = 2 * relayTokenMaxAgeMs) {}
  /** True the first time a nonce is offered within the window. */
  claim(key: string, now: number): boolean {
    // Forget expired nonces as they age out; Map iterates in insertion order, which is time order.
    for (const [nonce, at] of this.seen) {
      if (now - at < this.windowMs) break;
      this.seen.delete(nonce);
    }
    if (this.seen.has(key)) return false;
    this.seen.set(key, now);
    return true;
  }
}

/** Where used nonces are remembered: this instance's memory, or one all instances share. */
export interface NonceClaims {
  claim(key: string, now: number): Promise<boolean>;
}

export type Admission = { readonly ok: true; readonly registered: boolean } | { readonly ok: false; readonly reason: RelayRefusal };

export interface AdmitOptions {
  readonly keys: MemberKeys;
  readonly nonces: NonceWindow | NonceClaims;
  /** False: only documents the operator registered are served. */
  readonly trustOnFirstUse: boolean;
  readonly maxDocuments: number;
  readonly now?: number;
}

function signatureHolds(documentName: string, token: NonNullable<ReturnType<typeof parseRelayToken>>): boolean {
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: token.publicKey }, format: 'jwk' });
    return verify(null, Buffer.from(signedText(documentName, token.publicKey, token.issuedAt, token.nonce)), key, Buffer.from(token.signature, 'base64url'));
  } catch {
    // A key that is not a point on the curve.
    return false;
  }
}

/**
 * Decides whether a token opens a document. The signature is checked before anything is
 * registered or remembered, so a stranger can neither claim a name nor burn a nonce.
 */
export async function admit(documentName: string, tokenText: string, options: AdmitOptions): Promise<Admission> {
  if (tokenText === '') return { ok: false, reason: relayRefusals.noToken };
  const token = parseRelayToken(tokenText);
  if (!token) return { ok: false, reason: relayRefusals.malformedToken };
  if (!signatureHolds(documentName, token)) return { ok: false, reason: relayRefusals.notAMember };
  const now = options.now ?? Date.now();
  if (Math.abs(now - token.issuedAt) > relayTokenMaxAgeMs) return { ok: false, reason: relayRefusals.expired };

  let registered = false;
  let key = await options.keys.get(documentName);
  if (key === undefined) {
    if (!options.trustOnFirstUse) return { ok: false, reason: relayRefusals.notAMember };
    key = await options.keys.register(documentName, token.publicKey, options.maxDocuments);
    if (key === undefined) return { ok: false, reason: relayRefusals.full };
    registered = key === token.publicKey;
  }
  if (key !== token.publicKey) return { ok: false, reason: relayRefusals.notAMember };
  if (!(await options.nonces.claim(`${documentName}:${token.nonce}`, now))) return { ok: false, reason: relayRefusals.replayed };
  return { ok: true, registered };
}
