import type { TCreateClassesRequest, TCreatedClasses } from '@parta/protocol';
import type { Action } from '../../../infra/actions.js';
import { addClasses } from '../add-classes.js';
import { beginStructureChange } from '../change.js';
import { canManageStructure } from '../policy.js';
import { syncStructuralChats } from '../sync.js';

/**
 * «Создать классы»: every chosen grade × every chosen letter of the current
 * year in one transaction, skipping the classes that exist, so sending the
 * same grid twice creates nothing the second time. One audit row for the
 * whole grid (the ids it created); the structural chats are synced once.
 */
export const createClasses: Action<TCreateClassesRequest, TCreatedClasses> = async (
  { tx, actor, now },
  input,
) => {
  const { school } = await beginStructureChange(tx, actor, canManageStructure);
  const wanted = [...input.grades]
    .sort((a, b) => a - b)
    .flatMap((grade) =>
      [...input.letters].sort((a, b) => a.localeCompare(b, 'ru')).map((letter) => ({ grade, letter })),
    );
  const created = await addClasses(tx, school, wanted, now);
  const skipped = wanted.length - created.length;
  return {
    result: { created: created.map((item) => item.name), skipped },
    events: created.length > 0 ? await syncStructuralChats(tx, school.id, now) : [],
    audit: {
      type: 'classes.create_many',
      data: { classIds: created.map((item) => item.id), skipped },
    },
  };
};
