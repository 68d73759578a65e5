import { sql } from 'drizzle-orm';
import type { Action } from '../../infra/actions.js';
import { pruneVocabulary } from './vocabulary.js';

/**
 * Earlier texts of edited and deleted messages are kept this long for the
 * chat's moderators («История изменений»): long enough to act on a complaint
 * about what was written and taken back, not for ever (docs/messaging.md).
 */
export const MESSAGE_HISTORY_MS = 30 * 24 * 60 * 60 * 1000;

export const pruneMessageHistory: Action<unknown, { deleted: number }> = async ({ tx, now }) => {
  const cutoff = new Date(now.getTime() - MESSAGE_HISTORY_MS);
  const result = await tx.execute(sql`delete from message_versions where at < ${cutoff}`);
  const deleted = result.rowCount ?? 0;
  return {
    result: { deleted },
    audit: { type: 'retention.prune', data: { what: 'message_history', deleted } },
  };
};

export const pruneSearchWords: Action<unknown, { deleted: number }> = async ({ tx }) => {
  const deleted = await pruneVocabulary(tx);
  return { result: { deleted }, audit: { type: 'retention.prune', data: { what: 'search_words', deleted } } };
};
