import type { TClassCard, TCreatedPerson, TSchoolStructure } from '@parta/protocol';
import { type ApiClient, setPassword } from './api.js';

/**
 * A school that looks lived-in, for the screenshots of the grid and a class
 * card: classes far along and lagging behind, one without a class teacher,
 * subject teachers and a committee. Built through the admin's API.
 */

const surnames = [
  ['Смирнов', 'Смирнова'],
  ['Ахметов', 'Ахметова'],
  ['Васильев', 'Васильева'],
  ['Гарипов', 'Гарипова'],
  ['Егоров', 'Егорова'],
  ['Захаров', 'Захарова'],
  ['Ильин', 'Ильина'],
  ['Каримов', 'Каримова'],
  ['Лебедев', 'Лебедева'],
  ['Миронов', 'Миронова'],
  ['Никитин', 'Никитина'],
  ['Орлов', 'Орлова'],
  ['Павлов', 'Павлова'],
  ['Романов', 'Романова'],
  ['Сабиров', 'Сабирова'],
  ['Тихонов', 'Тихонова'],
  ['Фёдоров', 'Фёдорова'],
  ['Хасанов', 'Хасанова'],
  ['Шарипов', 'Шарипова'],
  ['Юсупов', 'Юсупова'],
  ['Яковлев', 'Яковлева'],
  ['Белов', 'Белова'],
] as const;
const boys = ['Артём', 'Тимур', 'Данияр', 'Матвей', 'Кирилл', 'Роберт', 'Лев', 'Марат'];
const girls = ['София', 'Алия', 'Ева', 'Камила', 'Полина', 'Амина', 'Вероника'];
const mothers = ['Ольга Викторовна', 'Гузель Ринатовна', 'Наталья Сергеевна', 'Эльвира Маратовна'];

let next = 0;
let logins = 0;

async function person(client: ApiClient, fullName: string, roles: string[]): Promise<TCreatedPerson> {
  logins += 1;
  return client.post<TCreatedPerson>('/api/people', { fullName, login: `demo${logins}`, roles });
}

/** A student with (or without) a parent, placed in a class; the parent has logged in when `joined`. */
async function family(
  client: ApiClient,
  classId: number,
  parent: 'none' | 'linked' | 'joined',
): Promise<{ parentId: number | null }> {
  const [boy, girl] = surnames[next % surnames.length]!;
  const daughter = next % 3 === 1;
  const first = daughter ? girls[next % girls.length]! : boys[next % boys.length]!;
  next += 1;
  const student = await person(client, `${daughter ? girl : boy} ${first}`, ['student']);
  await client.post(`/api/people/${student.person.id}/class`, { classId });
  if (parent === 'none') return { parentId: null };
  const mother = await person(client, `${girl} ${mothers[next % mothers.length]}`, ['parent']);
  await client.post(`/api/people/${student.person.id}/guardians`, { parentId: mother.person.id });
  if (parent === 'joined') await setPassword(client.baseUrl, mother.setPasswordLink.url, 'parent-password-9');
  return { parentId: mother.person.id };
}

async function families(client: ApiClient, classId: number, plan: ('none' | 'linked' | 'joined')[]) {
  const parents: number[] = [];
  for (const parent of plan) {
    const { parentId } = await family(client, classId, parent);
    if (parentId) parents.push(parentId);
  }
  return parents;
}

export async function furnishSchool(client: ApiClient): Promise<{ class5b: number }> {
  const structure = await client.get<TSchoolStructure>('/api/school/structure');
  const class5b = structure.classes.find((item) => item.name === '5Б')!.id;
  const created: Record<string, number> = {};
  for (const [grade, letter] of [
    [1, 'А'],
    [1, 'Б'],
    [9, 'А'],
    [11, 'А'],
  ] as const) {
    created[`${grade}${letter}`] = (await client.post<TClassCard>('/api/classes', { grade, letter })).id;
  }
  const teacher = async (fullName: string, classId?: number) => {
    const made = await person(client, fullName, ['teacher']);
    if (classId) await client.post(`/api/classes/${classId}/class-teacher`, { teacherId: made.person.id });
    return made.person.id;
  };
  await teacher('Хабибуллина Роза Фаритовна', created['1А']);
  await teacher('Иванова Мария Петровна', created['9А']);
  await teacher('Соколов Дмитрий Олегович', created['11А']);
  await teacher('Зайнуллина Лилия Рамилевна', class5b);
  const math = await teacher('Морозов Павел Игоревич');
  const english = await teacher('Кузнецова Елена Викторовна');
  await client.post(`/api/classes/${class5b}/subject-teachers`, { teacherId: math, subject: 'Математика' });
  await client.post(`/api/classes/${class5b}/subject-teachers`, {
    teacherId: english,
    subject: 'Английский язык',
  });

  await families(client, created['1А']!, ['joined', 'joined', 'joined', 'joined']);
  await families(client, created['1Б']!, ['none', 'none', 'none']);
  await families(client, created['9А']!, ['joined', 'linked', 'linked', 'linked', 'linked']);
  await families(client, created['11А']!, ['joined', 'joined', 'linked']);
  const parents5b = await families(client, class5b, [
    'joined',
    'joined',
    'linked',
    'joined',
    'linked',
    'none',
  ]);
  await client.post(`/api/classes/${class5b}/committee`, { parentId: parents5b[0], member: true });
  return { class5b };
}
