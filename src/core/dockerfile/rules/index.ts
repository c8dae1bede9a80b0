import type { Rule } from '../../rule';
import type { DockerfileModel } from '../model';
import { finalStageRunsAsRoot } from './final-stage-runs-as-root';
// --- isolation + layers rules (imports) ---
import { sudoInRun } from './sudo-in-run';
import { runSecurityInsecure } from './run-security-insecure';
import { runNetworkHost } from './run-network-host';
import { worldWritablePermissions } from './world-writable-permissions';
import { secretsInArgEnv } from './secrets-in-arg-env';
import { pipeToShell } from './pipe-to-shell';
import { sshPortExposed } from './ssh-port-exposed';
import { nonNumericUser } from './non-numeric-user';
import { packageCacheNotCleaned } from './package-cache-not-cleaned';
import { aptNoInstallRecommends } from './apt-no-install-recommends';
import { pipNoCacheDir } from './pip-no-cache-dir';
import { updateWithoutInstall } from './update-without-install';
import { aptGetUpgrade } from './apt-get-upgrade';
import { useAptGetNotApt } from './use-apt-get-not-apt';
import { aptGetMissingYes } from './apt-get-missing-yes';
import { copyContextBeforeInstall } from './copy-context-before-install';
import { consecutiveRun } from './consecutive-run';
import { addInsteadOfCopy } from './add-instead-of-copy';
import { addRemoteUrl } from './add-remote-url';
import { copyWholeStageFilesystem } from './copy-whole-stage-filesystem';
// --- end isolation + layers (imports) ---
// --- reproducibility + correctness rules (imports) ---
import { baseImageLatest } from './base-image-latest';
import { baseImageNotPinned } from './base-image-not-pinned';
import { unpinnedOsPackages } from './unpinned-os-packages';
import { unpinnedLanguagePackages } from './unpinned-language-packages';
import { jsonArgsRecommended } from './json-args-recommended';
import { undefinedArgInFrom } from './undefined-arg-in-from';
import { invalidDefaultArgInFrom } from './invalid-default-arg-in-from';
import { undefinedVar } from './undefined-var';
import { workdirRelativePath } from './workdir-relative-path';
import { duplicateStageName } from './duplicate-stage-name';
import { reservedStageName } from './reserved-stage-name';
import { multipleInstructionsDisallowed } from './multiple-instructions-disallowed';
import { copyMultipleSourcesDestSlash } from './copy-multiple-sources-dest-slash';
import { exposeInvalidFormat } from './expose-invalid-format';
import { noEmptyContinuation } from './no-empty-continuation';
import { cdInRun } from './cd-in-run';
import { missingPipefail } from './missing-pipefail';
import { legacyKeyValueFormat } from './legacy-key-value-format';
import { maintainerDeprecated } from './maintainer-deprecated';
import { consistentInstructionCasing } from './consistent-instruction-casing';
import { fromAsCasing } from './from-as-casing';
import { stageNameCasing } from './stage-name-casing';
import { exposeProtoCasing } from './expose-proto-casing';
import { redundantTargetPlatform } from './redundant-target-platform';
import { fromPlatformFlagConstDisallowed } from './from-platform-flag-const-disallowed';
// --- end reproducibility + correctness (imports) ---

/** The only list of Dockerfile rules. */
export const DOCKERFILE_RULES: Rule<DockerfileModel>[] = [
  finalStageRunsAsRoot,
  // --- isolation + layers rules ---
  sudoInRun,
  runSecurityInsecure,
  runNetworkHost,
  worldWritablePermissions,
  secretsInArgEnv,
  pipeToShell,
  sshPortExposed,
  nonNumericUser,
  packageCacheNotCleaned,
  aptNoInstallRecommends,
  pipNoCacheDir,
  updateWithoutInstall,
  aptGetUpgrade,
  useAptGetNotApt,
  aptGetMissingYes,
  copyContextBeforeInstall,
  consecutiveRun,
  addInsteadOfCopy,
  addRemoteUrl,
  copyWholeStageFilesystem,
  // --- end isolation + layers ---
  // --- reproducibility + correctness rules ---
  baseImageLatest,
  baseImageNotPinned,
  unpinnedOsPackages,
  unpinnedLanguagePackages,
  jsonArgsRecommended,
  undefinedArgInFrom,
  invalidDefaultArgInFrom,
  undefinedVar,
  workdirRelativePath,
  duplicateStageName,
  reservedStageName,
  multipleInstructionsDisallowed,
  copyMultipleSourcesDestSlash,
  exposeInvalidFormat,
  noEmptyContinuation,
  cdInRun,
  missingPipefail,
  legacyKeyValueFormat,
  maintainerDeprecated,
  consistentInstructionCasing,
  fromAsCasing,
  stageNameCasing,
  exposeProtoCasing,
  redundantTargetPlatform,
  fromPlatformFlagConstDisallowed,
  // --- end reproducibility + correctness ---
];
