import { describe, expect, it } from 'vitest';
import { documentKind } from './document-kind';

function doc(languageId: string, fileName: string, text: string, version = 1) {
  let reads = 0;
  return {
    languageId,
    fileName,
    version,
    getText: () => {
      reads++;
      return text;
    },
    get reads() {
      return reads;
    },
  };
}

describe('documentKind', () => {
  it.each([
    ['dockerfile', '/w/Dockerfile', 'FROM x', 'dockerfile'],
    ['yaml', '/w/compose.yaml', '', 'compose'],
    ['yaml', '/w/stack.yml', 'services:\n  web:\n    image: x\n', 'compose'],
    ['yaml', '/w/app.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n', 'kubernetes'],
    ['yaml', '/w/kind.yaml', 'apiVersion: kind.x-k8s.io/v1alpha4\nkind: Cluster\n', 'unknown'],
    ['yaml', '/w/.github/workflows/ci.yml', 'on: push\njobs:\n  build:\n    services:\n      db: {}\n', 'unknown'],
    ['yaml', '/w/settings.yaml', 'privileged: true\n', 'unknown'],
    ['yaml', '/w/Dockerfile.yaml', 'a: 1\n', 'unknown'],
    ['dockercompose', '/w/odd-name.yml', 'x-only: 1\n', 'compose'],
    ['json', '/w/compose.yaml', '', 'unknown'],
    ['plaintext', '/w/Dockerfile', 'FROM x', 'unknown'],
  ])('%s %s', (languageId, fileName, text, kind) => {
    expect(documentKind(doc(languageId, fileName, text))).toBe(kind);
  });

  it('detects once per version', () => {
    const d = doc('yaml', '/w/a.yaml', 'services:\n  web: {}\n');
    documentKind(d);
    documentKind(d);
    expect(d.reads).toBe(1);
    d.version = 2;
    documentKind(d);
    expect(d.reads).toBe(2);
  });

  it('does not parse a huge YAML file to find out', () => {
    const big = `apiVersion: v1\nkind: ConfigMap\ndata:\n  x: "${'a'.repeat(2 * 1024 * 1024 + 10)}"\n`;
    expect(documentKind(doc('yaml', '/w/big.yaml', big))).toBe('unknown');
    expect(documentKind(doc('yaml', '/w/docker-compose.yml', big))).toBe('compose');
  });
});
