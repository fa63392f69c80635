import { ristretto255, ristretto255_hasher } from '@noble/curves/ed25519.js';
import { concatBytes, equalBytes, randomBytes, utf8, webCrypto, type Bytes } from '../webCrypto.js';

/**
 * CPace (draft-irtf-cfrg-cpace-21), cipher suite CPACE-RISTR255-SHA512, initiator-responder
 * setting, with the explicit key confirmation of its section "Key confirmation". Written
 * from the draft's pseudo-code, function for function (names as there), and checked
 * against its ristretto255 test vectors (cpace.test.ts). The group arithmetic and the
 * RFC 9496 element derivation are @noble/curves'; SHA-512 and HMAC are WebCrypto's.
 *
 * Why a PAKE at all: the short code has ~30 bits of secret. Anything that lets an observer
 * check a guess offline (a hash of the code, a key derived from it) falls to a laptop in
 * seconds. With CPace every guess needs a live run with the inviter, who gives each code
 * exactly one run.
 */

type Point = InstanceType<typeof ristretto255.Point>;

export const DSI = utf8('CPaceRistretto255');
const DSI_ISK = utf8('CPaceRistretto255_ISK');
/** SHA-512's input block size, H.s_in_bytes. */
const S_IN_BYTES = 128;
const FIELD_SIZE_BYTES = 32;
const GROUP_SIZE_BITS = 252;
const GROUP_ORDER = ristretto255.Point.Fn.ORDER;

/**
 * An invalid key share or a build without ristretto255. Never shown to a person: the short
 * code (shortCode.ts) turns a bad share into a spent attempt, which it refuses with a code.
 */
export class CpaceError extends Error {
  override readonly name = 'CpaceError';
}

/** LEB128 length, then the data. */
export function prependLen(data: Uint8Array): Bytes {
  const length: number[] = [];
  let remaining = data.length;
  do {
    length.push(remaining < 128 ? remaining : (remaining & 0x7f) | 0x80);
    remaining >>>= 7;
  } while (remaining > 0);
  return concatBytes(new Uint8Array(length), data);
}

export function lvCat(...parts: readonly Uint8Array[]): Bytes {
  return concatBytes(...parts.map(prependLen));
}

export function generatorString(dsi: Uint8Array, prs: Uint8Array, ci: Uint8Array, sid: Uint8Array, sInBytes: number): Bytes {
  const lenZpad = Math.max(0, sInBytes - 1 - prependLen(prs).length - prependLen(dsi).length);
  return lvCat(dsi, prs, new Uint8Array(lenZpad), ci, sid);
}

export async function sha512(data: Bytes): Promise<Bytes> {
  return new Uint8Array(await webCrypto().subtle.digest('SHA-512', data));
}

/** g = element_derivation(H.hash(generator_string(...), 2 * field_size_bytes)). */
export async function calculateGenerator(prs: Uint8Array, ci: Uint8Array, sid: Uint8Array): Promise<Point> {
  const hash = (await sha512(generatorString(DSI, prs, ci, sid, S_IN_BYTES))).subarray(0, 2 * FIELD_SIZE_BYTES);
  // Optional in noble's hasher type; ristretto255's always has it (RFC 9496 element derivation).
  if (!ristretto255_hasher.deriveToCurve) throw new CpaceError('This build lacks ristretto255 element derivation.');
  return ristretto255_hasher.deriveToCurve(hash);
}

/** The draft's recommended sampling: random bytes, bits above group_size_bits cleared, little-endian. */
export function sampleScalar(random: (length: number) => Uint8Array = randomBytes): bigint {
  for (;;) {
    const scalar = scalarFromLittleEndian(random(32)) & ((1n << BigInt(GROUP_SIZE_BITS)) - 1n);
    // Zero is the one value below 2^252 that is not a usable key (2^252 < group order).
    if (scalar !== 0n && scalar < GROUP_ORDER) return scalar;
  }
}

export function scalarFromLittleEndian(bytes: Uint8Array): bigint {
  let scalar = 0n;
  for (let i = bytes.length - 1; i >= 0; i -= 1) scalar = (scalar << 8n) | BigInt(bytes[i] ?? 0);
  return scalar;
}

