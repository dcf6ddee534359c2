package ua.vikno.config;

/** What a line or a console user may do. */
public enum Role {
    /** Answers calls and works with appeals. */
    OPERATOR,
    /** Monitors calls (listen, whisper, barge) and sees statistics. */
    SUPERVISOR,
    /** Changes configuration, greetings, schedule overrides and users. */
    ADMIN
}
