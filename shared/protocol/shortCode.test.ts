import { describe, expect, it } from 'vitest';
import {
  looksLikeShortCode,
  makeShortCode,
  parseShortCode,
  readShortCodeMessage,
  SHORT_CODE_ALPHABET,
  SHORT_CODE_LIFETIME_MS,
  ShortCodeClaim,
  ShortCodeOffer,
  type ShortCodeMessage,
} from './shortCode.js';

const invite = 'cp1.eyJ2IjoxfQ.abc';

/** Passes messages between one offer and one claim as the signaling topic would. */
async function run(offer: ShortCodeOffer, claim: ShortCodeClaim, tamper: (m: ShortCodeMessage) => ShortCodeMessage = (m) => m) {
  let toOffer: ShortCodeMessage | null = await claim.start();
  for (let round = 0; round < 4 && toOffer; round += 1) {
    const answer = await offer.receive(tamper(toOffer));
    if (!answer) return { kind: 'silence' as const };
    const step = await claim.receive(tamper(answer));
    if (step.kind === 'invite') return step;
    if (step.kind === 'fail') {
      if (step.reply) await offer.receive(step.reply);
      return step;
    }
    toOffer = step.kind === 'reply' ? step.message : null;
  }
  return { kind: 'silence' as const };
}

describe('short code format', () => {
  it('is 12 characters with dashes, from the Crockford alphabet, and reads back', () => {
    const code = makeShortCode();
    expect(code.text).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}$/);
    expect(code.text.length).toBe(12);
    expect(parseShortCode(code.text)).toEqual(code);
    expect(SHORT_CODE_ALPHABET).toHaveLength(32);
  });

  it('forgives case, spaces and look-alike letters when typed', () => {
    expect(parseShortCode(' 7kq4 m2p-9rw ').text).toBe('7KQ4-M2P-9RW');
    expect(parseShortCode('7KQ4-M2P-OIL').secret).toBe('M2P011');
  });

  it('refuses what is not a short code with a clear message', () => {
    expect(() => parseShortCode('')).toThrow(expect.objectContaining({ code: 'shortCodeEmpty' }));
    expect(() => parseShortCode('7KQ4-M2P')).toThrow(expect.objectContaining({ code: 'shortCodeMalformed' }));
    expect(() => parseShortCode('7KQ4-M2P-9RU')).toThrow(expect.objectContaining({ code: 'shortCodeMalformed' }));
    expect(looksLikeShortCode('cp1.abc.def')).toBe(false);
    expect(looksLikeShortCode('7KQ4-M2P-9RW')).toBe(true);
    expect(looksLikeShortCode(' 7kq4 m2p 9rw ')).toBe(true);
    expect(looksLikeShortCode('7kq4m2p9rw')).toBe(true);
    expect(looksLikeShortCode('7KQ4-M2P')).toBe(true);
    // Ordinary words go to the long code's reader, which explains what an invite looks like.
    expect(looksLikeShortCode('hello there')).toBe(false);
    expect(looksLikeShortCode('')).toBe(false);
  });

  it('reads only well-formed exchange messages', () => {
    expect(readShortCodeMessage({ cp: 'code1', step: 'a', sid: 'abc', share: 'def' })).not.toBeNull();
    expect(readShortCodeMessage({ cp: 'code1', step: 'a', sid: 'abc', share: 'def', extra: 1 })).toBeNull();
    expect(readShortCodeMessage({ cp: 'code1', step: 'b', sid: 'abc', share: 'not base64!' })).toBeNull();
    expect(readShortCodeMessage('hello')).toBeNull();
  });
});

describe('short code exchange', () => {
  it('the right code brings the invite, once; the code is then used', async () => {
    const code = makeShortCode();
    const offer = new ShortCodeOffer(code, invite);
    expect(await run(offer, new ShortCodeClaim(parseShortCode(code.text.toLowerCase())))).toEqual({ kind: 'invite', invite });
    expect(offer.status).toBe('used');
    expect(await run(offer, new ShortCodeClaim(code))).toEqual({ kind: 'fail', refusal: 'shortCodeUsed' });
  });

  it('one wrong guess burns the code: the right code afterwards is refused too', async () => {
    const code = makeShortCode();
    const offer = new ShortCodeOffer(code, invite);
    const wrong = parseShortCode(`${code.nameplate}${code.secret === '000000' ? '000001' : '000000'}`);
    const statuses: string[] = [];
    offer.onStatus((status) => statuses.push(status));
    expect(await run(offer, new ShortCodeClaim(wrong))).toMatchObject({ kind: 'fail', refusal: 'shortCodeWrong' });
    expect(offer.status).toBe('burned');
    expect(statuses).toEqual(['joining', 'burned']);
    expect(await run(offer, new ShortCodeClaim(code))).toEqual({ kind: 'fail', refusal: 'shortCodeBurned' });
  });

  it('a joiner that lies about its tag gets nothing and burns the code', async () => {
    const code = makeShortCode();
    const offer = new ShortCodeOffer(code, invite);
    const result = await run(offer, new ShortCodeClaim(code), (m) => (m.step === 'confirm' ? { ...m, tag: 'AAAA' } : m));
    expect(result).toEqual({ kind: 'silence' });
    expect(offer.status).toBe('burned');
  });

  it('a share changed on the way fails confirmation and burns the code', async () => {
    const code = makeShortCode();
    const offer = new ShortCodeOffer(code, invite);
    const other = await new ShortCodeClaim(code).start();
    const result = await run(offer, new ShortCodeClaim(code), (m) => (m.step === 'b' && m.share ? { ...m, share: other.step === 'a' ? other.share : m.share } : m));
    expect(result).toMatchObject({ kind: 'fail', refusal: 'shortCodeWrong' });
    expect(offer.status).toBe('burned');
  });

  it('expires after 10 minutes and then says so', async () => {
    const code = makeShortCode();
    const made = Date.now();
    const offer = new ShortCodeOffer(code, invite, made);
    expect(offer.expireIfDue(made + SHORT_CODE_LIFETIME_MS - 1)).toBe(false);
    expect(offer.expireIfDue(made + SHORT_CODE_LIFETIME_MS)).toBe(true);
    expect(await run(offer, new ShortCodeClaim(code))).toEqual({ kind: 'fail', refusal: 'shortCodeExpired' });
  });

  it('first messages arriving together get one answer between them, so a burst buys one guess', async () => {
    const code = makeShortCode();
    const offer = new ShortCodeOffer(code, invite);
    const firsts = await Promise.all(Array.from({ length: 5 }, () => new ShortCodeClaim(code).start()));
    const answers = await Promise.all(firsts.map((message) => offer.receive(message)));
    expect(answers.filter((answer) => answer !== null)).toHaveLength(1);
  });

  it('a second device arriving during a run gets no answer; an abandoned run burns the code', async () => {
    const code = makeShortCode();
    const offer = new ShortCodeOffer(code, invite);
    expect(await offer.receive(await new ShortCodeClaim(code).start())).toMatchObject({ step: 'b' });
    expect(await offer.receive(await new ShortCodeClaim(code).start())).toBeNull();
    offer.abandonRun();
    expect(offer.status).toBe('burned');
  });
});
