package ua.vikno.config;

import java.time.Duration;

/** Where state lives: a Redis URL (redis://host:port/db), with connect and command timeouts. */
public record RedisSettings(String url, Duration connectTimeout, Duration commandTimeout) {
}
