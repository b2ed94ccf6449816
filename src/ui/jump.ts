/**
 * The jump control: run forward to a day and hour at full speed (the
 * playback driver runs the steps in chunks, one per animation frame, so the
 * page stays responsive). Time only runs forward; for a moment already past
 * the control offers a new run with the same choices, which replays the same
 * days (same seed, same run) up to there.
 */
import { formatHhmm } from '../core/time';
import type { GameView } from '../state/create-game';
import { jumpIsBehind, type GameState, type JumpTarget } from '../state/store';
import { el, option, setText } from './dom';

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
  for (let h = 0; h < 24; h++) hour.append(option(String(h), `${String(h).padStart(2, '0')}:00`));
  const go = el('button', { type: 'button', 'data-testid': 'jump-go' }, 'Go');
  const note = el('span', { class: 'jump-note note', 'data-testid': 'jump-note' });
  root.append(el('span', {}, 'Jump to day'), day, hour, go, note);
  root.title = 'Run forward at full speed to a day and hour';

  const target = (): JumpTarget => ({ day: Number(day.value), minute: Number(hour.value) * 60 });

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
        hour.value = '8';
      } else {
        day.value = String(days);
        hour.value = String(Math.min(23, Math.floor(s.clock.minute / 60) + 1));
      }
    }
    wasJumping = s.jump !== null;
    if (s.jump) {
      setText(go, 'Stop');
      go.title = 'Stop the jump here';
      setText(
        note,
        `running to day ${s.jump.day} ${formatHhmm(s.jump.minute)}… now day ${s.clock.day} ${formatHhmm(s.clock.minute)}`,
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
    const key = s.jump ? `${s.version}:${s.clock.minute}` : `${s.version}:${s.run.config.days}`;
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
