/**
 * "How each baseline scores and why": a paragraph per assistant, written
 * from its numbers (which criteria it fails, how often it speaks, whether
 * its misses come from speaking or from staying silent).
 */
import { isJudgeRuleId, JUDGE_RULES } from '../core/judge-rules';
import { CRITERION_LABELS } from '../core/vocab';
import type { AssistantResult, BaselineProfile } from './types';

const pct = (x: number): string => `${Math.round(x * 100)}%`;
/** A mean score, or a dash for a day nobody scored. */
const mean2 = (x: number | null): string => (x === null ? '–' : x.toFixed(2));

export function explainProfile(a: AssistantResult, p: Omit<BaselineProfile, 'text'>): string {
  const parts: string[] = [];
  const trend =
    a.days.length > 1
      ? `mean score ${mean2(p.firstDayMean)}/4 on day 1 and ${mean2(p.lastDayMean)}/4 on day ${a.days.length}`
      : `mean score ${mean2(p.firstDayMean)}/4`;
  const from = p.days[0];
  const to = p.days[p.days.length - 1];
  const when =
    from === undefined || a.days.length === 1
      ? ''
      : from === to
        ? `On day ${from}`
        : `Over days ${from}–${to}`;
  const silentPct = 1 - p.silentShare;
  const speaking =
    p.silentShare === 1
      ? 'it never speaks'
      : p.silentShare === 0
        ? `it speaks at every waking step (${p.recsPerWakingHour.toFixed(1)} suggestions per waking hour)`
        : `it speaks at ${silentPct < 0.01 ? `${(silentPct * 100).toFixed(1)}%` : pct(silentPct)} of waking steps (${p.recsPerWakingHour.toFixed(1)} per waking hour)`;
  parts.push(`${trend}.`);
  parts.push(
    when ? `${when} ${speaking}.` : `${speaking.charAt(0).toUpperCase()}${speaking.slice(1)}.`,
  );

  const failing = p.failures.filter((f) => f.failRate >= 0.005);
  if (failing.length === 0) {
    parts.push('It fails no criterion.');
  } else {
    const list = failing.map((f) => {
      let extra = '';
      if (f.criterion === 'frequency') {
        const bits: string[] = [];
        if (p.tooOftenShare >= 0.005) bits.push(`too often on ${pct(p.tooOftenShare)} of steps`);
        if (p.tooRareShare >= 0.005) bits.push(`too rare on ${pct(p.tooRareShare)}`);
        if (bits.length) extra = ` (${bits.join(', ')})`;
      }
      return `${CRITERION_LABELS[f.criterion].toLowerCase()} ${pct(f.failRate)} of steps${extra}`;
    });
    parts.push(`Failures, most first: ${list.join('; ')}.`);
    const clean = p.failures
      .filter((f) => f.failRate < 0.005)
      .map((f) => CRITERION_LABELS[f.criterion].toLowerCase());
    if (clean.length) parts.push(`It never fails ${clean.join(' or ')}.`);
  }

  // Why: from where the misses come (speaking or silence).
  const why: string[] = [];
  if (p.silentShare >= 0.99) {
    why.push(
      p.silentShare === 1
        ? 'silence cannot cross a boundary, so communication holds'
        : 'it is silent almost all the time, and silence cannot cross a boundary, so communication holds',
    );
    if (p.silentMissedShare >= 0.005) {
      why.push(
        `but on ${pct(p.silentMissedShare)} of steps the person wanted a suggestion (the moment of a welcome activity passed in silence, what it wanted never came, or silence ran longer than it asked for)`,
      );
    }
  } else {
    if (p.spokeUnwelcomeShare >= 0.005) {
      why.push(
        `${pct(p.spokeUnwelcomeShare)} of steps are suggestions at a closed time or off the welcome topics`,
      );
    }
    if (p.tooOftenShare >= 0.05)
      why.push('it speaks faster than the person asked, so frequency fails');
    if (p.silentMissedShare >= 0.005)
      why.push(`${pct(p.silentMissedShare)} of steps are silences when a suggestion was wanted`);
    const comm = p.failures.find((f) => f.criterion === 'communication');
    if (comm && comm.failRate >= 0.05)
      why.push('its tone or subjects often miss what the person accepts');
  }
  if (a.days.length > 1 && p.lastDayMean !== null && p.firstDayMean !== null) {
    const delta = p.lastDayMean - p.firstDayMean;
    if (Math.abs(delta) >= 0.1)
      why.push(
        `its score ${delta > 0 ? 'rises' : 'falls'} by ${Math.abs(delta).toFixed(2)} over the run`,
      );
    else why.push('its score stays flat over the run');
  }
  if (why.length) parts.push(`Why: ${why.join('; ')}.`);
  const rules = p.topRules.slice(0, 4);
  if (rules.length) {
    parts.push(
      `The judge's rules that cost it most: ${rules
        .map((r) => {
          const known = isJudgeRuleId(r.rule) ? JUDGE_RULES[r.rule].summary : r.rule;
          return `${r.rule} (${known}) ${pct(r.share)} of steps`;
        })
        .join('; ')}.`,
    );
  }
  return parts.join(' ');
}
