/**
 * Call recording: {@link ua.vikno.recorder.CallRecorder} taps every answered call into a stereo WAV while it runs
 * (caller left, callee right), converts it after hang-up, keeps its metadata in Redis and applies retention. The
 * module knows only the call model of {@code ua.vikno.pbx}; its internals live in {@code internal}.
 */
package ua.vikno.recorder;
