import type { TErrorBody } from '@parta/protocol';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorMessage, fieldLabel } from '../i18n/index.js';
import { AppError } from '../infra/errors.js';
import { loggableError } from '../infra/logger.js';
import { databaseFault, type WriteHealth } from './database-faults.js';
import type { App } from './types.js';

const fastifyCodes: Record<string, AppError['code']> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.malformed_json',
};

/** Turns anything thrown into `{ error: { code, message } }`; never leaks internals. */
export function installErrorHandling(app: App, writes: WriteHealth): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    sendError(request, reply, toAppError(error, request, writes));
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, new AppError('request.not_found')));
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const fields = error.fields ?? [];
  const named = fields.filter((field) => field.path !== '');
  // A problem with the request as a whole (not one field) reads better without a field list.
  const messageKey =
    error.code === 'validation.failed' && named.length === 0 ? 'validation.failed_request' : error.code;
  const params = {
    ...error.params,
    fields: [
      ...new Set(
        named.map((field) =>
          fieldLabel(request.locale ?? 'ru', field.path.replace(/^(params|querystring|headers)\./, '')),
        ),
      ),
    ].join(', '),
    reason: fields[0]?.message ?? '',
  };
  const body: TErrorBody = {
    error: {
      code: error.code,
      message: errorMessage(request.locale ?? 'ru', messageKey, params),
      ...(fields.length > 0 ? { fields } : {}),
    },
  };
  if (error.status === 429) reply.header('retry-after', String(error.params.seconds ?? 60));
  if (error.status === 503) reply.header('retry-after', '30');
  return reply.status(error.status).send(body);
}

function toAppError(error: FastifyError, request: FastifyRequest, writes: WriteHealth): AppError {
  if (error instanceof AppError) return error;
  const fault = databaseFault(error);
  if (fault) {
    request.log.warn({ fault }, 'database unavailable');
    if (fault === 'storage_full') writes.failed();
    return new AppError(fault === 'storage_full' ? 'server.storage_full' : 'server.unavailable');
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields = error.validation.map((issue) => ({
      path: `${error.validationContext ?? ''}${issue.instancePath.replaceAll('/', '.')}`.replace(
        /^body\./,
        '',
      ),
      message: issue.message ?? 'invalid',
    }));
    return new AppError('validation.failed', {}, fields);
  }
  const code = error.code ? fastifyCodes[error.code] : undefined;
  if (code) return new AppError(code);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError('validation.failed', {}, [{ path: '', message: error.message }]);
  }
  request.log.error({ err: loggableError(error) }, 'unexpected error');
  return new AppError('server.internal');
}
