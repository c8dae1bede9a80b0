import type { Rule } from '../../rule';
import { fixes, readOnlyFix } from '../fixes';
import type { ComposeModel } from '../model';
import { at, svc } from './support';

export const composeWritableRootFilesystem: Rule<ComposeModel> = {
  id: 'compose-writable-root-filesystem',
  title: 'Services mount their root filesystem read-only',
  category: 'isolation',
  defaultSeverity: 'info',
  topic: 'writable-layer',
  equivalents: {},
  docs:
    'Every container gets a thin writable layer on top of its image, so by default a process in it can replace ' +
    'binaries, drop tools and plant files that survive until the container is removed. `read_only: true` mounts ' +
    'the root filesystem read-only: an attacker who gets code execution cannot change the programs the service ' +
    'runs, and anything the service really writes has to go to a declared volume or a `tmpfs`, which documents ' +
    'where state lives. The quick fixes set `read_only: true`, alone or with `tmpfs: [/tmp]` for the scratch space ' +
    'most programs expect.',
  check(model, report) {
    for (const s of model.services) {
      if (s.readOnly?.value === true) continue;
      if (s.readOnly && s.readOnly.value === undefined) continue; // interpolated: decided at run time
      report({
        range: s.readOnly ? at(s.readOnly) : s.keyRange,
        message: `${svc(s)} has a writable root filesystem: a process in it can replace the programs it runs. Set read_only: true and give it volumes or tmpfs for what it writes.`,
        fixes: fixes(readOnlyFix(model, s, false), readOnlyFix(model, s, true)),
      });
    }
  },
};
