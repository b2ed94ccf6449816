/**
 * For personas imported from the ProPerSim reference format: what the words
 * did not give (defaults used, clauses that map to no field) and the welcome
 * (activity, topic) pairs no catalogue item can meet, for summary.md and
 * results.json.
 */
import { evidenceLine, type Evidence } from '../core/import/evidence';
import { unmetWelcome } from '../core/import/coverage';
import type { Persona } from '../core/persona';

export interface ImportSummary {
  id: string;
  name: string;
  source: string;
  /** Defaults used and clauses not mapped, one line each. */
  notDerived: string[];
  /** Welcome pairs fewer than two catalogue items meet in an accepted tone. */
  unmet: { activity: string; topic: string; items: number }[];
}

export function importSummary(
  persona: Persona,
  source: string,
  evidence: readonly Evidence[],
): ImportSummary {
  return {
    id: persona.id,
    name: persona.name,
    source,
    notDerived: evidence
      .filter((e) => (e.how === 'default' || e.how === 'unmapped') && e.field !== 'avatar')
      .map(evidenceLine),
    unmet: unmetWelcome(persona).map((p) => ({ ...p })),
  };
}

/** The "Imported personas" section of summary.md (empty when nothing was imported). */
export function importsMarkdown(list: readonly ImportSummary[]): string {
  if (list.length === 0) return '';
  const out: string[] = ['## Imported personas (ProPerSim format)', ''];
  const unmet = list.reduce((n, s) => n + s.unmet.filter((u) => u.items === 0).length, 0);
  out.push(
    `${list.length} persona${list.length === 1 ? ' was' : 's were'} converted from the reference format. ` +
      `For each: what its words did not give (the default used, or a clause kept in prose only), and any welcome ` +
      `(activity, topic) pair that fewer than two catalogue items meet in a tone it accepts ` +
      `(${unmet} pair${unmet === 1 ? '' : 's'} in all that no item meets).`,
  );
  out.push('');
  for (const s of list) {
    out.push(`### \`${s.id}\` — ${s.name}`);
    out.push('');
    out.push(`From \`${s.source}\`.`);
    out.push('');
    if (s.notDerived.length === 0) out.push('- Everything was derived from the words.');
    for (const n of s.notDerived) out.push(`- ${n.replace(/\|/g, '\\|')}`);
    if (s.unmet.length === 0)
      out.push('- Every welcome pair is met by at least two catalogue items.');
    else
      out.push(
        `- Welcome pairs the catalogue cannot meet: ${s.unmet
          .map(
            (u) => `${u.activity} × ${u.topic} (${u.items === 0 ? 'no item' : `${u.items} item`})`,
          )
          .join(', ')}.`,
      );
    out.push('');
  }
  return out.join('\n');
}
