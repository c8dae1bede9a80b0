/**
 * Models for the browser test, built by the real core from real text (bundled by panel.test.mjs with
 * esbuild), and the page shell the extension serves.
 */
import { analyze } from '../../src/core/analyze';
import { parseCompose } from '../../src/core/compose/parse';
import { profileFromInspect } from '../../src/core/isolation/from-inspect';
import { profileFromCompose } from '../../src/core/isolation/profile';
import { measuredView } from '../../src/core/panel/measured';
import { buildPanelModel } from '../../src/core/panel/model';
import { composeScope } from '../../src/core/panel/scope';
export { makeNonce, panelCsp, panelHtml } from '../../src/panel/html';

export const COMPOSE = [
  'services:',
  '  web:',
  '    image: nginx:1.27',
  '    network_mode: host',
  '  api:',
  '    image: ghcr.io/example/api:1.2.3',
  '    user: "10001:10001"',
  '    read_only: true',
  '    cap_drop: [ALL]',
  '    security_opt: ["no-new-privileges:true"]',
  '    mem_limit: 256m',
  '    cpus: "0.5"',
  '',
].join('\n');

export function composeModel(index: number) {
  const model = parseCompose(COMPOSE, 'compose.yaml');
  return buildPanelModel({
    profile: profileFromCompose(model.services[index]),
    source: { uri: 'file:///work/sample/compose.yaml', version: 3, file: 'compose.yaml', findings: analyze(COMPOSE, 'compose.yaml').findings, scope: composeScope(model, index)! },
  });
}

/** A running container whose name, image and paths try to be HTML. */
export const EVIL = '<img src=x onerror=alert(1)>';
export function evilContainerModel() {
  const inspect = {
    Id: 'f00d',
    Name: `/${EVIL}`,
    Config: { Image: `${EVIL}:latest`, User: '' },
    HostConfig: {
      NetworkMode: 'host',
      Privileged: false,
      Binds: [`/var/run/docker.sock:/var/run/docker.sock`, `/srv/${EVIL}:/data`],
      CapAdd: ['NET_ADMIN'],
    },
    Mounts: [
      { Type: 'bind', Source: '/var/run/docker.sock', Destination: '/var/run/docker.sock', RW: true },
      { Type: 'bind', Source: `/srv/${EVIL}`, Destination: '/data', RW: true },
    ],
    State: { Status: 'running' },
  };
  const m = buildPanelModel({ profile: profileFromInspect(inspect as never) });
  m.measured = measuredView({
    engine: `Docker at unix:///${EVIL}`,
    image: `${EVIL}:latest`,
    at: '2025-01-01 10:00',
    local: true,
    run: { createMs: 35, startMs: 180, stopMs: 90, removeMs: 15, exitedOnItsOwn: false, killedAfterGrace: false, graceSeconds: 3 },
    imageInfo: { sizeBytes: 4_400_000, layers: [{ createdBy: `/bin/sh -c echo '${EVIL}'`, sizeBytes: 100 }, { createdBy: '/bin/sh -c #(nop) ADD file:1 in /', sizeBytes: 4_399_900 }] },
  });
  return m;
}
