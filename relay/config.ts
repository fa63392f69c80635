/**
 * The relay's settings come from environment variables (twelve-factor style, so a container
 * or a process manager configures it without files). Each has a default that is safe for a
 * small community network; a bad value stops the relay with a message naming the variable,
 * so a typo never becomes an unlimited relay or a random port.
 */

export class ConfigError extends Error {}

type Env = Readonly<Record<string, string | undefined>>;

export function wholeNumber(env: Env, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
  }
  return value;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function yesNo(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined) return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} must be true or false (got "${raw}").`);
}

/**
 * The operator's member keys: one `document-name public-key` pair a line, # for comments.
 * Each line is checked so a pasted half-key is an error at start, not a refused member later.
 */
export function parseMemberKeys(text: string, source: string): Map<string, string> {
  const keys = new Map<string, string>();
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [name = '', key = '', extra] = line.split(/\s+/);
    if (extra !== undefined || !/^[0-9a-f]{32,64}$/.test(name) || !/^[A-Za-z0-9_-]{43}$/.test(key)) {
      throw new ConfigError(`${source}:${index + 1}: expected "<document name> <public key>" (got "${line.slice(0, 120)}").`);
    }
    keys.set(name, key);
  });
  return keys;
}
