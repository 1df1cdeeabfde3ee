/**
 * The Electronegativity gate.
 *
 * Electronegativity always exits 0 and can crash without saying so, so this runs it over
 * `electron/` and `renderer/` (with the production CSP in the page, as the build writes it) and
 * fails on any finding not in the reviewed allowlist, and on a crash or a missing report.
 * Allowlist entries are `check` + `file`, each with a one-line reason.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { productionCsp } from '../electron/main/window/content-security-policy';

interface AllowEntry {
  check: string;
  file: string;
  reason: string;
}
interface Finding {
  check: string;
  file: string;
  line: number;
  message: string;
}

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const electronVersion = (require('electron/package.json') as { version: string }).version;
const cli = join(dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
const allowlist = JSON.parse(readFileSync(join(root, 'scripts/electronegativity-allowlist.json'), 'utf8')) as AllowEntry[];

function fail(message: string): never {
  console.error(`electronegativity gate: FAILED — ${message}`);
  process.exit(1);
}

for (const entry of allowlist) {
  if (!entry.reason?.trim()) fail(`allowlist entry ${entry.check} @ ${entry.file} has no reason`);
}

const work = mkdtempSync(join(tmpdir(), 'tessera-electronegativity-'));
try {
  cpSync(join(root, 'electron'), join(work, 'electron'), { recursive: true });
  cpSync(join(root, 'renderer'), join(work, 'renderer'), { recursive: true });
  const page = join(work, 'renderer', 'index.html');
  writeFileSync(page, readFileSync(page, 'utf8').replace('%TESSERA_CSP%', productionCsp));
  const report = join(work, 'report.sarif');

  const run = spawnSync(process.execPath, [cli, '-i', work, '-e', electronVersion, '-o', report, '-r', '-v', 'false'], {
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const output = `${run.stdout}\n${run.stderr}`;
  if (run.error) fail(`could not run: ${run.error.message}`);
  if (run.status !== 0) fail(`exited with ${run.status}:\n${output}`);
  if (/\b(TypeError|ReferenceError|SyntaxError|Cannot find module)\b|\n\s+at .+:\d+:\d+/.test(output)) fail(`crashed:\n${output}`);
  if (!existsSync(report)) fail(`wrote no report:\n${output}`);

  const sarif = JSON.parse(readFileSync(report, 'utf8')) as {
    runs: Array<{ results: Array<{ ruleId: string; message: { text: string }; locations?: Array<{ physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number } } }> }> }>;
  };
  if (!Array.isArray(sarif.runs?.[0]?.results)) fail('report has no results array');
  const findings: Finding[] = sarif.runs[0]!.results.map((result) => {
    const location = result.locations?.[0]?.physicalLocation;
    return { check: result.ruleId, file: location?.artifactLocation?.uri ?? 'N/A', line: location?.region?.startLine ?? 0, message: result.message.text };
  });

  const allowed = (finding: Finding) => allowlist.some((entry) => entry.check === finding.check && entry.file === finding.file);
  const fresh = findings.filter((finding) => !allowed(finding));
  const stale = allowlist.filter((entry) => !findings.some((finding) => finding.check === entry.check && finding.file === entry.file));

  console.log(`electronegativity ${electronVersion} over electron/ and renderer/: ${findings.length} findings, ${findings.length - fresh.length} allowlisted`);
  for (const finding of findings) {
    console.log(`  ${allowed(finding) ? 'allowed' : 'NEW    '} ${finding.check} ${finding.file}:${finding.line} — ${finding.message}`);
  }
  for (const entry of stale) console.log(`  note: allowlist entry no longer found (remove it): ${entry.check} @ ${entry.file}`);
  if (fresh.length > 0) fail(`${fresh.length} finding(s) not in scripts/electronegativity-allowlist.json`);
  console.log('electronegativity gate: passed');
} finally {
  rmSync(work, { recursive: true, force: true });
}
