import type { Sent } from './fanout-send.js';
import type { RawWebSocket } from './raw-ws.js';
import type { Member } from './school.js';

/**
 * Arrivals in two preallocated arrays rather than an object each: 150 000
 * objects kept to the end of a run grew the bench's old generation until a
 * major collection, whose helper threads took a core from the server for a
 * few hundred milliseconds near the end of every run (seen with a per-process
 * CPU sampler as the bench at 1.2 cores while acks stalled for 150 ms).
 */
class Arrivals {
  length = 0;
  readonly #index: Int32Array;
  readonly #at: Float64Array;

  constructor(capacity: number) {
    this.#index = new Int32Array(capacity);
    this.#at = new Float64Array(capacity);
  }

  push(index: number, at: number): void {
    this.#index[this.length] = index;
    this.#at[this.length] = at;
    this.length++;
  }

  *[Symbol.iterator](): Generator<{ index: number; at: number }> {
    for (let i = 0; i < this.length; i++) yield { index: this.#index[i]!, at: this.#at[i]! };
  }
}

/** What one receiving socket saw. */
export class Receiver {
  closed: { code: number; reason: string } | null = null;
  /** per message index: how many times it arrived */
  readonly seen: Uint16Array;
  /** first arrivals, in arrival order: message index and when */
  readonly arrivals: Arrivals;
  duplicates = 0;
  /** an event whose cursor is not above the previous one: breaks the server's ordering promise */
  outOfOrder = 0;
  /** a message whose id is below one delivered before it (live order ≠ history order, see docs) */
  idInversions = 0;
  lastCursor = 0;
  lastMessageId = 0;
  readonly examples: string[] = [];
  /**
   * While set, the socket's frames are counted here instead: the warm-up
   * runs the bench's own receiving code as hot as the measured phase will
   * (else its first second paid for compiling it, in the server's time).
   */
  warmUp: Phase | null = null;

  constructor(
    readonly index: number,
    readonly socket: RawWebSocket,
    messages: number,
  ) {
    this.seen = new Uint16Array(messages);
    this.arrivals = new Arrivals(messages);
  }

