import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type Bus, MemoryBus, type Signal } from './bus.js';
import type { StoredEvent } from './events.js';

/** Imported only when REDIS_URL is set: ioredis costs start-up time a single node does not need. */
const CHANNEL = 'parta:events';
const SIGNALS = 'parta:signals';

export class RedisBus implements Bus {
  readonly #publisher: Redis;
  readonly #subscriber: Redis;
  readonly #local = new MemoryBus();

  private constructor(publisher: Redis, subscriber: Redis) {
    this.#publisher = publisher;
    this.#subscriber = subscriber;
  }

  static async connect(url: string, logger: Logger): Promise<RedisBus> {
    const options = { lazyConnect: true, maxRetriesPerRequest: 2 };
    const publisher = new Redis(url, options);
    const subscriber = new Redis(url, options);
    for (const client of [publisher, subscriber]) {
      client.on('error', (error) => logger.warn({ err: error.message }, 'redis connection problem'));
    }
    await Promise.all([publisher.connect(), subscriber.connect()]);
    const bus = new RedisBus(publisher, subscriber);
    subscriber.on('message', (channel, text: string) => {
      if (channel === SIGNALS) void bus.#local.signal(JSON.parse(text) as Signal);
      else void bus.#local.publish(JSON.parse(text) as StoredEvent[]);
    });
    await subscriber.subscribe(CHANNEL, SIGNALS);
    return bus;
  }

  get client(): Redis {
    return this.#publisher;
  }

  async publish(events: StoredEvent[]): Promise<void> {
    await this.#publisher.publish(CHANNEL, JSON.stringify(events));
  }
  subscribe(listener: (events: StoredEvent[]) => void): () => void {
    return this.#local.subscribe(listener);
  }
  async signal(signal: Signal): Promise<void> {
    await this.#publisher.publish(SIGNALS, JSON.stringify(signal));
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
