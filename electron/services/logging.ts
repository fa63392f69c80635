/**
 * How the network services report refused or dropped events. Injected rather than fixed
 * so that tests can assert on what was refused and keep stdout clean, and so the desktop
 * app can route it to its own log later.
 */
export type Warn = (message: string) => void;

export const warnToConsole: Warn = (message) => {
  console.warn(message);
};
