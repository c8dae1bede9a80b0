import { describe, expect, it } from 'vitest';
import { parseYaml } from './parse';
import {
  childIndent,
  entries,
  get,
  getEntry,
  getPath,
  keyRange,
  pairRange,
  rangeOf,
  readBool,
  readNumber,
  readString,
  readStringList,
} from './read';

const slice = (file: { lines: { slice(r: unknown): string } }, r: unknown) => file.lines.slice(r as never);

describe('parseYaml ranges', () => {
  it('gives value, key and pair ranges from the tree', () => {
    const f = parseYaml('a: 1\nservices:\n  web:\n    image: "nginx:1.27"  # pinned\n');
    const web = getPath(f, f.documents[0].contents, ['services', 'web']);
    const image = getEntry(f, web?.node, 'image');
    expect(image).toBeDefined();
    expect(slice(f, rangeOf(f, image?.node))).toBe('"nginx:1.27"');
    expect(slice(f, keyRange(f, image!.pair))).toBe('image');
    expect(slice(f, pairRange(f, image!.pair))).toBe('image: "nginx:1.27"');
    expect(readString(image?.node)).toBe('nginx:1.27');
    expect(childIndent(f, web?.node)).toBe(4);
  });

  it('uses one line index for every document (offsets are absolute)', () => {
    const text = 'kind: A\n---\nkind: B\n---\n# empty\n---\nkind: C\n';
    const f = parseYaml(text);
    expect(f.documents).toHaveLength(4);
    const kinds = f.documents.map((d) => getEntry(f, d.contents, 'kind'));
    expect(kinds.map((k) => (k ? slice(f, rangeOf(f, k.node)) : null))).toEqual(['A', 'B', null, 'C']);
    expect(rangeOf(f, kinds[3]?.node).start.line).toBe(6);
  });

  it('counts UTF-16 code units like the editor', () => {
    const f = parseYaml('name: "🐳 whale"\nimage: x\n');
    const image = getEntry(f, f.documents[0].contents, 'image');
    expect(slice(f, rangeOf(f, image?.node))).toBe('x');
    const name = getEntry(f, f.documents[0].contents, 'name');
    expect(rangeOf(f, name?.node).end.character).toBe('name: "🐳 whale"'.length);
  });

  it('a key without a value has a pair range that ends after its colon', () => {
    const f = parseYaml('a:\nb: 1\n');
    const a = getEntry(f, f.documents[0].contents, 'a');
    expect(a?.node).not.toBeNull();
    expect(readString(a?.node)).toBeUndefined();
    expect(slice(f, pairRange(f, a!.pair))).toBe('a:');
  });
});

describe('merge keys and compose tags', () => {
  const text = [
    'x-base: &base',
    '  image: base',
    '  privileged: true',
    '  user: "0"',
    'x-more: &more',
    '  user: "1000"',
    '  read_only: true',
    'services:',
    '  a:',
    '    <<: [*base, *more]',
    '    image: mine',
    '  b:',
    '    <<: *base',
    '    privileged: !reset null',
    '    ports: !override',
    '      - "80:80"',
  ].join('\n');
  const f = parseYaml(text);
  const services = get(f, f.documents[0].contents, 'services');

  it('reads merged keys, own keys first, earlier merged maps winning', () => {
    const a = entries(f, get(f, services, 'a'));
    const byKey = Object.fromEntries(a.map((e) => [e.key, readString(e.node)]));
    expect(byKey).toEqual({ image: 'mine', privileged: 'true', user: '0', read_only: 'true' });
    const privileged = a.find((e) => e.key === 'privileged');
    expect(privileged?.mergedVia && slice(f, rangeOf(f, privileged.mergedVia))).toBe('*base');
    // The merged value's own range is where the anchor defines it.
    expect(slice(f, pairRange(f, privileged!.pair))).toBe('privileged: true');
  });

  it('drops `!reset` entries and what they reset; keeps `!override` entries with their tag', () => {
    const b = entries(f, get(f, services, 'b'));
    expect(b.map((e) => e.key).sort()).toEqual(['image', 'ports', 'user']);
    expect(b.find((e) => e.key === 'ports')?.tag).toBe('!override');
    const withResets = entries(f, get(f, services, 'b'), { includeResets: true });
    expect(withResets.find((e) => e.key === 'privileged')?.tag).toBe('!reset');
  });

  it('accepts the tags without errors or warnings', () => {
    expect(f.problems).toEqual([]);
  });

  it('tolerates other tools\' tags (CloudFormation !Ref) silently', () => {
    expect(parseYaml('a: !Ref Foo\n').problems).toEqual([]);
  });

  it('survives a merge cycle', () => {
    const g = parseYaml('a: &a\n  x: 1\n  b:\n    <<: *a\n');
    const b = getPath(g, g.documents[0].contents, ['a', 'b']);
    expect(entries(g, b?.node).map((e) => e.key).sort()).toEqual(['b', 'x']);
  });
});

