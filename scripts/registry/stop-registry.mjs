#!/usr/bin/env node
// stop-registry.mjs <dir> - stops what start-registry.mjs started in <dir> (the registry and, for the
// Bearer variant, the token service), by the pids it recorded, checking each one's command line first,
// then removes <dir>. Safe to run twice.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { stopProcess } from './lib.mjs';

const dir = process.argv[2] ? resolve(process.argv[2]) : '';
if (!dir || !/^container-lens-registry-\d+$/.test(basename(dir))) {
  process.stderr.write('usage: stop-registry.mjs /tmp/container-lens-registry-<pid>  (the CL_REGISTRY_DIR that start-registry.mjs printed)\n');
  process.exit(2);
}
if (!existsSync(dir)) {
  process.stderr.write(`[stop-registry] ${dir} is already gone\n`);
  process.exit(0);
}
const pids = existsSync(`${dir}/pids`) ? readFileSync(`${dir}/pids`, 'utf8').split('\n').filter(Boolean) : [];
for (const line of pids) {
  const [pid, ...marker] = line.split(' ');
  const stopped = await stopProcess(Number(pid), marker.join(' '));
  process.stderr.write(`[stop-registry] ${stopped ? 'stopped' : 'not running:'} ${pid}\n`);
}
rmSync(dir, { recursive: true, force: true });
