package ua.vikno.pbx;

/** Where a connection attempt rings: an internal line, or an external number through a trunk. */
public sealed interface Destination {

    /** An internal line by extension; rings every registered contact of it. */
    record Line(String extension) implements Destination {
    }

    /** An external number (E.164) through the named trunk. */
    record External(String number, String trunk) implements Destination {
    }
}
