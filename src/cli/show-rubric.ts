/**
 * `sim --show-rubric`: the structured rubric an import derived, each field
 * with its evidence (the clause quoted), the defaults used, the clauses kept
 * in prose only, and welcome pairs the catalogue cannot meet.
 */
import { unmetWelcome } from '../core/import/coverage';
import { evidenceLine, type Evidence } from '../core/import/evidence';
import type { Persona } from '../core/persona';
import { deriveRubricWithLlm, type LlmRubricResult } from '../llm/derive-rubric';
import type { LlmEngine } from '../llm/engine';

export interface RubricView {
  id: string;
  name: string;
  source: string | null;
  rubric: Record<string, unknown>;
  evidence: Evidence[];
  unmetWelcome: { activity: string; topic: string; items: number }[];
  llm?: { used: boolean; differences: string[]; error?: string; rubric?: unknown };
}

/** The rubric without its prose, plus the evidence: what --show-rubric --json prints. */
export function rubricView(persona: Persona, evidence: readonly Evidence[]): RubricView {
  const r = persona.rubric;
  return {
    id: persona.id,
    name: persona.name,
    source: persona.derivation?.source ?? null,
    rubric: {
      personalPreference: { welcome: r.personalPreference.welcome },
      timing: {
        welcomeWindows: r.timing.welcomeWindows,
        quietActivities: r.timing.quietActivities,
      },
      frequency: {
        windowMinutes: r.frequency.windowMinutes,
        min: r.frequency.min,
        max: r.frequency.max,
        minGapMinutes: r.frequency.minGapMinutes,
      },
      communication: { tones: r.communication.tones, avoidTopics: r.communication.avoidTopics },
    },
    evidence: [...evidence],
    unmetWelcome: unmetWelcome(persona),
  };
}

const SECTIONS: [string, string][] = [
  ['Personal preference', 'rubric.personalPreference'],
  ['Timing', 'rubric.timing'],
  ['Frequency', 'rubric.frequency'],
  ['Communication & safety', 'rubric.communication'],
];

export function formatRubricView(v: RubricView, persona: Persona): string {
  const r = persona.rubric;
  const lines: string[] = [`${v.name} (${v.id})${v.source ? ` from ${v.source}` : ''}`, ''];
  const values: Record<string, string[]> = {
    'rubric.personalPreference': r.personalPreference.welcome.map(
      (w) => `welcome: ${w.topics.join(', ')} during ${w.activities.join(', ')}`,
    ),
    'rubric.timing': [
      `welcome windows: ${r.timing.welcomeWindows.map((w) => `${w.from}–${w.to}`).join(', ')}`,
      `quiet activities: ${r.timing.quietActivities.join(', ') || '(none)'}`,
    ],
    'rubric.frequency': [
      `${r.frequency.min}–${r.frequency.max} per ${r.frequency.windowMinutes} min, at least ${r.frequency.minGapMinutes} min apart`,
    ],
    'rubric.communication': [
      `tones: ${r.communication.tones.join(', ')}`,
      `avoid topics: ${r.communication.avoidTopics.join(', ') || '(none)'}`,
    ],
  };
  for (const [title, prefix] of SECTIONS) {
    lines.push(`== ${title}`);
    for (const l of values[prefix] ?? []) lines.push(`  ${l}`);
    const ev = v.evidence.filter((e) => e.field.startsWith(prefix));
    const by = (how: Evidence['how']): Evidence[] => ev.filter((e) => e.how === how);
    if (by('derived').length)
      lines.push('  evidence:', ...by('derived').map((e) => `    - ${evidenceLine(e)}`));
    if (by('default').length)
      lines.push('  defaults used:', ...by('default').map((e) => `    - ${evidenceLine(e)}`));
    if (by('unmapped').length)
      lines.push(
        '  not mapped (kept in prose only):',
        ...by('unmapped').map((e) => `    - ${evidenceLine(e)}`),
      );
    if (by('note').length)
      lines.push('  notes:', ...by('note').map((e) => `    - ${evidenceLine(e)}`));
    lines.push('');
  }
  const other = v.evidence.filter((e) => !e.field.startsWith('rubric') && e.how !== 'derived');
  if (other.length)
    lines.push('== Other import notes', ...other.map((e) => `  - ${evidenceLine(e)}`), '');
  lines.push(
    v.unmetWelcome.length
      ? `Welcome pairs fewer than two catalogue items meet: ${v.unmetWelcome.map((u) => `${u.activity} × ${u.topic} (${u.items})`).join(', ')}`
      : 'Every welcome pair is met by at least two catalogue items in an accepted tone.',
  );
  if (v.llm) {
    lines.push('');
    if (v.llm.error)
      lines.push(`== Model derivation: not used (${v.llm.error}); the rule-based rubric stands`);
    else {
      lines.push(
        `== Model derivation${v.llm.used ? ' (used for the run)' : ''}: differences from the rules`,
      );
      lines.push(
        ...(v.llm.differences.length
          ? v.llm.differences.map((d) => `  - ${d}`)
          : ['  (none: the model agrees)']),
      );
    }
  }
  return lines.join('\n') + '\n';
}

/**
 * `--derive-with-llm`: the model's rubric replaces the rules' one when it
 * validates; otherwise the rules' one stays. Either way the view says which.
 */
export async function llmRubric(
  persona: Persona,
  engine: LlmEngine,
  signal?: AbortSignal,
): Promise<{ persona: Persona; llm: NonNullable<RubricView['llm']> }> {
  let r: LlmRubricResult;
  try {
    r = await deriveRubricWithLlm(engine, persona, signal);
  } catch (err) {
    return { persona, llm: { used: false, differences: [], error: (err as Error).message } };
  }
  if (!r.ok) return { persona, llm: { used: false, differences: [], error: r.error } };
  return { persona: r.persona, llm: { used: true, differences: r.differences, rubric: r.rubric } };
}
