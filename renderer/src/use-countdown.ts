import { useCallback, useEffect, useState } from 'react';

interface CountdownState {
  deadline: number;
  now: number;
}

export interface Countdown {
  /** Whole seconds left, rounded up; 0 when idle or done. */
  secondsLeft: number;
  /** Starts (or restarts) counting down from `seconds`. */
  start(seconds: number): void;
}

/**
 * A countdown in whole seconds, for "Try again in N seconds".
 *
 * Keeps a deadline rather than decrementing a number, so a slow or throttled timer never makes
 * the wait look shorter than the server asked for. The clock is read only in `start` and in the
 * timer, never while rendering.
 */
export function useCountdown(): Countdown {
  const [state, setState] = useState<CountdownState | null>(null);

  const start = useCallback((seconds: number) => {
    const now = Date.now();
    setState({ deadline: now + seconds * 1000, now });
  }, []);

  const deadline = state?.deadline ?? null;
  const running = state !== null && state.now < state.deadline;

  useEffect(() => {
    if (deadline === null || !running) return;
    const timer = setInterval(() => {
      setState((current) => (current ? { ...current, now: Date.now() } : current));
    }, 1000);
    return () => clearInterval(timer);
  }, [deadline, running]);

  const secondsLeft = state ? Math.max(0, Math.ceil((state.deadline - state.now) / 1000)) : 0;
  return { secondsLeft, start };
}
