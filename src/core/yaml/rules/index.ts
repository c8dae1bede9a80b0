import type { Rule } from '../../rule';
import type { YamlFile } from '../parse';
import { helmTemplateSkipped } from './helm-template-skipped';
import { yamlSyntax } from './yaml-syntax';

/** Rules about the YAML itself, run before the compose or Kubernetes rules of a YAML file. */
export const YAML_RULES: Rule<YamlFile>[] = [yamlSyntax, helmTemplateSkipped];
