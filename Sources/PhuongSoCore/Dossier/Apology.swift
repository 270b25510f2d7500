/// The apology and new appointment (BM.04): a late-running dossier may be given one new date,
/// asked for at the latest one working day before the current appointment.
public enum Apology {
    public enum Refusal: String, Error, Sendable {
        case alreadyGiven, tooLate, newDateNotLater, reasonRequired, notInProcess

        public var vi: String {
            switch self {
            case .alreadyGiven: return "Hồ sơ đã có một thư xin lỗi và hẹn lại; chỉ được hẹn lại một lần."
            case .tooLate: return "Phải xin lỗi, hẹn lại chậm nhất 01 ngày làm việc trước thời hạn trả kết quả."
            case .newDateNotLater: return "Ngày hẹn mới phải sau ngày hẹn hiện tại."
            case .reasonRequired: return "Ghi rõ lý do chậm trễ."
            case .notInProcess: return "Chỉ hẹn lại hồ sơ đang giải quyết."
            }
        }

        public var en: String {
            switch self {
            case .alreadyGiven: return "This dossier already has its one apology and new date."
            case .tooLate: return "The apology must come at least one working day before the appointment."
            case .newDateNotLater: return "The new date must be after the current appointment."
            case .reasonRequired: return "Give the reason for the delay."
            case .notInProcess: return "Only a dossier being processed can be given a new date."
            }
        }
    }

    public static func check(
        state: DossierState, now: Instant, due: Instant, newDue: Instant, reason: String, alreadyGiven: Bool,
        calendar: WorkingCalendar
    ) throws {
        guard [.received, .inProcess, .supplementRequestedInProcess].contains(state) else { throw Refusal.notInProcess }
        guard !alreadyGiven else { throw Refusal.alreadyGiven }
        guard !reason.allSatisfy(\.isWhitespace) else { throw Refusal.reasonRequired }
        guard newDue > due else { throw Refusal.newDateNotLater }
        guard try calendar.workingSeconds(from: now, to: due) >= Int64(calendar.hours.secondsPerDay) else {
            throw Refusal.tooLate
        }
    }
}
