@testable import PhuongSoCore

func date(_ text: String) -> LocalDate { try! LocalDate(parsing: text) }
func at(_ text: String) -> Instant { try! LocalDateTime(parsing: text).instant }
func show(_ instant: Instant) -> String { LocalDateTime(instant).description }

/// One calendar for the whole suite: building it computes a century of holidays.
let standardCalendar = try! WorkingCalendar(years: 2000...2100)
