import { wsCloseCodes, ZClientFrame } from '@parta/protocol';
import { isOwnOrigin } from '../http/session.js';
import type { App, RouteDeps } from '../http/types.js';
import { loggableError } from '../infra/logger.js';
import { takeToken } from '../infra/token-bucket.js';
import { can } from '../policies.js';
import { Connection } from './connection.js';
import type { Hub } from './hub.js';
import type { TypingRelay } from './typing.js';

const MAX_FRAME_BYTES = 4096;

/**
 * `/api/ws`: the live stream. The browser sends `hello` with its cursor, gets
 * the events it missed, then `ready`, then live events. See protocol/ws.ts.
 */
export function realtimeRoutes(app: App, deps: RouteDeps, hub: Hub, typing: TypingRelay): void {
  app.get(
    '/api/ws',
    { websocket: true, config: { policy: 'auth.own_account' }, schema: { hide: true } },
    (socket, request) => {
      const origin = request.headers.origin;
      if (origin && !isOwnOrigin(origin, request.headers.host, deps.config.publicUrl)) {
        socket.close(wsCloseCodes.badOrigin, 'bad origin');
        return;
      }
      const actor = request.actor;
      if (actor.kind !== 'person' || !can(actor, 'auth.own_account').ok) {
        socket.close(wsCloseCodes.unauthenticated, 'log in');
        return;
      }
      const connection = new Connection(
        socket,
        actor.userId,
        actor.schoolId,
        actor.sessionId ?? 0,
        deps.clock.now().getTime(),
        deps.wsMaxBufferedBytes,
        request.raw.socket,
      );
      hub.add(connection);
      const frameLimit = deps.config.limitWsFrames;
      const frameBudget = { tokens: frameLimit?.burst ?? 0, at: connection.openedAt };
      socket.on('pong', () => {
        connection.alive = true;
      });
      socket.on('close', () => {
        connection.markClosed();
        hub.remove(connection);
      });
      socket.on('message', (data, isBinary) => {
        if (connection.state === 'closed') return;
        connection.alive = true;
        if (frameLimit && !takeToken(frameBudget, frameLimit, deps.clock.now().getTime()).ok) {
          connection.close(wsCloseCodes.tooManyFrames, 'too many frames');
          return;
        }
        const text = isBinary ? null : data.toString();
        const frame = text && text.length <= MAX_FRAME_BYTES ? parseFrame(text) : null;
        if (!frame) {
          connection.close(wsCloseCodes.badFrame, 'bad frame');
          return;
        }
        if (frame.type === 'ping') {
          connection.send({ type: 'pong' });
        } else if (frame.type === 'typing') {
          typing.typing(connection, frame.chatId).catch((error: Error) => {
            request.log.warn({ err: loggableError(error) }, 'typing relay failed');
          });
        } else if (connection.state === 'waiting') {
          hub.resume(connection, frame.cursor).catch((error: Error) => {
            request.log.warn({ err: loggableError(error) }, 'replay failed');
            connection.close(1011, 'replay failed');
          });
        }
      });
    },
  );
}

function parseFrame(text: string) {
  try {
    const parsed = ZClientFrame.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
