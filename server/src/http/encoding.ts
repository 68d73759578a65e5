import { AppError } from '../infra/errors.js';
import type { App } from './types.js';

/**
 * Bytes that are not UTF-8 are refused where they come in, instead of
 * becoming «�» (or staying percent-encoded) in what a handler sees.
 *
 * JSON bodies are read as bytes and decoded strictly: Fastify's own parser
 * decodes as it goes and turns such bytes into «�», which would then be
 * stored as if the person had typed them. A body that is not UTF-8 is not
 * JSON (RFC 8259 §8.1) and gets `request.malformed_json`.
 *
 * Any other content type is `415 request.unsupported_media_type`.
 *
 * A query string's values are passed on undecoded when their escapes are not
 * UTF-8 (`?q=%FF`); such a value is refused as an invalid field.
 */
export function installStrictEncoding(app: App): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  app.removeContentTypeParser('application/json');
  // JSON is the only body Parta takes: Fastify's default text/plain parser would let a body of any
  // text reach a route that takes none (the fuzz test issued a reset link that way).
  app.removeContentTypeParser('text/plain');
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
  app.addHook('onRequest', async (request) => {
    const query = request.url.split('?')[1];
    if (!query) return;
    for (const pair of query.split('&')) {
      const [name = '', value = ''] = pair.split('=');
      if (!decodes(name) || !decodes(value)) {
        const path = decodes(name) ? `querystring.${decodeURIComponent(name)}` : '';
        throw new AppError('validation.failed', {}, [{ path, message: 'not UTF-8' }]);
      }
    }
  });
}

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}
