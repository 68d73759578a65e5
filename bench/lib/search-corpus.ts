/**
 * Russian school-chat messages for the search bench: announcements, questions
 * and short replies built from templates with slots (children's and teachers'
 * names, subjects in three cases, days, dates, times, rooms), so the key words
 * appear in many forms — собрание / собрания / собранию / собрании — and
 * stemming matters. Deterministic: the same seed gives the same messages.
 */

export type Audience = 'parents' | 'students' | 'staff' | 'any';

/** A small deterministic generator (32-bit LCG). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const boys =
  'Тимур Артём Ильдар Максим Айдар Дмитрий Кирилл Булат Никита Иван Руслан Марат Егор Данияр Михаил Александр Арсений Эмиль Самир Матвей'.split(
    ' ',
  );
const girls =
  'Алсу Амина Полина Дарина София Алина Камила Анастасия Мария Эвелина Ралина Виктория Аделина Варвара Ясмина Диана Милана Элина Ксения Лейсан'.split(
    ' ',
  );
/** [his, hers], as in the demo school */
const surnames =
  'Иванов Петров Смирнов Кузнецов Попов Соколов Лебедев Козлов Новиков Морозов Волков Соловьёв Васильев Зайцев Павлов Семёнов Голубев Виноградов Богданов Галиев Сафин Хабибуллин Гарипов Латыпов Ахметов Юсупов Сабиров Мухаметшин Валиев Зарипов Нуриев'
    .split(' ')
    .map((his) => [his, `${his}а`] as const);
const teachers = [
  'Марина Сергеевна',
  'Гульнара Рашитовна',
  'Елена Викторовна',
  'Ольга Николаевна',
  'Айгуль Ильдаровна',
  'Татьяна Петровна',
  'Наиля Фаритовна',
  'Светлана Юрьевна',
  'Андрей Васильевич',
  'Ринат Маратович',
  'Ирина Александровна',
  'Лилия Равилевна',
];
/** [nominative, genitive, dative] */
const subjects: [string, string, string][] = [
  ['математика', 'математики', 'математике'],
  ['русский язык', 'русского языка', 'русскому языку'],
  ['литература', 'литературы', 'литературе'],
  ['физика', 'физики', 'физике'],
  ['история', 'истории', 'истории'],
  ['английский язык', 'английского языка', 'английскому языку'],
  ['биология', 'биологии', 'биологии'],
  ['химия', 'химии', 'химии'],
  ['география', 'географии', 'географии'],
  ['информатика', 'информатики', 'информатике'],
  ['физкультура', 'физкультуры', 'физкультуре'],
  ['музыка', 'музыки', 'музыке'],
  ['татарский язык', 'татарского языка', 'татарскому языку'],
  ['окружающий мир', 'окружающего мира', 'окружающему миру'],
  ['технология', 'технологии', 'технологии'],
];
const days =
  'в понедельник|во вторник|в среду|в четверг|в пятницу|в субботу|завтра|послезавтра|сегодня'.split('|');
const months = 'января февраля марта апреля мая июня июля августа сентября октября ноября декабря'.split(' ');
const monthsNom = 'январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь'.split(
  ' ',
);
const rooms = 'кабинет 214|каб. 305|актовый зал|спортзал|кабинет 12|библиотека|кабинет 118|столовая'.split(
  '|',
);
const classes = Array.from({ length: 11 }, (_, i) => [`${i + 1}А`, `${i + 1}Б`]).flat();

