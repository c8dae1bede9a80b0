import { describe, expect, it } from 'vitest';
import type { OutputChunk } from '../docker';
import { openShell } from './exec-shell';
import { FakeSource } from './test-data';

const text = (chunks: OutputChunk[]) => chunks.map((c) => c.data.toString()).join('');

describe('openShell', () => {
  it('falls back to /bin/sh when the engine says /bin/bash does not exist; the failure never reaches the terminal', async () => {
    const source = new FakeSource();
    source.execScript = [
      (s) => {
        s.say('OCI runtime exec failed: exec failed: unable to start container process: ');
        s.say('exec: "/bin/bash": stat /bin/bash: no such file or directory: unknown\r\n');
        s.end(126);
      },
      (s) => s.say('/ # '),
    ];
    const seen: OutputChunk[] = [];
    const opened = await openShell(source, 'c1', (c) => seen.push(c));
    expect(opened.shell).toBe('/bin/sh');
    expect(source.calls).toEqual(['exec c1 /bin/bash', 'exec c1 /bin/sh']);
    expect(text(seen)).toBe('/ # ');
  });

  it('bash when it is there, output kept in order', async () => {
    const source = new FakeSource();
    source.execScript = [(s) => (s.say('root@c1:/# '), s.say('more'))];
    const seen: OutputChunk[] = [];
    const opened = await openShell(source, 'c1', (c) => seen.push(c));
    expect(opened.shell).toBe('/bin/bash');
    expect(text(seen)).toBe('root@c1:/# more');
  });

  it('a quiet shell is taken after the quiet time', async () => {
    const source = new FakeSource();
    source.execScript = [() => undefined];
    const opened = await openShell(source, 'c1', () => undefined, { quietMs: 10 });
    expect(opened.shell).toBe('/bin/bash');
  });

  it('says what the engine said when no shell exists', async () => {
    const source = new FakeSource();
    const missing = (shell: string) => (s: import('./test-data').FakeSession) => {
      s.say(`OCI runtime exec failed: exec: "${shell}": no such file or directory`);
      s.end(127);
    };
    source.execScript = [missing('/bin/bash'), missing('/bin/sh')];
    await expect(openShell(source, 'c1', () => undefined)).rejects.toThrow(/No shell could be started.*\n\/bin\/bash: OCI runtime exec failed/);
  });
});
