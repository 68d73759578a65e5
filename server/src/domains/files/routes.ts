import type { Readable } from 'node:stream';
import {
  ZAttachment,
  ZFileRules,
  ZFileRulesRequest,
  ZFileSettings,
  ZIdParam,
  ZUploadQuery,
} from '@parta/protocol';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { App, RouteDeps } from '../../http/types.js';
import { AppError } from '../../infra/errors.js';
import { requirePerson } from '../../infra/require.js';
import type { Storage } from '../../infra/storage.js';
import { scanFile } from '../../infra/virus-scan.js';
import { accessChat } from '../chats/access.js';
import { canPostMessage } from '../chats/policy.js';
import { recordUpload } from './actions.js';
import { attachmentDisposition, cleanFileName } from './names.js';
import { canSetFileRules } from './policy.js';
import { readableFile, type StoredFile } from './queries.js';
import { receiveFile } from './receive.js';
import { fileSettings, schoolFileRules, setFileRules, usedBytes } from './settings.js';

const ZChatParams = z.strictObject({ id: ZIdParam });
const ZFileParams = z.strictObject({ id: ZIdParam });
const tags = ['files'];

/**
 * Files: an upload is the raw bytes of one file (`application/octet-stream`,
 * its name in `?name=`), streamed, checked and cleaned before it is kept
 * (receive.ts); a download is for whoever may read it (policy.ts), always
 * as an attachment that a browser will not run.
 */
export function fileRoutes(app: App, deps: RouteDeps): void {
  const { db } = deps.database;
  const clamav = deps.config.clamavSocket;
  // Only here: the body stays a stream for the handler (receive.ts caps it as it flows).
  app.addContentTypeParser(
    'application/octet-stream',
    { bodyLimit: Number.MAX_SAFE_INTEGER },
    (_r, payload, done) => done(null, payload),
  );

  app.post(
    '/api/chats/:id/files',
    {
      config: { policy: 'messages.post', limit: 'posts' },
      schema: { tags, params: ZChatParams, querystring: ZUploadQuery, response: { 201: ZAttachment } },
    },
    async (request, reply) => {
      const person = requirePerson(request.actor);
      await accessChat(db, person, request.params.id, canPostMessage);
      const body = request.body as NodeJS.ReadableStream | undefined;
      if (!body || typeof (body as { pipe?: unknown }).pipe !== 'function') {
        throw new AppError('request.unsupported_media_type');
      }
      const declared = request.headers['content-length'];
      const rules = await schoolFileRules(db, person.schoolId);
      const spaceLeft =
        rules.quotaBytes === null
          ? null
          : Math.max(0, rules.quotaBytes - (await usedBytes(db, person.schoolId)));
      const received = await receiveFile(
        deps.storage,
        body as Readable,
        declared === undefined ? null : Number(declared),
        {
          limits: rules.limits,
          formats: rules.formats,
          spaceLeft,
          scan: clamav ? (filePath) => scanFile(clamav, filePath) : undefined,
        },
      ).catch((error: unknown) => {
        // The rest of a refused upload is not read: the connection closes after the answer.
        reply.header('connection', 'close');
        throw error;
      });
      const fallback =
        received.kind === 'image' ? 'Фото' : received.kind === 'document' ? 'Документ' : 'Запись';
      const file = await deps.actions.run(request.actor, recordUpload, {
        ...received,
        chatId: request.params.id,
        name: cleanFileName(request.query.name, received.format, fallback),
      });
      reply.code(201);
      return file;
    },
  );

  app.get(
    '/api/school/files',
    { config: { policy: 'files.usage' }, schema: { tags, response: { 200: ZFileSettings } } },
    async (request) => {
      const person = requirePerson(request.actor);
      return fileSettings(db, person.schoolId, canSetFileRules(person).ok);
    },
  );

  app.post(
    '/api/school/files',
    {
      config: { policy: 'files.rules' },
      schema: { tags, body: ZFileRulesRequest, response: { 200: ZFileRules } },
    },
    async (request) => deps.actions.run(request.actor, setFileRules, request.body),
  );

  app.get(
    '/api/files/:id',
    { config: { policy: 'files.read' }, schema: { tags, params: ZFileParams } },
    async (request, reply) => {
      const file = await readableFile(db, requirePerson(request.actor), request.params.id);
      return sendBytes(deps.storage, reply, file, file.storageKey, file.mime, request.headers.range);
    },
  );

  app.get(
    '/api/files/:id/thumbnail',
    { config: { policy: 'files.read' }, schema: { tags, params: ZFileParams } },
    async (request, reply) => {
      const file = await readableFile(db, requirePerson(request.actor), request.params.id);
      if (!file.thumbnailKey) throw new AppError('files.not_found');
      return sendBytes(deps.storage, reply, file, file.thumbnailKey, 'image/webp', undefined);
    },
  );
}

/**
 * The bytes, whole or one `Range` (video and voice seek with it), as an
 * attachment under the file's name: never shown as a page, never sniffed,
 * in a sandbox with nothing allowed should a browser open it anyway.
 */
async function sendBytes(
  storage: Storage,
  reply: FastifyReply,
  file: StoredFile,
  key: string,
  mime: string,
  rangeHeader: string | undefined,
) {
  const size = (await storage.size(key)) ?? 0;
  reply
    .header('content-type', mime)
    .header('content-disposition', attachmentDisposition(file.name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, max-age=31536000, immutable')
    .header('accept-ranges', 'bytes');
  const range = parseRange(rangeHeader, size);
  if (range === 'unsatisfiable') {
    return reply.code(416).header('content-range', `bytes */${size}`).send();
  }
  if (range) {
    return reply
      .code(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
      .header('content-length', range.end - range.start + 1)
      .send(storage.read(key, range));
  }
  return reply.header('content-length', size).send(storage.read(key));
}

/** One `bytes=a-b`, `bytes=a-` or `bytes=-n` range; several ranges get the whole file. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | 'unsatisfiable' {
  const match = header?.match(/^bytes=(\d*)-(\d*)$/);
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start > end || start >= size) return 'unsatisfiable';
  return { start, end };
}
