/// A text the interface shows in more than one place, in both languages: the catalogue of issue 12's
/// "one Vietnamese word per English term". Pages write `ctx.t(.status)` instead of repeating the pair;
/// the words are the ward's legal ones (docs/GLOSSARY.md). `scripts/check_terms.py` (run by
/// `scripts/lint`) keeps every other bilingual pair in Sources/ consistent with these and each other.
package struct Word: Sendable, Hashable {
    package let vi: String
    package let en: String
}

extension Word {
    // Pages and links
    package static let myWorkspace = Word(vi: "Bàn làm việc", en: "My workspace")
    package static let backToWorkspace = Word(vi: "← Về bàn làm việc", en: "← Back to my workspace")
    package static let back = Word(vi: "← Quay lại", en: "← Back")
    package static let myInbox = Word(vi: "Hồ sơ cần xử lý", en: "My inbox")
    package static let myDossiers = Word(vi: "Hồ sơ của tôi", en: "My dossiers")
    package static let myTasks = Word(vi: "Nhiệm vụ của tôi", en: "My tasks")
    package static let backToMyTasks = Word(vi: "← Nhiệm vụ của tôi", en: "← My tasks")
    package static let taskRegister = Word(vi: "Sổ theo dõi nhiệm vụ", en: "Task register")
    package static let reformOverview = Word(vi: "Tổng hợp cải cách hành chính", en: "Reform overview")
    package static let reformPlans = Word(vi: "Kế hoạch CCHC", en: "Reform plans")
    package static let administrativeReform = Word(vi: "Cải cách hành chính", en: "Administrative reform")
    package static let dossierStatistics = Word(vi: "Thống kê tình hình giải quyết hồ sơ", en: "Dossier statistics")
    package static let administrativeProcedures = Word(vi: "Thủ tục hành chính", en: "Administrative procedures")
    package static let applyOnline = Word(vi: "Nộp hồ sơ trực tuyến", en: "Apply online")
    package static let trackDossier = Word(vi: "Tra cứu hồ sơ", en: "Track a dossier")
    package static let auditTrail = Word(vi: "Nhật ký thay đổi", en: "Audit trail")
    package static let workingCalendar = Word(vi: "Lịch làm việc", en: "Working calendar")
    package static let administration = Word(vi: "Quản trị", en: "Administration")
    package static let changePassword = Word(vi: "Đổi mật khẩu", en: "Change password")
    package static let logIn = Word(vi: "Đăng nhập", en: "Log in")
    package static let previousPage = Word(vi: "← Trang trước", en: "← Previous page")
    package static let nextPage = Word(vi: "Trang sau →", en: "Next page →")

    // Buttons and choices
    package static let save = Word(vi: "Lưu", en: "Save")
    package static let search = Word(vi: "Tìm", en: "Search")
    package static let show = Word(vi: "Xem", en: "Show")
    package static let record = Word(vi: "Ghi nhận", en: "Record")
    package static let edit = Word(vi: "Sửa", en: "Edit")
    package static let proceed = Word(vi: "Tiếp tục", en: "Continue")
    package static let lookUp = Word(vi: "Tra cứu", en: "Look up")
    package static let choose = Word(vi: "— Chọn —", en: "— Choose —")
    package static let allItems = Word(vi: "Tất cả", en: "All")
    package static let fixErrors = Word(vi: "Vui lòng sửa các lỗi bên dưới.", en: "Please correct the errors below.")

