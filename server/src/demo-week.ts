import { randomUUID } from 'node:crypto';
import type { ReactionEmoji, Role } from '@parta/protocol';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from './db/client.js';
import { createChat } from './domains/chats/actions.js';
import { pinMessage, postMessage, reactToMessage } from './domains/messages/actions/index.js';
import { ActionRunner } from './infra/actions.js';
import type { Person } from './infra/actor.js';
import type { Bus } from './infra/bus.js';
import { ManualClock } from './infra/clock.js';

type Who =
  | 'director'
  | 'admin'
  | 'classTeacher'
  | 'teacher04'
  | 'teacher05'
  | 'teacher06'
  | 'parent1'
  | 'parent2'
  | 'parent3'
  | 'parent4'
  | 'parent5'
  | 'parent6'
  | 'student1'
  | 'student2';
type Place = 'staff' | 'directorStaff' | 'news' | 'parents5a' | 'students5a';

interface Line {
  /** days before the last day of the week (0: yesterday) and the school's time */
  day: number;
  at: string;
  in: Place;
  by: Who;
  body: string;
  /** the line (its index) this one answers */
  reply?: number;
  react?: [Who, ReactionEmoji][];
  pin?: Who;
}

/** A week of a school's life: notices, questions, answers, thanks. */
const week: Line[] = [
  {
    day: 6,
    at: '07:45',
    in: 'staff',
    by: 'director',
    body: 'Коллеги, доброе утро. Педсовет — в среду в 14:30 в актовом зале.',
    react: [
      ['teacher04', '👍'],
      ['teacher05', '👍'],
      ['teacher06', '👍'],
    ],
  },
  { day: 6, at: '07:52', in: 'staff', by: 'teacher05', body: 'Спасибо, будем.', reply: 0 },
  {
    day: 6,
    at: '08:10',
    in: 'news',
    by: 'admin',
    body: 'Уважаемые родители! С понедельника вход в школу — по электронным пропускам. Пропуска выдают классные руководители.',
    react: [
      ['parent1', '👍'],
      ['parent2', '👍'],
      ['parent3', '🙏'],
      ['classTeacher', '👍'],
    ],
    pin: 'admin',
  },
  {
    day: 6,
    at: '18:20',
    in: 'parents5a',
    by: 'classTeacher',
    body: 'Добрый вечер! Завтра у 5А экскурсия в краеведческий музей, сбор в 8:15 у школы. Возьмите, пожалуйста, перекус и воду.',
    react: [
      ['parent1', '👍'],
      ['parent4', '👍'],
      ['parent5', '🙏'],
    ],
    pin: 'classTeacher',
  },
  {
    day: 6,
    at: '18:34',
    in: 'parents5a',
    by: 'parent1',
    body: 'Спасибо! Во сколько примерно вернёмся?',
    reply: 3,
  },
  {
    day: 6,
    at: '18:41',
    in: 'parents5a',
    by: 'classTeacher',
    body: 'Около 13:00, к обеду будем в школе.',
    reply: 4,
    react: [['parent1', '🙏']],
  },
  {
    day: 5,
    at: '16:05',
    in: 'students5a',
    by: 'classTeacher',
    body: 'Ребята, фотографии с экскурсии пришлю завтра. Отчёт о музее — до пятницы.',
  },
  {
    day: 5,
    at: '16:20',
    in: 'students5a',
    by: 'student1',
    body: 'А отчёт можно написать в тетради?',
    reply: 6,
  },
  {
    day: 5,
    at: '16:31',
    in: 'students5a',
    by: 'classTeacher',
    body: 'Можно, главное — аккуратно и с датой.',
    reply: 7,
    react: [
      ['student1', '👍'],
      ['student2', '😂'],
    ],
  },
  {
    day: 4,
    at: '12:00',
    in: 'directorStaff',
    by: 'director',
    body: 'Прошу до конца недели сдать планы внеурочной деятельности завучу.',
  },
  { day: 4, at: '12:15', in: 'directorStaff', by: 'teacher04', body: 'Сдам завтра утром.', reply: 9 },
  {
    day: 3,
    at: '19:10',
    in: 'parents5a',
    by: 'parent2',
    body: 'Подскажите, пожалуйста, что задано по математике на завтра?',
  },
  {
    day: 3,
    at: '19:18',
    in: 'parents5a',
    by: 'parent3',
    body: '№ 245 и 247, и выучить правило на странице 58.',
    reply: 11,
    react: [
      ['parent2', '🙏'],
      ['parent6', '❤️'],
    ],
  },
  {
    day: 2,
    at: '09:30',
    in: 'news',
    by: 'admin',
    body: 'Родительское собрание 5–9 классов — в пятницу в 18:00. Тема: итоги первой четверти.',
    react: [
      ['parent4', '👍'],
      ['parent5', '👍'],
    ],
  },
  {
    day: 2,
    at: '10:02',
    in: 'staff',
    by: 'admin',
    body: 'Коллеги, в разделе «Школа» появились списки классов. Если кого-то не хватает — напишите мне.',
  },
  {
    day: 2,
    at: '10:15',
    in: 'staff',
    by: 'teacher06',
    body: 'В 7Б нет двух новеньких, сейчас пришлю фамилии.',
    reply: 14,
    react: [['admin', '👍']],
  },
  {
    day: 1,
    at: '17:45',
    in: 'parents5a',
    by: 'classTeacher',
    body: 'Родители, напоминаю: собрание в пятницу в 18:00, кабинет 21.',
    react: [
      ['parent1', '👍'],
      ['parent2', '👍'],
      ['parent3', '👍'],
      ['parent6', '👍'],
    ],
  },
  { day: 1, at: '17:50', in: 'parents5a', by: 'parent4', body: 'Будем. Можно прийти с младшим?', reply: 16 },
  { day: 1, at: '17:58', in: 'parents5a', by: 'classTeacher', body: 'Конечно, приходите.', reply: 17 },
  {
    day: 0,
    at: '19:05',
    in: 'parents5a',
    by: 'parent5',
    body: 'Спасибо за экскурсию! Дочь весь вечер рассказывала про мамонта.',
    react: [
      ['classTeacher', '❤️'],
      ['parent1', '😂'],
      ['parent3', '❤️'],
    ],
  },
];

