// `npm run audit:electron`: Electronegativity (Doyensec's static checker for Electron
// misconfigurations) over the TypeScript sources in electron/, failing on any HIGH or
// MEDIUM finding whatever its confidence.
//
// The CLI (`electronegativity -i electron -r`) prints a table and always exits 0, so this
// wrapper calls the same runner through its Node API (the options are the CLI's flags:
// input = -i, isRelative = -r, customScan = -l, excludeFromScan = -x, electronVersionOverride
// = -e) and decides the exit code from the findings it returns.
//
// Two things differ from a bare CLI run, each for a reason:
//  1. The Electron version is passed explicitly (-e). The tool looks for it in a package.json
//     inside the scanned folder, finds none in electron/, and then assumes Electron 0.1.0,
//     whose insecure defaults (the remote module, for one) produce findings that do not apply.
//  2. Two global checks are excluded from the source scan; see `excludedFromSourceScan`.
//
// Individual findings that were reviewed and accepted are suppressed in the source with an
// `// eng-disable CHECK_ID` comment on the flagged line and the reason on the lines above;
// they are listed at the end of every run so they stay visible.
//
// The tool also tries to fetch updated translations of its messages at start-up (with a
// one-second timeout) and says "Could not retrieve updated translations" when offline.
// That is harmless: the English messages are bundled.
import { readdir, readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
/** @type {(options: object, forCli?: boolean) => Promise<{ globalChecks: number; atomicChecks: number; issues: Issue[]; errors: ParseError[] }>} */
const runElectronegativity = require('@doyensec/electronegativity');

/**
 * @typedef {{ name: string; value: number }} Level
 * @typedef {{ id: string; file: string; location: { line: number; column: number }; sample?: string; description: string; severity: Level; confidence: Level; manualReview?: boolean }} Issue
 * @typedef {{ file: string; message: string; tolerable: boolean }} ParseError
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sourceFolder = path.join(root, 'electron');
/** MEDIUM is 2 and HIGH is 3 in the tool's scale (INFORMATIONAL 0, LOW 1). */
const failingSeverity = 2;

const excludedFromSourceScan = {
  // Asks GitHub for Electron's release list on every run and reports releases with security
  // fixes newer than ours. A test run must not depend on the network (offline it silently
  // reports nothing, online its verdict changes without any change here). Electron is pinned
  // exactly in package.json and updated deliberately; `npm outdated electron` shows releases.
  AvailableSecurityFixesGlobalCheck: 'needs the network; Electron is pinned and updated deliberately',
  // The tool recognises a CSP only as a string literal in a `responseHeaders` object or an
  // HTML meta tag. Ours is assembled in electron/services/contentSecurity.ts and sent as a
  // header by protocol.handle('app') and the web server, so over the sources this check
  // always reports "no CSP". It is not skipped: `auditContentSecurityPolicy` below runs the
  // tool's own CSP checks over a page carrying the real policy.
  CSPGlobalCheck: 'checked against the real policy in a separate run',
};

function electronVersion() {
  /** @type {{ version: string }} */
  const manifest = require('electron/package.json');
  return manifest.version;
}

/** The policy exactly as the app sends it, compiled from the TypeScript source. */
async function loadContentSecurityPolicy() {
  const result = await build({
    entryPoints: [path.join(sourceFolder, 'services/contentSecurity.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    logLevel: 'warning',
  });
  const code = result.outputFiles[0]?.text ?? '';
  /** @type {{ contentSecurityPolicy: string }} */
  const module = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return module.contentSecurityPolicy;
}

function escapeAttribute(value) {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
}

/** Runs only the tool's CSP checks over a page that carries our policy, as the built index.html does. */
async function auditContentSecurityPolicy(version) {
  const policy = await loadContentSecurityPolicy();
  const folder = await mkdtemp(path.join(tmpdir(), 'commonplace-csp-audit-'));
  try {
    await writeFile(
      path.join(folder, 'index.html'),
      `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${escapeAttribute(policy)}"></head><body></body></html>\n`,
    );
    return await runElectronegativity({
      input: folder,
      isRelative: true,
      electronVersionOverride: version,
      customScan: ['csphtmlcheck', 'cspglobalcheck'],
      excludeFromScan: [],
      parserPlugins: [],
    });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function auditSources(version) {
  return runElectronegativity({
    input: sourceFolder,
    isRelative: true,
    electronVersionOverride: version,
    customScan: [],
    excludeFromScan: Object.keys(excludedFromSourceScan).map((name) => name.toLowerCase()),
    parserPlugins: [],
  });
}

/** Every `eng-disable` comment under electron/, so accepted findings stay in view. */
async function listSuppressions() {
  const entries = await readdir(sourceFolder, { recursive: true, withFileTypes: true });
  const found = [];
  for (const entry of entries) {
    if (!entry.isFile() || !/\.(ts|js|html)$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines.forEach((line, index) => {
      const match = /eng-disable[ \t]+([\w \t,]+)/.exec(line);
      if (match?.[1]) found.push(`${path.relative(root, file)}:${index + 1}  ${match[1].trim()}`);
    });
  }
  return found.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** @param {Issue & { where: string }} issue */
function describeIssue(issue) {
  const lines = [`${issue.severity.name} (${issue.confidence.name})  ${issue.id}  ${issue.where}`, `    ${issue.description}`];
  if (issue.sample) lines.push(`    > ${issue.sample}`);
  return lines.join('\n');
}

const version = electronVersion();
console.log(`Electronegativity over electron/ (Electron ${version})`);
const sources = await auditSources(version);
const csp = await auditContentSecurityPolicy(version);
const issues = [
  ...sources.issues.map((issue) => ({
    ...issue,
    where: issue.file === 'N/A' ? 'electron/ as a whole' : `electron/${issue.file}:${issue.location.line}:${issue.location.column}`,
  })),
  // Found in the generated page, so named by where the policy comes from.
  ...csp.issues.map((issue) => ({ ...issue, where: 'contentSecurityPolicy in electron/services/contentSecurity.ts' })),
];
const errors = [...sources.errors, ...csp.errors];
// The tool grades every weakness its CSP evaluator finds as LOW; with CERTAIN confidence it
// means the evaluator itself rated one HIGH or MEDIUM (say, script-src 'unsafe-inline'), so
// that fails too. The FIRM "maybe weak" verdicts (MEDIUM_MAYBE and below) are shown, not fatal.
const definitelyWeakPolicy = (issue) => issue.id === 'CSP_GLOBAL_CHECK' && issue.confidence.name === 'CERTAIN';
const failing = issues.filter((issue) => issue.severity.value >= failingSeverity || definitelyWeakPolicy(issue));
const unparsed = errors.filter((error) => !error.tolerable);

console.log(`${sources.atomicChecks} atomic and ${sources.globalChecks} global checks over the sources; the tool's CSP checks over the real policy.`);
for (const [name, reason] of Object.entries(excludedFromSourceScan)) console.log(`Not run over the sources: ${name} (${reason}).`);
for (const error of errors) {
  console.log(`${error.tolerable ? 'Parsed with a warning' : 'COULD NOT PARSE (so not checked)'}: ${error.file}: ${error.message}`);
}
console.log(issues.length === 0 ? '\nNo findings.' : `\n${issues.length} finding(s):\n${issues.map(describeIssue).join('\n')}`);
const suppressions = await listSuppressions();
if (suppressions.length > 0) {
  console.log(`\nReviewed and suppressed in the source (the reason is in the comment above each):\n  ${suppressions.join('\n  ')}`);
}

if (failing.length > 0 || unparsed.length > 0) {
  console.error(
    `\naudit:electron failed: ${failing.length} HIGH or MEDIUM finding(s) or definite CSP weakness(es), ${unparsed.length} file(s) the tool could not parse.\n` +
      'Fix the finding in electron/, or, if it does not apply, suppress it with `// eng-disable CHECK_ID` on the flagged line and say why above it.',
  );
  process.exit(1);
}
console.log('\naudit:electron passed: no HIGH or MEDIUM findings.');
// The tool can leave an HTTP request of its own open for a moment; do not wait for it.
process.exit(0);
