import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { stripTokens } from '../infra/logger.js';

/**
 * Fastify's request lines, minus what must not be logged: URLs may carry a
 * one-time token (`/reset/…`), and the client's address is personal data.
 */
export class PartaLogController extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log.info({ req: { method: request.method, url: stripTokens(request.url) } }, 'incoming request');
  }

  override routeNotFound(request: FastifyRequest, _reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    request.log.info({ req: { method: request.method, url: stripTokens(request.url) } }, 'route not found');
  }
}
