import { describe, expect, it } from 'vitest';
import { covered, fixed, tree } from './testing';

const ID = 'compose-port-all-interfaces';

describe(ID, () => {
  it.each([
    ['published on all interfaces', 'services:\n  db:\n    ports:\n      - "5432:5432"\n', ['"5432:5432"']],
    ['explicit 0.0.0.0', 'services:\n  db:\n    ports: ["0.0.0.0:5432:5432"]\n', ['"0.0.0.0:5432:5432"']],
    ['localhost', 'services:\n  db:\n    ports: ["127.0.0.1:5432:5432"]\n', []],
    ['container port only', 'services:\n  db:\n    ports: ["5432"]\n', []],
    ['long syntax', 'services:\n  db:\n    ports:\n      - target: 80\n        published: "8080"\n', ['target: 80\n        published: "8080"']],
    ['host network ignores ports', 'services:\n  db:\n    network_mode: host\n    ports: ["80:80"]\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('binds to 127.0.0.1 keeping quotes, plain style and long syntax', () => {
    expect(fixed('services:\n  db:\n    ports:\n      - "5432:5432"\n', ID)).toBe('services:\n  db:\n    ports:\n      - "127.0.0.1:5432:5432"\n');
    expect(fixed('services:\n  db:\n    ports:\n      - 8080:80\n', ID)).toBe('services:\n  db:\n    ports:\n      - 127.0.0.1:8080:80\n');
    expect(tree(fixed('services:\n  db:\n    ports: ["0.0.0.0:5432:5432"]\n', ID))).toEqual({ services: { db: { ports: ['127.0.0.1:5432:5432'] } } });
    const long = fixed('services:\n  db:\n    ports:\n      - target: 80\n        published: "8080"\n', ID);
    expect(tree(long)).toEqual({ services: { db: { ports: [{ target: 80, published: '8080', host_ip: '127.0.0.1' }] } } });
  });
});