const templates: Record<Audience, string[]> = {
  parents: [
    'Уважаемые родители! {day} в {time} состоится родительское собрание, {room}.',
    'Напоминаю о собрании {day} в {time}.',
    'Кто не сможет прийти на собрание, напишите мне в личные сообщения.',
    'Протокол собрания выложу завтра.',
    'К собранию подготовьте, пожалуйста, вопросы по питанию.',
    'Собрание переносится на {date}, время то же — {time}.',
    'На собрании обсудим итоги четверти и летний отдых.',
    'Спасибо всем, кто был на собрании!',
    'Будет ли собрание онлайн? Не успеваю с работы к {time}.',
    '{boy} заболел, в школу сегодня не придёт.',
    'Спасибо, {teacher}! {pupil} дома всё рассказал(а).',
    'Список дежурных: {pupil}, {pupil}, {pupil}.',
    '{girl} заболела, справку принесём {day}.',
    '{child} сегодня уйдёт после {n} урока, к врачу.',
    'Сдаём по 300 рублей на подарки учителям.',
    'Деньги на питание за {month} переводим до {date}.',
    'Деньги на экскурсию сдаём до {date}.',
    'Меню столовой на неделю в прикреплённом файле.',
    'Проверьте, пожалуйста, дневники: там записи от классного руководителя.',
    'Родительский комитет собирает деньги на выпускной.',
    'Кто сможет помочь с украшением класса к Новому году?',
    '{teacher}, добрый день! Можно уточнить про контрольную по {subj_d}?',
    '{teacher}, {boy} сегодня будет на продлёнке?',
    '{teacher}, спасибо за экскурсию, детям очень понравилось!',
    'Подскажите, пожалуйста, домашнее задание на завтра.',
    'Что задали по {subj_d}? {girl} не записала.',
    'Подскажите, почему в журнале нет оценки за диктант?',
    'Медосмотр {date}, нужны согласия родителей.',
    'Прививки ставят {day}, кто против — напишите отказ.',
    'Кто не сдал заявление на питание, сдайте до {date}.',
    'Напоминаю про анкету для родителей, ссылка в прошлом сообщении.',
    'Электронный дневник не открывается, у кого так же?',
    'Родительский патруль {date}, кто дежурит?',
    'Фотографирование класса {date}, приходим в форме.',
    'Четвертные оценки выставлены, проверьте дневники.',
  ],
  students: [
    'Ребята, {day} контрольная работа по {subj_d}.',
    'Домашнее задание по {subj_d}: параграф {n}, упражнения {n}–{n2}.',
    'Кто не сдал домашние задания, до {date} сдать обязательно.',
    'Домашку по {subj_d} надо сдать в тетради или онлайн?',
    'В задании номер {n} опечатка, решайте по учебнику.',
    'Дети, не опаздывайте на первый урок!',
    'Кто дежурит {day}? По графику {class}.',
    'Учебники сдаём в библиотеку до {date}.',
    'Читательский дневник проверю {day}.',
    'Тетради по {subj_d} купить в клетку, 48 листов.',
    'Спортивные соревнования {date}, нужна форма и кроссовки.',
    'Кружок робототехники {day} в {time}, {room}.',
    'Секция волейбола переносится на {time}.',
    'Олимпиада по {subj_d} {date}, записывайтесь у классного руководителя.',
    'Результаты олимпиады по {subj_d} на сайте школы.',
    '{boy} победил на олимпиаде по {subj_d}!',
    'Кто-нибудь понял задание по {subj_d}?',
    'Скиньте расписание на {day}, пожалуйста.',
    'Пробный ОГЭ по {subj_d} {date} в {time}, {room}.',
    'Консультация перед экзаменом {day} в {time}.',
    '{boy}, подойди после урока в {room}.',
    'Лучшие работы по {subj_d}: {pupil} и {pupil}.',
    '{pupil} — 5 по {subj_d}, молодец!',
    '{girl}, принеси завтра тетрадь по {subj_d}.',
  ],
  staff: [
    'Итоги собрания педагогов: оценки выставить до {date}.',
    'Педсовет {day} в {time}, явка обязательна.',
    'Коллеги, журналы заполнить до {date}.',
    'Методическое объединение {date} в {time}, {room}.',
    'Рабочие программы отправьте завучу до {date}.',
    'Отчёт по успеваемости за четверть сдать до {date}.',
    'Дежурство по школе на {monthNom}: график в учительской.',
    'Проверка тетрадей по {subj_d} — до конца недели.',
    'Аттестация учителей: документы до {date}.',
    'Открытый урок {subj_g} {day} в {class}, приглашаю коллег.',
    'Замена {day}: {subj} в {class} ведёт {teacher}.',
    'Общешкольное собрание {date} в {time} в актовом зале.',
    'Совещание при директоре {day} в {time}.',
    '{teacher}, можно поменяться уроками {day}?',
    'Графики контрольных работ сдать до {date}.',
    'ВПР по {subj_d} пройдут {date}, организаторы — по списку.',
  ],
  any: [
    'Расписание на {day} изменилось: первым уроком {subj}.',
    'Новое расписание уроков висит на сайте школы.',
    'По расписанию {day} физкультура, не забудьте форму.',
    'В расписании звонков изменения: уроки по 40 минут.',
    'Изменения в расписании на следующую неделю.',
    'Урок {subj_g} переносится на {time}.',
    'Замена: вместо {subj_g} будет {subj2}.',
    'На уроке {subj_g} пишем самостоятельную.',
    '{day} уроков не будет, карантин.',
    'Оценки за контрольную по {subj_d} уже в электронном журнале.',
    'Исправить оценку можно до конца недели.',
    '{day} экскурсия в Казанский кремль, сбор у школы в {time}.',
    'Кто едет на экскурсию, возьмите сменную обувь и перекус.',
    'Фотографии с экскурсии выложу вечером.',
    'После экскурсии дети вернутся к {time}.',
    'Экскурсии в музей не будет, автобус сломался.',
    'Не забудьте сменную обувь.',
    'Кто забыл в раздевалке синюю куртку?',
    'Нашли варежки в спортзале, заберите у вахтёра.',
    'В пятницу субботник, форма одежды рабочая.',
    'Концерт ко Дню матери {date} в {time}, приходите!',
    'Каникулы с {date} по {date2}.',
    'В школе отключат воду, уроки сокращённые.',
    'Автобус отправляется от школы в {time}.',
    'Пароль от электронного журнала можно получить у администратора.',
    '{teacher}, во сколько сегодня заканчиваются уроки?',
  ],
};