export function scalarMult(y: bigint, g: Point): Bytes {
  return new Uint8Array(g.multiply(y).toBytes());
}

/**
 * encode(y * decode(X)), or null (the draft's G.I) when X is not a valid encoding or the
 * result is the neutral element; the caller must then abort.
 */
export function scalarMultVfy(y: bigint, X: Uint8Array): Bytes | null {
  let point: Point;
  try {
    point = ristretto255.Point.fromBytes(X);
  } catch {
    return null;
  }
  if (point.is0()) return null;
  const K = point.multiply(y);
  return K.is0() ? null : new Uint8Array(K.toBytes());
}

export function transcriptIr(Ya: Uint8Array, ADa: Uint8Array, Yb: Uint8Array, ADb: Uint8Array): Bytes {
  return concatBytes(lvCat(Ya, ADa), lvCat(Yb, ADb));
}

/** ISK = H.hash(lv_cat(G.DSI || "_ISK", sid, K) || transcript_ir(Ya, ADa, Yb, ADb)). */
export function intermediateSessionKey(sid: Uint8Array, K: Uint8Array, transcript: Uint8Array): Promise<Bytes> {
  return sha512(concatBytes(lvCat(DSI_ISK, sid, K), transcript));
}

/** Ta or Tb: HMAC-SHA-512 under mac_key = H.hash(b"CPaceMac" || sid || ISK), over lv_cat(Y, AD) of the sender. */
export async function confirmationTag(sid: Uint8Array, isk: Uint8Array, Y: Uint8Array, AD: Uint8Array): Promise<Bytes> {
  const subtle = webCrypto().subtle;
  const macKey = await sha512(concatBytes(utf8('CPaceMac'), sid, isk));
  const key = await subtle.importKey('raw', macKey, { name: 'HMAC', hash: 'SHA-512' }, false, ['sign']);
  return new Uint8Array(await subtle.sign('HMAC', key as never, lvCat(Y, AD)));
}

export interface CpaceInputs {
  /** The password-related string: here, the short code's secret part. */
  readonly prs: Uint8Array;
  /** The channel identifier, never sent. */
  readonly ci: Uint8Array;
  readonly sid: Uint8Array;
}

/** One party's half of a run: its scalar (never leaves), its share and associated data. */
export interface CpaceShare {
  readonly y: bigint;
  readonly Y: Bytes;
  readonly AD: Uint8Array;
}

export async function cpaceShare(inputs: CpaceInputs, AD: Uint8Array, y: bigint = sampleScalar()): Promise<CpaceShare> {
  const g = await calculateGenerator(inputs.prs, inputs.ci, inputs.sid);
  return { y, Y: scalarMult(y, g), AD };
}

export interface CpaceResult {
  readonly isk: Bytes;
  /** The tag this party sends. */
  readonly ownTag: Bytes;
  /** Checks the other party's tag; false means a different password or a changed message. */
  checkPeerTag(tag: Uint8Array): boolean;
}

/**
 * Derives ISK and both confirmation tags. Because ISK hashes the whole transcript, a share
 * or associated data changed on the way makes the tags disagree, as a wrong password does.
 */
export async function cpaceFinish(role: 'initiator' | 'responder', sid: Uint8Array, own: CpaceShare, peer: { readonly Y: Uint8Array; readonly AD: Uint8Array }): Promise<CpaceResult> {
  const K = scalarMultVfy(own.y, peer.Y);
  if (!K) throw new CpaceError('The other device sent an invalid key share.');
  const transcript = role === 'initiator' ? transcriptIr(own.Y, own.AD, peer.Y, peer.AD) : transcriptIr(peer.Y, peer.AD, own.Y, own.AD);
  const isk = await intermediateSessionKey(sid, K, transcript);
  const ownTag = await confirmationTag(sid, isk, own.Y, own.AD);
  const peerTag = await confirmationTag(sid, isk, peer.Y, peer.AD);
  return { isk, ownTag, checkPeerTag: (tag) => equalBytes(tag, peerTag) };
}