describe('scalar readers', () => {
  const cases: [string, unknown, unknown, unknown][] = [
    // yaml, readBool, readNumber, readString
    ['true', true, undefined, 'true'],
    ['"true"', true, undefined, 'true'],
    ['TRUE', true, undefined, 'TRUE'],
    ['yes', true, undefined, 'yes'],
    ['off', false, undefined, 'off'],
    ['"${PRIV:-false}"', undefined, undefined, '${PRIV:-false}'],
    ['0755', undefined, 755, '0755'],
    ['1000', undefined, 1000, '1000'],
    ['"1000"', undefined, 1000, '1000'],
    ['0.5', undefined, 0.5, '0.5'],
    ['~', undefined, undefined, undefined],
    ['[a]', undefined, undefined, undefined],
  ];
  it.each(cases)('v: %s', (src, bool, num, str) => {
    const f = parseYaml(`v: ${src}\n`);
    const v = get(f, f.documents[0].contents, 'v');
    expect(readBool(v)).toBe(bool);
    expect(readNumber(v)).toBe(num);
    expect(readString(v)).toBe(str);
  });

  it('reads a list that may be written as one string', () => {
    const f = parseYaml('a: [X, Y]\nb: Z\nc: {k: v}\n');
    const root = f.documents[0].contents;
    expect(readStringList(f, get(f, root, 'a')).map((l) => l.value)).toEqual(['X', 'Y']);
    expect(readStringList(f, get(f, root, 'b')).map((l) => slice(f, l.range))).toEqual(['Z']);
    expect(readStringList(f, get(f, root, 'c'))).toEqual([]);
  });

  it('getPath walks maps and sequences and returns scalar values', () => {
    const f = parseYaml('spec:\n  containers:\n    - name: a\n    - name: b\n');
    expect(getPath(f, f.documents[0].contents, ['spec', 'containers', 1, 'name'])?.value).toBe('b');
    expect(getPath(f, f.documents[0].contents, ['spec', 'missing'])).toBeUndefined();
    expect(getPath(f, f.documents[0].contents, ['spec', 'containers', 5])).toBeUndefined();
  });
});

describe('YAML errors', () => {
  it('become problems with ranges, never throws', () => {
    const f = parseYaml('a: 1\na: 2\n');
    expect(f.problems.map((p) => p.code)).toEqual(['DUPLICATE_KEY']);
    expect(f.problems[0].severity).toBe('error');
    expect(slice(f, f.problems[0].range)).toBe('a');
  });

  it.each(['', '\u0000\u0001', ':', '- - - [', '{{{{', 'a: *undefined\n', '\t\tkey: [\n'])('does not throw on %j', (text) => {
    expect(() => parseYaml(text)).not.toThrow();
  });
});

describe('templates', () => {
  const cases: [string, string, string | undefined][] = [
    // [file name, text, expected reason]
    ['deploy.yaml', '{{- if .Values.enabled }}\napiVersion: v1\nkind: Pod\n{{- end }}\n', 'invalid-yaml'],
    ['deploy.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {{ .Values.namespace }}\n', 'template-in-structure'],
    ['deploy.yaml', 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: "{{ .Values.image }}"\n', 'helm-expression'],
    ['chart/templates/cm.yaml', 'kind: ConfigMap\ndata:\n  a: "{{ $x }}"\n', 'chart-template'],
    ['rule.yaml', 'kind: PrometheusRule\nspec:\n  groups:\n    - rules:\n        - annotations:\n            summary: "{{ $labels.instance }} is down"\n            description: Value {{ $value }} too high\n', undefined],
    ['plain.yaml', 'kind: Pod\n', undefined],
    ['chart/templates/plain.yaml', 'kind: Pod\n', undefined],
    // only subtrees holding a `{{` are walked: the match must still be found after harmless `{{`, deep in a later
    // document, in a key, in a block scalar, and in a flow map opening on `{{`
    ['multi.yaml', 'a: "{{ $labels.x }}"\n---\nkind: Pod\nspec:\n  containers:\n    - name: x\n      image: "{{ .Values.image }}"\n', 'helm-expression'],
    ['key.yaml', 'kind: ConfigMap\ndata:\n  "{{ .Release.Name }}-key": v\n', 'helm-expression'],
    ['block.yaml', 'kind: ConfigMap\ndata:\n  a: b\n  script: |\n    echo {{ .Values.x }}\n', 'helm-expression'],
    ['flow.yaml', 'a: "{{ $v }}"\n---\nb:\n  c:\n    d: {{ .Values.d }}\n', 'template-in-structure'],
  ];
  it('reports the first `{{` that makes a file a template, not an earlier harmless one', () => {
    const text = 'a: "{{ $labels.x }}"\nb:\n  - c: plain\n  - d: "{{ .Values.image }}"\n';
    const f = parseYaml(text, { fileName: 'x.yaml' });
    expect(f.template?.reason).toBe('helm-expression');
    expect(f.problems[0].range.start.line).toBe(3);
    expect(slice(f, f.problems[0].range)).toBe('{{ .Values.image }}');
  });
  it.each(cases)('%s → %s', (name, text, reason) => {
    const f = parseYaml(text, { fileName: name });
    expect(f.template?.reason).toBe(reason);
    expect(f.templated).toBe(reason !== undefined);
    if (reason) {
      expect(f.problems).toHaveLength(1);
      expect(f.problems[0].severity).toBe('info');
      expect(slice(f, f.problems[0].range).startsWith('{{')).toBe(true);
    }
  });
});