    // Dossiers and procedures
    package static let dossier = Word(vi: "Hồ sơ", en: "Dossier")
    package static let dossierCode = Word(vi: "Mã hồ sơ", en: "Dossier code")
    package static let procedure = Word(vi: "Thủ tục", en: "Procedure")
    package static let procedureCode = Word(vi: "Mã thủ tục", en: "Procedure code")
    package static let procedureName = Word(vi: "Tên thủ tục", en: "Procedure name")
    package static let applicant = Word(vi: "Người nộp", en: "Applicant")
    package static let lookupSecret = Word(vi: "Mã tra cứu", en: "Lookup secret")
    package static let status = Word(vi: "Trạng thái", en: "Status")
    package static let dueBack = Word(vi: "Hẹn trả", en: "Due back")
    package static let receivedAt = Word(vi: "Tiếp nhận lúc", en: "Received at")
    package static let dateReceived = Word(vi: "Ngày tiếp nhận", en: "Date received")
    package static let timeLimit = Word(vi: "Thời hạn giải quyết", en: "Time limit")
    package static let timeline = Word(vi: "Diễn biến", en: "Timeline")
    package static let dossierComponents = Word(vi: "Thành phần hồ sơ", en: "Dossier components")
    package static let document = Word(vi: "Giấy tờ", en: "Document")
    package static let result = Word(vi: "Kết quả", en: "Result")
    package static let executingAgency = Word(vi: "Cơ quan thực hiện", en: "Executing agency")
    package static let implementingLevel = Word(vi: "Cấp thực hiện", en: "Implementing level")
    package static let whoMayApply = Word(vi: "Đối tượng thực hiện", en: "Who may apply")
    package static let waysOfSubmission = Word(vi: "Cách thức thực hiện", en: "Ways of submission")
    package static let conditions = Word(vi: "Điều kiện thực hiện", en: "Conditions")
    package static let internalProcess = Word(vi: "Quy trình nội bộ", en: "Internal process")
    package static let publishingDecision = Word(vi: "Quyết định công bố", en: "Publishing decision")
    package static let version = Word(vi: "Phiên bản", en: "Version")
    package static let onTime = Word(vi: "Đúng hạn", en: "On time")
    package static let late = Word(vi: "Trễ hạn", en: "Late")
    package static let overdue = Word(vi: "Quá hạn", en: "Overdue")

    // Money
    package static let fees = Word(vi: "Phí, lệ phí", en: "Fees")
    package static let amount = Word(vi: "Số tiền", en: "Amount")
    package static let receipt = Word(vi: "Biên lai", en: "Receipt")
    package static let channel = Word(vi: "Kênh", en: "Channel")
    package static let transaction = Word(vi: "Mã giao dịch", en: "Transaction")
    package static let total = Word(vi: "Tổng cộng", en: "Total")

    // Units, people and accounts
    package static let unit = Word(vi: "Đơn vị", en: "Unit")
    package static let unitName = Word(vi: "Tên đơn vị", en: "Unit name")
    package static let wholeUnit = Word(vi: "Toàn đơn vị", en: "Whole unit")
    package static let field = Word(vi: "Lĩnh vực", en: "Field")
    package static let fieldName = Word(vi: "Tên lĩnh vực", en: "Field name")
    package static let fullName = Word(vi: "Họ và tên", en: "Full name")
    package static let username = Word(vi: "Tên đăng nhập", en: "Username")
    package static let role = Word(vi: "Vai trò", en: "Role")
    package static let accounts = Word(vi: "Tài khoản", en: "Accounts")
    package static let active = Word(vi: "Đang hoạt động", en: "Active")
    package static let address = Word(vi: "Địa chỉ", en: "Address")
    package static let phone = Word(vi: "Số điện thoại", en: "Phone")
    package static let workingHours = Word(vi: "Giờ làm việc", en: "Working hours")
    package static let who = Word(vi: "Người thực hiện", en: "Who")

    // Records in general
    package static let code = Word(vi: "Mã", en: "Code")
    package static let name = Word(vi: "Tên", en: "Name")
    package static let kind = Word(vi: "Loại", en: "Kind")
    package static let date = Word(vi: "Ngày", en: "Date")
    package static let year = Word(vi: "Năm", en: "Year")
    package static let when = Word(vi: "Thời điểm", en: "When")
    package static let fromDate = Word(vi: "Từ ngày", en: "From")
    package static let toDate = Word(vi: "Đến ngày", en: "To")
    package static let start = Word(vi: "Ngày bắt đầu", en: "Start")
    package static let content = Word(vi: "Nội dung", en: "Content")
    package static let note = Word(vi: "Ghi chú", en: "Note")
    package static let comment = Word(vi: "Nhận xét", en: "Comment")
    package static let reason = Word(vi: "Lý do", en: "Reason")
    package static let source = Word(vi: "Nguồn", en: "Source")
    package static let number = Word(vi: "Số", en: "Number")

