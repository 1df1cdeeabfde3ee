/**
 * Timing helpers for the benchmarks: warm-up, then many runs, reported as percentiles.
 */
export interface Stats {
  iterations: number;
  p50: number;
  p95: number;
}

export async function measure(run: () => Promise<unknown> | unknown, options: { warmup: number; iterations: number }): Promise<Stats> {
  for (let i = 0; i < options.warmup; i += 1) await run();
  const times: number[] = [];
  for (let i = 0; i < options.iterations; i += 1) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { iterations: options.iterations, p50: at(0.5), p95: at(0.95) };
}

/** Runs two measurements interleaved in rounds, so drift on a busy machine hits both sides alike. */
export async function measurePair(
  ours: () => Promise<unknown> | unknown,
  baseline: () => Promise<unknown> | unknown,
  options: { warmup: number; iterations: number; rounds?: number },
): Promise<{ ours: Stats; baseline: Stats }> {
  const rounds = options.rounds ?? 5;
  const per = Math.max(1, Math.floor(options.iterations / rounds));
  const oursTimes: Stats[] = [];
  const baseTimes: Stats[] = [];
  await measure(ours, { warmup: options.warmup, iterations: 0 });
  await measure(baseline, { warmup: options.warmup, iterations: 0 });
  for (let round = 0; round < rounds; round += 1) {
    oursTimes.push(await measure(ours, { warmup: 0, iterations: per }));
    baseTimes.push(await measure(baseline, { warmup: 0, iterations: per }));
  }
  const merge = (list: Stats[]): Stats => {
    const p50s = list.map((s) => s.p50).sort((a, b) => a - b);
    const p95s = list.map((s) => s.p95).sort((a, b) => a - b);
    return { iterations: per * rounds, p50: p50s[Math.floor(p50s.length / 2)] ?? 0, p95: p95s[Math.floor(p95s.length / 2)] ?? 0 };
  };
  return { ours: merge(oursTimes), baseline: merge(baseTimes) };
}
