package ua.vikno.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.MonthDay;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;
import ua.vikno.config.ConfigLoader;
import ua.vikno.config.Schedule;

class SchedulePlanTest {
    static final Path SAMPLE = Path.of(System.getProperty("vikno.repo", "..")).resolve("config/samples/housing-services.yaml");

    static Schedule sample() throws Exception {
        Map<String, String> env = Map.of();
        return new ConfigLoader(env::get).load(SAMPLE.toAbsolutePath().normalize()).schedule();
    }

    @Test
    void theSampleScheduleSurvivesTheConsolesJson() throws Exception {
        Schedule s = sample();
        assertThat(SchedulePlan.fromJson(SchedulePlan.toJson(s), s)).isEqualTo(s);
    }

    @Test
    void anEditedWeekAndHolidayAreTheScheduleInForce() throws Exception {
        JsonObject edit = new JsonObject("""
                {"week": {"mon": {"hours": "9:00-18:00", "breaks": ["13:00-14:00"]}},
                 "holidays": [{"date": "01-07", "name": "Різдво"}, {"date": "2027-03-08", "name": "8 березня"}],
                 "specialDays": [{"date": "2026-12-31", "name": "Передсвятковий", "hours": "08:00-15:00"},
                                 {"date": "2026-12-30", "name": "Інвентаризація", "hours": null}]}""");
        Schedule s = SchedulePlan.fromJson(edit, sample());
        assertThat(s.week()).containsOnlyKeys(DayOfWeek.MONDAY);
        assertThat(s.week().get(DayOfWeek.MONDAY).hours().start()).isEqualTo(LocalTime.of(9, 0));
        assertThat(s.holidays()).extracting(Schedule.Holiday::day).containsExactly(MonthDay.of(1, 7), MonthDay.of(3, 8));
        assertThat(s.holidays().get(1).year()).contains(2027);
        assertThat(s.specialDays().get(1).hours()).isEmpty();
        assertThat(s.timeZone()).isEqualTo(sample().timeZone());
    }

    @Test
    void everyMistakeIsNamedByItsPath() throws Exception {
        JsonObject edit = new JsonObject("""
                {"week": {"mon": {"hours": "17:00-08:00"}, "tue": {"hours": "08:00-17:00", "breaks": ["18:00-19:00"]},
                          "xyz": {"hours": "08:00-17:00"}},
                 "holidays": [{"date": "13-45", "name": "?"}, {"date": "01-01", "name": ""}]}""");
        assertThatThrownBy(() -> SchedulePlan.fromJson(edit, sample()))
                .isInstanceOfSatisfying(SchedulePlan.Invalid.class, e -> assertThat(e.errors).containsExactlyInAnyOrder(
                        "week.mon.hours: 17:00-08:00 ends before it starts",
                        "week.tue.breaks.0: 18:00-19:00 is not within the hours 08:00-17:00",
                        "week.xyz: not a day (mon, tue, wed, thu, fri, sat, sun)",
                        "holidays.0.date: '13-45' is not MM-DD or YYYY-MM-DD",
                        "holidays.1.name: a holiday needs a name"));
    }
}
