/**
 * Real compose files, Kubernetes manifests and Helm templates from the shared corpus: the YAML
 * parsers, the profile builders and the spectrum must never throw on them, and a few files with
 * well-known properties must come out the way a reader of the file would say.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap } from 'yaml';
import { isComposeFile, parseCompose } from '../compose/parse';
import { isKubernetesFile, parseKubernetes } from '../kubernetes/parse';
import { parseYaml } from '../yaml/parse';
import { entries } from '../yaml/read';
import { profileFromCompose, profileFromKubernetes } from './profile';
import type { IsolationProfile } from './profile';
import { placeOnSpectrum, summarize } from './spectrum';
import type { IsolationLevel } from './spectrum';

const ROOT = '/work/shared/corpus';
const present = existsSync(join(ROOT, 'compose')) && existsSync(join(ROOT, 'k8s')) && existsSync(join(ROOT, 'helm'));
if (!present && process.env.CI === 'true') throw new Error(`corpus folders under ${ROOT} are missing under CI`);
if (!present) console.warn(`corpus test skipped: ${ROOT}/{compose,k8s,helm} not found`);

const list = (dir: string) =>
  present
    ? readdirSync(join(ROOT, dir))
        .filter((f) => /\.ya?ml$/i.test(f))
        .sort()
    : [];
const read = (dir: string, f: string) => readFileSync(join(ROOT, dir, f), 'utf8');

const COMPOSE = list('compose');
const K8S = list('k8s');
const HELM = list('helm');

function levels(profiles: IsolationProfile[]): IsolationLevel[] {
  return profiles.map((p) => placeOnSpectrum(p).level);
}

describe.skipIf(!present)('corpus: compose', () => {
  const counts = { files: 0, recognised: 0, services: 0, levels: {} as Record<string, number> };

  it.each(COMPOSE)('%s', (file) => {
    const text = read('compose', file);
    const model = parseCompose(text, file);
    const profiles = model.services.map((s) => profileFromCompose(s));
    for (const p of profiles) {
      const placement = placeOnSpectrum(p);
      counts.levels[placement.level] = (counts.levels[placement.level] ?? 0) + 1;
      expect(summarize(p, placement)).toMatch(/^[a-z]/);
    }
    counts.files++;
    counts.services += model.services.length;
    if (isComposeFile(file, text)) counts.recognised++;

    // A file whose top level maps `services` to service maps yields those services.
    const root = model.yaml.documents[0]?.contents;
    const services = entries(model.yaml, root).find((e) => e.key === 'services');
    const declared = entries(model.yaml, services?.node).filter((e) => isMap(e.node));
    if (!model.templated) expect(model.services.length).toBe(declared.length);
  });

  it('prints counts', () => {
    console.log(`compose corpus: ${counts.files} files, ${counts.recognised} recognised as compose, ${counts.services} services, levels ${JSON.stringify(counts.levels)}`);
    expect(counts.files).toBe(COMPOSE.length);
    expect(counts.services).toBeGreaterThan(COMPOSE.length / 2);
  });

  it('awesome-compose portainer mounts the Docker socket', () => {
    const model = parseCompose(read('compose', 'docker__awesome-compose__portainer_compose.yaml'));
    const p = profileFromCompose(model.services[0]);
    expect(p.hostPaths.map((h) => h.sensitive)).toContain('docker-socket');
    const docker = p.hostPaths.find((h) => h.sensitive === 'docker-socket')!;
    expect(model.lines.slice(docker.range!)).toBe('"/var/run/docker.sock:/var/run/docker.sock"');
    expect(placeOnSpectrum(p).level).toBe('privileged-container');
  });

  it('compose-go full-example has host pid/ipc/uts, cap_add, devices and sysctls', () => {
    const model = parseCompose(read('compose', 'compose-spec__compose-go__loader_full-example.yml'));
    const foo = model.services.find((s) => s.name === 'foo')!;
    expect(foo.pid?.value).toBe('host');
    expect(foo.ipc?.value).toBe('host');
    expect(foo.uts?.value).toBe('host');
    expect(foo.capAdd.map((c) => c.value)).toEqual(['ALL']);
    expect(foo.capDrop.map((c) => c.value)).toEqual(['NET_ADMIN', 'SYS_ADMIN']);
    expect(foo.devices).toMatchObject([{ source: '/dev/ttyUSB0', target: '/dev/ttyUSB0', permissions: 'rwm' }]);
    expect(foo.sysctls.map((s) => `${s.name}=${s.value}`)).toEqual(['net.core.somaxconn=1024', 'net.ipv4.tcp_syncookies=0']);
    const p = profileFromCompose(foo);
    expect([p.hostNamespaces.pid.value, p.hostNamespaces.ipc.value, p.hostNamespaces.uts.value]).toEqual([true, true, true]);
    expect(p.privileged.value).toBe(true);
    expect(p.limits).toMatchObject({ memory: { value: '50M' }, cpu: { value: '0.001' } });
    expect(placeOnSpectrum(p).level).toBe('privileged-container');
  });
});

describe.skipIf(!present)('corpus: kubernetes', () => {
  const counts = { files: 0, recognised: 0, objects: 0, workloads: 0, containers: 0, templated: 0, errors: 0, levels: {} as Record<string, number> };

  it.each(K8S)('%s', (file) => {
    const text = read('k8s', file);
    const model = parseKubernetes(text, file);
    const profiles = model.containers.map((c) => profileFromKubernetes(c));
    for (const l of levels(profiles)) counts.levels[l] = (counts.levels[l] ?? 0) + 1;
    for (const p of profiles) expect(summarize(p)).toMatch(/^[a-z]/);
    counts.files++;
    if (isKubernetesFile(file, text)) counts.recognised++;
    counts.objects += model.objects.length;
    counts.workloads += model.objects.filter((o) => o.workload).length;
    counts.containers += model.containers.length;
    if (model.templated) counts.templated++;
    if (model.errors.some((e) => e.severity === 'error')) counts.errors++;
    // A workload's containers always have a range inside the file.
    for (const c of model.containers) expect(model.lines.slice(c.range).length).toBeGreaterThan(0);
  });

  it('prints counts', () => {
    console.log(`k8s corpus: ${JSON.stringify(counts)}`);
    expect(counts.files).toBe(K8S.length);
    expect(counts.workloads).toBeGreaterThan(100);
    expect(counts.templated).toBe(0);
  });

  const PRIVILEGED_DAEMONSETS = [
    'kubernetes__examples___archived_newrelic-infrastructure_newrelic-infra-daemonset.yaml',
    'kubernetes__examples___archived_newrelic_newrelic-daemonset.yaml',
    'kubernetes__examples___archived_sysdig-cloud_sysdig-daemonset.yaml',
    'kubernetes__examples___archived_volumes_flexvolume_deploy_ds.yaml',
  ];
  it.each(PRIVILEGED_DAEMONSETS)('%s is a privileged container', (file) => {
    const model = parseKubernetes(read('k8s', file), file);
    const ds = model.objects.filter((o) => o.workload === 'DaemonSet');
    expect(ds.length).toBeGreaterThan(0);
    const privileged = model.containers.filter((c) => c.effective.privileged.value === true);
    expect(privileged.length).toBeGreaterThan(0);
    for (const c of privileged) expect(placeOnSpectrum(profileFromKubernetes(c)).level).toBe('privileged-container');
  });

  it('the newrelic daemonset shares the host namespaces and mounts docker.sock', () => {
    const model = parseKubernetes(read('k8s', 'kubernetes__examples___archived_newrelic_newrelic-daemonset.yaml'));
    const p = profileFromKubernetes(model.containers[0]);
    expect([p.hostNamespaces.pid.value, p.hostNamespaces.network.value, p.hostNamespaces.ipc.value]).toEqual([true, true, true]);
    expect(p.hostPaths.map((h) => h.sensitive)).toEqual(['dev', 'docker-socket', 'sys', 'logs']);
  });

  it('microservices-demo workloads are not weaker than a default container', () => {
    const model = parseKubernetes(read('k8s', 'GoogleCloudPlatform__microservices-demo__release_kubernetes-manifests.yaml'));
    expect(model.containers.length).toBeGreaterThan(10);
    const weak = model.containers
      .map((c) => ({ c, level: placeOnSpectrum(profileFromKubernetes(c)).level }))
      .filter((x) => x.level === 'privileged-container' || x.level === 'weakened-container')
      .map((x) => `${x.c.pod.owner.name?.value}/${x.c.name?.value}: ${x.level}`);
    expect(weak).toEqual([]);
  });
});

describe.skipIf(!present)('corpus: helm templates', () => {
  it.each(HELM)('%s is recognised as a template, with one note and no error storm', (file) => {
    const text = read('helm', file);
    const yaml = parseYaml(text, { fileName: file });
    expect(yaml.templated).toBe(true);
    expect(yaml.problems).toHaveLength(1);
    expect(yaml.problems[0].severity).toBe('info');
    const k8s = parseKubernetes(text, file);
    expect(k8s.documents).toEqual([]);
    expect(() => parseCompose(text, file)).not.toThrow();
  });

  it('prints counts', () => {
    const reasons: Record<string, number> = {};
    for (const f of HELM) {
      const r = parseYaml(read('helm', f), { fileName: f }).template?.reason ?? 'none';
      reasons[r] = (reasons[r] ?? 0) + 1;
    }
    console.log(`helm corpus: ${HELM.length} files, template reasons ${JSON.stringify(reasons)}`);
    expect(HELM.length).toBeGreaterThan(0);
  });
});
