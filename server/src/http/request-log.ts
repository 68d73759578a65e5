import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { loggableError, stripTokens } from '../infra/logger.js';

const requestFields = (request: FastifyRequest) => ({
  method: request.method,
  url: stripTokens(request.url),
});

/**
 * Fastify's request lines, minus what must not be logged: URLs may carry a
 * one-time token (`/reset/…`), and the client's address is personal data.
 * One line per request at `info` (when it is answered, with method, address,
 * status and time), like an access log; the line on arrival only at `debug`,
 * since every posted message would otherwise cost two.
 */
export class PartaLogController extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log.debug({ req: requestFields(request) }, 'incoming request');
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const fields = {
      req: requestFields(request),
      res: { statusCode: reply.statusCode },
      responseTime: reply.elapsedTime,
    };
    if (error) reply.log.error({ ...fields, err: loggableError(error) }, 'request errored');
    else reply.log.info(fields, 'request completed');
  }

  override routeNotFound(request: FastifyRequest, _reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    request.log.info({ req: requestFields(request) }, 'route not found');
  }
}
