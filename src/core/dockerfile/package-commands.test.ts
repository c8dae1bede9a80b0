import { describe, expect, it } from 'vitest';
import { mountCovers, packageCommand, removesDir } from './package-commands';
import { parseDockerfile } from './parse';
import { simpleCommands } from './shell';

const plain = (text: string) => ({
  text,
  rangeOf: (s: number, e: number) => ({ start: { line: 0, character: s }, end: { line: 0, character: e } }),
});

describe('packageCommand', () => {
  it.each([
    ['apt-get -y install a b', 'apt', 'install', ['a', 'b']],
    ['apt-get -o Dpkg::Options::=--force-confold install a', 'apt', 'install', ['a']],
    ['apt update', 'apt', 'update', []],
    ['apt-get dist-upgrade -y', 'apt', 'upgrade', []],
    ['apk add --no-cache --virtual .deps gcc', 'apk', 'install', ['gcc']],
    ['apk --update add curl', 'apk', 'install', ['curl']],
    ['yum -y update', 'yum', 'upgrade', []],
    ['dnf makecache', 'dnf', 'update', []],
    ['dnf module install -y nodejs:18', 'dnf', 'install', ['install', 'nodejs:18']],
    ['microdnf install -y tar', 'microdnf', 'install', ['tar']],
    ['zypper --non-interactive in -y curl', 'zypper', 'install', ['curl']],
    ['zypper ref', 'zypper', 'update', []],
    ['apt-get moo', 'apt', 'other', []],
    ['apt-get install -s x', 'apt', 'other', ['x']],
  ])('%s', (text, manager, action, packages) => {
    const [c] = simpleCommands(plain(text));
    const p = packageCommand(c);
    expect(p?.manager).toBe(manager);
    expect(p?.action).toBe(action);
    expect(p?.packages.map((i) => c.argv[i])).toEqual(packages);
  });

  it('ignores other programs and bare managers', () => {
    expect(packageCommand(simpleCommands(plain('npm install'))[0])).toBeUndefined();
    expect(packageCommand(simpleCommands(plain('apt-get -y'))[0])).toBeUndefined();
  });
});

describe('cache helpers', () => {
  it.each([
    ['type=cache,target=/var/lib/apt', '/var/lib/apt/lists', true],
    ['type=cache,target=/var/cache/apt', '/var/lib/apt/lists', false],
    ['type=tmpfs,target=/var/cache/apk/', '/var/cache/apk', true],
    ['type=bind,target=/var/cache/apk', '/var/cache/apk', false],
    ['type=cache,target=/var/lib/apt/lists-old', '/var/lib/apt/lists', false],
  ])('mount %s covers %s: %s', (mount, dir, expected) => {
    const m = parseDockerfile(`FROM a\nRUN --mount=${mount} x\n`);
    expect(mountCovers(m.instructions[1].flags, dir)).toBe(expected);
  });

  it.each([
    ['rm -rf /var/lib/apt/lists/*', true],
    ['rm -rf /var/lib/apt', true],
    ['rm -rf /var', false],
    ['rm -rf /var/lib/apt/lists-old', false],
    ['echo /var/lib/apt/lists', false],
  ])('%s removes the apt lists: %s', (text, expected) => {
    expect(removesDir(simpleCommands(plain(text)), '/var/lib/apt/lists')).toBe(expected);
  });
});
