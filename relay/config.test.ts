import { describe, expect, it } from 'vitest';
import { ConfigError, parseMemberKeys, wholeNumber, yesNo } from './config.js';

describe('relay settings from the environment', () => {
  it('uses the default when unset and refuses anything that is not a whole number in range', () => {
    expect(wholeNumber({}, 'PORT', 1234, 0, 65535)).toBe(1234);
    expect(wholeNumber({ PORT: '0' }, 'PORT', 1234, 0, 65535)).toBe(0);
    for (const bad of ['', ' ', 'abc', '1.5', '-1', '70000']) {
      expect(() => wholeNumber({ PORT: bad }, 'PORT', 1234, 0, 65535), bad).toThrow(ConfigError);
    }
    expect(() => wholeNumber({ RELAY_MAX_DOCUMENTS: '0' }, 'RELAY_MAX_DOCUMENTS', 1000, 1)).toThrow('RELAY_MAX_DOCUMENTS must be a whole number from 1');
  });

  it('reads true/false and nothing else', () => {
    expect(yesNo({}, 'X', true)).toBe(true);
    expect(yesNo({ X: 'false' }, 'X', true)).toBe(false);
    expect(() => yesNo({ X: 'no' }, 'X', true)).toThrow('X must be true or false (got "no").');
  });

  it('reads operator member keys and names the bad line', () => {
    const name = 'a'.repeat(64);
    const key = 'B'.repeat(43);
    expect(parseMemberKeys(`# keys\n\n${name} ${key}\n`, 'keys.txt')).toEqual(new Map([[name, key]]));
    expect(() => parseMemberKeys(`${name} ${key}\n${name} short`, 'keys.txt')).toThrow(/^keys\.txt:2: expected/);
  });
});
