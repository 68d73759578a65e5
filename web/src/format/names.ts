/** «Галиева Алсу Ринатовна» → «Галиева А. Р.»: how a school writes a teacher's name in a table. */
export function surnameWithInitials(fullName: string): string {
  const [surname, ...rest] = fullName.trim().split(/\s+/);
  if (!surname || rest.length === 0) return fullName.trim();
  return [surname, ...rest.map((name) => `${name[0]!.toUpperCase()}.`)].join('\u00a0');
}

/** 2026 → «2026/27»: a school year is named by the two calendar years it spans. */
export function schoolYear(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

const cyrillic = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя';
/** The passport-style spelling of each letter above; «-» for the signs that have none. */
const latin = 'a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya'.split(' ');

function transliterate(word: string): string {
  return [...word.toLowerCase()]
    .map((letter) => {
      const index = cyrillic.indexOf(letter);
      return index < 0 ? letter : latin[index]!.replace('-', '');
    })
    .join('')
    .replace(/[^a-z0-9]/g, '');
}

/**
 * A login to offer for a new person: surname and initials in Latin letters,
 * «Петрова Анна Сергеевна» → «petrova.as». The admin may change it.
 */
export function suggestLogin(fullName: string): string {
  const [surname = '', ...rest] = fullName.trim().split(/\s+/).map(transliterate);
  const initials = rest.map((name) => name[0] ?? '').join('');
  const login = initials ? `${surname}.${initials}` : surname;
  return login.length >= 3 ? login.slice(0, 64) : '';
}

/**
 * «Петров Михаил Андреевич» → «Михаил П.»: how one family sees another
 * family's child (the server's join lists name them the same way).
 */
export function childName(fullName: string): string {
  const [surname, given] = fullName.trim().split(/\s+/);
  return given ? `${given} ${surname!.charAt(0)}.` : fullName.trim();
}

/** «Галиева Алсу Ринатовна» → «Алсу Галиева»: short enough for a preview line or «печатает…». */
export function shortName(fullName: string): string {
  const parts = fullName.trim().split(/\s+/);
  return parts.length >= 2 ? `${parts[1]} ${parts[0]}` : fullName;
}
