/**
 * The lookup behind `t()`: nested keys (`chats.unread`), plural forms chosen
 * by `Intl.PluralRules` (`_one`, `_few`, `_many`, `_other`: 1 чат, 3 чата,
 * 5 чатов), `{{name}}` filled in, Russian where a language lacks a word, the
 * key itself where no language has it. All the web client needs from an i18n
 * library, in a few hundred bytes instead of i18next's 14 KB (gzip) on the
 * first load (docs/performance.md).
 */
export interface Tree {
  [key: string]: string | Tree;
}

export class Words {
  readonly #trees = new Map<string, Tree>();
  readonly #plurals = new Map<string, Intl.PluralRules>();

  constructor(readonly fallback: string) {}

  /** Adds a part's words of one language; parts keep to their own top-level names. */
  add(lng: string, tree: object): void {
    this.#trees.set(lng, { ...this.#trees.get(lng), ...(tree as Tree) });
  }

  t(lng: string, key: string, options: Record<string, unknown> = {}): string {
    const text = this.#find(lng, key, options.count) ?? this.#find(this.fallback, key, options.count) ?? key;
    return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) =>
      options[name] === undefined ? '' : String(options[name]),
    );
  }

  #find(lng: string, key: string, count: unknown): string | undefined {
    const tree = this.#trees.get(lng);
    if (!tree) return undefined;
    if (typeof count === 'number') {
      const rules = this.#plurals.get(lng) ?? new Intl.PluralRules(lng);
      this.#plurals.set(lng, rules);
      const plural = lookup(tree, `${key}_${rules.select(count)}`) ?? lookup(tree, `${key}_other`);
      if (plural !== undefined) return plural;
    }
    return lookup(tree, key);
  }
}

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}
