import net from 'node:net';

/**
 * Keep-alive HTTP/1.1 POSTs of JSON written straight to TCP sockets, for
 * the fan-out bench's senders (500 posts a second on the server's own
 * machine): `node:http`'s request and response objects were the larger part
 * of what the bench itself cost. One request per connection at a time, no
 * pipelining; it expects what Parta answers — a Content-Length, no chunked
 * bodies (anything else fails the request).
 */
export class RawPoster {
  readonly #idle: Connection[] = [];

  constructor(
    private readonly host: string,
    private readonly port: number,
    /** header lines every request carries (cookie, CSRF token, origin), each ending in \r\n */
    private readonly headers: string,
  ) {}

  post(path: string, body: string): Promise<{ status: number; body: string }> {
    let connection = this.#idle.pop();
    while (connection && !connection.open) connection = this.#idle.pop();
    connection ??= new Connection(this.host, this.port);
    const length = Buffer.byteLength(body);
    const head =
      `POST ${path} HTTP/1.1\r\nhost: ${this.host}:${this.port}\r\ncontent-type: application/json\r\n` +
      `content-length: ${length}\r\n${this.headers}\r\n`;
    return connection.request(head + body).then((reply) => {
      if (reply.keepAlive) this.#idle.push(connection);
      else connection.close();
      return reply;
    });
  }
}

const HEADERS_END = Buffer.from('\r\n\r\n');

class Connection {
  open = true;
  readonly #socket: net.Socket;
  #buffer: Buffer = Buffer.alloc(0);
  #waiting: { resolve: (reply: Reply) => void; reject: (error: Error) => void } | null = null;

  constructor(host: string, port: number) {
    this.#socket = net.connect({ host, port, noDelay: true });
    this.#socket.on('data', (chunk: Buffer) => this.#read(chunk));
    this.#socket.on('error', (error) => this.#fail(error));
    this.#socket.on('close', () => {
      this.open = false;
      this.#fail(new Error('the server closed the connection'));
    });
  }

  request(bytes: string): Promise<Reply> {
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject };
      this.#socket.write(bytes);
    });
  }

  close(): void {
    this.#socket.destroy();
  }

  #read(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const end = this.#buffer.indexOf(HEADERS_END);
    if (end < 0) return;
    const head = this.#buffer.subarray(0, end).toString('latin1');
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (!length) {
      this.#fail(new Error(`an answer without a length: ${head.slice(0, 200)}`));
      this.#socket.destroy();
      return;
    }
    const total = end + HEADERS_END.length + Number(length[1]);
    if (this.#buffer.length < total) return;
    const body = this.#buffer.subarray(end + HEADERS_END.length, total).toString('utf8');
    this.#buffer = this.#buffer.subarray(total);
    const waiting = this.#waiting;
    this.#waiting = null;
    waiting?.resolve({
      status: Number(head.slice(9, 12)),
      body,
      keepAlive: !/\r\nconnection: *close/i.test(head),
    });
  }

  #fail(error: Error): void {
    const waiting = this.#waiting;
    this.#waiting = null;
    waiting?.reject(error);
  }
}

interface Reply {
  status: number;
  body: string;
  keepAlive: boolean;
}
