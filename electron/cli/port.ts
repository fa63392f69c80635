/**
 * Reads a port from the environment for the command-line entries, or explains what is
 * wrong and exits, so a typo in PORT never becomes a random or privileged port.
 */
export function portFromEnv(fallback: number): number {
  const raw = process.env.PORT;
  const port = Number(raw ?? fallback);
  if (raw?.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a whole number from 0 to 65535 (got "${raw ?? ''}").`);
    process.exit(2);
  }
  return port;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
