package ua.vikno.recorder.internal;

import ua.vikno.pbx.Leg;

/** A copy of one 20 ms frame of one leg, as handed from the tap's thread to a writer. */
public record TapFrame(Leg leg, long index, short[] samples) {
}
