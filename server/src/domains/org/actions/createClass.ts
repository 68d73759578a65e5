import type { TCreateClassRequest } from '@parta/protocol';
import type { Action } from '../../../infra/actions.js';
import { AppError } from '../../../infra/errors.js';
import { addClasses } from '../add-classes.js';
import { className } from '../calendar.js';
import { beginStructureChange } from '../change.js';
import { canManageStructure } from '../policy.js';
import { syncStructuralChats } from '../sync.js';

/** «Создать класс 5А»: the class of the current school year, with its parents' and students' chats. */
export const createClass: Action<TCreateClassRequest, { classId: number }> = async (
  { tx, actor, now },
  input,
) => {
  const { school } = await beginStructureChange(tx, actor, canManageStructure);
  const [created] = await addClasses(tx, school, [input], now);
  if (!created) throw new AppError('classes.duplicate', { name: className(input.grade, input.letter) });
  return {
    result: { classId: created.id },
    events: await syncStructuralChats(tx, school.id, now),
    audit: { type: 'classes.create', subjectId: created.id, data: { name: created.name } },
  };
};