/** About one message in 200: words that are rare in the whole corpus. */
const rare = [
  'Экскурсия в планетарий {date}, количество мест ограничено.',
  'У {class} карантин по ветрянке до {date}.',
  'Флюорографию для сотрудников пройти до {date}.',
  'Кто потерял калькулятор? Лежит в учительской.',
  'Конкурс скворечников: сдаём до {date}.',
  'Шахматный турнир {date} в {time}, записывайтесь.',
  'Квест по истории Казани {day}.',
  'Мастер-класс по оригами {day} в {time}.',
  'Встреча с ветеранами {date}, приходите с цветами.',
  'Поездка в Свияжск переносится на весну.',
  'Кто сдавал макулатуру — итоги конкурса на сайте.',
  'Для проекта нужен микроскоп, у кого есть?',
  'Дети ставят спектакль «Морозко» {date}.',
  '{boy}, вернёшь глобус в кабинет географии?',
];

const openers = ['Добрый день!', 'Здравствуйте!', 'Добрый вечер!', 'Доброе утро!', 'Внимание!', 'Напоминаю:'];
const openersFor: Record<Audience, string[]> = {
  parents: ['Уважаемые родители!', 'Родители,'],
  students: ['Ребята,', 'Дети,'],
  staff: ['Коллеги,', 'Уважаемые коллеги!'],
  any: [],
};
const closers = [
  'Спасибо!',
  'Заранее спасибо.',
  'Хорошего вечера!',
  'С уважением, {teacher}.',
  'Будьте здоровы!',
];
const replies = [
  'Спасибо!',
  'Спасибо, поняли',
  'Хорошо',
  'Ок',
  'Да',
  'Нет',
  'Принято',
  '👍',
  'Спасибо большое!',
  'Поняла, спасибо',
  'Понял',
  'А во сколько?',
  'А где?',
  '+',
  'Мы будем',
  'Мы не сможем',
  'Можно вопрос?',
  'Уже сдали',
  'Где посмотреть?',
  'Спасибо за информацию',
  'Хорошо, передам',
  'Извините, не увидела',
];

