import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze';
import { parseCompose } from '../compose/parse';
import { parseDockerfile } from '../dockerfile/parse';
import { profileFromDockerfileStage } from '../isolation/from-dockerfile';
import { profileFromInspect } from '../isolation/from-inspect';
import { profileFromCompose, profileFromKubernetes } from '../isolation/profile';
import type { IsolationProfile } from '../isolation/profile';
import { ISOLATION_LEVELS, placeOnSpectrum } from '../isolation/spectrum';
import type { IsolationLevel } from '../isolation/spectrum';
import { parseKubernetes } from '../kubernetes/parse';
import { applyEdits } from '../text/range';
import { composeScope, finalStageScope, kubernetesScope } from './scope';
import { buildPanelModel } from './model';
import type { PanelInput } from './model';

const HARDENED = `
    image: ghcr.io/example/api:1.2.3
    user: "10001:10001"
    read_only: true
    cap_drop: [ALL]
    security_opt: ["no-new-privileges:true"]
    mem_limit: 256m
    cpus: "0.5"
    pids_limit: 100`;

function composeInput(text: string, index = 0, uri = 'file:///w/compose.yaml'): PanelInput {
  const model = parseCompose(text, 'compose.yaml');
  const findings = analyze(text, 'compose.yaml').findings;
  return {
    profile: profileFromCompose(model.services[index]),
    source: { uri, version: 7, file: 'compose.yaml', findings, scope: composeScope(model, index)! },
  };
}

function k8sInput(text: string, index = 0): PanelInput {
  const model = parseKubernetes(text, 'pod.yaml');
  return {
    profile: profileFromKubernetes(model.containers[index]),
    source: { uri: 'file:///w/pod.yaml', version: 3, file: 'pod.yaml', findings: analyze(text, 'pod.yaml').findings, scope: kubernetesScope(model, index)! },
  };
}

