package ua.vikno.config;

/** Who runs this contact centre: its name and the office phone quoted in SMS texts. */
public record Site(String name, String officePhone) {
}
