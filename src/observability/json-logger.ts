import type { LoggerService, LogLevel } from '@nestjs/common';
import { pino, stdTimeFunctions, type Logger as Pino, type DestinationStream } from 'pino';
import { currentCorrelationId } from './request-context.js';

/**
 * Structured logs: one JSON object a line on stdout, `{"level":"info","time":"...","message":...}`,
 * with the `context` (the Nest logger's name) and, while a request is handled, its `correlationId`.
 */
export function createJsonLog(options: { level?: string; destination?: DestinationStream } = {}): Pino {
  return pino(
    {
      level: options.level ?? 'info',
      messageKey: 'message',
      timestamp: stdTimeFunctions.isoTime,
      base: { pid: process.pid },
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const correlationId = currentCorrelationId();
        return correlationId === undefined ? {} : { correlationId };
      },
    },
    options.destination ?? pino.destination({ fd: 1, sync: true }),
  );
}

/** The Nest logger service writing through pino. */
export class JsonLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    // Nest passes (message, stack, context) for errors.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const stack = typeof rest[0] === 'string' ? (rest[0] as string) : undefined;
    this.pino.error({ ...(context ? { context } : {}), ...(stack ? { stack } : {}) }, text(message));
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }
  setLogLevels(levels: LogLevel[]): void {
    const order: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];
    const lowest = order.find((l) => levels.includes(l));
    const pinoLevel = { verbose: 'trace', debug: 'debug', log: 'info', warn: 'warn', error: 'error', fatal: 'fatal' } as const;
    this.pino.level = lowest ? pinoLevel[lowest] : 'silent';
  }

  private write(level: 'info' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, rest: unknown[]): void {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    if (message !== null && typeof message === 'object' && !(message instanceof Error)) {
      this.pino[level]({ ...(context ? { context } : {}), ...(message as object) });
      return;
    }
    this.pino[level](context ? { context } : {}, text(message));
  }
}

function text(message: unknown): string {
  if (message instanceof Error) return message.stack ?? message.message;
  return typeof message === 'string' ? message : JSON.stringify(message);
}
