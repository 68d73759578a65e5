import { mapLimit } from './http.js';
import type { Searcher } from './search-setup.js';

/** One kind of query a person types, with a few concrete variants. */
export interface Kind {
  name: string;
  queries: string[];
  /** only the person's class parents' chat (`chatId=`) */
  oneChat?: boolean;
  /** the second page (`before=` the last hit of the first page) */
  secondPage?: boolean;
}

export const KINDS: Kind[] = [
  { name: 'common word, other form', queries: ['собрания', 'собранию', 'оценку', 'расписанию', 'заданий'] },
  { name: 'rare word', queries: ['планетарий', 'ветрянка', 'скворечник'] },
  { name: 'two words', queries: ['родительское собрание', 'домашнее задание', 'контрольная работа'] },
  { name: 'name', queries: ['Ильдар', 'Гульнара Рашитовна', 'Алсу'] },
  { name: 'typo', queries: ['экскурся', 'сабрание', 'раписание'] },
  { name: 'not present', queries: ['вертолёт', 'парашют', 'квантовый'] },
  { name: 'prefix, as typed', queries: ['собр', 'экскур', 'родительское соб'] },
  { name: "others' chats' word", queries: ['педсовет', 'аттестация'] },
  { name: 'one chat', queries: ['собрание', 'экскурсия'], oneChat: true },
  { name: 'second page', queries: ['собрания', 'задание'], secondPage: true },
];

export interface Probe {
  person: Searcher;
  kind: Kind;
  q: string;
  path: string;
  /** FTS matches among the messages the person can read (from the database, not timed) */
  hits: number;
}

export interface Sample {
  probe: Probe;
  ms: number;
  status: number;
  results: number;
}

interface Results {
  hits: { message: { id: number } }[];
  hasMore: boolean;
}

/**
 * The requests of one round: every variant of every kind for every person.
 * A second page needs the first page's last id, asked for here (not timed).
 */
export async function probes(people: Searcher[], kinds: Kind[]): Promise<Probe[]> {
  const list: Probe[] = [];
  for (const person of people) {
    for (const kind of kinds) {
      for (const q of kind.queries) {
        const params = new URLSearchParams({ q });
        if (kind.oneChat) params.set('chatId', String(person.oneChatId));
        if (kind.secondPage) {
          const first = await person.client.get<Results>(`/api/search?${params}`);
          const last = first.body.hits.at(-1);
          if (!first.body.hasMore || !last) continue; // fewer than a page: no second one
          params.set('before', String(last.message.id));
        }
        list.push({ person, kind, q, path: `/api/search?${params}`, hits: 0 });
      }
    }
  }
  return list;
}

async function timed(probe: Probe): Promise<Sample> {
  const began = performance.now();
  const reply = await probe.person.client.get<Results>(probe.path);
  const ms = performance.now() - began;
  return { probe, ms, status: reply.status, results: reply.status === 200 ? reply.body.hits.length : -1 };
}

/** `rounds` passes over the probes, one request at a time, or `concurrency` at a time. */
export async function measure(list: Probe[], rounds: number, concurrency = 1): Promise<Sample[]> {
  const all = Array.from({ length: rounds }, () => list).flat();
  const samples = await mapLimit(all, concurrency, timed);
  const failed = samples.find((sample) => sample.status !== 200);
  if (failed) throw new Error(`GET ${failed.probe.path} answered ${failed.status}`);
  return samples;
}
