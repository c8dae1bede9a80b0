import type { Rule } from '../../rule';
import { bindLocalhostFix, fixes } from '../fixes';
import type { ComposeModel } from '../model';
import { isHost, svc, trimmed } from './support';

const ALL = new Set(['', '0.0.0.0', '::', '[::]', '*']);

export const composePortAllInterfaces: Rule<ComposeModel> = {
  id: 'compose-port-all-interfaces',
  title: 'Published ports name the host address they listen on',
  category: 'isolation',
  defaultSeverity: 'info',
  topic: 'expose',
  equivalents: { dclint: 'no-unbound-port-interfaces', kics: 'Container Traffic Not Bound To Host Interface' },
  docs:
    'A published port without a host address (`"5432:5432"`) listens on every interface of the host: the LAN, a ' +
    'public address, a VPN. Docker also inserts its own firewall rules for it, ahead of rules such as ufw, so a ' +
    'host firewall often does not cover it. A database or admin UI meant for the developer\'s own machine should be ' +
    'published on `127.0.0.1` (`"127.0.0.1:5432:5432"`); other services on the same compose network reach it by ' +
    'service name without any published port. The quick fix binds the port to `127.0.0.1`.',
  check(model, report) {
    for (const s of model.services) {
      if (isHost(s.networkMode)) continue;
      for (const port of s.ports) {
        if (port.published === undefined || /\$/.test(port.text)) continue;
        if (!ALL.has((port.hostIp ?? '').trim())) continue;
        report({
          range: trimmed(model.lines, port.range),
          message: `${svc(s)} publishes port ${port.published} on every interface of the host; bind it to 127.0.0.1 if only this machine should reach it.`,
          fixes: fixes(bindLocalhostFix(model, port)),
        });
      }
    }
  },
};
