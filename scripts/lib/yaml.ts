/*
 * Just enough YAML writing for generated frontmatter: scalars plain when YAML
 * would read them back unchanged (as the corpus site writes them), double-quoted
 * otherwise. JSON strings are valid YAML double-quoted scalars.
 */

const PLAIN_SAFE = /^[A-Za-z(][^\n"'[\]{}#`|>&*!%@]*$/;
/** Dates stay plain, as writers type them; the schema reads YAML's date back as the same text. */
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const YAML_WORDS = /^(?:true|false|yes|no|on|off|null|y|n)$/i;

/** A scalar as YAML text. */
export function yamlScalar(value: string): string {
  const plain =
    PLAIN_SAFE.test(value) && !value.includes(': ') && !value.endsWith(':') && value.trim() === value && !YAML_WORDS.test(value);
  return plain || DATE.test(value) ? value : JSON.stringify(value);
}

/** One frontmatter field; lists become block sequences, objects in lists become `- key: value` items. */
export type YamlValue = string | readonly string[] | readonly Readonly<Record<string, string | undefined>>[];

/** A frontmatter block (with its `---` fences) from fields in order; empty lists and undefined values are left out. */
export function frontmatter(fields: readonly (readonly [string, YamlValue | undefined])[]): string {
  const lines = ['---'];
  for (const [key, value] of fields) {
    if (value === undefined) continue;
    if (typeof value === 'string') {
      lines.push(`${key}: ${yamlScalar(value)}`);
      continue;
    }
    if (value.length === 0) continue;
    lines.push(`${key}:`);
    for (const item of value) {
      if (typeof item === 'string') {
        lines.push(`  - ${yamlScalar(item)}`);
        continue;
      }
      let first = true;
      for (const [k, v] of Object.entries(item)) {
        if (v === undefined) continue;
        lines.push(`${first ? '  - ' : '    '}${k}: ${yamlScalar(v)}`);
        first = false;
      }
    }
  }
  lines.push('---');
  return `${lines.join('\n')}\n`;
}
