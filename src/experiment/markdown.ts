/** summary.md: the report a researcher reads first and pastes into notes. */
import { BIG_FIVE_TRAITS, CRITERIA, CRITERION_LABELS } from '../core/vocab';
import { importsMarkdown } from './imports';
import { DEFAULT_MAX_UNJUDGED, unjudgedWarning } from './unjudged';
import type { AssistantResult, AveragedDay, ExperimentReport } from './types';

const f2 = (x: number | null): string => (x === null ? '–' : x.toFixed(2));
const f1 = (x: number | null): string => (x === null ? '–' : x.toFixed(1));
const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;
const pct1 = (x: number): string => `${(x * 100).toFixed(1)}%`;
const yesNo = (x: boolean | null): string => (x === null ? 'n/a' : x ? '**yes**' : '**no**');
const signed = (x: number): string => (x >= 0 ? `+${x.toFixed(2)}` : x.toFixed(2));

function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly ('l' | 'r')[],
): string {
  const sep = header.map((_, i) =>
    (align?.[i] ?? (i === 0 ? 'l' : 'r')) === 'r' ? '---:' : ':---',
  );
  return [header, sep, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

const TRAIT_INITIAL: Record<string, string> = {
  extraversion: 'E',
  agreeableness: 'A',
  conscientiousness: 'C',
  openness: 'O',
  neuroticism: 'N',
};

export function summaryMarkdown(
  r: ExperimentReport,
  options: { maxUnjudged?: number } = {},
): string {
  const list = r.assistantOrder.map((id) => r.assistants[id] as AssistantResult);
  const last = r.days;
  const out: string[] = [];
  out.push('# ProPerSim experiment');
  out.push('');
  // Steps nobody scored come first: every number below stands on the scored ones only.
  out.push(...unjudgedWarning(r, options.maxUnjudged ?? DEFAULT_MAX_UNJUDGED));
  out.push(
    `Seed \`${r.seed}\` · ${r.days} day${r.days === 1 ? '' : 's'} · ${r.personas.length} persona${r.personas.length === 1 ? '' : 's'} · ` +
      `assistants: ${list.map((a) => `\`${a.id}\``).join(', ')} · step ${r.stepSeconds} s · judge noise ${r.judgeNoise} · ` +
      `forced-silent candidate p = ${r.forceSilentProbability}. ${r.totals.jobs} runs, ${r.totals.steps.toLocaleString('en-US')} steps ` +
      `(${r.totals.scoredSteps.toLocaleString('en-US')} scored${r.totals.unjudgedSteps ? `, ${r.totals.unjudgedSteps.toLocaleString('en-US')} not scored` : ''}). Every assistant saw the same days (same seed).`,
  );
  out.push('');
  out.push(
    'Scores are out of 4 (one point per criterion). Rates are averaged over personas, each persona weighing the same. ' +
      '"Recs/h" is suggestions per waking hour; "open time" is the part of the day inside the persona\'s welcome windows.',
  );
  out.push('');

  // Goals.
  const g = r.goals;
  out.push(
    `## Goal checks${g.focus ? ` (\`${g.focus}\`${g.reference ? ` against \`${g.reference}\`` : ''})` : ''}`,
  );
  out.push('');
  if (!g.focus) {
    out.push(`Not computed: ${g.gapClosed.note}.`);
  } else {
    const gc = g.gapClosed;
    const rows: string[][] = [
      [
        `Gap to ${g.reference ?? 'the reference'} closed, day 1 → day ${last}`,
        gc.value === null ? 'n/a' : pct(gc.value),
        gc.value === null
          ? gc.note
          : `${f2(gc.firstDay)} → ${f2(gc.lastDay)}; ${g.reference} ${f2(gc.referenceLastDay)} on day ${last}`,
      ],
      [
        `Beats the baselines on days ${g.beatsBaselines.days[0]}–${g.beatsBaselines.days[g.beatsBaselines.days.length - 1]}`,
        yesNo(g.beatsBaselines.pass),
        g.beatsBaselines.comparisons.length
          ? g.beatsBaselines.comparisons
              .map(
                (c) => `vs \`${c.assistant}\` ${c.daysWon}/${c.of} days, ${signed(c.meanMargin)}`,
              )
              .join('; ')
          : g.beatsBaselines.note,
      ],
      [
        `Median delivered ÷ asked rate, day ${last}, within ×${g.deliveredToAsked.band[0]}–${g.deliveredToAsked.band[1]}`,
        g.deliveredToAsked.median === null
          ? 'n/a'
          : `${yesNo(g.deliveredToAsked.pass)} (${g.deliveredToAsked.median.toFixed(2)}×)`,
        `over ${g.deliveredToAsked.personas} personas; 1× = as often as the persona asked; ` +
          `${g.deliveredToAsked.underOnePerDay} got fewer than one suggestion on day ${last}` +
          (g.deliveredToAsked.underOnePerDayIds.length
            ? ` (${g.deliveredToAsked.underOnePerDayIds.map((id) => `\`${id}\``).join(', ')})`
            : ''),
      ],
      [
        `Beats \`never\` per persona, day ${last}`,
        g.beatsNeverPerPersona.day === null
          ? 'n/a'
          : `${g.beatsNeverPerPersona.won}/${g.beatsNeverPerPersona.of}`,
        g.beatsNeverPerPersona.note,
      ],
      [
        `Recs/h, day 1 → day ${last}`,
        '',
        g.recsDrop.firstDay === null
          ? g.recsDrop.note
          : `${f1(g.recsDrop.firstDay)} → ${f1(g.recsDrop.lastDay)} (reference work: about 24 → 6)`,
      ],
    ];
    if (g.beatsBaselines.ablations.length) {
      rows.push([
        'Memory ablations (not baselines)',
        '',
        g.beatsBaselines.ablations
          .map((c) => `vs \`${c.assistant}\` ${c.daysWon}/${c.of} days, ${signed(c.meanMargin)}`)
          .join('; '),
      ]);
    }
    out.push(table(['Check', 'Result', 'Detail'], rows, ['l', 'r', 'l']));
    out.push('');
    out.push(
      'World checks — does the simulated person make timing matter? (These test the world, not the learner.)',
    );
    out.push('');
    const sc = g.silenceCost;
    const tc = g.timingContent;
    out.push(
      table(
        ['Check', 'Result', 'Detail'],
        [
          [
            `Silence is costly: ${g.reference ?? 'oracle'} − never ≥ ${sc.threshold}`,
            sc.value === null ? 'n/a' : `${yesNo(sc.pass)} (${signed(sc.value)})`,
            sc.note,
          ],
          [
            `Timing and content both matter: each lead ≥ ${tc.threshold}`,
            tc.timing === null && tc.content === null ? 'n/a' : yesNo(tc.pass),
            tc.timing === null && tc.content === null
              ? tc.note
              : `timing ${tc.timing === null ? 'n/a' : signed(tc.timing)}, content ${tc.content === null ? 'n/a' : signed(tc.content)}: ${tc.note}`,
          ],
        ],
        ['l', 'r', 'l'],
      ),
    );
    if (r.days < 8)
      out.push('', `_The run is shorter than 8 days, so the comparison uses its second half._`);
  }
  out.push('');

  // Overview by day.
  out.push('## Mean score by day');
  out.push('');
  out.push(
    table(
      ['Day', ...list.map((a) => a.id)],
      (list[0]?.days ?? []).map((_, i) => [
        String(i + 1),
        ...list.map((a) => f2((a.days[i] as AveragedDay).meanScore)),
      ]),
    ),
  );
  out.push('');
  out.push('![Mean score by day](chart-score.svg)');
  out.push('');
  out.push('## Suggestions per waking hour by day');
  out.push('');
  out.push(
    table(
      ['Day', ...list.map((a) => a.id)],
      (list[0]?.days ?? []).map((_, i) => [
        String(i + 1),
        ...list.map((a) => f1((a.days[i] as AveragedDay).recsPerWakingHour)),
      ]),
    ),
  );
  out.push('');
  out.push('![Suggestions per waking hour](chart-recs.svg)');
  out.push('');

  // Baselines.
  out.push('## How each baseline scores and why');
  out.push('');
  for (const b of r.baselines) {
    const a = r.assistants[b.assistant] as AssistantResult;
    out.push(`- **\`${a.id}\`** (${a.label}): ${b.text}`);
  }
  out.push('');

  // Per-day tables.
  out.push('## Day by day, per assistant');
  out.push('');
  out.push(
    'Pass rates are the share of scored steps that pass each criterion. The confusion matrix counts, as a share of scored steps: ' +
      'spoke when welcome (timing and preference passed), spoke when unwelcome, stayed silent when a suggestion was wanted ' +
      '(preference missed or too rare), stayed silent rightly. For learning assistants, "Pairs" is preference pairs produced ' +
      'per persona that day, and the DPO loss and pair accuracy are measured after the training at the start of the day.',
  );
  out.push('');
  for (const a of list) {
    out.push(`### \`${a.id}\` — ${a.label}`);
    out.push('');
    const learns = a.candidatesPerStep === 2;
    const hasLoss = a.days.some((d) => d.trainingLoss !== null);
    const hasUnjudged = a.unjudgedSteps > 0;
    const header = [
      'Day',
      'Mean',
      ...(hasUnjudged ? ['Not scored'] : []),
      'Recs/h',
      'Recs/h open',
      'Silent',
      'Silent mean',
      'Rec mean',
      ...CRITERIA.map((c) =>
        CRITERION_LABELS[c].replace(' & safety', '').replace('Personal preference', 'Preference'),
      ),
      'Too often',
      'Too rare',
      'Spoke ✓',
      'Spoke ✗',
      'Silent, missed',
      'Silent ✓',
      ...(learns ? ['Pairs'] : []),
      ...(hasLoss ? ['DPO loss', 'Pair acc.'] : []),
    ];
    const rows = a.days.map((d) => [
      String(d.day),
      f2(d.meanScore),
      ...(hasUnjudged ? [`${d.unjudgedSteps} (${pct1(d.unjudgedShare)})`] : []),
      f1(d.recsPerWakingHour),
      f1(d.recsPerWelcomeHour),
      pct(d.silentShare),
      f2(d.silentMeanScore),
      f2(d.recMeanScore),
      ...CRITERIA.map((c) => pct(d.passRate[c])),
      pct1(d.tooOftenShare),
      pct1(d.tooRareShare),
      pct1(d.confusionShare.spokeWelcome),
      pct1(d.confusionShare.spokeUnwelcome),
      pct1(d.confusionShare.silentMissed),
      pct1(d.confusionShare.silentRight),
      ...(learns ? [f1(d.pairs)] : []),
      ...(hasLoss
        ? [
            d.trainingLoss === null ? '–' : d.trainingLoss.toFixed(3),
            d.trainingAccuracy === null ? '–' : pct(d.trainingAccuracy),
          ]
        : []),
    ]);
    out.push(table(header, rows));
    out.push('');
  }
  const focus = r.goals.focus;
  if (focus) {
    out.push(`![Pass rate per criterion, ${focus}](chart-criteria.svg)`);
    out.push('');
  }

  // Personas.
  out.push('## Per persona');
  out.push('');
  out.push(
    `Big Five as initials (E A C O N), upper case = High. "Asked" is the rate the persona asked for, per hour of open time ` +
      `(midpoint of its min and max); "delivered" is suggestions inside open time per hour of open time on day ${last}.`,
  );
  out.push('');
  for (const a of list) {
    out.push(`### \`${a.id}\``);
    out.push('');
    const rows = a.personas.map((p) => [
      `${p.id}`,
      BIG_FIVE_TRAITS.map((t) =>
        p.bigFive[t] === 'High' ? TRAIT_INITIAL[t] : (TRAIT_INITIAL[t] as string).toLowerCase(),
      ).join(''),
      f2(p.firstDay.meanScore),
      f2(p.lastDay.meanScore),
      f1(p.firstDay.recsPerWakingHour),
      f1(p.lastDay.recsPerWakingHour),
      p.askedPerHour.toFixed(2),
      p.lastDay.recsPerWelcomeHour.toFixed(2),
      `${p.deliveredToAsked.toFixed(2)}×`,
    ]);
    out.push(
      table(
        [
          'Persona',
          'Traits',
          'Mean day 1',
          `Mean day ${last}`,
          'Recs/h day 1',
          `Recs/h day ${last}`,
          'Asked /h',
          'Delivered /h',
          'Delivered ÷ asked',
        ],
        rows,
        ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
    );
    out.push('');
  }

  // Traits.
  out.push('## By Big Five trait');
  out.push('');
  out.push(`Mean score on day ${last} over the personas at each level (n = personas).`);
  out.push('');
  out.push(
    table(
      ['Trait', 'Level', 'n', ...list.map((a) => a.id)],
      r.traits.map((t) => [
        t.trait,
        t.level,
        String(t.personas.length),
        ...list.map((a) =>
          t.personas.length ? f2(t.byAssistant[a.id]?.lastDayMean ?? null) : '–',
        ),
      ]),
      ['l', 'l', 'r', ...list.map(() => 'r' as const)],
    ),
  );
  out.push('');
  const imports = importsMarkdown(r.imports ?? []);
  if (imports) out.push(imports);
  out.push(
    'Files: `days.csv`, `personas.csv`, `traits.csv`, `results.json` (everything), `chart-*.svg`.',
  );
  out.push('');
  return out.join('\n');
}
