// The alarm for unacknowledged SOS and falls: a two-tone siren made with the Web Audio API (no sound
// files), repeated every few seconds until acknowledged or muted. Mute is remembered in localStorage.
// Browsers only let a page make sound after a user gesture, so the context is resumed on the first
// click or key press and `blocked` tells the UI to ask for one.

const STORAGE_KEY = 'anxin.muted';
const REPEAT_MS = 3000;

let context = null;
let timer = null;
let active = false;
let muted = localStorage.getItem(STORAGE_KEY) === '1';
const listeners = new Set();

function audio() {
  if (!context) {
    const AudioContextClass = window.AudioContext || window.webkitAudioContext;
    if (!AudioContextClass) return null;
    context = new AudioContextClass();
    context.onstatechange = notify;
  }
  return context;
}

function notify() {
  listeners.forEach((fn) => fn(state()));
}

function tone(ctx, frequency, start, length) {
  const oscillator = ctx.createOscillator();
  const gain = ctx.createGain();
  oscillator.type = 'square';
  oscillator.frequency.setValueAtTime(frequency, start);
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.18, start + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
  oscillator.connect(gain).connect(ctx.destination);
  oscillator.start(start);
  oscillator.stop(start + length + 0.02);
}

function siren() {
  const ctx = audio();
  if (!ctx || ctx.state !== 'running' || muted || !active) return;
  const t0 = ctx.currentTime + 0.01;
  for (let i = 0; i < 3; i++) {
    tone(ctx, 988, t0 + i * 0.5, 0.22);
    tone(ctx, 740, t0 + i * 0.5 + 0.25, 0.22);
  }
}

function unlock() {
  const ctx = audio();
  if (ctx && ctx.state === 'suspended') ctx.resume().then(() => { notify(); siren(); }).catch(() => {});
}
['pointerdown', 'keydown'].forEach((type) => document.addEventListener(type, unlock, { capture: true }));

export function state() {
  return {
    active,
    muted,
    blocked: active && !muted && (!context || context.state !== 'running'),
  };
}

export const alarm = {
  /** Ring while `on` is true (an unacknowledged SOS or fall is on the board). */
  set(on) {
    if (on === active) return;
    active = on;
    clearInterval(timer);
    timer = null;
    if (active) {
      audio();
      siren();
      timer = setInterval(siren, REPEAT_MS);
    }
    notify();
  },
  setMuted(value) {
    muted = value;
    localStorage.setItem(STORAGE_KEY, value ? '1' : '0');
    if (!muted) {
      unlock();
      siren();
    }
    notify();
  },
  get muted() {
    return muted;
  },
  state,
  onChange(fn) {
    listeners.add(fn);
    return () => listeners.delete(fn);
  },
};
