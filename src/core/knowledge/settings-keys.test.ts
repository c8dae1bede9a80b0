import { describe, expect, it } from 'vitest';
import { ALL_CAPABILITIES, DANGEROUS_CAPABILITIES } from '../isolation/capabilities';
import { CAPABILITY_NOTES, COMPOSE_KEYS, K8S_POD_KEYS, K8S_SECURITY_CONTEXT_KEYS, SETTINGS, deviceNote, sysctlNamespace } from './settings-keys';
import type { SettingId } from './settings-keys';
import { isTopicId } from './topics';

/** Text outside inline code spans. */
const prose = (s: string) => s.replace(/(`+)[\s\S]*?\1/g, ' ');

describe('settings knowledge', () => {
  it.each(Object.keys(SETTINGS).map((id) => [id as SettingId]))('%s is written', (id) => {
    const s = SETTINGS[id];
    expect(s.id).toBe(id);
    for (const sentence of [s.does, s.host, s.vm]) {
      expect(sentence, `${id}: ${sentence}`).toMatch(/^[A-Z`"]/);
      expect(sentence).toMatch(/[.!]$/);
      expect((sentence.match(/`/g) ?? []).length % 2).toBe(0);
      expect(prose(sentence)).not.toMatch(/<[A-Za-z/]/);
    }
    // `touches` completes "Touches …": a phrase, not a sentence.
    expect(s.touches).not.toMatch(/\.$/);
    expect(isTopicId(s.topic)).toBe(true);
    for (const t of s.seeAlso) expect(isTopicId(t)).toBe(true);
    expect(s.seeAlso).not.toContain(s.topic);
  });

  it('maps every key to a concept that exists', () => {
    for (const id of [...Object.values(COMPOSE_KEYS), ...Object.values(K8S_POD_KEYS), ...Object.values(K8S_SECURITY_CONTEXT_KEYS)]) {
      expect(SETTINGS[id], id).toBeDefined();
    }
  });

  it('explains every capability of the kernel, the dangerous ones included', () => {
    for (const c of ALL_CAPABILITIES) expect(CAPABILITY_NOTES[c], c).toBeTruthy();
    for (const c of Object.keys(DANGEROUS_CAPABILITIES)) expect(CAPABILITY_NOTES[c], c).toBeTruthy();
    for (const note of Object.values(CAPABILITY_NOTES)) expect(note).toMatch(/^[a-z]/);
  });

  it.each([
    ['net.core.somaxconn', 'network'],
    ['net/ipv4/ip_forward', 'network'],
    ['kernel.shmmax', 'ipc'],
    ['fs.mqueue.msg_max', 'ipc'],
    ['kernel.pid_max', undefined],
    ['vm.swappiness', undefined],
  ])('sysctl %s belongs to %s', (name, ns) => {
    expect(sysctlNamespace(name)).toBe(ns);
  });

  it.each([
    ['/dev/sda', 'block device'],
    ['/dev/nvme0n1', 'block device'],
    ['/dev/kvm', 'KVM'],
    ['/dev/nvidia0', 'GPU'],
    ['/dev/null', undefined],
  ])('device %s', (path, needle) => {
    const note = deviceNote(path);
    if (needle === undefined) expect(note).toBeUndefined();
    else expect(note).toContain(needle);
  });
});
