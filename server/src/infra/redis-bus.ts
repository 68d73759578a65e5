import { ZEventPayload } from '@parta/protocol';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { z } from 'zod';
import { type Bus, MemoryBus, type Signal } from './bus.js';
import type { StoredEvent } from './events.js';

const ZId = z.number().int().positive();
const ZStoredEvents = z.array(
  z.object({ cursor: ZId, schoolId: ZId, userIds: z.array(ZId), at: z.string(), payload: ZEventPayload }),
);
const ZSignal = z.discriminatedUnion('type', [
  z.object({ type: z.literal('typing'), chatId: ZId, userId: ZId, fullName: z.string(), to: z.array(ZId) }),
  z.object({ type: z.literal('sessions.changed') }),
]);

/**
 * What arrives on the channel is checked like any input: a bad message is
 * logged and dropped (the feed reads the events table anyway). A good one is
 * passed on as it came, not as zod rebuilt it.
 */
function parseMessage<T>(text: string, schema: z.ZodType<T>): T | null {
  try {
    const value: unknown = JSON.parse(text);
    return schema.safeParse(value).success ? (value as T) : null;
  } catch {
    return null;
  }
}

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
      const isSignal = channel === bus.#signals;
      const message = isSignal ? parseMessage(text, ZSignal) : parseMessage(text, ZStoredEvents);
      if (message === null) {
        // Its content may be personal data: only its size.
        logger.warn({ channel, bytes: text.length }, 'dropped a malformed message from the Redis bus');
      } else if (isSignal) void bus.#local.signal(message as Signal);
      else void bus.#local.publish(message as StoredEvent[]);
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
