/**
 * Whether the desktop app loads its pages from a Vite development server instead of the
 * bundled files. Only an unpackaged app (`npm run dev`) may: in an installed app the
 * variable would let anyone who can set an environment variable (a shortcut, a launcher, a
 * script) load a remote page that the app then trusts with its IPC bridge and its data.
 */
export function devServerUrlToUse(value: string | undefined, isPackaged: boolean): string | undefined {
  if (isPackaged || value === undefined || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`VITE_DEV_SERVER_URL is not a URL: ${JSON.stringify(value.slice(0, 200))}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`VITE_DEV_SERVER_URL must be http or https, not ${url.protocol}`);
  return url.href;
}
