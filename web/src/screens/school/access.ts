import type { TClassCard } from '@parta/protocol';

/**
 * What the reader may do with a class: the server's answer on the card
 * (`policies`, org/policy.ts `classAbilities`), shown as it is.
 */
export type ClassAccess = TClassCard['policies'];
