import { describe, expect, it } from 'vitest';
import { roles } from './common.js';
import { inviteRoles } from './invites.js';
import { ZSetRolesRequest } from './org.js';
import { ZCreatePersonRequest } from './people.js';
import { askedRoles, belongsToClass, handGivenRoles, leadingRole } from './roles.js';

describe('what each role is', () => {
  it('gives every role by hand except the one that comes with leading a class', () => {
    expect([...handGivenRoles, leadingRole].sort()).toEqual([...roles].sort());
  });

  it('offers every invitable role once when asking with the school code, families first', () => {
    expect([...askedRoles].sort()).toEqual([...inviteRoles].sort());
    expect(askedRoles.slice(0, 2).every(belongsToClass)).toBe(true);
  });

  it('refuses the class teacher role where roles are given by hand', () => {
    expect(ZSetRolesRequest.safeParse({ roles: ['teacher', leadingRole] }).success).toBe(false);
    const person = { fullName: 'Галиева Алсу', login: 'galieva', roles: [leadingRole] };
    expect(ZCreatePersonRequest.safeParse(person).success).toBe(false);
    expect(ZCreatePersonRequest.safeParse({ ...person, roles: ['teacher'] }).success).toBe(true);
  });
});
