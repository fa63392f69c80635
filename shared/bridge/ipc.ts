import { z } from 'zod';
import { ipcChannels, type BridgeMethod } from './ipcChannels.js';
import { externalLinkSchema } from '../links.js';

export { ipcChannels, type BridgeMethod, type IpcArgs, type IpcResult } from './ipcChannels.js';

/**
 * Every IPC channel with its argument schema, in one typed map. The preload invokes by this
 * map and the main process validates by it, so the two sides cannot drift apart.
 * Channel names are namespaced so a stray `ipcRenderer.invoke('x')` can never match.
 */

const fileNameSchema = z
  .string()
  .min(1)
  .max(255)
  .refine((name) => !/[/\\\0]/.test(name), { error: 'A file name cannot contain slashes.' });

export const saveFileRequestSchema = z.strictObject({
  suggestedName: fileNameSchema,
  mimeType: z.string().min(1).max(255),
  // 200 MB is far above any booklet; past it something is wrong, not big.
  data: z.union([z.string().max(200 * 1024 * 1024), z.instanceof(Uint8Array).refine((d) => d.byteLength <= 200 * 1024 * 1024)]),
});

// The renderer names a printing with crypto.randomUUID().
const printJobSchema = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, { error: 'That is not a printing job.' });

export const printToPdfRequestSchema = z.strictObject({
  job: printJobSchema,
  parts: z
    .array(z.string().min(1, { error: 'A part of the booklet is empty.' }))
    .min(1, { error: 'There is nothing to print.' })
    .max(10_000)
    .refine((parts) => parts.reduce((sum, part) => sum + part.length, 0) <= 100 * 1024 * 1024, { error: 'A booklet to print must be at most 100 MB of HTML.' }),
  suggestedName: fileNameSchema.refine((name) => name.toLowerCase().endsWith('.pdf'), { error: 'A PDF file name must end in .pdf.' }),
});

export const automaticBackupRequestSchema = z.strictObject({
  // Community ids become folder names: letters, digits and dashes only.
  communityId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: 'That is not a community id.' }),
  data: z.instanceof(Uint8Array).refine((d) => d.byteLength > 0 && d.byteLength <= 200 * 1024 * 1024, { error: 'A backup must be 1 byte to 200 MB.' }),
});

export const openFileRequestSchema = z.strictObject({
  extensions: z.array(z.string().regex(/^[a-z0-9]{1,10}$/i)).min(1).max(20),
});

export const ipcContract = {
  getAppInfo: { channel: ipcChannels.getAppInfo, args: z.tuple([]) },
  openExternal: { channel: ipcChannels.openExternal, args: z.tuple([externalLinkSchema]) },
  saveFile: { channel: ipcChannels.saveFile, args: z.tuple([saveFileRequestSchema]) },
  openFile: { channel: ipcChannels.openFile, args: z.tuple([openFileRequestSchema]) },
  getSignalingEndpoints: { channel: ipcChannels.getSignalingEndpoints, args: z.tuple([]) },
  printToPdf: { channel: ipcChannels.printToPdf, args: z.tuple([printToPdfRequestSchema]) },
  printProgress: { channel: ipcChannels.printProgress, args: z.tuple([printJobSchema]) },
  cancelPrint: { channel: ipcChannels.cancelPrint, args: z.tuple([printJobSchema]) },
  keepAutomaticBackup: { channel: ipcChannels.keepAutomaticBackup, args: z.tuple([automaticBackupRequestSchema]) },
  setPersonalBackupPassphrase: { channel: ipcChannels.setPersonalBackupPassphrase, args: z.tuple([z.union([z.string().min(1).max(1000), z.null()])]) },
  hasPersonalBackupPassphrase: { channel: ipcChannels.hasPersonalBackupPassphrase, args: z.tuple([]) },
  keepPersonalBackup: {
    channel: ipcChannels.keepPersonalBackup,
    args: z.tuple([z.instanceof(Uint8Array).refine((d) => d.byteLength > 0 && d.byteLength <= 200 * 1024 * 1024, { error: 'A backup must be 1 byte to 200 MB.' })]),
  },
} as const satisfies Record<BridgeMethod, { channel: string; args: z.ZodTuple }>;
