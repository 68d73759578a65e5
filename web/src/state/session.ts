import type { TMe, TMePolicies } from '@parta/protocol';
import { computed, signal } from '@preact/signals';
import { api } from '../api/endpoints.js';
import { ApiError, configureHttp } from '../api/http.js';
import { navigate } from '../router.js';
import { noteServerTime } from './hours.js';
import { clearJoins, refreshJoins } from './joins.js';

/**
 * The live stream, the chats and the unsent messages: a chunk of their own,
 * fetched once someone signs in, so the login form and the join page come
 * without them. Steps run in the order they were asked for.
 */
let sync: Promise<typeof import('./sync.js')> | null = null;
function withSync(step: (module: typeof import('./sync.js')) => void): void {
  sync ??= import('./sync.js');
  void sync.then(step);
}

/** Logging out or in as someone else on this device: its unsent messages are forgotten too. */
export function forgetDevice(): void {
  withSync((module) => module.forgetDevice());
}

export const me = signal<TMe | null>(null);
/** What the app can show: the first-run wizard, the login page, or the app itself. */
export const phase = signal<'starting' | 'setup' | 'signed-out' | 'signed-in' | 'unreachable'>('starting');
/** The school's name for the login page, when the installation holds one school. */
export const soleSchool = signal<string | null>(null);

/**
 * What the person may do and which places they have: the server's answer
 * (`me.policies`, from the same rules its routes enforce), read here and
 * never derived from roles.
 */
const policy = (name: keyof TMePolicies) => computed(() => me.value?.policies[name] ?? false);

/** «Школа», the classes grid: the admin builds it, the administration oversees it. */
export const canSeeSchool = policy('school');
/** Build the school: classes, people, settings, the new year. */
export const canManageSchool = policy('manageSchool');
/** «Мой класс» instead of the whole school (a class teacher). */
export const leadsClassOnly = policy('myClass');
/** Open a class card. */
export const canOpenClasses = policy('viewClasses');
/** The people list and person cards (names, roles, classes). */
export const canSeePeople = policy('people');
/** Start group and announcement chats. */
export const canCreateChats = policy('createChats');
/** Invite links and printed slips. */
export const canInvite = policy('invite');
/** «Заявки»: requests to join to review. */
export const isReviewer = policy('reviewJoins');
/** Registered through an invite or the school code, not admitted yet: no chats, only their request. */
export const isApplicant = policy('applicant');

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

declare global {
  interface Window {
    /** GET /api/setup and GET /api/me, sent by index.html as the page arrived */
    partaEarly?: Promise<Response | Error>[];
  }
}

/** The answers index.html asked for, once: a later start (after «Повторить») asks again. */
function takeEarly(): Promise<Response | Error>[] {
  const early = window.partaEarly ?? [];
  window.partaEarly = undefined;
  return early;
}

export async function start(): Promise<void> {
  phase.value = 'starting';
  const [setupSent, meSent] = takeEarly();
  try {
    const [setup, current] = await Promise.all([
      api.setupStatus(setupSent),
      api.me(meSent).catch((error: unknown) => {
        if (error instanceof ApiError && error.code === 'auth.required') return null;
        throw error;
      }),
    ]);
    soleSchool.value = setup.school;
    if (setup.needed) phase.value = 'setup';
    else if (current) signIn(current);
    else phase.value = 'signed-out';
  } catch {
    phase.value = 'unreachable';
  }
}

export function signIn(next: TMe): void {
  configureHttp({ csrfToken: next.csrfToken });
  noteServerTime(next.now);
  me.value = next;
  phase.value = 'signed-in';
  clearJoins();
  withSync((module) => {
    if (phase.peek() !== 'signed-in' || me.peek()?.id !== next.id) return;
    module.startSync(next, {
      onSessionEnded: sessionEnded,
      onPersonChanged: () => void reloadMe(),
      onJoinsChanged: () => refreshJoins(me.peek()?.policies ?? { reviewJoins: false, applicant: false }),
      onSchoolChanged: (school) => {
        const current = me.peek();
        if (current) me.value = { ...current, school: { ...current.school, ...school } };
      },
      onHoursChanged: (hours) => {
        const current = me.peek();
        if (current) me.value = { ...current, school: { ...current.school, hours } };
      },
    });
  });
  refreshJoins(next.policies);
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
    noteServerTime(next.now);
    me.value = next;
    refreshJoins(next.policies);
    await (await import('./chats.js')).loadChats();
  } catch {
    // The live stream reconnects and asks again; the screen keeps what it has.
  }
}

/**
 * «Первые шаги» as they are now (a class created, a teacher assigned, an
 * invite made): `me` fetched again, without reloading the chats.
 */
export async function refreshFirstSteps(): Promise<void> {
  try {
    const next = await api.me();
    const current = me.peek();
    if (phase.peek() !== 'signed-in' || current?.id !== next.id) return;
    me.value = { ...current, firstSteps: next.firstSteps };
  } catch {
    // The checklist keeps what it showed; the next visit asks again.
  }
}

/** The server no longer knows this session (expired, ended elsewhere). */
export function sessionEnded(): void {
  if (phase.value !== 'signed-in') return;
  withSync((module) => module.stopSync());
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
