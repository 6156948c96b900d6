// Refreshes the demo output and CLI help quoted in README.md from the built CLI, so the README never drifts.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const cli = (...args) => {
  try {
    return execFileSync(process.execPath, ['dist/cli/index.js', ...args], { encoding: 'utf8' });
  } catch (error) {
    return error.stdout; // a blocked verdict exits 1 and is still the output we quote
  }
};
const blocks = {
  demo: cli('diff', 'examples/base/payments.yaml', 'examples/head/payments.yaml'),
  help: cli('--help'),
};
// Rendered, not quoted: the comment as GitHub shows it.
const comment = cli(
  'diff',
  'examples/base/payments.yaml',
  'examples/head/payments.yaml',
  '--format',
  'markdown',
);
let readme = readFileSync('README.md', 'utf8');
for (const [name, text] of Object.entries(blocks)) {
  const pattern = new RegExp(`(<!-- ${name} -->\\n\`\`\`text\\n)[\\s\\S]*?(\`\`\`\\n)`);
  if (!pattern.test(readme)) throw new Error(`README.md has no <!-- ${name} --> block`);
  readme = readme.replace(pattern, (_, open, close) => `${open}${text.trimEnd()}\n${close}`);
}
const commentPattern = /(<!-- comment -->\n)[\s\S]*?(<!-- \/comment -->\n)/;
if (!commentPattern.test(readme)) throw new Error('README.md has no <!-- comment --> block');
readme = readme.replace(commentPattern, (_, open, close) => `${open}\n${comment.trimEnd()}\n\n${close}`);
if (process.argv.includes('--check')) {
  if (readme !== readFileSync('README.md', 'utf8')) {
    console.error('README.md quotes stale CLI output: run `node scripts/update-readme.mjs`');
    process.exit(1);
  }
} else {
  writeFileSync('README.md', readme);
}
