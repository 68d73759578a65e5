import type { Locale } from '@parta/protocol';

/*
 * Who a parent is, told through their children: «мама Миши В., 1А». Parta
 * stores no gender; a Russian patronymic says it reliably («-вна»/«-чна» a
 * woman, «-вич»/«-ич» a man, Tatar «-кызы»/«-улы»), so the parent's and the
 * child's are read from their ФИО. Without one the parent is «родитель».
 */

export type Gender = 'female' | 'male' | null;

export function genderOf(fullName: string): Gender {
  const words = fullName.trim().split(/\s+/);
  const patronymic = words.length > 2 ? words.at(-1)!.toLowerCase() : '';
  if (/(вна|чна|кызы|гызы)$/.test(patronymic)) return 'female';
  if (/(ич|улы|оглы|уулу)$/.test(patronymic)) return 'male';
  return null;
}

const hushing = /[гкхжшщч]$/;
const vowels = /[аеёиоуыэюя]$/;

/** The genitive of a given name («Миша» → «Миши», «Артём» → «Артёма»); left as it is when unsure. */
export function genitive(given: string, gender: Gender): string {
  const lower = given.toLowerCase();
  const stem = given.slice(0, -1);
  if (lower.endsWith('а')) return `${stem}${hushing.test(stem.toLowerCase()) ? 'и' : 'ы'}`;
  if (lower.endsWith('я')) return `${stem}и`;
  if (lower.endsWith('й')) return gender === 'female' ? given : `${stem}я`;
  // Игорь → Игоря; Любовь, Айгуль, Гузель stay as they are.
  if (lower.endsWith('ь')) return gender === 'male' ? `${stem}я` : given;
  // Алсу, Лилиана is above; Тимур → Тимура, but a woman's Нур stays.
  if (vowels.test(lower) || gender === 'female') return given;
  return `${given}а`;
}

export interface Child {
  fullName: string;
  className: string | null;
}

/** «Миша В.» (en) or «Миши В.» (ru, after «мама»). */
function childName(child: Child, locale: Locale): string {
  const [surname, given] = child.fullName.trim().split(/\s+/);
  if (!given) return child.fullName;
  const name = locale === 'ru' ? genitive(given, genderOf(child.fullName)) : given;
  return `${name} ${surname!.charAt(0)}.`;
}

const relations: Record<Locale, Record<'female' | 'male' | 'none', string>> = {
  ru: { female: 'мама', male: 'папа', none: 'родитель' },
  en: { female: 'mother of', male: 'father of', none: 'parent of' },
};
const words: Record<Locale, { and: string; more: (n: number) => string }> = {
  ru: { and: 'и', more: (n) => `ещё ${n}` },
  en: { and: 'and', more: (n) => `${n} more` },
};

const SHOWN = 3;

/**
 * «мама Миши В., 1А»; «папа Миши В. и Оли В., 1А» (one class); «родитель
 * Миши В. (1А) и Оли В. (4Б)»; beyond three children «… и ещё 2». Null for
 * someone with no child in the school.
 */
export function familyLabel(parentName: string, children: readonly Child[], locale: Locale): string | null {
  if (children.length === 0) return null;
  const classes = new Set(children.map((child) => child.className));
  const oneClass = classes.size === 1 ? [...classes][0]! : undefined;
  const names = children
    .slice(0, SHOWN)
    .map((child) =>
      oneClass !== undefined || child.className === null
        ? childName(child, locale)
        : `${childName(child, locale)} (${child.className})`,
    );
  if (children.length > SHOWN) names.push(words[locale].more(children.length - SHOWN));
  const listed =
    names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} ${words[locale].and} ${names.at(-1)}`;
  const relation = relations[locale][genderOf(parentName) ?? 'none'];
  return oneClass ? `${relation} ${listed}, ${oneClass}` : `${relation} ${listed}`;
}
