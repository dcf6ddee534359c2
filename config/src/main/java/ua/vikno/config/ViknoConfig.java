package ua.vikno.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole contact centre as one immutable, validated value, read by {@link ConfigLoader}.
 *
 * @param source the file it was read from
 */
public record ViknoConfig(Path source, Site site, Network network, RedisSettings redis, List<Line> lines,
                          Map<String, Department> departments, Map<String, CallQueue> queues,
                          Map<String, VoicemailBox> voicemail, Map<String, Trunk> trunks,
                          Map<String, DialledNumber> numbers, Schedule schedule, Ivr ivr,
                          Map<String, Prompt> prompts, Recording recording, Sms sms, List<ConsoleUser> users) {

    public Optional<Line> line(String extension) {
        return lines.stream().filter(l -> l.extension().equals(extension)).findFirst();
    }
}
