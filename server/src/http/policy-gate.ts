import { AppError } from '../infra/errors.js';
import { can, type PolicyName } from '../policies.js';
import type { App } from './types.js';

export interface GatedRoute {
  method: string;
  url: string;
  policy: PolicyName;
  websocket: boolean;
  /** the zod schemas the route validates (body, params, querystring) */
  schema: { body?: unknown; params?: unknown; querystring?: unknown };
}

/** Routes outside the API that need no policy: the web app's files and operations endpoints. */
const ungated = [/^\/api\/docs/, /^\/metrics$/, /^\/api\/health$/, /^\/(?!api\/)/];

/**
 * Every API route must name its policy; a route without one stops the server
 * from starting (and so fails every test). The gate runs before the handler.
 */
export function installPolicyGate(app: App): GatedRoute[] {
  const gated: GatedRoute[] = [];
  app.addHook('onRoute', (route) => {
    const policy = route.config?.policy;
    if (!policy) {
      if (ungated.some((pattern) => pattern.test(route.url))) return;
      throw new Error(`Route ${route.method} ${route.url} names no policy`);
    }
    for (const method of toArray(route.method)) {
      if (method !== 'HEAD')
        gated.push({
          method,
          url: route.url,
          policy,
          websocket: Boolean(route.websocket),
          schema: route.schema ?? {},
        });
    }
    // A WebSocket answers with a close code the page can read, so its handler checks itself.
    if (route.websocket) return;
    const gate = async (request: { actor: Parameters<typeof can>[0] }) => {
      const verdict = can(request.actor, policy);
      if (!verdict.ok) throw new AppError(verdict.code);
    };
    route.preValidation = [gate, ...toArray(route.preValidation)];
  });
  return gated;
}

function toArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
