/** Plain-text day reports and JSON step rows for the headless runner. */
import type { RunState, StepRecord } from '../core/sim';
import { formatHhmm } from '../core/time';
import { CRITERIA, CRITERION_LABELS } from '../core/vocab';

export function stepForJson(r: StepRecord) {
  return {
    day: r.day,
    step: r.step,
    time: r.time,
    action: r.action,
    kind: r.kind,
    room: r.room,
    object: r.object,
    walking: r.walking,
    decision: r.decision,
    text: r.suggestion ? r.suggestion.text : r.decision === 'silent' ? 'No Recommendation' : null,
    topic: r.suggestion?.topic ?? null,
    tone: r.suggestion?.tone ?? null,
    score: r.score,
    ...(r.unjudged ? { unjudged: { call: r.unjudged.call, why: r.unjudged.why } } : {}),
    criteria: r.criteria
      ? Object.fromEntries(
          CRITERIA.map((c) => [
            c,
            { pass: r.criteria![c].pass ? 1 : 0, reason: r.criteria![c].reason },
          ]),
        )
      : null,
  };
}

/** Why a step has no score, in a few words. */
export function unjudgedText(r: StepRecord): string {
  return r.unjudged ? `${r.unjudged.call}: ${r.unjudged.why}` : 'not scored';
}

export function formatDayReport(
  run: RunState,
  day: number,
  steps: StepRecord[],
  full: boolean,
): string {
  const summary = run.days.find((d) => d.day === day);
  const lines: string[] = [`=== Day ${day} ===`];
  lines.push('Timeline:');
  for (const a of run.schedule) {
    lines.push(
      `  ${formatHhmm(a.start)}–${formatHhmm(a.end)}  ${a.label} (${a.object}, ${a.room})`,
    );
  }
  const spoken = steps.filter((s) => s.decision === 'recommend');
  lines.push(`Suggestions (${spoken.length}):`);
  const shown = full ? spoken : spoken.slice(0, 12);
  for (const s of shown) {
    if (s.unjudged || !s.criteria) {
      lines.push(`  ${s.time} [not scored] ${s.suggestion?.text ?? ''}  (${unjudgedText(s)})`);
      continue;
    }
    const criteria = s.criteria;
    const failed = CRITERIA.filter((c) => !criteria[c].pass).map((c) => CRITERION_LABELS[c]);
    lines.push(
      `  ${s.time} [${s.score}/4] ${s.suggestion?.text ?? ''}${failed.length ? `  (failed: ${failed.join(', ')})` : ''}`,
    );
  }
  if (!full && spoken.length > shown.length)
    lines.push(`  … ${spoken.length - shown.length} more (use --steps to see all)`);
  const unjudged = steps.filter((s) => s.unjudged);
  if (unjudged.length) {
    lines.push(
      `Not scored: ${unjudged.length} step${unjudged.length === 1 ? '' : 's'} (in no mean and no pair); first: ${unjudged[0]?.time} ${unjudgedText(unjudged[0] as StepRecord)}.`,
    );
  }
  if (summary) {
    lines.push(
      `Mean score ${summary.meanScore === null ? '– (no step was scored)' : `${summary.meanScore.toFixed(2)}/4`} over ${summary.scoredSteps} scored steps; ` +
        `${summary.recommendations} recommendations, ${summary.recsPerWakingHour.toFixed(2)} per waking hour.`,
    );
    lines.push(
      'Pass rate: ' +
        CRITERIA.map(
          (c) => `${CRITERION_LABELS[c]} ${(summary.passRate[c] * 100).toFixed(0)}%`,
        ).join(', '),
    );
    lines.push(`Too often: ${summary.tooOften} steps; too rare: ${summary.tooRare} steps.`);
  }
  return lines.join('\n') + '\n';
}
