import * as fs from 'node:fs';
import { computeHover } from './hover-source';
import type { CliFs, CliIo, DirEntry } from './io';
import { runCli } from './run';

const realFs: CliFs = {
  stat(path) {
    const s = fs.statSync(path);
    return { isFile: s.isFile(), isDirectory: s.isDirectory(), size: s.size };
  },
  readdir(path) {
    return fs.readdirSync(path, { withFileTypes: true }).map(
      (d): DirEntry => ({
        name: d.name,
        type: d.isFile() ? 'file' : d.isDirectory() ? 'directory' : d.isSymbolicLink() ? 'symlink' : 'other',
      }),
    );
  },
  readFile(path) {
    return fs.readFileSync(path);
  },
  writeFile(path, data) {
    fs.writeFileSync(path, data);
  },
};

const env = process.env;
const color = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' ? true : !('NO_COLOR' in env) && process.stdout.isTTY === true;

const io: CliIo = {
  fs: realFs,
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  color,
};

runCli(process.argv.slice(2), io, { computeHover }).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`container-lens: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
