import { randomUUID } from 'node:crypto';
import type { Client } from './http.js';

export interface Sent {
  clientId: string;
  sender: number;
  /** performance.now() when the POST was issued */
  sentAt: number;
  ackAt?: number;
  messageId?: number;
  error?: string;
}

/**
 * Open loop: message i is due at first + i/rate, whatever the server's pace,
 * so a slow server shows up as latency rather than as a slower sender. Only
 * `maxInFlight` unanswered sends may be open; beyond that sends wait
 * (counted, and visible as scheduler lag).
 */
export async function sendAll(
  senders: Client[],
  chatId: number,
  options: { messages: number; rate: number; maxInFlight: number },
  sent: Sent[],
  byClientId: Map<string, number>,
  aborted: () => string | null,
) {
  const interval = 1000 / options.rate;
  const firstSendAt = performance.now() + 20;
  const inFlight = new Set<Promise<void>>();
  let lagMax = 0;
  let held = 0;
  const send = (i: number) => {
    const clientId = randomUUID();
    const record: Sent = { clientId, sender: i % senders.length, sentAt: performance.now() };
    sent[i] = record;
    byClientId.set(clientId, i);
    const body = `bench ${i} from ${record.sender} at ${record.sentAt.toFixed(3)}`;
    const request = senders[record.sender]!.postQuickly(`/api/chats/${chatId}/messages`, {
      clientId,
      body,
    }).then(
      (reply) => {
        record.ackAt = performance.now();
        if (reply.status === 200) record.messageId = reply.body.id;
        else record.error = `${reply.status} ${reply.body?.error?.code ?? ''}`.trim();
      },
      (error: Error) => {
        record.error = error.name === 'TimeoutError' ? 'timeout' : error.message;
      },
    );
    inFlight.add(request);
    void request.finally(() => inFlight.delete(request));
  };
  let next = 0;
  while (next < options.messages && !aborted()) {
    const due = firstSendAt + next * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (inFlight.size >= options.maxInFlight) {
      held++;
      while (inFlight.size >= options.maxInFlight) await Promise.race(inFlight);
    }
    lagMax = Math.max(lagMax, performance.now() - due);
    send(next++);
  }
  const lastSendAt = performance.now();
  while (inFlight.size > 0) await Promise.race(inFlight);
  return { firstSendAt, lastSendAt, lagMax, held };
}
