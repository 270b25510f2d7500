import Foundation
import PhuongSoCore
import Vapor

/// The minutes (biên bản) of a dialogue conference as a Decree 30 document (Nghị định 30/2020,
/// Phụ lục III, mẫu 1.6: time, place, attendees, chair, secretary, proceedings, end time, the
/// secretary's and the chair's signatures), written as DOCX by the reports' writer.
enum DialogueMinutes {
    static let media = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    static func document(_ d: DialogueQueries.Detail) throws -> Decree30Document {
        let c = d.conference
        let held = try c.heldOn.map { try LocalDate(parsing: $0) } ?? c.scheduledDay
        let place = ReformReportDocument.placeName(d.unit.name)
        var blocks: [Decree30Document.Block] = [
            .paragraph(
                "Thời gian bắt đầu: \(clock(c.startTime)), ngày \(held.day) tháng \(held.month) năm \(held.year)."),
            .paragraph("Địa điểm: \(c.place)."),
            .paragraph("Thành phần tham dự:"),
        ]
        let present = c.attendance.split(whereSeparator: \.isNewline).map(String.init)
        blocks += (present.isEmpty ? c.inviteeLines : present).map { .paragraph("- " + $0 + ";") }
        if let n = c.participants { blocks.append(.paragraph("Tổng số người tham dự: \(n) người.")) }
        blocks += [
            .paragraph("Chủ trì (chủ tọa): \(c.chair.displayName); phối hợp: \(c.frontRepresentative)."),
            .paragraph("Thư ký (người ghi biên bản): \(c.secretary.displayName)."),
            .heading("NỘI DUNG HỘI NGHỊ"),
            .subheading("1. Nội dung đối thoại"),
            .paragraph(c.agenda),
            .subheading("2. Ý kiến, câu hỏi của Nhân dân và trả lời"),
        ]
        if d.questions.isEmpty { blocks.append(.paragraph("Không có câu hỏi.")) }
        for q in d.questions {
            let asker = q.askerName.isEmpty ? "" : " — " + q.askerName
            blocks.append(.paragraph("Câu hỏi số \(q.number) (\(q.source.vietnamese.lowercased())\(asker)): \(q.text)"))
            let who = q.answeredBy.map { " (\($0.displayName))" } ?? ""
            blocks.append(.paragraph("Trả lời\(who): " + (q.answer ?? "chưa trả lời.")))
        }
        blocks.append(.subheading("3. Cam kết của Ủy ban nhân dân"))
        if d.commitments.isEmpty { blocks.append(.paragraph("Không có cam kết.")) }
        for m in d.commitments {
            blocks.append(
                .paragraph(
                    "\(m.number). \(m.text) Người chủ trì thực hiện: \(m.task.lead.displayName); hạn hoàn thành: "
                        + Format.date(m.task.originalDeadline) + "."))
        }
        blocks.append(
            .paragraph(
                "Hội nghị kết thúc vào " + (c.endTime.map(clock) ?? "…… giờ ……") + " cùng ngày. Biên bản được đọc lại"
                    + " cho người tham dự nghe và thống nhất./."))
        if c.illustrative { blocks.append(.note("Hội nghị, tên người và nội dung là dữ liệu minh họa.")) }
        var doc = Decree30Document(
            issuer: ["ỦY BAN NHÂN DÂN", d.unit.name.uppercased()],
            number: c.minutesNumber.isEmpty ? "      /BB-UBND" : c.minutesNumber, place: place,
            date: try c.minutesDate.map { try LocalDate(parsing: $0) } ?? held, kind: "BIÊN BẢN",
            subject: c.title.hasPrefix("Hội nghị") ? c.title : "Hội nghị đối thoại: " + c.title, blocks: blocks,
            signature: .init(authority: "", title: "Chủ tọa", name: c.chair.displayName),
            recipients: [
                "- Thường trực HĐND \(d.unit.name);", "- Ủy ban MTTQ Việt Nam \(d.unit.name);",
                "- Lưu: VT, VP.",
            ])
        doc.secretary = .init(authority: "", title: "Thư ký", name: c.secretary.displayName)
        return doc
    }

    /// "08:30" as the minutes write it: "08 giờ 30".
    static func clock(_ hhmm: String) -> String {
        let parts = hhmm.split(separator: ":")
        return parts.count == 2 ? "\(parts[0]) giờ \(parts[1])" : hhmm
    }

    static func filename(_ c: ConferenceRecord) -> String { "bien-ban-hoi-nghi-doi-thoai-\(c.date)" }

    /// The DOCX as a download.
    static func response(_ d: DialogueQueries.Detail) throws -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: media)
        headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"\(filename(d.conference)).docx\"")
        return Response(status: .ok, headers: headers, body: .init(data: try DocxWriter.document(try document(d))))
    }
}
