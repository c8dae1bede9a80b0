import { describe, expect, it } from 'vitest';
import { parseCompose } from '../compose/parse';
import { parseKubernetes } from '../kubernetes/parse';
import { ADVICE, ADVICE_PLACE, adviceText } from './advice';
import type { AdviceId } from './advice';
import { profileFromInspect } from './from-inspect';
import type { InspectForProfile } from './from-inspect';
import { defaultProfile, profileFromCompose, profileFromKubernetes } from './profile';
import type { IsolationProfile, SubjectKind } from './profile';
import { renderProfileReport } from './report';
import { placeOnSpectrum } from './spectrum';

const KINDS: SubjectKind[] = ['compose-service', 'k8s-container', 'container', 'dockerfile-stage'];

// What each kind's words look like, and what must not leak into another kind's text.
const COMPOSE_KEYS = /\b(cap_add|cap_drop|security_opt|read_only|network_mode|mem_limit|pids_limit|userns_mode)\b|`(pid|ipc|uts|cgroup|user|runtime): /;
const K8S_FIELDS = /\b(runAsNonRoot|runAsUser|allowPrivilegeEscalation|readOnlyRootFilesystem|seccompProfile|hostNetwork|hostPID|hostIPC|hostUsers|capabilities\.add|resources\.limits|runtimeClassName|procMount)\b/;
const RUN_FLAGS = /(^|[\s`(])--[a-z]/;

/** `docker run -d --init <flags> busybox` as the engine reports it, trimmed to what a profile reads. */
function inspectOf(hostConfig: NonNullable<InspectForProfile['HostConfig']> = {}, user = ''): InspectForProfile {
  return {
    Id: 'c0ffee'.padEnd(64, '0'),
    Name: '/web',
    Config: { User: user, Image: 'container-lens-test/busybox:1' },
    HostConfig: { NetworkMode: 'none', CgroupnsMode: 'private', IpcMode: 'private', Runtime: 'runc', MaskedPaths: ['/proc/kcore'], ...hostConfig },
    Mounts: [],
    NetworkSettings: { Ports: {} },
  };
}

const live = (hostConfig: NonNullable<InspectForProfile['HostConfig']> = {}, user = '') =>
  profileFromInspect(inspectOf(hostConfig, user), { cgroupVersion: '2', rootless: false, usernsRemap: false });
const compose = (service: string) =>
  profileFromCompose(parseCompose(`services:\n  web:\n${service.replace(/^/gm, '    ')}\n`, 'compose.yaml').services[0]);