/** The demo school's people and chats the week needs, found by what `seedDemoSchool` made. */
async function castOf(db: Db, schoolId: number) {
  const rows = await db.execute<{ name: string; id: number; roles: Role[] }>(sql`
    with c5a as (select id, class_teacher_id from classes
        where school_id = ${schoolId} and grade = 5 and letter = 'А' and archived_at is null),
      parents as (select u.id, u.roles, row_number() over (order by u.id) as n from guardianships g
        join users u on u.id = g.parent_id join users s on s.id = g.student_id
        where s.class_id = (select id from c5a) group by u.id, u.roles),
      students as (select id, roles, row_number() over (order by id) as n from users
        where class_id = (select id from c5a))
    select login as name, id, roles from users
      where school_id = ${schoolId} and login in ('director', 'admin', 'teacher04', 'teacher05', 'teacher06')
    union all select 'classTeacher', u.id, u.roles from users u where u.id = (select class_teacher_id from c5a)
    union all select 'parent' || n, id, roles from parents where n <= 6
    union all select 'student' || n, id, roles from students where n <= 2`);
  const people = new Map(
    rows.rows.map((row): [string, Person] => [
      row.name,
      { kind: 'person', userId: row.id, schoolId, roles: row.roles, sessionId: null },
    ]),
  );
  const chats = await db.execute<{ key: string; id: number }>(sql`
    select structural_key as key, id from chats where school_id = ${schoolId} and structural_key is not null`);
  const byKey = new Map(chats.rows.map((row) => [row.key, row.id]));
  const class5a = await db.execute<{ id: number }>(
    sql`select id from classes where school_id = ${schoolId} and grade = 5 and letter = 'А'`,
  );
  const classId = class5a.rows[0]!.id;
  const everyone = await db.execute<{ id: number }>(sql`
    select id from users where school_id = ${schoolId}
      and (roles && array['parent', 'teacher', 'staff', 'administration']::text[])`);
  return {
    person: (who: Who) => people.get(who)!,
    chats: {
      staff: byKey.get('staff')!,
      directorStaff: byKey.get('director_staff')!,
      parents5a: byKey.get(`class:${classId}:parents`)!,
      students5a: byKey.get(`class:${classId}:students`)!,
    },
    everyone: everyone.rows.map((row) => row.id),
  };
}

/**
 * `at` in Moscow on the working day `day` working days before the last one
 * before `end`'s date (the demo school's zone has no summer time). Sundays
 * are skipped: the school's default hours keep them, and a line written on
 * one would wait for Monday (domains/hours).
 */
function moscowTime(end: Date, day: number, at: string): Date {
  const local = new Date(end.getTime() + 3 * 3_600_000);
  const [hours, minutes] = at.split(':').map(Number);
  let back = 0;
  for (let working = -1; working < day; ) {
    back += 1;
    const date = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - back));
    if (date.getUTCDay() !== 0) working += 1;
  }
  return new Date(
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - back, hours! - 3, minutes!),
  );
}

/**
 * `parta demo`, part two: a believable week in the demo school — the staff
 * chat, the director's chat, 5А's parents and students, a «Новости школы»
 * announcement chat — with replies, reactions and pins. Everything goes
 * through the actions, as the people would, on a clock set back day by day:
 * the week ends yesterday.
 */
export async function seedDemoWeek(
  deps: { db: Db; bus: Bus; logger: Logger },
  schoolId: number,
  end: Date,
): Promise<{ messages: number }> {
  const clock = new ManualClock(moscowTime(end, 7, '07:00'));
  const actions = new ActionRunner({ ...deps, clock });
  const cast = await castOf(deps.db, schoolId);
  const admin = cast.person('admin');
  const { chatId: news } = await actions.run(admin, createChat, {
    title: 'Новости школы',
    memberIds: cast.everyone,
    announcement: true,
  });
  const chatOf = (place: Place) => (place === 'news' ? news : cast.chats[place]);
  const posted: { chatId: number; messageId: number }[] = [];
  for (const line of week) {
    const chatId = chatOf(line.in);
    clock.set(moscowTime(end, line.day, line.at));
    const message = await actions.runStatement(cast.person(line.by), postMessage, {
      chatId,
      clientId: randomUUID(),
      body: line.body,
      ...(line.reply === undefined ? {} : { replyToId: posted[line.reply]!.messageId }),
    });
    if ('deliverAt' in message)
      throw new Error(`demo: «${line.body.slice(0, 20)}…» would wait for the hours`);
    const ref = { chatId, messageId: message.id };
    posted.push(ref);
    for (const [who, emoji] of line.react ?? []) {
      clock.advance(60_000);
      await actions.run(cast.person(who), reactToMessage, { ...ref, emoji, on: true });
    }
    if (line.pin) await actions.run(cast.person(line.pin), pinMessage, { ...ref, pinned: true });
  }
  return { messages: posted.length };
}