    // Plans, tasks and documents
    package static let plan = Word(vi: "Kế hoạch", en: "Plan")
    package static let planTitle = Word(vi: "Tên kế hoạch", en: "Plan title")
    package static let sectionName = Word(vi: "Tên mục", en: "Section name")
    package static let target = Word(vi: "Chỉ tiêu", en: "Target")
    package static let goal = Word(vi: "Mức phấn đấu", en: "Goal")
    package static let task = Word(vi: "Nhiệm vụ", en: "Task")
    package static let taskTitle = Word(vi: "Tên nhiệm vụ", en: "Task title")
    package static let lead = Word(vi: "Người chủ trì", en: "Lead")
    package static let deadline = Word(vi: "Hạn hoàn thành", en: "Deadline")
    package static let progress = Word(vi: "Tiến độ", en: "Progress")
    package static let priority = Word(vi: "Mức ưu tiên", en: "Priority")
    package static let numberAndSymbol = Word(vi: "Số ký hiệu", en: "Number and symbol")
    package static let documentNumber = Word(vi: "Số hiệu văn bản", en: "Document number")
    package static let documentDate = Word(vi: "Ngày văn bản", en: "Document date")
    package static let dateIssued = Word(vi: "Ngày ban hành", en: "Date issued")
    package static let signer = Word(vi: "Người ký", en: "Signer")
    package static let signerTitle = Word(vi: "Chức vụ người ký", en: "Signer's title")
    package static let noticeNumber = Word(vi: "Số thông báo", en: "Notice number")

    /// Every word above, for the test that each term has one translation.
    package static let all: [Word] = [
        .myWorkspace, .backToWorkspace, .back, .myInbox, .myDossiers, .myTasks, .backToMyTasks, .taskRegister,
        .reformOverview, .reformPlans, .administrativeReform, .dossierStatistics, .administrativeProcedures,
        .applyOnline, .trackDossier, .auditTrail, .workingCalendar, .administration, .changePassword, .logIn,
        .previousPage, .nextPage, .save, .search, .show, .record, .edit, .proceed, .lookUp, .choose, .allItems,
        .fixErrors, .dossier, .dossierCode, .procedure, .procedureCode, .procedureName, .applicant, .lookupSecret,
        .status, .dueBack, .receivedAt, .dateReceived, .timeLimit, .timeline, .dossierComponents, .document,
        .result, .executingAgency, .implementingLevel, .whoMayApply, .waysOfSubmission, .conditions,
        .internalProcess, .publishingDecision, .version, .onTime, .late, .overdue, .fees, .amount, .receipt,
        .channel, .transaction, .total, .unit, .unitName, .wholeUnit, .field, .fieldName, .fullName, .username,
        .role, .accounts, .active, .address, .phone, .workingHours, .who, .code, .name, .kind, .date, .year, .when,
        .fromDate, .toDate, .start, .content, .note, .comment, .reason, .source, .number, .plan, .planTitle,
        .sectionName, .target, .goal, .task, .taskTitle, .lead, .deadline, .progress, .priority, .numberAndSymbol,
        .documentNumber, .documentDate, .dateIssued, .signer, .signerTitle, .noticeNumber,
    ]
}

extension Language {
    /// The word in this language.
    package func t(_ word: Word) -> String { t(word.vi, word.en) }
}

extension PageContext {
    /// The word in the page's language.
    package func t(_ word: Word) -> String { lang.t(word) }
}