const k8s = (container: string) =>
  profileFromKubernetes(
    parseKubernetes(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n${container.replace(/^/gm, '      ')}\n`).containers[0],
  );
const stage = (): IsolationProfile => defaultProfile({ kind: 'dockerfile-stage', name: 'final' }, 'docker');

const nextTexts = (p: IsolationProfile) => placeOnSpectrum(p).nextStep?.actions.map((a) => a.text) ?? [];

describe('ADVICE table', () => {
  const ids = Object.keys(ADVICE) as AdviceId[];

  it.each(ids)('%s has a text for every subject kind, with known placeholders only', (id) => {
    for (const kind of KINDS) {
      const text = ADVICE[id].text[kind];
      expect(text.trim().length, `${id} / ${kind}`).toBeGreaterThan(10);
      for (const m of text.matchAll(/\{([a-z]+)\}/g)) expect(['path', 'cap', 'caps', 'label']).toContain(m[1]);
    }
  });

  it.each(ids.filter((id) => id !== 'undo' && id !== 'host-process.remove' && id !== 'runtime.vm'))(
    '%s speaks each kind\'s language and not the others\'',
    (id) => {
      const t = ADVICE[id].text;
      // A live container is changed with docker run flags, never with compose keys or pod fields.
      expect(t.container).toMatch(/`-v |`--[a-z]|--[a-z]+/);
      expect(t.container).not.toMatch(COMPOSE_KEYS);
      expect(t.container).not.toMatch(K8S_FIELDS);
      expect(t['k8s-container']).not.toMatch(RUN_FLAGS);
      expect(t['k8s-container']).not.toMatch(COMPOSE_KEYS);
      expect(t['compose-service']).not.toMatch(RUN_FLAGS);
      expect(t['compose-service']).not.toMatch(K8S_FIELDS);
    },
  );

  it('fills placeholders and leaves other braces alone', () => {
    expect(adviceText('host-path.engine-socket', 'container', { path: '/run/docker.sock' })).toBe(
      'recreate it without the `-v /run/docker.sock:…` bind; if it must talk to the engine, give it a proxy that allows only the calls it needs',
    );
    expect(adviceText('capabilities.remove-dangerous', 'compose-service', { caps: 'NET_ADMIN, SYS_ADMIN' })).toBe('remove NET_ADMIN, SYS_ADMIN from `cap_add`');
    // `find … -exec chmod a-s {} +` keeps its braces
    expect(adviceText('no-new-privileges.set', 'dockerfile-stage')).toContain('-exec chmod a-s {} +');
    // a missing value leaves the placeholder visible rather than inventing one
    expect(adviceText('host-pid.with-tracer', 'container')).toContain('{cap}');
  });

  it('says where each kind is changed', () => {
    expect(Object.keys(ADVICE_PLACE).sort()).toEqual([...KINDS].sort());
  });
});

describe('next-step actions follow the subject kind', () => {
  it('a plain live container is told docker run flags', () => {
    const texts = nextTexts(live());
    expect(placeOnSpectrum(live()).level).toBe('default-container');
    expect(texts.join('\n')).toContain('`--user 10001:10001`');
    expect(texts.join('\n')).toContain('`--cap-drop ALL`');
    expect(texts.join('\n')).toContain('`--security-opt no-new-privileges`');
    expect(texts.join('\n')).toContain('`--read-only`');
    expect(texts.join('\n')).toMatch(/`--memory 512m`.*`--pids-limit 256`.*`docker update`/);
    for (const t of texts) expect(t).not.toMatch(COMPOSE_KEYS);
  });

  it('the same gaps in a compose service, a pod and a Dockerfile stage are said in their own words', () => {
    const byKind = {
      compose: placeOnSpectrum(compose('image: app:1')),
      k8s: placeOnSpectrum(k8s('image: app:1')),
      live: placeOnSpectrum(live()),
      stage: placeOnSpectrum(stage()),
    };
    const user = (k: keyof typeof byKind) => byKind[k].nextStep!.actions.find((a) => a.field === 'user')!;
    expect(user('compose').text).toContain('`user: "10001:10001"`');
    expect(user('k8s').text).toContain('`runAsNonRoot: true`');
    expect(user('live').text).toContain('`--user 10001:10001`');
    expect(user('stage').text).toContain('`USER 10001:10001`');
    // one advice id behind the four wordings, so a panel can show the other kinds' words too
    expect(new Set(Object.keys(byKind).map((k) => user(k as keyof typeof byKind).advice?.id))).toEqual(new Set(['user.non-root']));
    const stageTexts = byKind.stage.nextStep!.actions.map((a) => a.text);
    for (const t of stageTexts) expect(t).not.toMatch(COMPOSE_KEYS);
  });

  it.each([
    ['--network host', { NetworkMode: 'host' }, /^recreate it without `--network host`; publish the ports it needs/],
    ['--pid host', { PidMode: 'host' }, /^recreate it without `--pid host`$/],
    ['--ipc host', { IpcMode: 'host' }, /^recreate it without `--ipc host`$/],
    ['--cap-add NET_ADMIN', { CapAdd: ['NET_ADMIN'] }, /^recreate it without adding NET_ADMIN \(`--cap-add`\)$/],
    ['--security-opt seccomp=unconfined', { SecurityOpt: ['seccomp=unconfined'] }, /without `--security-opt seccomp=unconfined`/],
    ['--security-opt systempaths=unconfined', { SecurityOpt: ['systempaths=unconfined'], MaskedPaths: [] }, /without `--security-opt systempaths=unconfined`/],
  ] as [string, NonNullable<InspectForProfile['HostConfig']>, RegExp][])('a live container with %s is told to drop that flag', (_flag, hostConfig, expected) => {
    const p = placeOnSpectrum(live(hostConfig));
    expect(p.level).toBe('weakened-container');
    expect(p.nextStep!.actions.map((a) => a.text)).toEqual([expect.stringMatching(expected)]);
  });

  it('a privileged live container with the engine socket: no --privileged, no socket bind', () => {
    const p = placeOnSpectrum(
      live({ Privileged: true, Binds: ['/var/run/docker.sock:/var/run/docker.sock'], MaskedPaths: null }),
    );
    expect(p.level).toBe('privileged-container');
    const texts = p.nextStep!.actions.map((a) => a.text);
    expect(texts).toContain(
      'recreate it without the `-v /var/run/docker.sock:…` bind; if it must talk to the engine, give it a proxy that allows only the calls it needs',
    );
    expect(texts).toContain('recreate it without `--privileged`; add only the capabilities it needs with `--cap-add`');
  });

  it('host PID with SYS_PTRACE names both flags', () => {
    const p = placeOnSpectrum(live({ PidMode: 'host', CapAdd: ['SYS_PTRACE'] }));
    expect(p.nextStep!.actions[0].text).toBe('recreate it without `--pid host` or without `--cap-add SYS_PTRACE`');
    expect(p.nextStep!.actions[0].advice).toEqual({ id: 'host-pid.with-tracer', vars: { cap: 'SYS_PTRACE' } });
  });

  it('a hardened live container is pointed at --runtime runsc', () => {
    const hard = live({ CapDrop: ['ALL'], ReadonlyRootfs: true, SecurityOpt: ['no-new-privileges'], Memory: 67108864, PidsLimit: 100 }, '65534:65534');
    const p = placeOnSpectrum(hard);
    expect(p.level).toBe('hardened-container');
    expect(p.nextStep!.actions.map((a) => a.text)).toEqual([expect.stringContaining('`--runtime runsc`')]);
  });

  it('compose and Kubernetes wordings are unchanged by the table', () => {
    expect(nextTexts(compose('image: app\nnetwork_mode: host'))).toEqual(['remove `network_mode: host` and publish the ports it needs']);
    expect(nextTexts(k8s('image: app\nsecurityContext:\n  privileged: true'))).toEqual(['set `privileged: false`; add only the capabilities it needs']);
  });
});

describe('the profile page of a live container', () => {
  it('gives docker run flags and says why they apply to a new container', () => {
    const md = renderProfileReport(live({ NetworkMode: 'host' }));
    expect(md).toContain('running container');
    expect(md).toContain('- recreate it without `--network host`');
    expect(md).toContain('`docker update`');
    expect(md).not.toMatch(/network_mode|cap_drop|security_opt/);
  });

  it('a compose service page has no docker run note', () => {
    const md = renderProfileReport(compose('image: app\nnetwork_mode: host'));
    expect(md).toContain('- remove `network_mode: host`');
    expect(md).not.toContain('`docker run` options');
  });
});
