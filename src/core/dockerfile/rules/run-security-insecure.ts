import type { Rule } from '../../rule';
import type { DockerfileModel } from '../model';
import { removeFlagEdit } from '../shell';

export const runSecurityInsecure: Rule<DockerfileModel> = {
  id: 'run-security-insecure',
  title: 'RUN --security=insecure runs a build step without the sandbox',
  category: 'isolation',
  defaultSeverity: 'error',
  topic: 'build-privileges',
  equivalents: {},
  docs:
    '`RUN --security=insecure` asks BuildKit to run the step the way `docker run --privileged` runs a container: ' +
    'every capability, no seccomp or AppArmor profile, and the host\'s devices. Whatever the step executes, ' +
    'including scripts it downloads, can then take over the machine that builds the image. BuildKit only allows it ' +
    'when the builder was started with the `security.insecure` entitlement and the build passes ' +
    '`--allow security.insecure`. Prefer a step that needs no privilege (build a filesystem image with user-space ' +
    'tools, not loop mounts); if you truly need it, keep it in a dedicated builder, never in a shared CI runner.',
  check(model, report) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'RUN') continue;
      const flag = ins.flags.find((f) => f.name === 'security' && (f.value ?? '').toLowerCase() === 'insecure');
      if (!flag) continue;
      report({
        range: flag.range,
        message:
          'This RUN step runs without the container sandbox (`--security=insecure`): all capabilities, no seccomp or ' +
          'AppArmor, host devices visible. Anything it executes can take over the build host; it works only where the ' +
          'builder grants `security.insecure`.',
        fixes: [{ title: 'Run this step in the normal sandbox (remove --security=insecure)', edits: [removeFlagEdit(model, flag)] }],
      });
    }
  },
};
