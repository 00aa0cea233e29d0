/**
 * A short sound for a scan, so the person at the packing table need not look: one high beep when
 * it shipped, two low ones when it was refused, and three quick mid tones for a barcode the sheet
 * does not know (a misread, or an order not collected yet). WebAudio, made on first use (after a
 * key press, as browsers require); a browser without sound just stays silent.
 */
export type ScanTone = 'ok' | 'fail' | 'unknown';

const TONES: Readonly<Record<ScanTone, { wave: OscillatorType; notes: Array<{ at: number; hz: number; ms: number }> }>> = {
  ok: { wave: 'sine', notes: [{ at: 0, hz: 1320, ms: 120 }] },
  fail: { wave: 'square', notes: [{ at: 0, hz: 220, ms: 180 }, { at: 0.25, hz: 220, ms: 180 }] },
  unknown: { wave: 'triangle', notes: [{ at: 0, hz: 660, ms: 70 }, { at: 0.1, hz: 660, ms: 70 }, { at: 0.2, hz: 660, ms: 70 }] },
};

let audio: AudioContext | null = null;
/** The last tone played (the browser tests read it: headless Chromium has no speakers). */
export let lastTone: ScanTone | null = null;

export function beep(tone: ScanTone): void {
  lastTone = tone;
  document.body.dataset.lastTone = tone;
  try {
    audio ??= new AudioContext();
    const { wave, notes } = TONES[tone];
    for (const t of notes) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = wave;
      osc.frequency.value = t.hz;
      gain.gain.value = 0.15;
      osc.connect(gain).connect(audio.destination);
      const start = audio.currentTime + t.at;
      osc.start(start);
      osc.stop(start + t.ms / 1000);
    }
  } catch {
    // No sound here: the large ✓ / ✗ / ? still says it.
  }
}
