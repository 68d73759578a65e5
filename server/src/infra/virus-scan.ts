import { createReadStream } from 'node:fs';
import { createConnection } from 'node:net';

export type ScanVerdict = { clean: true } | { clean: false; signature: string };

const CHUNK = 64 * 1024;

/**
 * Asks a ClamAV daemon about a file over its socket (`zINSTREAM`: the bytes
 * in length-prefixed chunks, then a zero length). Rejects when the daemon
 * cannot answer (not running, the file past its `StreamMaxLength`): the
 * caller refuses the file rather than keep it unscanned.
 */
export function scanFile(socketPath: string, filePath: string, timeoutMs = 120_000): Promise<ScanVerdict> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(socketPath);
    const replies: Buffer[] = [];
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error('clamd: no answer in time')));
    socket.on('error', fail);
    socket.on('data', (chunk) => replies.push(chunk));
    socket.on('end', () => {
      const reply = Buffer.concat(replies).toString('utf8').replace(/\0/g, '').trim();
      const found = /^stream: (.+) FOUND$/.exec(reply);
      if (found) resolve({ clean: false, signature: found[1]! });
      else if (reply === 'stream: OK') resolve({ clean: true });
      else reject(new Error(`clamd: ${reply.slice(0, 200)}`));
    });
    socket.on('connect', async () => {
      try {
        socket.write('zINSTREAM\0');
        for await (const data of createReadStream(filePath, { highWaterMark: CHUNK })) {
          const length = Buffer.alloc(4);
          length.writeUInt32BE((data as Buffer).length);
          if (!socket.write(Buffer.concat([length, data as Buffer]))) {
            await new Promise((drained) => socket.once('drain', drained));
          }
        }
        socket.end(Buffer.alloc(4));
      } catch (error) {
        fail(error as Error);
      }
    });
  });
}
