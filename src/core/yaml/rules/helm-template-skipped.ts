import type { Rule } from '../../rule';
import type { YamlFile } from '../parse';

export const helmTemplateSkipped: Rule<YamlFile> = {
  id: 'helm-template-skipped',
  title: 'Templated YAML (Helm, Go templates) is not analysed as written',
  category: 'correctness',
  defaultSeverity: 'info',
  topic: 'isolation-spectrum',
  equivalents: {},
  docs:
    'A Helm chart template (or any file with Go template actions such as `{{ .Values.image }}`) is not the YAML ' +
    'the cluster receives: values, conditionals and includes decide what the manifest becomes. Container Lens ' +
    'reports such a file once, at its first `{{`, and does not analyse it, rather than burying it under YAML errors ' +
    'or guessing at settings a template may change. Render the chart (`helm template <release> <chart>`) and open ' +
    'the output to see its findings. YAML that only carries `{{ }}` inside strings for another tool, such as a ' +
    "PrometheusRule's `{{ $labels.instance }}`, is analysed normally.",
  check(yaml, report) {
    if (!yaml.templated || !yaml.template) return;
    report({ range: yaml.template.range, message: yaml.template.message });
  },
};
