package ua.vikno.pbx;

/** The two sides of a bridged call: the one who called (usually the resident) and the one who answered (the operator). */
public enum Leg {
    /** The caller's side; left channel of a recording. */
    CALLER,
    /** The answering party's side; right channel of a recording. */
    CALLEE
}
