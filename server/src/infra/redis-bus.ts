import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type Bus, MemoryBus, type Signal } from './bus.js';
import type { StoredEvent } from './events.js';

/** Imported only when REDIS_URL is set: ioredis costs start-up time a single node does not need. */

export class RedisBus implements Bus {
  readonly #publisher: Redis;
  readonly #subscriber: Redis;
  readonly #local = new MemoryBus();

  readonly #events: string;
  readonly #signals: string;

  private constructor(publisher: Redis, subscriber: Redis, events: string, signals: string) {
    this.#publisher = publisher;
    this.#subscriber = subscriber;
    this.#events = events;
    this.#signals = signals;
  }

  /** `namespace` keeps installations sharing a Redis apart (db/identity.ts). */
  static async connect(url: string, logger: Logger, namespace = 'parta:'): Promise<RedisBus> {
    const options = { lazyConnect: true, maxRetriesPerRequest: 2 };
    const publisher = new Redis(url, options);
    const subscriber = new Redis(url, options);
    for (const client of [publisher, subscriber]) {
      client.on('error', (error) => logger.warn({ err: error.message }, 'redis connection problem'));
    }
    await Promise.all([publisher.connect(), subscriber.connect()]);
    const bus = new RedisBus(publisher, subscriber, `${namespace}events`, `${namespace}signals`);
    subscriber.on('message', (channel, text: string) => {
      if (channel === bus.#signals) void bus.#local.signal(JSON.parse(text) as Signal);
      else void bus.#local.publish(JSON.parse(text) as StoredEvent[]);
    });
    await subscriber.subscribe(bus.#events, bus.#signals);
    return bus;
  }

  get client(): Redis {
    return this.#publisher;
  }

  async publish(events: StoredEvent[]): Promise<void> {
    await this.#publisher.publish(this.#events, JSON.stringify(events));
  }
  subscribe(listener: (events: StoredEvent[]) => void): () => void {
    return this.#local.subscribe(listener);
  }
  async signal(signal: Signal): Promise<void> {
    await this.#publisher.publish(this.#signals, JSON.stringify(signal));
  }
  onSignal(listener: (signal: Signal) => void): () => void {
    return this.#local.onSignal(listener);
  }
  async healthy(): Promise<boolean> {
    try {
      return (await this.#publisher.ping()) === 'PONG';
    } catch {
      return false;
    }
  }
  async close(): Promise<void> {
    await this.#local.close();
    this.#subscriber.disconnect();
    this.#publisher.disconnect();
  }
}
