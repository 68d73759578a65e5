import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { Socket } from 'node:net';

/**
 * A WebSocket client for the fan-out bench's receivers: the handshake, then
 * the server's frames read straight off the TCP socket. Thirty receivers on
 * the server's own machine read 15 000 frames a second; the `ws` client's
 * stream machinery per frame was the larger part of the bench's CPU, taken
 * from the server it measures. It reads what Parta sends — unmasked frames,
 * text, ping and close, never fragmented (anything else ends the socket with
 * an error) — and sends masked text frames and pongs, as a client must.
 */
export class RawWebSocket {
  #pending: Buffer | null = null;
  #closed = false;

  constructor(
    private readonly socket: Socket,
    /** a whole text frame's payload, and when the bytes that completed it arrived */
    private readonly onText: (payload: Buffer, at: number) => void,
    private readonly onClose: (code: number, reason: string) => void,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#read(chunk, performance.now()));
    socket.on('close', () => this.#close(1006, 'connection lost'));
    socket.on('error', () => undefined); // 'close' follows
  }

  send(text: string): void {
    this.#write(0x1, Buffer.from(text));
  }

  terminate(): void {
    this.socket.destroy();
  }

  /** Feeds bytes that arrived with the handshake's answer. */
  feed(bytes: Buffer): void {
    if (bytes.length > 0) this.#read(bytes, performance.now());
  }

  #read(chunk: Buffer, at: number): void {
    let buffer = this.#pending ? Buffer.concat([this.#pending, chunk]) : chunk;
    this.#pending = null;
    while (buffer.length >= 2) {
      const first = buffer[0]!;
      const second = buffer[1]!;
      let length = second & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffer.length < 4) break;
        length = buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (buffer.length < 10) break;
        length = Number(buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (buffer.length < offset + length) break;
      const payload = buffer.subarray(offset, offset + length);
      buffer = buffer.subarray(offset + length);
      const opcode = first & 0x0f;
      if ((first & 0x80) === 0 || (second & 0x80) !== 0) {
        this.socket.destroy(new Error('a fragmented or masked frame from the server'));
        return;
      }
      if (opcode === 0x1) this.onText(payload, at);
      else if (opcode === 0x9) this.#write(0xa, payload);
      else if (opcode === 0x8) {
        this.#close(payload.length >= 2 ? payload.readUInt16BE(0) : 1005, payload.subarray(2).toString());
        this.socket.destroy();
        return;
      }
    }
    if (buffer.length > 0) this.#pending = Buffer.from(buffer);
  }

  #write(opcode: number, payload: Buffer): void {
    const length = payload.length;
    if (length > 0xffff) throw new Error('the bench sends short frames only');
    const mask = randomBytes(4);
    const header =
      length < 126
        ? Buffer.from([0x80 | opcode, 0x80 | length])
        : Buffer.from([0x80 | opcode, 0x80 | 126, length >> 8, length & 0xff]);
    const masked = Buffer.allocUnsafe(length);
    for (let i = 0; i < length; i++) masked[i] = payload[i]! ^ mask[i & 3]!;
    this.socket.write(Buffer.concat([header, mask, masked]));
  }

  #close(code: number, reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.onClose(code, reason);
  }
}

/** Opens `url` (http://…/api/ws) with `headers`, as a WebSocket; see RawWebSocket. */
export function openRawWebSocket(
  url: string,
  headers: Record<string, string>,
  onText: (payload: Buffer, at: number) => void,
  onClose: (code: number, reason: string) => void,
): Promise<RawWebSocket> {
  const key = randomBytes(16).toString('base64');
  const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      headers: {
        ...headers,
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': key,
      },
      timeout: 10_000,
    });
    request.on('upgrade', (response, socket, head) => {
      if (response.headers['sec-websocket-accept'] !== accept) {
        socket.destroy();
        reject(new Error('the server answered the WebSocket handshake with the wrong key'));
        return;
      }
      const ws = new RawWebSocket(socket, onText, onClose);
      ws.feed(head);
      resolve(ws);
    });
    request.on('response', (response) =>
      reject(new Error(`the WebSocket handshake was answered ${response.statusCode}`)),
    );
    request.on('timeout', () => request.destroy(new Error('WebSocket handshake timed out')));
    request.on('error', reject);
    request.end();
  });
}
