/** The built-in user agent: the rule planner and the rule judge, no model. */
import type { UserAgent } from '../../core/agents';
import { judgeCandidate } from './judge';
import { describeMoment } from './moment';
import { planDay } from './planner';

export const builtinUser: UserAgent = {
  id: 'builtin',
  planDay: (persona, _day, rng, conditions) => planDay(persona, rng, { conditions }),
  judge: judgeCandidate,
  describeMoment,
};
