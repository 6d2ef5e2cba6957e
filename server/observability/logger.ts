/**
 * Structured JSON logs (pino): one line per record on stdout, at the level of `LOG_LEVEL`.
 * The rest of the server logs through the small `LogFunction` so it does not depend on pino.
 */
import { pino, type Logger } from 'pino';
import type { Config } from '../config.js';

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFunction = (level: LogLevel, message: string, extra?: unknown) => void;

export function createLogger(level: Config['logLevel']): Logger {
  return pino({
    level,
    base: { pid: process.pid, service: 'motcua-live' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}

/** Adapts a pino logger to `LogFunction`: an Error becomes `err` (with its stack), anything else `extra`. */
export function logFunction(logger: Logger): LogFunction {
  return (level, message, extra) => {
    if (extra instanceof Error) logger[level]({ err: extra }, message);
    else if (extra !== undefined) logger[level]({ extra }, message);
    else logger[level](message);
  };
}
