package io.contactcenter.gateway.audio;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The built-in hold music, synthesized by us at start (so it may be redistributed with the code): a calm four-chord
 * loop (C, A minor, F, G; twice) of soft organ-like pads over a sine bass, with a bell arpeggio on top, rendered to a
 * 16 kHz mono 16-bit PCM WAV, a format Vonage's {@code stream} and {@code musicOnHoldUrl} play. Pure arithmetic, no
 * randomness: the same bytes on every start and replica, so one strong ETag fits all.
 */
@ApplicationScoped
public class HoldTrack {

    public static final int SAMPLE_RATE = 16_000;
    static final double CHORD_SECONDS = 4.0;
    /** Semitones above A4 (440 Hz) of each chord's notes, bass first. */
    private static final int[][] CHORDS = {
            {-21, -9, -5, -2},   // C: C3 | C4 E4 G4
            {-24, -12, -9, -5},  // A minor: A2 | A3 C4 E4
            {-16, -16, -12, -9}, // F: F3 | F3 A3 C4
            {-14, -14, -10, -7}, // G: G3 | G3 B3 D4
    };
    /** Which chord note (1..3, + 3 = an octave up) each eighth of a bar's bell arpeggio plays. */
    private static final int[] ARPEGGIO = {1, 2, 3, 4, 5, 4, 3, 2};
    private static final int ROUNDS = 2;

    private final byte[] wav;
    private final String etag;

    public HoldTrack() {
        this.wav = wav(render());
        this.etag = "\"" + sha256(wav).substring(0, 32) + "\"";
    }

    /** The whole file, RIFF header included (do not modify). */
    public byte[] bytes() {
        return wav;
    }

    public String etag() {
        return etag;
    }

    public static double seconds() {
        return CHORDS.length * ROUNDS * CHORD_SECONDS;
    }

    static short[] render() {
        int chordSamples = (int) (CHORD_SECONDS * SAMPLE_RATE);
        int total = chordSamples * CHORDS.length * ROUNDS;
        double[] mix = new double[total];
        for (int bar = 0; bar < CHORDS.length * ROUNDS; bar++) {
            int[] chord = CHORDS[bar % CHORDS.length];
            int start = bar * chordSamples;
            // pad and bass ring on for half a second into the next chord: a soft crossfade instead of a cut
            int length = Math.min(chordSamples + SAMPLE_RATE / 2, total - start);
            for (int i = 0; i < length; i++) {
                double t = (double) i / SAMPLE_RATE;
                double envelope = padEnvelope(t);
                double bass = sine(frequency(chord[0] - 12), t) * 0.55;
                double pad = 0;
                for (int n = 1; n < chord.length; n++) {
                    double f = frequency(chord[n]);
                    // two slightly detuned voices and a quiet octave: warm, slowly beating
                    pad += sine(f * 0.998, t) + sine(f * 1.002, t) + 0.25 * sine(2 * f, t);
                }
                double tremolo = 1 + 0.08 * Math.sin(2 * Math.PI * 0.5 * (start + i) / SAMPLE_RATE);
                mix[start + i] += envelope * (bass + 0.18 * pad * tremolo);
            }
            int eighth = chordSamples / ARPEGGIO.length;
            for (int step = 0; step < ARPEGGIO.length; step++) {
                int note = ARPEGGIO[step];
                double f = frequency(chord[(note - 1) % 3 + 1] + (note > 3 ? 12 : 0) + 12);
                int from = start + step * eighth;
                int ring = Math.min(SAMPLE_RATE * 3 / 2, total - from);
                for (int i = 0; i < ring; i++) {
                    double t = (double) i / SAMPLE_RATE;
                    double attack = Math.min(1, t / 0.005);
                    double bell = Math.exp(-t / 0.45) * sine(f, t) + 0.2 * Math.exp(-t / 0.12) * sine(3 * f, t);
                    mix[from + i] += 0.22 * attack * bell;
                }
            }
        }
        return normalized(mix);
    }

    /** 0.4 s attack, sustain, 0.5 s release past the chord's end. */
    private static double padEnvelope(double t) {
        if (t < 0.4) {
            return t / 0.4;
        }
        if (t > CHORD_SECONDS) {
            return Math.max(0, 1 - (t - CHORD_SECONDS) / 0.5);
        }
        return 1;
    }

    /** Peak at half of full scale (-6 dBFS), 20 ms fades at both ends so the loop point does not click. */
    private static short[] normalized(double[] mix) {
        double peak = 0;
        for (double v : mix) {
            peak = Math.max(peak, Math.abs(v));
        }
        int fade = SAMPLE_RATE / 50;
        short[] samples = new short[mix.length];
        for (int i = 0; i < mix.length; i++) {
            double edge = Math.min(1, Math.min(i, mix.length - 1 - i) / (double) fade);
            samples[i] = (short) Math.round(mix[i] / peak * 0.5 * edge * Short.MAX_VALUE);
        }
        return samples;
    }

    private static double frequency(int semitonesFromA4) {
        return 440 * Math.pow(2, semitonesFromA4 / 12.0);
    }

    private static double sine(double frequency, double t) {
        return Math.sin(2 * Math.PI * frequency * t);
    }

    /** A canonical 44-byte RIFF/WAVE header (PCM, mono, 16 bit) and the samples, little-endian. */
    static byte[] wav(short[] samples) {
        int dataBytes = samples.length * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes);
        b.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1)              // PCM
                .putShort((short) 1)              // mono
                .putInt(SAMPLE_RATE)
                .putInt(SAMPLE_RATE * 2)          // bytes per second
                .putShort((short) 2)              // bytes per frame
                .putShort((short) 16);            // bits per sample
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
