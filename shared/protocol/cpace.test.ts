import { ristretto255 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import {
  calculateGenerator,
  cpaceFinish,
  cpaceShare,
  generatorString,
  DSI,
  intermediateSessionKey,
  lvCat,
  prependLen,
  scalarFromLittleEndian,
  scalarMult,
  scalarMultVfy,
  sha512,
  transcriptIr,
  type CpaceInputs,
} from './cpace.js';
import { utf8 } from '../webCrypto.js';

const hex = (text: string): Uint8Array<ArrayBuffer> => new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

// draft-irtf-cfrg-cpace-21, appendix "Test vector for CPace using group ristretto255 and hash SHA-512".
const tc = {
  PRS: utf8('Password'),
  CI: hex('0b415f696e69746961746f720b425f726573706f6e646572'),
  sid: hex('7e4b4791d6a8ef019b936c79fb7f2c57'),
  g: '222b6b195fe84b1652badb6f6a3ae3d24341e7306967f0b8115b40d5698c7e56',
  hash: 'da6d3ddc8802fca9058755ffd3ebde08a9c2c74945901a258482a288b6663af06bf645c93cd1c51512307199c80e84908916d983b34af77205f90851a657ee27',
  ya: hex('da3d23700a9e5699258aef94dc060dfda5ebb61f02a5ea77fad53f4ff0976d08'),
  ADa: utf8('ADa'),
  Ya: 'd6bac480f2c386c394efc7c47adb9925dcd2630b64f240c50f8d0eec482b9157',
  yb: hex('d2316b454718c35362d83d69df6320f38578ed5984651435e2949762d900b80d'),
  ADb: utf8('ADb'),
  Yb: '3ea7e0b19560d7c0b0f5734f63b955286dfa8232b5ebe63324e2d9e7433f7258',
  K: '80b69a8a76457ab6a4d7f887a4bf6b55a2f80ac19c333f917a05fc9887c8b40f',
  ISK_IR: 'b69effbf61b51d56401c0f65601abe428de8206feaaf0e32198896dcae7b35cd2b38950a39dfd5d4a79164614c2984f7daa460b588c1e80c3fa2068af7900447',
};

describe('CPace string functions (draft vectors)', () => {
  it('prepend_len and lv_cat', () => {
    expect(toHex(prependLen(new Uint8Array()))).toBe('00');
    expect(toHex(prependLen(utf8('1234')))).toBe('0431323334');
    expect(toHex(prependLen(new Uint8Array(127).map((_, i) => i))).slice(0, 4)).toBe('7f00');
    expect(toHex(prependLen(new Uint8Array(128).map((_, i) => i))).slice(0, 6)).toBe('800100');
    expect(toHex(lvCat(utf8('1234'), utf8('5'), new Uint8Array(), utf8('678')))).toBe('043132333401350003363738');
  });
});

describe('CPACE-RISTR255-SHA512 against the draft test vectors', () => {
  it('generator string, its hash and the generator', async () => {
    const genStr = generatorString(DSI, tc.PRS, tc.CI, tc.sid, 128);
    expect(genStr.length).toBe(170);
    expect(toHex(genStr.subarray(0, 28))).toBe('11435061636552697374726574746f3235350850617373776f726464');
    expect(toHex(await sha512(genStr))).toBe(tc.hash);
    expect(toHex((await calculateGenerator(tc.PRS, tc.CI, tc.sid)).toBytes())).toBe(tc.g);
  });

  it('both shares, K on both sides and the initiator-responder ISK', async () => {
    const g = await calculateGenerator(tc.PRS, tc.CI, tc.sid);
    const ya = scalarFromLittleEndian(tc.ya);
    const yb = scalarFromLittleEndian(tc.yb);
    const Ya = scalarMult(ya, g);
    const Yb = scalarMult(yb, g);
    expect(toHex(Ya)).toBe(tc.Ya);
    expect(toHex(Yb)).toBe(tc.Yb);
    const Ka = scalarMultVfy(ya, Yb);
    expect(Ka && toHex(Ka)).toBe(tc.K);
    expect(toHex(scalarMultVfy(yb, Ya) ?? new Uint8Array())).toBe(tc.K);
    expect(toHex(await intermediateSessionKey(tc.sid, hex(tc.K), transcriptIr(Ya, tc.ADa, Yb, tc.ADb)))).toBe(tc.ISK_IR);
    const inputs: CpaceInputs = { prs: tc.PRS, ci: tc.CI, sid: tc.sid };
    const a = await cpaceShare(inputs, tc.ADa, ya);
    const b = await cpaceShare(inputs, tc.ADb, yb);
    const atA = await cpaceFinish('initiator', tc.sid, a, b);
    const atB = await cpaceFinish('responder', tc.sid, b, a);
    expect(toHex(atA.isk)).toBe(tc.ISK_IR);
    expect(toHex(atB.isk)).toBe(tc.ISK_IR);
  });

  it('scalar_mult_vfy refuses the draft invalid points and the neutral element', () => {
    const s = scalarFromLittleEndian(hex('7cd0e075fa7955ba52c02759a6c90dbbfc10e6d40aea8d283e407d88cf538a05'));
    expect(toHex(scalarMultVfy(s, hex('2c3c6b8c4f3800e7aef6864025b4ed79bd599117e427c41bd47d93d654b4a51c')) ?? new Uint8Array())).toBe(
      '7c13645fe790a468f62c39beb7388e541d8405d1ade69d1778c5fe3e7f6b600e',
    );
    expect(scalarMultVfy(s, hex('2b3c6b8c4f3800e7aef6864025b4ed79bd599117e427c41bd47d93d654b4a51c'))).toBeNull();
    expect(scalarMultVfy(s, new Uint8Array(32))).toBeNull();
    expect(scalarMultVfy(s, ristretto255.Point.ZERO.toBytes())).toBeNull();
  });
});

describe('CPace runs with fresh scalars and key confirmation', () => {
  const ci = utf8('commonplace test');
  const sid = hex('00112233445566778899aabbccddeeff');
  const ADa = utf8('joiner');
  const ADb = utf8('inviter');

  it('with the same password both sides agree and accept each other’s tags', async () => {
    const a = await cpaceShare({ prs: utf8('K7QX2M'), ci, sid }, ADa);
    const b = await cpaceShare({ prs: utf8('K7QX2M'), ci, sid }, ADb);
    const atA = await cpaceFinish('initiator', sid, a, b);
    const atB = await cpaceFinish('responder', sid, b, a);
    expect(toHex(atA.isk)).toBe(toHex(atB.isk));
    expect(atA.checkPeerTag(atB.ownTag)).toBe(true);
    expect(atB.checkPeerTag(atA.ownTag)).toBe(true);
    expect(toHex(atA.ownTag)).not.toBe(toHex(atB.ownTag));
  });

  it('a wrong password gives different keys, and confirmation fails on both sides', async () => {
    const a = await cpaceShare({ prs: utf8('K7QX2N'), ci, sid }, ADa);
    const b = await cpaceShare({ prs: utf8('K7QX2M'), ci, sid }, ADb);
    const atA = await cpaceFinish('initiator', sid, a, b);
    const atB = await cpaceFinish('responder', sid, b, a);
    expect(toHex(atA.isk)).not.toBe(toHex(atB.isk));
    expect(atA.checkPeerTag(atB.ownTag)).toBe(false);
    expect(atB.checkPeerTag(atA.ownTag)).toBe(false);
  });

  it('a changed transcript (associated data, a share, the session id) fails confirmation', async () => {
    const inputs = { prs: utf8('K7QX2M'), ci, sid };
    const a = await cpaceShare(inputs, ADa);
    const b = await cpaceShare(inputs, ADb);
    const atB = await cpaceFinish('responder', sid, b, a);
    // The inviter's associated data altered on the way to the joiner.
    const tamperedAd = await cpaceFinish('initiator', sid, a, { Y: b.Y, AD: utf8('inviter!') });
    expect(tamperedAd.checkPeerTag(atB.ownTag)).toBe(false);
    // The inviter's share replaced by another valid point.
    const other = await cpaceShare(inputs, ADb);
    const tamperedShare = await cpaceFinish('initiator', sid, a, { Y: other.Y, AD: ADb });
    expect(tamperedShare.checkPeerTag(atB.ownTag)).toBe(false);
    // A different session id on one side.
    const otherSid = await cpaceFinish('initiator', hex('ffeeddccbbaa99887766554433221100'), a, b);
    expect(otherSid.checkPeerTag(atB.ownTag)).toBe(false);
  });

  it('an invalid share from the other side is refused with a clear error', async () => {
    const a = await cpaceShare({ prs: utf8('K7QX2M'), ci, sid }, ADa);
    await expect(cpaceFinish('initiator', sid, a, { Y: new Uint8Array(32), AD: ADb })).rejects.toThrow('invalid key share');
    await expect(cpaceFinish('initiator', sid, a, { Y: new Uint8Array(31).fill(7), AD: ADb })).rejects.toThrow('invalid key share');
  });
});
