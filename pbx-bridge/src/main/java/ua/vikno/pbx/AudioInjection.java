package ua.vikno.pbx;

/**
 * Audio added to what one leg hears, mixed with what it hears already (a supervisor's whisper to the operator,
 * or a barge to both). Frames are 20 ms of 8 kHz 16-bit PCM; a missing frame is silence.
 */
public interface AudioInjection extends AutoCloseable {

    /** Queues the next 20 ms for the leg (the array may be reused after the call returns). */
    void push(short[] samples);

    @Override
    void close();
}
