import { describe, expect, it } from 'vitest';
import { covered, findings, fixed, pod, tree } from './testing';

const ID = 'k8s-runs-as-root';

describe(ID, () => {
  it.each([
    ['nothing set, root image', pod(), ['name: app']],
    ['nothing set, unknown image', pod([], [], 'example.com/app:1'), ['name: app']],
    ['nothing set, non-root image', pod([], [], 'gcr.io/distroless/static-debian12:nonroot'), []],
    ['runAsNonRoot', pod(['securityContext:', '  runAsNonRoot: true']), []],
    ['runAsNonRoot on the pod', pod([], ['securityContext:', '  runAsNonRoot: true']), []],
    ['runAsUser 1000', pod(['securityContext:', '  runAsUser: 1000']), []],
    ['runAsUser 0', pod(['securityContext:', '  runAsUser: 0']), ['runAsUser: 0']],
    ['runAsUser 0 on the pod', pod([], ['securityContext:', '  runAsUser: 0']), ['runAsUser: 0']],
    ['runAsNonRoot false', pod(['securityContext:', '  runAsNonRoot: false']), ['runAsNonRoot: false']],
    ['container overrides the pod', pod(['securityContext:', '  runAsUser: 1000'], ['securityContext:', '  runAsUser: 0']), []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('says why', () => {
    expect(findings(pod(), ID)[0].message).toContain('nginx');
  });

  it('adds runAsNonRoot and a non-zero uid/gid', () => {
    expect(fixed(pod(), ID)).toBe(pod(['securityContext:', '  runAsNonRoot: true', '  runAsUser: 10001', '  runAsGroup: 10001']));
  });

  it('overrides a pod-level runAsUser: 0 on the container', () => {
    const out = fixed(pod([], ['securityContext:', '  runAsUser: 0']), ID);
    expect(tree(out)).toMatchObject({ spec: { securityContext: { runAsUser: 0 }, containers: [{ securityContext: { runAsUser: 10001 } }] } });
  });

  it('the hardened fix merges with what exists, keeping a good uid', () => {
    const out = fixed(pod(['securityContext:', '  runAsNonRoot: false', '  runAsGroup: 1000  # app group']), ID, 'Harden');
    expect(out).toContain('runAsNonRoot: true\n');
    expect(out).toContain('runAsGroup: 1000  # app group\n');
    expect(tree(out)).toMatchObject({
      spec: {
        containers: [
          {
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 10001,
              runAsGroup: 1000,
              allowPrivilegeEscalation: false,
              capabilities: { drop: ['ALL'] },
              seccompProfile: { type: 'RuntimeDefault' },
              readOnlyRootFilesystem: true,
            },
          },
        ],
      },
    });
  });
});
