/**
 * A short sound for a scan: one high beep when it worked, two low ones when it did not, so the
 * person at the packing table need not look. WebAudio, made on first use (after a key press, as
 * browsers require); a browser without sound just stays silent.
 */
let audio: AudioContext | null = null;

export function beep(ok: boolean): void {
  try {
    audio ??= new AudioContext();
    const tones = ok ? [{ at: 0, hz: 1320, ms: 120 }] : [{ at: 0, hz: 220, ms: 180 }, { at: 0.25, hz: 220, ms: 180 }];
    for (const t of tones) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = ok ? 'sine' : 'square';
      osc.frequency.value = t.hz;
      gain.gain.value = 0.15;
      osc.connect(gain).connect(audio.destination);
      const start = audio.currentTime + t.at;
      osc.start(start);
      osc.stop(start + t.ms / 1000);
    }
  } catch {
    // No sound here: the large ✓ / ✗ still says it.
  }
}
