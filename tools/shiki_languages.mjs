// Writes blogforge/markdown/shiki_languages.py: the language ids and aliases bundled with Shiki,
// which decide a code block's data-language in Astro (a name Shiki does not know is "plaintext").
// Run where the shiki package is installed (`npm install shiki@VERSION` in a scratch folder):
//   node tools/shiki_languages.mjs /path/to/node_modules > blogforge/markdown/shiki_languages.py
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const modules = process.argv[2] ?? 'node_modules';
const require = createRequire(path.join(path.resolve(modules), 'x.js'));
const shikiEntry = require.resolve('shiki');
const { bundledLanguagesInfo } = await import(pathToFileURL(shikiEntry).href);
const version = require('shiki/package.json').version;

const lines = [
  `"""Language ids and aliases bundled with Shiki ${version} (generated: tools/shiki_languages.mjs).`,
  '',
  'Astro highlights with Shiki: a fence whose language is one of these names (exactly as written,',
  'case-sensitive) keeps it as `data-language`; any other name falls back to "plaintext".',
  'ALIASES maps each alias to its language id (to find a Pygments lexer for the colours).',
  '"""',
  '',
  `SHIKI_VERSION = "${version}"`,
  '',
  'LANGUAGE_IDS = frozenset(',
  '    {',
];
const ids = bundledLanguagesInfo.map((info) => info.id).sort();
for (const id of ids) lines.push(`        ${JSON.stringify(id)},`);
lines.push('    }', ')', '', 'ALIASES = {');
const aliases = bundledLanguagesInfo
  .flatMap((info) => (info.aliases ?? []).map((alias) => [alias, info.id]))
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
for (const [alias, id] of aliases) lines.push(`    ${JSON.stringify(alias)}: ${JSON.stringify(id)},`);
lines.push('}', '');
process.stdout.write(lines.join('\n'));
