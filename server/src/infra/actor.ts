import type { Role } from '@parta/protocol';

/** Who is acting. Routes resolve it from the session; jobs and the CLI build it. */
export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'person';
      userId: number;
      schoolId: number;
      roles: readonly Role[];
      sessionId: number | null;
    }
  /** the operator at the command line (`parta init`) */
  | { kind: 'system' };

export type Person = Extract<Actor, { kind: 'person' }>;

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.kind === 'person' && actor.roles.some((role) => roles.includes(role));
}
