import type { Rule } from '../../rule';
import type { DockerfileModel } from '../model';

/** Architecture spellings the builder normalises (containerd's platform parser), to compare with stage names. */
const ARCH_ALIASES: Record<string, string> = { x86_64: 'amd64', 'x86-64': 'amd64', aarch64: 'arm64', armhf: 'arm', armel: 'arm', i386: '386' };
const ARCHES = new Set(['amd64', 'arm64', 'arm', '386', 'ppc64le', 's390x', 'riscv64', 'mips64le', 'loong64', 'wasm', ...Object.keys(ARCH_ALIASES)]);

export const fromPlatformFlagConstDisallowed: Rule<DockerfileModel> = {
  id: 'from-platform-flag-const-disallowed',
  title: 'FROM --platform uses a variable, not a fixed platform',
  category: 'correctness',
  defaultSeverity: 'warning',
  topic: 'build-args',
  equivalents: { buildkit: 'FromPlatformFlagConstDisallowed', hadolint: 'DL3029' },
  docs:
    '`FROM --platform=linux/amd64` pins the stage to one platform whatever the build asks for: on an arm64 machine ' +
    'or in a multi-platform build it runs under emulation or produces an image for the wrong architecture. Let the ' +
    'build choose (`docker build --platform`), or use `$BUILDPLATFORM` for stages that run on the build machine. ' +
    'Like BuildKit, this rule stays quiet when the stage name mentions the platform (`AS build-arm64`), which marks ' +
    'a deliberate per-platform stage.',
  check(model, report) {
    for (const stage of model.stages) {
      const flag = stage.from.flags.find((f) => f.name === 'platform');
      if (!flag?.value || !flag.valueRange || flag.value.includes('$')) continue;
      const value = flag.value.replace(/^(["'])(.*)\1$/, '$2');
      const parts = value.toLowerCase().split('/');
      if (parts.length > 3 || parts.some((p) => !/^[a-z0-9_.-]+$/.test(p))) continue;
      const [os, arch] = parts.length === 1 && ARCHES.has(parts[0]) ? ['linux', parts[0]] : parts;
      const name = (stage.name ?? '').toLowerCase();
      const names = [os, arch, arch ? ARCH_ALIASES[arch] : undefined].filter((x): x is string => !!x);
      if (names.some((n) => name.includes(n))) continue;
      report({
        range: flag.valueRange,
        message: `This stage always uses \`${value}\`, whatever platform the build targets; let the build choose, or use \`$BUILDPLATFORM\` if this stage should run natively on the build machine.`,
      });
    }
  },
};
