import { describe, expect, it } from 'vitest';
import { parseCompose } from '../compose/parse';
import { parseDockerfile } from '../dockerfile/parse';
import { profileFromDockerfileStage } from '../isolation/from-dockerfile';
import { parseKubernetes } from '../kubernetes/parse';
import { buildPanelModel } from './model';
import { renderProfileReport } from '../isolation/report';
import { composeScope, finalStageScope, kubernetesScope, stageScope, workloadAt } from './scope';

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

  it('dockerfile, every stage: each from its FROM to the line before the next FROM', () => {
    const text = [
      '# syntax=docker/dockerfile:1', // 0
      'ARG GO=1.22', // 1
      'FROM golang:${GO} AS build', // 2
      'RUN go build', // 3
      '', // 4
      'FROM alpine:3.20 AS tools', // 5
      'RUN apk add curl', // 6
      'FROM gcr.io/distroless/static:nonroot', // 7
      'COPY --from=build /app /app', // 8
      '',
    ].join('\n');
    const m = parseDockerfile(text);
    const scopes = m.stages.map((_, i) => stageScope(m, i));
    expect(workloadAt(scopes, at(1))).toBeUndefined(); // global ARG, above every stage
    expect(workloadAt(scopes, at(2, 0))).toBe(0);
    expect(workloadAt(scopes, at(4, 0))).toBe(0); // blank line: still the build stage
    expect(workloadAt(scopes, at(5, 0))).toBe(1); // column 0 of a FROM: the stage it starts
    expect(workloadAt(scopes, at(6))).toBe(1);
    expect(workloadAt(scopes, at(7, 0))).toBe(2);
    expect(workloadAt(scopes, at(9, 0))).toBe(2); // the end of the file
    expect(stageScope(m, 2)).toEqual(finalStageScope(m));
    expect(stageScope(m, 3)).toBeUndefined();
  });

  it('dockerfile: a stage other than the last is labelled and explained as a build stage', () => {
    const text = 'FROM golang:1.22 AS build\nRUN go build\nFROM alpine:3.20\nRUN true\nFROM scratch\nCOPY --from=build /app /app\n';
    const m = parseDockerfile(text);
    const [build, unnamed, final] = m.stages.map((st) => profileFromDockerfileStage(st, st === m.finalStage));
    expect(build!.subject.buildStage).toBe(true);
    expect(final!.subject.buildStage).toBeUndefined();
    const panel = buildPanelModel({ profile: build! });
    expect(panel.subject.kindLabel).toBe('Dockerfile build stage');
    expect(panel.nextStep?.note).toContain('`docker build --target build`');
    expect(buildPanelModel({ profile: final! }).subject.kindLabel).toBe('Dockerfile final stage');
    expect(buildPanelModel({ profile: final! }).nextStep?.note).toBeUndefined();
    // an unnamed stage cannot be picked by name: the note says so instead of inventing `--target stage 2`
    const unnamedNote = buildPanelModel({ profile: unnamed! }).nextStep?.note ?? '';
    expect(unnamed!.subject.name).toBe('stage 2');
    expect(unnamedNote).toContain('`FROM … AS name`');
    expect(unnamedNote).not.toContain('--target stage');
    expect(renderProfileReport(build!)).toContain('A build stage: a plain `docker build`');
    expect(renderProfileReport(final!)).not.toContain('A build stage');
  });
});
