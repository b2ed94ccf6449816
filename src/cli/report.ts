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
    const failed = CRITERIA.filter((c) => !s.criteria![c].pass).map((c) => CRITERION_LABELS[c]);
    lines.push(
      `  ${s.time} [${s.score}/4] ${s.suggestion!.text}${failed.length ? `  (failed: ${failed.join(', ')})` : ''}`,
    );
  }
  if (!full && spoken.length > shown.length)
    lines.push(`  … ${spoken.length - shown.length} more (use --steps to see all)`);
  if (summary) {
    lines.push(
      `Mean score ${summary.meanScore.toFixed(2)}/4 over ${summary.scoredSteps} scored steps; ` +
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
