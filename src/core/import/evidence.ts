/**
 * What an import says about each field it filled: the value, the source
 * field, and the clause it came from, quoted. `how` tells a reader whether to
 * trust it: read from the words, a stated default, a clause that maps to no
 * field (kept in prose only), or a remark for later (e.g. receptivity).
 */
import { z } from 'zod';

export const EVIDENCE_KINDS = ['derived', 'default', 'unmapped', 'note'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const EvidenceSchema = z
  .object({
    /** Dotted path of the persona field, e.g. "rubric.timing.welcomeWindows"; "" for the whole persona. */
    field: z.string(),
    how: z.enum(EVIDENCE_KINDS),
    /** The value given to the field, in words ("10:00–12:00", "3 per 960 min"). */
    value: z.string(),
    /** Where in the source file the words are, e.g. "criteria.Timing". */
    from: z.string(),
    /** The clause the value came from, as written (a.m./p.m. spelt am/pm); null for defaults. */
    quote: z.string().nullable(),
    /** Why, in a few words (the default's reason, what a clause could not map to). */
    note: z.string().optional(),
  })
  .strict();
export type Evidence = z.infer<typeof EvidenceSchema>;

export const DerivationSchema = z
  .object({
    /** The format the persona was imported from. */
    format: z.literal('propersim'),
    /** The file (or name) it was imported from. */
    source: z.string(),
    evidence: z.array(EvidenceSchema),
  })
  .strict()
  .describe('How an imported persona was derived from its source words (set by the importer).');
export type Derivation = z.infer<typeof DerivationSchema>;

/** Collects evidence while an import runs. */
export class EvidenceLog {
  readonly items: Evidence[] = [];

  add(e: Evidence): void {
    this.items.push(e);
  }

  derived(field: string, value: string, from: string, quote: string | null, note?: string): void {
    this.add({ field, how: 'derived', value, from, quote, ...(note ? { note } : {}) });
  }

  defaulted(field: string, value: string, from: string, note: string): void {
    this.add({ field, how: 'default', value, from, quote: null, note });
  }

  unmapped(field: string, from: string, quote: string, note: string): void {
    this.add({ field, how: 'unmapped', value: '', from, quote, note });
  }

  note(field: string, from: string, quote: string | null, note: string, value = ''): void {
    this.add({ field, how: 'note', value, from, quote, note });
  }
}

/** One line of plain text for an evidence item (CLI, summaries, the old string lists). */
export function evidenceLine(e: Evidence): string {
  const q = e.quote ? ` ← "${e.quote}"` : '';
  const where = e.field || '(persona)';
  switch (e.how) {
    case 'derived':
      return `${where} = ${e.value}${q}${e.note ? ` (${e.note})` : ''}`;
    case 'default':
      return `${where}: ${e.note ?? 'not stated'}; used ${e.value}`;
    case 'unmapped':
      return `${e.from}: "${e.quote ?? ''}" ${e.note ?? 'maps to no field'}; kept in prose only`;
    case 'note':
      return `${e.from}: ${e.note ?? ''}${e.value ? ` (${e.value})` : ''}${q}`;
  }
}
