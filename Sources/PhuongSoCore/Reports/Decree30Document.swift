/// An administrative document laid out as Nghị định 30/2020/NĐ-CP on công tác văn thư requires
/// (Phụ lục I: thể thức và kỹ thuật trình bày văn bản hành chính): the issuing body and the
/// national motto side by side at the top, number and symbol under the issuer, place and date
/// under the motto, the kind and subject centred, the body, then "Nơi nhận" on the left and the
/// signature block on the right. A value only: the DOCX writer in the app turns it into a file,
/// so the wording of a report can be checked without opening Word.
package struct Decree30Document: Sendable, Hashable {
    /// Issuing body, top left, e.g. ["ỦY BAN NHÂN DÂN", "PHƯỜNG HÀNG BẠC"] (bold caps; the last
    /// line gets the short rule under it — Phụ lục I, mục II.2).
    package var issuer: [String]
    /// "Số: 05/BC-UBND" is built from this: the number and symbol, e.g. "05/BC-UBND"; a draft may
    /// carry "   /BC-UBND" (the number is given when the document is registered, Điều 15).
    package var number: String
    /// Place name for the date line, e.g. "Hàng Bạc" (the line reads "Hàng Bạc, ngày 05 tháng 01
    /// năm 2026"). Caller passes what Decree 30 wants (Phụ lục I, mục II.4: the name of the ward
    /// where the body sits).
    package var place: String
    package var date: LocalDate
    /// The kind of document, e.g. "BÁO CÁO" (tên loại, Phụ lục I, mục II.5).
    package var kind: String
    /// The subject line under the title (trích yếu, bold), e.g. "Kết quả thực hiện công tác cải
    /// cách hành chính quý I năm 2026".
    package var subject: String
    package var blocks: [Block]
    package var signature: Signature
    /// "Nơi nhận:" items, each as printed ("- UBND Thành phố;"), the last normally "- Lưu: VT, VP.".
    package var recipients: [String]
    /// Minutes (biên bản, Nghị định 30/2020, Phụ lục III, mẫu 1.6) are signed by the secretary on
    /// the left and the chair (`signature`) on the right, "Nơi nhận" below them, and carry no dated
    /// place line under the motto (the time is in the body). Nil for every other kind.
    package var secretary: Signature? = nil

    package init(
        issuer: [String], number: String, place: String, date: LocalDate, kind: String, subject: String,
        blocks: [Block], signature: Signature, recipients: [String]
    ) {
        self.issuer = issuer
        self.number = number
        self.place = place
        self.date = date
        self.kind = kind
        self.subject = subject
        self.blocks = blocks
        self.signature = signature
        self.recipients = recipients
    }

    /// A piece of the body (nội dung, Phụ lục I, mục II.6), in reading order.
    package enum Block: Sendable, Hashable {
        /// A section heading, bold, e.g. "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH".
        case heading(String)
        /// Bold, e.g. "1. Cải cách thể chế".
        case subheading(String)
        /// Justified body with a first-line indent; "\n" splits paragraphs.
        case paragraph(String)
        case table(Table)
        /// An italic small line, e.g. a source or "số liệu minh họa".
        case note(String)
    }

    /// A table of figures: a bold caption above, one header row (repeated on every page), rows.
    package struct Table: Sendable, Hashable {
        package var caption: String
        package var header: [String]
        package var rows: [[String]]

        package init(caption: String, header: [String], rows: [[String]]) {
            self.caption = caption
            self.header = header
            self.rows = rows
        }
    }

    /// Quyền hạn, chức vụ, họ tên người ký (Phụ lục I, mục II.7).
    package struct Signature: Sendable, Hashable {
        /// "TM. ỦY BAN NHÂN DÂN"
        package var authority: String
        /// "CHỦ TỊCH"
        package var title: String
        /// May be empty in a draft.
        package var name: String

        package init(authority: String, title: String, name: String) {
            self.authority = authority
            self.title = title
            self.name = name
        }
    }

    /// "Số: 05/BC-UBND" (Phụ lục I, mục II.3).
    package var numberLine: String { "Số: " + number }

    /// "Hàng Bạc, ngày 05 tháng 01 năm 2026": leading zero for day < 10 and for months 1 and 2
    /// (Decree 30, Phụ lục I, mục II.4 "Địa danh và thời gian ban hành văn bản": "đối với những số
    /// thể hiện ngày nhỏ hơn 10 và tháng 1, 2 phải ghi thêm số 0 ở trước", so that nobody can
    /// turn 5 into 15 or 1 into 11 by adding a digit; months 3 to 12 are written as they are).
    package static func dateLine(place: String, date: LocalDate) -> String {
        let day = date.day < 10 ? "0\(date.day)" : "\(date.day)"
        let month = date.month < 3 ? "0\(date.month)" : "\(date.month)"
        return "\(place), ngày \(day) tháng \(month) năm \(date.year)"
    }

    /// The date line of this document.
    package var dateLine: String { Decree30Document.dateLine(place: place, date: date) }

    /// The paragraphs of a `.paragraph` block: one per line, blank lines and the spaces around
    /// each line dropped (an office types the narrative in a text area).
    package static func paragraphs(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline)
            .map { line in String(line.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()) }
            .filter { !$0.isEmpty }
    }
}
