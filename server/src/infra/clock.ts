/** Time comes from here, never from `new Date()` in domain code (tests move it). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until a test moves it. */
export class ManualClock implements Clock {
  #now: Date;
  constructor(start = new Date('2026-09-01T07:00:00Z')) {
    this.#now = start;
  }
  now(): Date {
    return new Date(this.#now);
  }
  advance(ms: number): void {
    this.#now = new Date(this.#now.getTime() + ms);
  }
  set(at: Date): void {
    this.#now = new Date(at);
  }
}
