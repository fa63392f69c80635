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
