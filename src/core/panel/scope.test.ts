import { describe, expect, it } from 'vitest';
import { parseCompose } from '../compose/parse';
import { parseDockerfile } from '../dockerfile/parse';
import { profileFromDockerfileStage } from '../isolation/from-dockerfile';
import { parseKubernetes } from '../kubernetes/parse';
import { composeScope, finalStageScope, kubernetesScope, workloadAt } from './scope';

const at = (line: number, character = 4) => ({ line, character });

describe('workloadAt: the workload under the cursor', () => {
  it('compose: inside a service, between services, above the first', () => {
    const text = 'name: x\nservices:\n  a:\n    image: nginx\n\n  b:\n    image: redis\n    pid: host\n';
    const m = parseCompose(text, 'compose.yaml');
    const scopes = m.services.map((_, i) => composeScope(m, i));
    expect(workloadAt(scopes, at(3))).toBe(0);
    expect(workloadAt(scopes, at(7))).toBe(1);
    expect(workloadAt(scopes, at(4, 0))).toBe(0); // the blank line after a: the last one above
    expect(workloadAt(scopes, at(0, 0))).toBeUndefined();
  });

  it('kubernetes: a container, and a pod-level key (the first container of that pod)', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  hostNetwork: true',
      '  containers:',
      '    - name: one',
      '      image: nginx',
      '    - name: two',
      '      image: redis',
      '',
    ].join('\n');
    const m = parseKubernetes(text, 'pod.yaml');
    const scopes = m.containers.map((_, i) => kubernetesScope(m, i));
    expect(workloadAt(scopes, at(9, 8))).toBe(1);
    expect(workloadAt(scopes, at(7, 8))).toBe(0);
    expect(workloadAt(scopes, at(4, 3))).toBe(0);
    // the sibling is excluded from each container's scope
    expect(scopes[0]!.exclude).toEqual([m.containers[1]!.range]);
  });

  it('dockerfile: the final stage from its FROM to the end; its profile is Docker defaults plus the user', () => {
    const text = 'FROM golang:1.22 AS build\nRUN go build\n\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=build /app /app\nUSER 65532\n';
    const m = parseDockerfile(text);
    const scopes = [finalStageScope(m)];
    expect(workloadAt(scopes, at(1))).toBeUndefined();
    expect(workloadAt(scopes, at(4))).toBe(0);
    const p = profileFromDockerfileStage(m.finalStage!);
    expect(p.subject).toMatchObject({ kind: 'dockerfile-stage', name: 'stage 2', image: 'gcr.io/distroless/static:nonroot' });
    expect(p.user).toMatchObject({ kind: 'non-root', value: '65532', explicit: true });
    expect(p.user.range!.start.line).toBe(5);
    expect(p.capabilities.effective.length).toBe(14);
  });
});
