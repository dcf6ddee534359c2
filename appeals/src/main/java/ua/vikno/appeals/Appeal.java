package ua.vikno.appeals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A resident's appeal, made from a completed call.
 *
 * @param number   human-readable, sequential per year and unique across nodes: {@code 2026-000123}
 * @param category the IVR labels joined, e.g. "Водопостачання / Гаряча вода"
 * @param assignee the operator (extension) or department the appeal is assigned to
 * @param linkedTo the open appeal an earlier call from this phone about the same category made
 * @param version  incremented by every change; updates are compare-and-set on it
 */
public record Appeal(String number, Instant createdAt, Instant updatedAt, String phone, AppealKind kind,
                     String category, String ivrPath, Optional<String> department, Optional<String> operator,
                     Optional<String> assignee, AppealStatus status, String callId, Optional<String> recording,
                     Optional<String> linkedTo, List<SmsNote> sms, long version) {

    public Appeal withChange(AppealStatus newStatus, Optional<String> newAssignee, Instant at) {
        return new Appeal(number, createdAt, at, phone, kind, category, ivrPath, department, operator, newAssignee,
                newStatus, callId, recording, linkedTo, sms, version + 1);
    }

    /** The appeal with {@code newOperator} as the operator who talked to the resident, and a new status and assignee. */
    public Appeal withOperator(Optional<String> newOperator, AppealStatus newStatus, Optional<String> newAssignee,
                               Instant at) {
        return new Appeal(number, createdAt, at, phone, kind, category, ivrPath, department, newOperator, newAssignee,
                newStatus, callId, recording, linkedTo, sms, version + 1);
    }

    /** The appeal with {@code newRecording}, a file relative to the recording directory. */
    public Appeal withRecording(Optional<String> newRecording, Instant at) {
        return new Appeal(number, createdAt, at, phone, kind, category, ivrPath, department, operator, assignee,
                status, callId, newRecording, linkedTo, sms, version + 1);
    }

    public Appeal withSms(List<SmsNote> notes, Instant at) {
        return new Appeal(number, createdAt, at, phone, kind, category, ivrPath, department, operator, assignee,
                status, callId, recording, linkedTo, List.copyOf(notes), version + 1);
    }
}
