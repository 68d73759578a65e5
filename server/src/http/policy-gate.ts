import { can } from '../policies.js';
import { AppError } from '../infra/errors.js';
import type { App } from './types.js';

/** Routes outside the API that need no policy: the web app's files and operations endpoints. */
const ungated = [/^\/api\/docs/, /^\/metrics$/, /^\/api\/health$/, /^\/(?!api\/)/];

/**
 * Every API route must name its policy; a route without one stops the server
 * from starting (and so fails every test). The gate runs before the handler.
 */
export function installPolicyGate(app: App): void {
  app.addHook('onRoute', (route) => {
    const policy = route.config?.policy;
    if (!policy) {
      if (ungated.some((pattern) => pattern.test(route.url))) return;
      throw new Error(`Route ${route.method} ${route.url} names no policy`);
    }
    // A WebSocket answers with a close code the page can read, so its handler checks itself.
    if (route.websocket) return;
    const gate = async (request: { actor: Parameters<typeof can>[0] }) => {
      const verdict = can(request.actor, policy);
      if (!verdict.ok) throw new AppError(verdict.code);
    };
    route.preValidation = [gate, ...toArray(route.preValidation)];
  });
}

function toArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
