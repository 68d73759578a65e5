import { EventEmitter } from 'node:events';
import type { StoredEvent } from './events.js';

/**
 * Carries committed events to every node. Delivery is a hint, not the
 * record: each node's feed reads the events table whenever what arrives is
 * not the next cursor it expects, so a lost or reordered bus message only
 * costs a query (see realtime/feed.ts).
 */
export interface Bus {
  publish(events: StoredEvent[]): Promise<void>;
  subscribe(listener: (events: StoredEvent[]) => void): () => void;
  /** Short-lived signals (typing, session changes): never stored or replayed; a lost one is simply not acted on. */
  signal(signal: Signal): Promise<void>;
  onSignal(listener: (signal: Signal) => void): () => void;
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

export type Signal = TypingSignal | { type: 'sessions.changed' };

export interface TypingSignal {
  type: 'typing';
  chatId: number;
  userId: number;
  fullName: string;
  /** who should see it */
  to: number[];
}

export class MemoryBus implements Bus {
  readonly #emitter = new EventEmitter().setMaxListeners(0);
  async publish(events: StoredEvent[]): Promise<void> {
    this.#emitter.emit('events', events);
  }
  subscribe(listener: (events: StoredEvent[]) => void): () => void {
    this.#emitter.on('events', listener);
    return () => this.#emitter.off('events', listener);
  }
  async signal(signal: Signal): Promise<void> {
    this.#emitter.emit('signal', signal);
  }
  onSignal(listener: (signal: Signal) => void): () => void {
    this.#emitter.on('signal', listener);
    return () => this.#emitter.off('signal', listener);
  }
  async healthy(): Promise<boolean> {
    return true;
  }
  async close(): Promise<void> {
    this.#emitter.removeAllListeners();
  }
}
