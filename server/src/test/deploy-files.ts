import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root: what `/opt/parta` is on the school's server. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const deployDir = path.join(repoRoot, 'deploy');
export const INSTALL_DIR = '/opt/parta';

const read = (file: string) => readFileSync(path.join(deployDir, file), 'utf8');

export interface EnvExample {
  /** the lines `NAME=value` */
  set: Record<string, string>;
  /** the optional ones, commented out: `# NAME=value` */
  optional: Record<string, string>;
}

/** `deploy/parta.env.example`, read the way systemd's EnvironmentFile= reads it. */
export function envExample(): EnvExample {
  const result: EnvExample = { set: {}, optional: {} };
  for (const line of read('parta.env.example').split('\n')) {
    const match = /^(# )?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!match) continue;
    const [, comment, name, value] = match as unknown as [string, string | undefined, string, string];
    result[comment ? 'optional' : 'set'][name] = value;
  }
  return result;
}

/** `deploy/parta.service`: section → key → every value given (a key may repeat). */
export function unitFile(): Record<string, Record<string, string[]>> {
  const sections: Record<string, Record<string, string[]>> = {};
  let section: Record<string, string[]> = {};
  for (const line of read('parta.service').split('\n')) {
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) {
      section = {};
      sections[header[1]!] = section;
    }
    const [, key, value] = /^(\w+)=(.*)$/.exec(line) ?? [];
    if (key !== undefined && value !== undefined) section[key] = [...(section[key] ?? []), value];
  }
  return sections;
}

export interface NginxBlock {
  name: string;
  args: string[];
  children: NginxBlock[];
}

/** `deploy/nginx/parta.conf` as a tree of directives (enough for this file: no quotes with `;` or `{`). */
export function nginxSite(): NginxBlock {
  const text = read('nginx/parta.conf').replace(/#.*$/gm, '');
  const root: NginxBlock = { name: '', args: [], children: [] };
  const stack = [root];
  for (const token of text.match(/[^;{}]+[;{]|}/g) ?? []) {
    const parent = stack.at(-1)!;
    if (token === '}') {
      stack.pop();
      continue;
    }
    const [name, ...args] = token.slice(0, -1).trim().split(/\s+/) as [string, ...string[]];
    const block: NginxBlock = { name, args: args.map((arg) => arg.replace(/^"(.*)"$/, '$1')), children: [] };
    parent.children.push(block);
    if (token.endsWith('{')) stack.push(block);
  }
  return root;
}

/** Every directive called `name` under `block`, at any depth. */
export function findAll(block: NginxBlock, name: string): NginxBlock[] {
  return block.children.flatMap((child) => [
    ...(child.name === name ? [child] : []),
    ...findAll(child, name),
  ]);
}
