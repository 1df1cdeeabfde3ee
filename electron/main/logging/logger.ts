import type { Logger } from '../ports';
import { redactText, redactValue } from './redact';

/**
 * The main process logger.
 *
 * One logger for main: every line goes through redaction before it reaches the sink, so tokens
 * can't leak into logs even if a caller passes one by mistake.
 */
export type LogSink = (line: string) => void;

export function createLogger(sink: LogSink = (line) => process.stderr.write(`${line}\n`)): Logger {
  const write = (level: string, message: string, fields?: Record<string, unknown>) => {
    const suffix = fields ? ` ${JSON.stringify(redactValue(fields))}` : '';
    sink(`[tessera] ${level} ${redactText(message)}${suffix}`);
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

/** A logger that remembers lines, for tests. */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(createLogger((line) => lines.push(line)), { lines });
}
