package ua.vikno.ivr.menu;

import java.util.ArrayList;
import java.util.List;

/**
 * The way a caller took through the menus: the first menu's id, then each key chosen ({@code main>1>2}), and
 * the labels of the chosen options ({@code Водопостачання / Гаряча вода}). Going back with {@code *} removes
 * the last step, so the path says where the caller ended up, not every detour.
 */
public record MenuPath(List<String> steps, List<String> labels) {

    public MenuPath {
        steps = List.copyOf(steps);
        labels = List.copyOf(labels);
    }

    public static MenuPath startingAt(String menu) {
        return new MenuPath(List.of(menu), List.of());
    }

    public MenuPath then(String key, String label) {
        List<String> s = new ArrayList<>(steps);
        s.add(key);
        List<String> l = new ArrayList<>(labels);
        l.add(label);
        return new MenuPath(s, l);
    }

    /** For {@code CallNotes.IVR_PATH}. */
    public String path() {
        return String.join(">", steps);
    }

    /** For {@code CallNotes.CATEGORY}. */
    public String category() {
        return String.join(" / ", labels);
    }
}
