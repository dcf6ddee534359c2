package ua.vikno.appeals;

import java.util.List;

/** One page of results and how many matched in all. */
public record Page<T>(List<T> items, long total, int offset, int limit) {
}
