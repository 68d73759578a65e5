import { describe, expect, it } from 'vitest';
import en from './en.json';
import invitesEn from './invites/en.json';
import invitesRu from './invites/ru.json';
import joinEn from './join/en.json';
import joinRu from './join/ru.json';
import ru from './ru.json';
import schoolEn from './school/en.json';
import schoolRu from './school/ru.json';

/** Every key path, with plural forms (`_one`, `_few`, …) folded into one. */
function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? keys(value, `${prefix}${key}.`)
      : [`${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, '')}`],
  );
}

const unique = (list: string[]) => [...new Set(list)].sort();

describe('translations', () => {
  it('say the same things in Russian and English', () => {
    expect(unique(keys(en))).toEqual(unique(keys(ru)));
    expect(unique(keys(schoolEn))).toEqual(unique(keys(schoolRu)));
    expect(unique(keys(invitesEn))).toEqual(unique(keys(invitesRu)));
    expect(unique(keys(joinEn))).toEqual(unique(keys(joinRu)));
  });

  it('keep each lazily loaded part to its own top-level names', () => {
    const top = (tree: object) => Object.keys(tree);
    const parts = [ru, schoolRu, invitesRu, joinRu].map(top);
    const all = parts.flat();
    expect(all.length).toBe(new Set(all).size);
  });

  it('give every Russian plural all its forms (1 класс, 3 класса, 5 классов)', () => {
    const leaves = (tree: object, prefix = ''): string[] =>
      Object.entries(tree).flatMap(([key, value]) =>
        typeof value === 'object' ? leaves(value, `${prefix}${key}.`) : [`${prefix}${key}`],
      );
    for (const tree of [ru, schoolRu, invitesRu, joinRu]) {
      const all = leaves(tree);
      for (const one of all.filter((key) => key.endsWith('_one'))) {
        const stem = one.slice(0, -'_one'.length);
        for (const form of ['_few', '_many', '_other']) expect(all, stem).toContain(stem + form);
      }
    }
  });
});