const POD = (spec: string, containers = '  containers:\n    - name: app\n      image: nginx:1.27\n') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}${containers}`;

/** One fixture per level a file or a container can reach. */
const FIXTURES: [IsolationLevel, () => PanelInput][] = [
  ['process', () => k8sInput(POD('  securityContext:\n    windowsOptions:\n      hostProcess: true\n  hostNetwork: true\n'))],
  ['privileged-container', () => composeInput('services:\n  x:\n    image: nginx:1.27\n    privileged: true\n')],
  ['weakened-container', () => composeInput('services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n')],
  ['default-container', () => composeInput('services:\n  web:\n    image: nginx:1.27\n')],
  ['hardened-container', () => composeInput(`services:\n  api:${HARDENED}\n`)],
  ['sandboxed', () => composeInput(`services:\n  api:${HARDENED}\n    runtime: runsc\n`)],
  ['microvm', () => k8sInput(POD('  runtimeClassName: kata-qemu\n'))],
];

describe('buildPanelModel: one fixture per spectrum level', () => {
  it.each(FIXTURES)('%s', (level, make) => {
    const input = make();
    const m = buildPanelModel(input);
    expect(m.level).toBe(level);
    expect(m.levelIndex).toBe(ISOLATION_LEVELS.indexOf(level));
    expect(m.stepsFromVm).toBe(ISOLATION_LEVELS.length - 1 - m.levelIndex);
    expect(m.summary.startsWith(m.levelLabel)).toBe(true);
    // every reason of the placement is there, in order
    expect(m.reasons.map((r) => r.text)).toEqual(placeOnSpectrum(input.profile).reasons.map((r) => r.text));
    expect(m.nextStep).toBeDefined();
    expect(ISOLATION_LEVELS.indexOf(m.nextStep!.level)).toBeGreaterThan(m.levelIndex);
    for (const a of m.nextStep!.actions) {
      expect(a.label.length).toBeGreaterThan(3);
      expect(a.changes.length).toBeGreaterThan(3);
      expect(a.costs.length).toBeGreaterThan(3);
    }
    // ids are unique: the webview names an action by it
    const ids = m.nextStep!.actions.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    // the static content travels with it
    expect(m.content.spectrum.map((s) => s.level)).toEqual([...ISOLATION_LEVELS]);
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
  });

  it('vm: the far right has no next step', () => {
    const input = composeInput('services:\n  web:\n    image: nginx:1.27\n');
    const m = buildPanelModel({ ...input, placement: { level: 'vm', reasons: [] } });
    expect(m.levelLabel).toBe('virtual machine');
    expect(m.stepsFromVm).toBe(0);
    expect(m.nextStep).toBeUndefined();
  });
});

describe('reasons and facts', () => {
  it('a host-network service: the reason, its line, and how a VM differs', () => {
    const m = buildPanelModel(composeInput('services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n'));
    const net = m.reasons.find((r) => r.field === 'hostNamespaces.network')!;
    expect(net.label).toBe('shares host network');
    expect(net.direction).toBe('weaker');
    expect(net.line).toBe(4);
    expect(net.vm).toMatch(/VM/);
    expect(m.subject).toMatchObject({ kind: 'compose-service', kindLabel: 'compose service', name: 'web', file: 'compose.yaml', line: 2, image: 'nginx:1.27' });
    expect(m.facts.find((f) => f.setting === 'Host namespaces')).toMatchObject({ value: 'network', weak: true });
  });

  it('each added capability and each shared namespace is its own reason', () => {
    const text = 'services:\n  x:\n    image: nginx:1.27\n    pid: host\n    ipc: host\n    cap_add: [NET_ADMIN, SYS_PTRACE]\n';
    const m = buildPanelModel(composeInput(text));
    const labels = m.reasons.map((r) => r.label);
    expect(labels).toContain('shares host IPC');
    expect(labels.some((l) => /SYS_PTRACE/.test(l))).toBe(true);
    expect(m.level).toBe('privileged-container'); // host PID + SYS_PTRACE
  });
});

describe('"one step right" carries the quick-fix of the source', () => {
  it('host network: the remove fix of compose-host-network, for this document version', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n';
    const m = buildPanelModel(composeInput(text));
    expect(m.nextStep!.level).toBe('default-container');
    const act = m.nextStep!.actions.find((a) => a.field === 'hostNamespaces.network')!;
    expect(act.fixes).toHaveLength(1);
    const ref = act.fixes[0];
    expect(ref).toMatchObject({ uri: 'file:///w/compose.yaml', version: 7, ruleId: 'compose-host-network', needsInput: false });
    // the reference names a real fix whose edit removes the key
    const finding = analyze(text, 'compose.yaml').findings.find((f) => f.ruleId === ref.ruleId)!;
    expect(finding.range).toEqual(ref.range);
    const after = applyEdits(text, finding.fixes[ref.fixIndex].edits);
    expect(after).not.toMatch(/network_mode/);
    expect(act.runOption).toBeUndefined();
  });

  it('fixes of another service are not offered', () => {
    const text = 'services:\n  a:\n    image: nginx:1.27\n    network_mode: host\n  b:\n    image: nginx:1.27\n';
    const m = buildPanelModel(composeInput(text, 1));
    const all = (m.nextStep?.actions ?? []).flatMap((a) => a.fixes);
    expect(all.every((f) => f.range.start.line >= 4)).toBe(true);
    expect(all.some((f) => f.ruleId === 'compose-host-network')).toBe(false);
  });

  it('default → hardened: one step per missing hardening, each with its fix where a rule has one', () => {
    const m = buildPanelModel(composeInput('services:\n  web:\n    image: nginx:1.27\n'));
    expect(m.nextStep!.level).toBe('hardened-container');
    const byField = new Map(m.nextStep!.actions.map((a) => [a.field, a]));
    expect([...byField.keys()]).toEqual(expect.arrayContaining(['user', 'capabilities', 'noNewPrivileges', 'readOnlyRootfs', 'limits']));
    expect(byField.get('user')!.fixes[0].ruleId).toBe('compose-runs-as-root');
    expect(byField.get('capabilities')!.fixes[0].ruleId).toBe('compose-capabilities-not-dropped');
    expect(byField.get('readOnlyRootfs')!.fixes[0].ruleId).toBe('compose-writable-root-filesystem');
    const limits = byField.get('limits')!.fixes;
    expect(limits.map((f) => f.ruleId)).toEqual(['compose-resource-limits-missing', 'compose-pids-limit-missing']);
    expect(limits[0].needsInput).toBe(true);
  });

  it('a pod-level key belongs to every container of the pod; a sibling container\'s keys do not', () => {
    const text = POD('  hostNetwork: true\n', '  containers:\n    - name: a\n      image: nginx:1.27\n    - name: b\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n');
    const a = buildPanelModel(k8sInput(text, 0));
    expect(a.level).toBe('weakened-container');
    const net = a.nextStep!.actions.find((x) => x.field === 'hostNamespaces.network')!;
    expect(net.fixes[0].ruleId).toBe('k8s-host-network');
    expect(a.nextStep!.actions.flatMap((x) => x.fixes).some((f) => f.ruleId === 'k8s-privileged')).toBe(false);
    const b = buildPanelModel(k8sInput(text, 1));
    expect(b.level).toBe('privileged-container');
    expect(b.nextStep!.actions.flatMap((x) => x.fixes).some((f) => f.ruleId === 'k8s-privileged')).toBe(true);
  });

  it('a live container: run options instead of fixes, and the note about recreating it', () => {
    const inspect = {
      Id: 'c0ffee',
      Name: '/web',
      Config: { Image: 'nginx:1.27', User: '' },
      HostConfig: { NetworkMode: 'host', Privileged: false, CapAdd: null, CapDrop: null, SecurityOpt: null, ReadonlyRootfs: false },
      State: { Status: 'running' },
    };
    const profile: IsolationProfile = profileFromInspect(inspect as never);
    const m = buildPanelModel({ profile });
    expect(m.subject.kind).toBe('container');
    expect(m.subject.file).toBeUndefined();
    expect(m.nextStep!.note).toMatch(/replaces it/);
    const net = m.nextStep!.actions.find((a) => a.field === 'hostNamespaces.network')!;
    expect(net.fixes).toEqual([]);
    expect(net.runOption).toMatch(/--network host/);
  });

  it('a Dockerfile final stage running as root: the non-root fix of final-stage-runs-as-root', () => {
    const text = 'FROM node:22\nWORKDIR /app\nCOPY . .\nCMD ["node", "index.js"]\n';
    const model = parseDockerfile(text);
    const profile = profileFromDockerfileStage(model.finalStage!);
    expect(profile.user.kind).toBe('root');
    const m = buildPanelModel({
      profile,
      source: { uri: 'file:///w/Dockerfile', version: 1, file: 'Dockerfile', findings: analyze(text, 'Dockerfile').findings, scope: finalStageScope(model)! },
    });
    expect(m.subject.kindLabel).toBe('Dockerfile final stage');
    expect(m.level).toBe('default-container');
    const user = m.nextStep!.actions.find((a) => a.field === 'user')!;
    expect(user.fixes[0]?.ruleId).toBe('final-stage-runs-as-root');
  });
});