  note(problem: string): void {
    if (this.examples.length < 3) this.examples.push(problem);
  }
}

/** Where a socket's message frames are counted: one chat's messages, as sent. */
export interface Phase {
  receiver: Receiver;
  chatId: number;
  sent: Sent[];
  byClientId: Map<string, number>;
}

export async function openReceiver(
  member: Member,
  index: number,
  chatId: number,
  messages: number,
  sent: Sent[],
  byClientId: Map<string, number>,
): Promise<Receiver> {
  const { body } = await member.client.get<{ cursor: number }>('/api/chats');
  // The socket's handlers are set once the receiver exists; nothing arrives before `hello`.
  const on = { text: (_data: Buffer, _at: number) => {}, close: (_code: number, _reason: string) => {} };
  const socket = await member.client.openSocket(
    (data, at) => on.text(data, at),
    (code, reason) => on.close(code, reason),
  );
  const receiver = new Receiver(index, socket, messages);
  const measured: Phase = { receiver, chatId, sent, byClientId };
  const ready = new Promise<void>((resolve, reject) => {
    on.text = (data, at) => {
      const phase = receiver.warmUp ?? measured;
      const event = readMessageEvent(data);
      if (event) {
        onEvent(phase.receiver, event, at, phase.chatId, phase.sent, phase.byClientId);
        return;
      }
      const frame = JSON.parse(data.toString());
      if (frame.type === 'ready') resolve();
      else if (frame.type === 'event')
        onEvent(phase.receiver, frame.event, at, phase.chatId, phase.sent, phase.byClientId);
    };
    on.close = (code, reason) => {
      receiver.closed = { code, reason };
      reject(new Error(`socket ${index} closed (${code}) before ready`));
    };
  });
  socket.send(JSON.stringify({ type: 'hello', cursor: body.cursor }));
  await ready;
  return receiver;
}

type BenchEvent = {
  cursor: number;
  payload: { type: string; message?: { id: number; chatId: number; clientId: string } };
};

const EVENT_START = '{"type":"event","event":{"cursor":';
const MESSAGE_START = '"payload":{"type":"messages.send","message":{"id":';

/**
 * What the bench checks of a new message's frame (cursor, message id, chat,
 * client id), read without parsing the rest: 30 receivers on the server's
 * own machine read 15 000 frames a second, and JSON.parse of whole frames
 * was a quarter of the bench's CPU, taken from the server it measures. The
 * fields are ASCII, so the bytes are read as latin1 (no UTF-8 decoding);
 * JSON strings cannot hold a bare quote, so a search for `"clientId":"`
 * cannot match inside the body or a name. Null for any other frame, which
 * the caller parses in full.
 */
function readMessageEvent(data: Buffer): BenchEvent | null {
  const text = data.toString('latin1');
  if (!text.startsWith(EVENT_START)) return null;
  const message = text.indexOf(MESSAGE_START);
  if (message < 0) return null;
  const chatAt = text.indexOf('"chatId":', message);
  const clientAt = text.indexOf('"clientId":"', message);
  if (chatAt < 0 || clientAt < 0) return null;
  const clientFrom = clientAt + '"clientId":"'.length;
  return {
    cursor: Number.parseInt(text.slice(EVENT_START.length, EVENT_START.length + 20), 10),
    payload: {
      type: 'messages.send',
      message: {
        id: Number.parseInt(
          text.slice(message + MESSAGE_START.length, message + MESSAGE_START.length + 20),
          10,
        ),
        chatId: Number.parseInt(
          text.slice(chatAt + '"chatId":'.length, chatAt + '"chatId":'.length + 20),
          10,
        ),
        clientId: text.slice(clientFrom, text.indexOf('"', clientFrom)),
      },
    },
  };
}

function onEvent(
  receiver: Receiver,
  event: BenchEvent,
  at: number,
  chatId: number,
  sent: Sent[],
  byClientId: Map<string, number>,
): void {
  const message = event.payload.message;
  if (event.payload.type !== 'messages.send' || !message || message.chatId !== chatId) return;
  const i = byClientId.get(message.clientId);
  if (i === undefined || sent[i] === undefined) {
    receiver.note(`unknown message ${message.id}`);
    return;
  }
  if (event.cursor <= receiver.lastCursor) {
    receiver.outOfOrder++;
    receiver.note(`cursor ${event.cursor} after cursor ${receiver.lastCursor}`);
  }
  if (message.id < receiver.lastMessageId) receiver.idInversions++;
  receiver.lastCursor = Math.max(receiver.lastCursor, event.cursor);
  receiver.lastMessageId = Math.max(receiver.lastMessageId, message.id);
  if (receiver.seen[i]! > 0) {
    receiver.duplicates++;
    receiver.note(`message ${message.id} twice`);
  } else {
    receiver.arrivals.push(i, at);
  }
  receiver.seen[i]!++;
}

/** Whether two receivers saw the messages that both received in the same order. */
function sameOrder(a: Receiver, b: Receiver): boolean {
  const inA = [...a.arrivals].filter(({ index }) => b.seen[index]! > 0).map(({ index }) => index);
  const inB = [...b.arrivals].filter(({ index }) => a.seen[index]! > 0).map(({ index }) => index);
  return inA.length === inB.length && inA.every((index, i) => index === inB[i]);
}

/**
 * Send → deliver latencies of every first arrival, and the exactly-once and
 * ordering checks over all receivers for the acknowledged messages.
 */
export function checkDeliveries(
  receivers: Receiver[],
  sent: Sent[],
  acked: Sent[],
  byClientId: Map<string, number>,
  firstSendAt: number,
) {
  const latencies: number[] = [];
  let lastDeliveryAt = firstSendAt;
  for (const receiver of receivers) {
    for (const { index, at } of receiver.arrivals) {
      lastDeliveryAt = Math.max(lastDeliveryAt, at);
      latencies.push(at - sent[index]!.sentAt);
    }
  }
  let missing = 0;
  for (const receiver of receivers) {
    for (const s of acked) {
      if (receiver.seen[byClientId.get(s.clientId)!] === 0) {
        missing++;
        receiver.note(`message ${s.messageId} never arrived`);
      }
    }
  }
  const sum = (pick: (r: Receiver) => number) => receivers.reduce((a, r) => a + pick(r), 0);
  const violations = {
    missing,
    duplicates: sum((r) => r.duplicates),
    outOfOrder: sum((r) => r.outOfOrder),
    receiversInAnotherOrder: receivers.filter((r) => !sameOrder(r, receivers[0]!)).length,
    closedSockets: receivers.filter((r) => r.closed).map((r) => r.closed),
    examples: receivers.flatMap((r) => r.examples.map((e) => `receiver ${r.index}: ${e}`)).slice(0, 10),
  };
  const idInversions = sum((r) => r.idInversions) / Math.max(1, receivers.length);
  return { latencies, lastDeliveryAt, violations, idInversions };
}

/**
 * p99 of send → deliver for the messages sent in each second of the run:
 * shows whether a bad tail is a steady queue or a few stalls.
 */
export function p99BySecond(receivers: Receiver[], sent: Sent[], firstSendAt: number): number[] {
  const seconds: number[][] = [];
  for (const receiver of receivers) {
    for (const { index, at } of receiver.arrivals) {
      const second = Math.floor((sent[index]!.sentAt - firstSendAt) / 1000);
      seconds[second] ??= [];
      seconds[second].push(at - sent[index]!.sentAt);
    }
  }
  return Array.from(seconds, (latencies) => {
    if (!latencies?.length) return 0;
    latencies.sort((a, b) => a - b);
    return Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))]!);
  });
}