const pad = (n: number) => String(n).padStart(2, '0');

const letters = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя';

/**
 * Typing slips in about 3 words of 100 (4 letters or more): a letter lost,
 * doubled, swapped with the next or replaced. They give the corpus the long
 * tail of distinct words that real chats have.
 */
function slips(text: string, next: () => number): string {
  return text.replace(/[а-яё]{4,}/gi, (word) => {
    if (next() >= 0.03) return word;
    const i = 1 + Math.floor(next() * (word.length - 2));
    const kind = Math.floor(next() * 4);
    if (kind === 0) return word.slice(0, i) + word.slice(i + 1);
    if (kind === 1) return word.slice(0, i) + word[i] + word.slice(i);
    if (kind === 2) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    return word.slice(0, i) + letters[Math.floor(next() * letters.length)] + word.slice(i + 1);
  });
}

/** One message as typed in a chat of the given audience, around the moment `at`. */
export function messageText(next: () => number, audience: Audience, at: Date): string {
  return slips(composed(next, audience, at), next);
}

function composed(next: () => number, audience: Audience, at: Date): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const roll = next();
  if (roll < 0.25) return pick(replies);
  const own = templates[audience];
  const template = () => (roll < 0.255 ? pick(rare) : pick(next() < 0.7 ? own : templates.any));
  const parts: string[] = [];
  if (next() < 0.4) parts.push(pick([...openers, ...openersFor[audience]]));
  parts.push(template());
  if (next() < 0.3) parts.push(template());
  if (next() < 0.2) parts.push(pick(closers));
  const date = (offset: number) => {
    const day = new Date(at.getTime() + (1 + Math.floor(next() * 14) + offset) * 86_400_000);
    return next() < 0.5
      ? `${pad(day.getUTCDate())}.${pad(day.getUTCMonth() + 1)}`
      : `${day.getUTCDate()} ${months[day.getUTCMonth()]}`;
  };
  const subject = pick(subjects);
  const n = 1 + Math.floor(next() * 40);
  return parts.join(' ').replace(/\{(\w+)\}/g, (_, slot: string) => {
    switch (slot) {
      case 'boy':
        return pick(boys);
      case 'girl':
        return pick(girls);
      case 'child':
        return next() < 0.5 ? pick(boys) : pick(girls);
      case 'pupil': {
        const female = next() < 0.5;
        return `${pick(surnames)[female ? 1 : 0]} ${female ? pick(girls) : pick(boys)}`;
      }
      case 'teacher':
        return pick(teachers);
      case 'subj':
        return subject[0];
      case 'subj2':
        return pick(subjects)[0];
      case 'subj_g':
        return subject[1];
      case 'subj_d':
        return subject[2];
      case 'day':
        return pick(days);
      case 'date':
        return date(0);
      case 'date2':
        return date(10);
      case 'time':
        return `${8 + Math.floor(next() * 11)}:${pick(['00', '15', '30', '45'])}`;
      case 'month':
        return monthsNom[at.getUTCMonth()]!;
      case 'monthNom':
        return monthsNom[(at.getUTCMonth() + 1) % 12]!;
      case 'room':
        return pick(rooms);
      case 'class':
        return pick(classes);
      case 'n':
        return String(n);
      case 'n2':
        return String(n + 1 + Math.floor(next() * 5));
      default:
        throw new Error(`unknown slot {${slot}}`);
    }
  });
}

/** Which templates suit a chat, from its title as the demo school names them. */
export function audienceOf(title: string, kind: string): Audience {
  if (kind === 'direct') return 'parents';
  if (/родител/i.test(title)) return 'parents';
  if (/ученик|кружок/i.test(title)) return 'students';
  if (/педагог|учител|методобъединение/i.test(title)) return 'staff';
  return 'any';
}
