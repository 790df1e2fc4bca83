import type { Clock } from '../../src/config/clock.js';

/** A clock the test moves by hand: closing times pass without waiting for them. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date = new Date()) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
