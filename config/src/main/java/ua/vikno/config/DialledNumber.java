package ua.vikno.config;

/** A number callers dial (a DID) and the IVR flow that answers it. */
public record DialledNumber(String number, String name, String flow, String trunk) {
}
