import type { Clock } from '../ports';

/**
 * A clock whose time and timers move only when a test says so.
 *
 * Shared with the real auth server (its `now` option) so token expiry, the refresh timer and the
 * server's idea of time agree.
 */
export interface ManualClock extends Clock {
  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void;
  /** Moves time forward without firing timers, like a machine asleep. */
  sleep(ms: number): void;
  /** Pending timer delays from now (overdue ones as 0), soonest first. */
  pending(): number[];
}

export function manualClock(start = Date.UTC(2030, 0, 1, 12, 0, 0)): ManualClock {
  let time = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => time,
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.set(id, { at: time + Math.max(0, ms), callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const end = time + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, timer]) => timer.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        time = Math.max(time, due[1].at);
        due[1].callback();
      }
      time = end;
    },
    sleep(ms) {
      time += ms;
    },
    pending: () => [...timers.values()].map((timer) => Math.max(0, timer.at - time)).sort((a, b) => a - b),
  };
}
