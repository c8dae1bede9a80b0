import { describe, expect, it } from 'vitest';
import { parseCompose } from '../compose/parse';
import { parseKubernetes } from '../kubernetes/parse';
import { profileFromCompose, profileFromKubernetes } from './profile';
import { renderProfileReport, spectrumLine } from './report';
import { placeOnSpectrum } from './spectrum';

function compose(body: string, name = 'web') {
  const m = parseCompose(`services:\n  ${name}:\n${body.replace(/^/gm, '    ')}\n`, 'compose.yaml');
  return profileFromCompose(m.services[0]);
}

describe('renderProfileReport', () => {
  it('shows summary, placement, every reason, the next step and the profile', () => {
    const p = compose('image: nginx:1.27\nnetwork_mode: host\nvolumes:\n  - /var/run/docker.sock:/var/run/docker.sock');
    const placement = placeOnSpectrum(p);
    const md = renderProfileReport(p, placement, { file: 'sample/compose.yaml' });
    expect(md).toContain('# web: isolation profile');
    expect(md).toContain('compose service, in `sample/compose.yaml`, line 2 · image `nginx:1.27`');
    expect(md).toContain('> privileged container · runs as root');
    expect(md).toContain('**[privileged container]**');
    expect(md).toContain('6 steps from a virtual machine.');
    const bullets = md.split('\n').filter((l) => /^- [▼▲] /.test(l));
    expect(bullets).toHaveLength(placement.reasons.length);
    expect(md).toContain("- ▼ mounts /var/run/docker\\.sock, the Docker engine's socket");
    expect(md).toContain('## One step to the right: weakened container');
    expect(md).toContain('| Host network namespace | **yes** |');
    expect(md).toContain('| Capabilities | 14 |');
    expect(md).toContain('## Compared with a virtual machine');
    expect(md).toContain("- **shares host network**: A VM talks through a virtual network card");
    expect(md).toContain('- **mounts docker\\.sock**: A VM gets host files only through');
  });

  it('names the Kubernetes owner and role, and escapes names', () => {
    const m = parseKubernetes(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "<p>"\nspec:\n  initContainers:\n    - name: "*init*"\n      image: x\n  containers:\n    - name: c\n      image: y\n',
    );
    const init = m.containers.find((c) => c.role === 'initContainer')!;
    const md = renderProfileReport(profileFromKubernetes(init));
    expect(md).toContain('# \\*init\\*: isolation profile');
    expect(md).toContain('Kubernetes init container of `Pod/<p>`');
    expect(md.replace(/(`+)[\s\S]*?\1/g, ' ')).not.toMatch(/<[A-Za-z/]/);
    expect(md).toContain('| API token mounted | **yes** |');
  });

  it('marks the level on the spectrum line', () => {
    const p = compose('image: x\nruntime: runsc');
    expect(spectrumLine(placeOnSpectrum(p))).toContain('**[sandboxed container]** → micro-VM → virtual machine');
  });
});
