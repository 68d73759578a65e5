import type { TMe } from '@parta/protocol';
import { computed, signal } from '@preact/signals';
import { api } from '../api/endpoints.js';
import { ApiError, configureHttp } from '../api/http.js';
import { navigate } from '../router.js';
import { loadChats } from './chats.js';
import { clearJoins, refreshJoins, reviews } from './joins.js';
import { forgetDevice, startSync, stopSync } from './sync.js';

export const me = signal<TMe | null>(null);
/** What the app can show: the first-run wizard, the login page, or the app itself. */
export const phase = signal<'starting' | 'setup' | 'signed-out' | 'signed-in' | 'unreachable'>('starting');
export const isAdmin = computed(() => me.value?.roles.includes('admin') ?? false);
/** «Школа», the classes grid: the admin builds it, the administration oversees it. */
export const canSeeSchool = computed(() =>
  (me.value?.roles ?? []).some((role) => role === 'admin' || role === 'administration'),
);
/** Staff see person cards (names, roles, classes); families do not. */
export const isStaff = computed(() =>
  (me.value?.roles ?? []).some((role) => role !== 'parent' && role !== 'student'),
);
/** Any staff member starts group and announcement chats (the server's `canCreateChat`). */
export const canCreateChats = isStaff;
/** A class teacher who is neither: «Мой класс» instead of the whole school. */
export const leadsClassOnly = computed(
  () => !canSeeSchool.value && (me.value?.roles.includes('class_teacher') ?? false),
);
/** «Заявки»: the admins and the class teachers review requests to join. */
export const isReviewer = computed(() => reviews(me.value?.roles ?? []));
/** Registered through an invite or the school code, not admitted yet: no roles, no chats. */
export const isApplicant = computed(() => me.value !== null && me.value.roles.length === 0);

/** Where to go after logging in: the page the reader opened while logged out (an invite, say). */
let returnPath = '/';

export function rememberReturn(path: string): void {
  returnPath = path;
}

export function peekReturn(): string {
  return returnPath;
}

export function takeReturn(): string {
  const path = returnPath;
  returnPath = '/';
  return path;
}

export async function start(): Promise<void> {
  phase.value = 'starting';
  try {
    const [setup, current] = await Promise.all([
      api.setupStatus(),
      api.me().catch((error: unknown) => {
        if (error instanceof ApiError && error.code === 'auth.required') return null;
        throw error;
      }),
    ]);
    if (setup.needed) phase.value = 'setup';
    else if (current) signIn(current);
    else phase.value = 'signed-out';
  } catch {
    phase.value = 'unreachable';
  }
}

export function signIn(next: TMe): void {
  configureHttp({ csrfToken: next.csrfToken });
  me.value = next;
  phase.value = 'signed-in';
  clearJoins();
  startSync(next, {
    onSessionEnded: sessionEnded,
    onPersonChanged: () => void reloadMe(),
    onJoinsChanged: () => refreshJoins(me.peek()?.roles ?? []),
  });
  refreshJoins(next.roles);
}

/**
 * The reader's roles or classes changed (made class teacher, admitted after a
 * request): who they are, their chats and their requests, fetched again.
 */
export async function reloadMe(): Promise<void> {
  try {
    const next = await api.me();
    if (phase.peek() !== 'signed-in' || me.peek()?.id !== next.id) return;
    configureHttp({ csrfToken: next.csrfToken });
    me.value = next;
    refreshJoins(next.roles);
    await loadChats();
  } catch {
    // The live stream reconnects and asks again; the screen keeps what it has.
  }
}

/** The server no longer knows this session (expired, ended elsewhere). */
export function sessionEnded(): void {
  if (phase.value !== 'signed-in') return;
  stopSync();
  clearJoins();
  configureHttp({ csrfToken: null });
  me.value = null;
  phase.value = 'signed-out';
}

/** «Выйти»; `stay` keeps the page open (the join page: «Это не вы?»). */
export async function signOut({ stay = false }: { stay?: boolean } = {}): Promise<void> {
  try {
    await api.logout();
  } catch {
    // Logged out here anyway; the server forgets the session when it expires.
  }
  forgetDevice();
  clearJoins();
  configureHttp({ csrfToken: null });
  me.value = null;
  phase.value = 'signed-out';
  if (!stay) navigate('/login', { replace: true });
}
