/**
 * The call model: {@link ua.vikno.pbx.Pbx}, {@link ua.vikno.pbx.Call}, {@link ua.vikno.pbx.CallEvent},
 * {@link ua.vikno.pbx.CallRecord} and media taps. The IVR, recorder and supervisor use only these types, so the
 * embedded engine ({@code sip}, {@code rtp}) and an Asterisk back end can both serve them.
 */
package ua.vikno.pbx;
