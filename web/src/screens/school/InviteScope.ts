import { schoolApi } from '../../api/school.js';
import { isAdmin, me } from '../../state/session.js';
import { type Loaded, useLoad } from './useLoad.js';

export interface InviteScope {
  /** the admin invites anyone anywhere; a class teacher, parents and students of their classes */
  admin: boolean;
  /** the classes invites may be for (this year's, not graduated) */
  classes: { id: number; name: string }[];
  /** the school's code for families without an invite (the admin sees it) */
  joinCode: string | null;
}

async function loadScope(): Promise<InviteScope> {
  if (isAdmin.peek()) {
    const structure = await schoolApi.structure();
    return {
      admin: true,
      classes: structure.classes.filter((item) => !item.archived).map(({ id, name }) => ({ id, name })),
      joinCode: structure.school.joinCode,
    };
  }
  const card = await schoolApi.person(me.peek()!.id);
  return { admin: false, classes: card.leads, joinCode: null };
}

/** What the reader may invite into: every class for the admin, their own for a class teacher. */
export function useInviteScope(): Loaded<InviteScope> {
  return useLoad(loadScope, `invite-scope-${me.value?.id}-${isAdmin.value}`);
}
