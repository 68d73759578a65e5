import { AppError } from '../infra/errors.js';
import type { App } from './types.js';

/**
 * JSON bodies are read as bytes and decoded strictly: Fastify's own parser
 * decodes as it goes and turns bytes that are not UTF-8 into «�», which would
 * then be stored as if the person had typed them. A body that is not UTF-8 is
 * not JSON (RFC 8259 §8.1) and gets `request.malformed_json`.
 */
export function installJsonBodyParser(app: App): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(new AppError('request.malformed_json'), undefined);
      return;
    }
    parseJson(request, text, done);
  });
}
