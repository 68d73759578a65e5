import { ZSearchQuery, ZSearchResults } from '@parta/protocol';
import type { App, RouteDeps } from '../../http/types.js';
import { requirePerson } from '../../infra/require.js';
import { searchMessages } from './queries.js';

export function searchRoutes(app: App, deps: RouteDeps): void {
  app.get(
    '/api/search',
    {
      config: { policy: 'chats.read', limit: 'searches' },
      schema: { tags: ['search'], querystring: ZSearchQuery, response: { 200: ZSearchResults } },
    },
    async (request) => searchMessages(deps.database.db, requirePerson(request.actor), request.query),
  );
}
