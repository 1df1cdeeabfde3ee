import { cpus } from 'node:os';
import { join } from 'node:path';
import { benchBundle } from './bundle-bench';
import { benchHarness } from './harness-bench';
import type { Stats } from './measure';
import { benchStorage } from './storage-bench';

/**
 * `npm run bench`: each row measures ours and a baseline in the same run and prints medians and
 * the ratio. It never fails on speed; it makes a regression visible.
 */
const root = join(import.meta.dirname, '..');
const quick = process.argv.includes('--quick');
const storageIterations = quick ? 100 : 1000;
const browserIterations = quick ? 5 : 30;

const ms = (value: number) => `${value.toFixed(value < 10 ? 3 : 1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const rows: string[][] = [];
const row = (name: string, ours: string, baseline: string, ratio: string, target: string, verdict: string) => rows.push([name, ours, baseline, ratio, target, verdict]);
const timeRow = (name: string, pair: { ours: Stats; baseline: Stats }, target: string, met: (ratio: number, ours: Stats) => boolean | null, ratioOf = (o: number, b: number) => o / b) => {
  const ratio = ratioOf(pair.ours.p50, pair.baseline.p50);
  const verdict = met(ratio, pair.ours);
  row(name, `${ms(pair.ours.p50)} (p95 ${ms(pair.ours.p95)})`, `${ms(pair.baseline.p50)} (p95 ${ms(pair.baseline.p95)})`, `${ratio.toFixed(2)}×`, target, verdict === null ? 'report' : verdict ? 'met' : 'MISSED');
};

console.log(`Tessera benchmarks — ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ${process.platform}/${process.arch}`);
console.log(`iterations: storage ${storageIterations} per side, browser ${browserIterations} per side (after warm-up); times are medians of interleaved rounds\n`);

const stage = (name: string) => process.stderr.write(`… ${name}\n`);
stage('session save and restore');
const storage = await benchStorage(storageIterations);
timeRow('save', storage.save, 'ours ≥ 3× faster', (ratio) => ratio >= 3, (o, b) => b / o);
rows[rows.length - 1]![3] = `${(storage.save.baseline.p50 / storage.save.ours.p50).toFixed(2)}× faster`;
timeRow('restore', storage.restore, '≤ 1.5×, p50 ≤ 1 ms', (ratio, ours) => ratio <= 1.5 && ours.p50 <= 1);

try {
  stage('login round trip and first screen (harness + chromium)');
  const browser = await benchHarness(root, browserIterations);
  timeRow('login round trip', browser.login, '≤ 2×', (ratio) => ratio <= 2);
  timeRow('first screen', browser.firstScreen, 'report', () => null);
} catch (error) {
  row('login round trip', 'not measured', '', '', '≤ 2×', `skipped: ${(error as Error).message}`);
  row('first screen', 'not measured', '', '', 'report', `skipped: ${(error as Error).message}`);
}

stage('renderer bundle size');
const bundle = await benchBundle(root);
row('renderer JS (gzip)', kb(bundle.ours), kb(bundle.baseline), `${(bundle.ours / bundle.baseline).toFixed(2)}×`, '≤ 70 KB total', bundle.ours <= 70 * 1024 ? 'met' : 'MISSED');

const header = ['row', 'ours', 'baseline', 'ratio', 'target', ''];
const widths = header.map((_, i) => Math.max(header[i]!.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
