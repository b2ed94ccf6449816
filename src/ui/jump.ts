/**
 * The jump control: run forward to a day and hour at full speed — in the
 * simulation worker (src/state/sim-worker/), with a progress bar and a
 * cancel that leaves the run as it was, so the page stays responsive. By
 * default a jump lands at the end of the chosen day (typing a day and Enter
 * shows that day played out). Time only runs forward; for a moment already
 * past the control offers a new run with the same choices, which replays
 * the same days (same seed, same run) up to there.
 */
import { formatHhmm, MINUTES_PER_DAY } from '../core/time';
import type { GameView } from '../state/create-game';
import { jumpIsBehind, type GameState, type JumpTarget } from '../state/store';
import { el, option, setText } from './dom';

/** The hour choice "end of day", and the minute it stands for (the day's last step). */
const END = 'end';
const END_MINUTE = MINUTES_PER_DAY - 1;

export function mountJump(root: HTMLElement, game: GameView): () => void {
  const { store, actions } = game;
  const day = el('input', {
    type: 'number',
    min: '1',
    step: '1',
    'data-testid': 'jump-day',
    'aria-label': 'Day to jump to',
  });
  const hour = el('select', { 'data-testid': 'jump-hour', 'aria-label': 'Hour to jump to' });
  hour.append(option(END, 'end of day'));
  for (let h = 0; h < 24; h++) hour.append(option(String(h), `${String(h).padStart(2, '0')}:00`));
  const go = el('button', { type: 'button', 'data-testid': 'jump-go' }, 'Go');
  const bar = el('progress', {
    class: 'jump-progress',
    'data-testid': 'jump-progress',
    max: '1',
    'aria-label': 'Jump progress',
  });
  bar.value = 0;
  bar.hidden = true;
  const note = el('span', { class: 'jump-note note', 'data-testid': 'jump-note' });
  root.append(el('span', {}, 'Jump to day'), day, hour, go, bar, note);
  root.title = 'Run forward at full speed to a day (its end, or an hour)';

  const target = (): JumpTarget => ({
    day: Number(day.value),
    minute: hour.value === END ? END_MINUTE : Number(hour.value) * 60,
  });

  let lastDays = 0;
  let wasJumping = false;
  const render = (s: GameState): void => {
    const days = s.run.config.days;
    if (days !== lastDays || (wasJumping && !s.jump)) {
      // A fresh suggestion: the next morning (after a jump: the morning after it).
      lastDays = days;
      day.max = String(days);
      if (s.clock.day < days) {
        day.value = String(s.clock.day + 1);
        hour.value = END;
      } else {
        day.value = String(days);
        hour.value = END;
      }
    }
    wasJumping = s.jump !== null;
    bar.hidden = s.jump === null;
    if (s.jump) {
      const p = s.jumpProgress;
      setText(go, 'Cancel');
      go.disabled = false;
      go.title = 'Cancel the jump';
      bar.max = Math.max(1, p?.total ?? 1);
      bar.value = p?.done ?? 0;
      const at = p ?? s.clock;
      const to = s.jump.minute >= END_MINUTE ? 'the end of the day' : formatHhmm(s.jump.minute);
      setText(
        note,
        `running to day ${s.jump.day}, ${to}… now day ${at.day} ${formatHhmm(at.minute)}`,
      );
      return;
    }
    const t = target();
    const valid = t.day >= 1 && t.day <= days;
    const behind = valid && jumpIsBehind(s, t);
    setText(go, behind ? 'New run + jump' : 'Go');
    go.disabled = !valid;
    go.title = behind
      ? 'Time only runs forward: start a new run with the same persona, assistant and seed (it replays the same days) and jump there'
      : 'Run forward at full speed to this day and hour';
    setText(note, behind ? '(already past)' : '');
  };

  const onGo = (): void => {
    const s = store.getState();
    if (s.jump) {
      actions.cancelJump();
      return;
    }
    const t = target();
    actions.jumpTo(t, { restart: jumpIsBehind(s, t) });
  };
  go.addEventListener('click', onGo);
  const refresh = (): void => render(store.getState());
  day.addEventListener('input', refresh);
  hour.addEventListener('change', refresh);
  day.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') onGo();
  });

  render(store.getState());
  let lastKey = '';
  const unsubscribe = store.subscribe((s) => {
    // The note follows the clock during a jump; otherwise only a new step can change the verdict.
    const key = s.jump
      ? `${s.version}:${s.clock.minute}:${s.jumpProgress?.done}`
      : `${s.version}:${s.run.config.days}`;
    if (key !== lastKey) {
      lastKey = key;
      render(s);
    }
  });
  return () => {
    unsubscribe();
    root.replaceChildren();
  };
}
